; Injections for the glossary format (nvim-treesitter capture names).

; Each run of body text is Markdown on its own. Not combined: a combined
; injection would join the bodies of different entries into one document.
((text) @injection.content
  (#set! injection.language "markdown"))

; A fenced block's info string names the language of its content.
(code_block
  (info_string) @injection.language
  (code_content) @injection.content)

((math_content) @injection.content
  (#set! injection.language "latex"))
