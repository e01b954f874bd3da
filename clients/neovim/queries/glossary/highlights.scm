; Highlights for the glossary format (nvim-treesitter capture names).

; The headword is the entry's name; the other items are its synonyms. The
; headword pattern comes first (the tree-sitter CLI keeps the first capture of
; a node) and has a higher priority (Neovim keeps the highest).
((header
  headword: (term) @keyword)
  (#set! "priority" 101))
(term) @type
(category) @label

(code_block
  (fence_delimiter) @punctuation.delimiter)
(info_string) @label
(math_block
  (math_delimiter) @punctuation.delimiter)

(preamble_line) @comment
(stray) @error
