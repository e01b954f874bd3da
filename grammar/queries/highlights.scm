; Highlights for the glossary format (nvim-treesitter capture names).

; The headword is the entry's name; the other items are its synonyms. The
; two patterns never overlap (only the headword has no comma before it), so
; the result does not depend on an editor's precedence rules.
(header
  headword: (term) @keyword)
(header
  "," (term) @type)
(category) @label
"," @punctuation.delimiter

(code_block
  (fence_delimiter) @punctuation.delimiter)
(info_string) @label
(math_block
  (math_delimiter) @punctuation.delimiter)

(preamble_line) @comment
(stray) @error
