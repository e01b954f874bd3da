-- queries_test.lua — the tree-sitter side of the Neovim client: the query
-- files under queries/glossary/ are exact copies of grammar/queries/ (they
-- must not drift), and Neovim loads the parser compiled the way the README
-- tells users to, parses a glossary, and runs the queries with the expected
-- captures. Run by test/run.sh; TAP on stdout.
local T = dofile(vim.env.GLS_NVIM_TEST_DIR .. '/tap.lua')

local plugin = vim.env.GLS_NVIM_PLUGIN_DIR
local root = assert(vim.env.GLS_SOURCE_ROOT, 'GLS_SOURCE_ROOT is not set')

local function read(path)
  local f = io.open(path, 'rb')
  if not f then
    return nil
  end
  local text = f:read('*a')
  f:close()
  return text
end

vim.opt.runtimepath:prepend(plugin)

for _, name in ipairs({ 'highlights', 'injections' }) do
  T.check(('queries/glossary/%s.scm is a copy of grammar/queries/%s.scm'):format(name, name), function()
    local original = read(root .. '/grammar/queries/' .. name .. '.scm')
    T.ok(original ~= nil and #original > 0, 'grammar/queries/' .. name .. '.scm is missing')
    T.ok(read(plugin .. '/queries/glossary/' .. name .. '.scm') == original,
      'out of date: cp grammar/queries/' .. name .. '.scm clients/neovim/queries/glossary/')
  end)
end

-- The parser, built as the README says, into the data directory's parser/.
local parser_dir = vim.fn.stdpath('data') .. '/site/parser'
local cc = vim.env.CC or 'cc'
local have_cc = vim.fn.executable(cc) == 1
local built = false

T.check('the parser compiles and loads into Neovim', function()
  if not have_cc then
    return T.skip('no C compiler (' .. cc .. ')')
  end
  vim.fn.mkdir(parser_dir, 'p')
  local src = root .. '/grammar/src'
  local out = vim.fn.system({ cc, '-shared', '-fPIC', '-O2', '-I', src, src .. '/parser.c', src .. '/scanner.c',
    '-o', parser_dir .. '/glossary.so' })
  T.equal(vim.v.shell_error, 0, out)
  if vim.treesitter.language.add then
    vim.treesitter.language.add('glossary')
  else
    vim.treesitter.require_language('glossary')
  end
  built = true
end)

local function get_query(kind)
  if vim.treesitter.query.get then
    return vim.treesitter.query.get('glossary', kind)
  end
  return vim.treesitter.get_query('glossary', kind)
end

local sample = {
  '← Back to AI Factory Chat',
  '',
  'rotary position embedding,rope,positional encoding',
  '',
  '**Rotary Position Embedding** rotates queries and keys.',
  '',
  'ring attention,distributed training',
  '```python',
  'x = 1',
  '```',
  '$$',
  'a^2',
  '$$',
}

-- node text -> set of capture names, for one query over the sample.
local function captures(kind)
  local buf = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, sample)
  local parser = vim.treesitter.get_parser(buf, 'glossary')
  local tree = parser:parse()[1]
  local query = get_query(kind)
  T.ok(query ~= nil, 'queries/glossary/' .. kind .. '.scm not found on runtimepath')
  local result = {}
  for id, node, metadata in query:iter_captures(tree:root(), buf, 0, -1) do
    local text = vim.treesitter.get_node_text and vim.treesitter.get_node_text(node, buf)
      or vim.treesitter.query.get_node_text(node, buf)
    result[text] = result[text] or {}
    result[text][query.captures[id]] = metadata and metadata.priority or true
  end
  return result, query
end

T.check('highlights: headword, terms, category, fences, preamble', function()
  if not built then
    return T.skip('no parser')
  end
  local c = captures('highlights')
  T.ok(c['rotary position embedding'] and c['rotary position embedding'].keyword ~= nil, vim.inspect(c))
  T.ok(c['rope'] and c['rope'].type and not c['rope'].keyword, vim.inspect(c['rope']))
  T.ok(c['positional encoding'] and c['positional encoding'].type, 'three different items: all terms')
  T.ok(c['distributed training'] and c['distributed training'].label, vim.inspect(c))
  T.ok(c['ring attention'] and c['ring attention'].keyword, vim.inspect(c['ring attention']))
  T.ok(c['```'] and c['```']['punctuation.delimiter'], vim.inspect(c['```']))
  T.ok(c['python'] and c['python'].label, vim.inspect(c['python']))
  T.ok(c['$$'] and c['$$']['punctuation.delimiter'], vim.inspect(c['$$']))
  T.ok(c['← Back to AI Factory Chat'] and c['← Back to AI Factory Chat'].comment, 'preamble')
end)

T.check('injections: Markdown bodies, code by info string, LaTeX math', function()
  if not built then
    return T.skip('no parser')
  end
  local c, query = captures('injections')
  T.ok(vim.tbl_contains(query.captures, 'injection.content'), vim.inspect(query.captures))
  -- Node extents include line ends; compare trimmed text.
  local function content(text)
    for key, names in pairs(c) do
      if vim.trim(key) == text and names['injection.content'] then
        return true
      end
    end
    return false
  end
  T.ok(content('**Rotary Position Embedding** rotates queries and keys.'), 'body: ' .. vim.inspect(c))
  T.ok(c['python'] and c['python']['injection.language'], vim.inspect(c['python']))
  T.ok(content('x = 1'), 'code: ' .. vim.inspect(c))
  T.ok(content('a^2'), 'math: ' .. vim.inspect(c))
  T.ok(not content('rotary position embedding,rope,positional encoding'), 'a header is not injected')
end)

-- README.md's FileType snippet, run as written: on this Neovim (Debian's is
-- 0.7, which has no vim.treesitter.start) it must attach a highlighter to a
-- *.glossary buffer.
T.check("README.md's tree-sitter snippet highlights a .glossary buffer", function()
  if not built then
    return T.skip('no parser')
  end
  local readme = read(root .. '/README.md')
  local snippet = readme and readme:match('```lua\n(%-%- Tree%-sitter highlighting of %*%.glossary buffers.-)```')
  T.ok(snippet ~= nil, 'README.md has no tree-sitter snippet')
  local chunk = assert((loadstring or load)(snippet))
  chunk()
  vim.cmd('filetype on')
  local file = vim.fn.tempname() .. '.glossary'
  vim.fn.writefile(sample, file)
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  T.equal(vim.bo[buf].filetype, 'glossary')
  T.ok(vim.treesitter.highlighter.active[buf] ~= nil, 'no tree-sitter highlighter on the buffer')
end)

T.finish()
