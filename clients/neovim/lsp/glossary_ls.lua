---@brief
--- glossary-ls: a language server for technical glossary terms in Markdown and
--- code comments (hover, completion, go-to-definition, diagnostics with quick
--- fixes). The binary must be on PATH, or set `cmd`.
---
--- Neovim 0.11+: put this directory on 'runtimepath' (or copy this file into
--- the `lsp/` folder of your config) and enable it:
---
--- ```lua
--- vim.lsp.enable('glossary_ls')
--- ```
---
--- Settings are the fields of a project's `.glossary-ls.json` (glossaries,
--- defaultGlossary, rules, ignoreWords), under the `glossaryLs` key:
---
--- ```lua
--- vim.lsp.config('glossary_ls', {
---   settings = { glossaryLs = { rules = { ['term-case'] = 'error' } } },
--- })
--- ```
---
--- An empty Lua table is sent as a JSON array: leave a key out rather than
--- setting it to `{}` (or use `vim.empty_dict()`).

---@type vim.lsp.Config
return {
  cmd = { 'glossary-ls' },
  -- Markdown, the glossary format, and the languages whose comments the
  -- server reads (Neovim sends the filetype as the LSP languageId).
  filetypes = {
    'markdown',
    'glossary',
    'c',
    'cpp',
    'python',
    'javascript',
    'javascriptreact',
    'typescript',
    'typescriptreact',
    'rust',
    'go',
    'sh',
    'bash',
    'zsh',
    'lua',
    'java',
  },
  root_markers = { '.glossary-ls.json', '.git' },
  -- Files outside any project still get glossary features.
  workspace_required = false,
}
