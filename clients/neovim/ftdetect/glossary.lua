-- *.glossary files are the glossary format (grammar/README.md).
-- Neovim 0.8+ detects filetypes in Lua (vim.filetype.add); 0.7 only reads
-- vim.filetype.add tables when g:do_filetype_lua is set, so use an autocmd.
if vim.fn.has('nvim-0.8') == 1 then
  vim.filetype.add({ extension = { glossary = 'glossary' } })
else
  vim.cmd([[autocmd BufRead,BufNewFile *.glossary setfiletype glossary]])
end
