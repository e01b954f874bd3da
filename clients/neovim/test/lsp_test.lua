-- lsp_test.lua — drives glossary-ls through Neovim's own LSP client, headless,
-- the way a user's editor would: the plugin (lua/glossary_ls) starts the
-- server from a FileType autocmd, then diagnostics, hover, completion through
-- <C-x><C-o> typed in insert mode, and go-to-definition.
--
-- Run by test/run.sh (see there for the environment): prints TAP on stdout
-- and exits non-zero when a check fails. GLS_FEATURES lists the optional
-- language features compiled into the server (lsp/server/meson.build):
-- a check whose feature is not built is reported as skipped, never faked.
local T = dofile(vim.env.GLS_NVIM_TEST_DIR .. '/tap.lua')

local binary = assert(vim.env.GLS_BINARY, 'GLS_BINARY is not set')
local project = assert(vim.env.GLS_TEST_PROJECT, 'GLS_TEST_PROJECT is not set')
local features = {}
for name in (vim.env.GLS_FEATURES or ''):gmatch('[^,%s]+') do
  features[name] = true
end

local TIMEOUT = 20000

local function clients(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr })
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
end

local function write(path, lines)
  local f = assert(io.open(path, 'w'))
  f:write(table.concat(lines, '\n') .. '\n')
  f:close()
end

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

-- What `glossary-ls define TERM` says: title, file and line of the best entry.
local function define(term)
  local out = vim.fn.systemlist({ binary, 'define', term })
  assert(vim.v.shell_error == 0, 'glossary-ls define ' .. term .. ' failed')
  local file, line = out[2]:match('^%s*(.-):(%d+)$')
  return { title = out[1], file = file, line = tonumber(line) }
end

local function position_params(row, col)
  return {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    position = { line = row, character = col },
  }
end

local function hover_text(result)
  local contents = result and result.contents
  if type(contents) == 'string' then
    return contents
  elseif type(contents) == 'table' and contents.value then
    return contents.value
  elseif type(contents) == 'table' then
    local parts = {}
    for _, c in ipairs(contents) do
      parts[#parts + 1] = type(c) == 'string' and c or c.value
    end
    return table.concat(parts, '\n')
  end
  return ''
end

vim.opt.runtimepath:prepend(vim.env.GLS_NVIM_PLUGIN_DIR)
-- Filetype plugins on, as in every default Neovim: Neovim's markdown and c
-- ftplugins set 'omnifunc' themselves (issue 15: completion never fired).
vim.cmd('filetype plugin on')
require('glossary_ls').setup({ cmd = { binary } })

-- ---------------------------------------------------------------------------
local doc = project .. '/notes.md'
write(doc, {
  'We fine-tune the model with Lora adapters.',
  'A rotary position embedding rotates queries and keys.',
  'rotary po',
})
vim.cmd('edit ' .. vim.fn.fnameescape(doc))
local md = vim.api.nvim_get_current_buf()

T.check('a Markdown buffer attaches to glossary-ls', function()
  T.ok(vim.bo[md].filetype == 'markdown', 'filetype ' .. vim.bo[md].filetype)
  T.ok(vim.wait(TIMEOUT, function()
    return #clients(md) > 0
  end, 20), 'no client attached')
  local client = clients(md)[1]
  T.equal(client.name, 'glossary_ls')
  T.equal(client.config.root_dir, project)
  -- The ftplugin's htmlcomplete#CompleteTags is replaced once attached.
  T.ok(vim.wait(TIMEOUT, function()
    return vim.bo[md].omnifunc == 'v:lua.vim.lsp.omnifunc'
  end, 20), 'omnifunc is ' .. vim.bo[md].omnifunc)
end)

T.check('diagnostics: "Lora" is reported as term-case', function()
  T.ok(vim.wait(TIMEOUT, function()
    return #vim.diagnostic.get(md) > 0
  end, 20), 'no diagnostics arrived')
  local found
  for _, d in ipairs(vim.diagnostic.get(md)) do
    if code_of(d) == 'term-case' then
      found = d
    end
  end
  T.ok(found ~= nil, 'no term-case diagnostic: ' .. vim.inspect(vim.diagnostic.get(md)))
  T.equal(found.lnum, 0)
  local line = vim.api.nvim_buf_get_lines(md, 0, 1, false)[1]
  T.equal(line:sub(found.col + 1, found.end_col), 'Lora')
  T.ok(found.message:find('LoRA', 1, true) ~= nil, found.message)
end)

local rope = define('rotary position embedding')

T.check('hover on "rotary position embedding" shows its definition', function()
  if not features.hover then
    return T.skip('the server is built without hover')
  end
  local replies = vim.lsp.buf_request_sync(md, 'textDocument/hover', position_params(1, 6), TIMEOUT)
  T.ok(replies ~= nil, 'no reply to textDocument/hover')
  local text = ''
  for _, reply in pairs(replies) do
    T.ok(reply.err == nil, vim.inspect(reply.err))
    text = text .. hover_text(reply.result)
  end
  -- The entry `glossary-ls define` ranks first is the one hover shows.
  T.ok(text:find(rope.title, 1, true) ~= nil, 'hover lacks "' .. rope.title .. '":\n' .. text)
end)

T.check('definition jumps to the glossary entry', function()
  if not features.definition then
    return T.skip('the server is built without definition')
  end
  vim.api.nvim_set_current_buf(md)
  vim.api.nvim_win_set_cursor(0, { 2, 8 })
  vim.lsp.buf.definition()
  T.ok(vim.wait(TIMEOUT, function()
    return vim.api.nvim_get_current_buf() ~= md
  end, 20), 'the cursor stayed in the Markdown buffer')
  -- Several entries define the term: Neovim lists them in the quickfix
  -- window (sorted by position); the best one (`define`'s) must be there.
  -- Pick the first as a user would.
  if vim.bo.buftype == 'quickfix' then
    local best = false
    for _, item in ipairs(vim.fn.getqflist()) do
      if vim.fn.resolve(vim.api.nvim_buf_get_name(item.bufnr)) == vim.fn.resolve(rope.file) and item.lnum == rope.line then
        best = true
      end
    end
    T.ok(best, 'the quickfix list lacks ' .. rope.file .. ':' .. rope.line)
    vim.cmd('cc 1')
  else
    T.equal(vim.api.nvim_win_get_cursor(0)[1], rope.line)
  end
  T.equal(vim.fn.resolve(vim.api.nvim_buf_get_name(0)), vim.fn.resolve(rope.file))
  -- On an entry that defines the term: its header line names it.
  local row = vim.api.nvim_win_get_cursor(0)[1]
  local text = vim.api.nvim_get_current_line():lower()
  T.ok(text:find('rotary position embedding', 1, true) ~= nil, 'line ' .. row .. ': ' .. text)
  vim.cmd('cclose')
  vim.api.nvim_set_current_buf(md)
end)

-- A C buffer: the c ftplugin sets ccomplete#Complete; attached to the
-- running client, the buffer still ends up with the LSP omnifunc.
local csrc = project .. '/rope.c'
write(csrc, { 'int main(void) { return 0; }', '// Apply the rotary po' })

T.check('a C buffer attached to the running client gets the LSP omnifunc', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(csrc))
  local buf = vim.api.nvim_get_current_buf()
  T.equal(vim.bo[buf].filetype, 'c')
  T.ok(vim.wait(TIMEOUT, function()
    return #clients(buf) > 0 and vim.bo[buf].omnifunc == 'v:lua.vim.lsp.omnifunc'
  end, 20), 'omnifunc is ' .. vim.bo[buf].omnifunc)
  vim.cmd('buffer ' .. md)
end)

T.check('a Python comment is checked too', function()
  local py = project .. '/train.py'
  write(py, { '# Merge the Lora weights after training.', 'x = 1' })
  vim.cmd('edit ' .. vim.fn.fnameescape(py))
  local buf = vim.api.nvim_get_current_buf()
  T.equal(vim.bo[buf].filetype, 'python')
  T.ok(vim.wait(TIMEOUT, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if code_of(d) == 'term-case' then
        return true
      end
    end
    return false
  end, 20), 'no term-case diagnostic in the comment')
  -- One client per project: the Python buffer shares the Markdown one's.
  T.equal(clients(buf)[1].id, clients(md)[1].id)
  vim.cmd('buffer ' .. md)
end)

T.check('*.glossary files get the glossary filetype and the server', function()
  local g = project .. '/team.glossary'
  write(g, { 'widget fab, manufacturing', '**Widget fab** makes widgets.' })
  vim.cmd('edit ' .. vim.fn.fnameescape(g))
  local buf = vim.api.nvim_get_current_buf()
  T.equal(vim.bo[buf].filetype, 'glossary')
  T.ok(vim.wait(TIMEOUT, function()
    return #clients(buf) > 0
  end, 20), 'no client attached')
  vim.cmd('buffer ' .. md)
end)

T.check('a missing binary is reported once, nothing is started', function()
  local messages = {}
  local notify = vim.notify
  vim.notify = function(msg, level)
    messages[#messages + 1] = { msg = msg, level = level }
  end
  local missing = project .. '/no-such-glossary-ls'
  require('glossary_ls').setup({ cmd = { missing } })
  for _, name in ipairs({ 'a.md', 'b.md' }) do
    write(project .. '/' .. name, { 'Lora' })
    vim.cmd('edit ' .. vim.fn.fnameescape(project .. '/' .. name))
  end
  vim.wait(200, function()
    return #messages > 0
  end, 10)
  vim.notify = notify
  T.equal(#messages, 1)
  T.ok(messages[1].msg:find(missing, 1, true) ~= nil, messages[1].msg)
  T.equal(messages[1].level, vim.log.levels.ERROR)
  T.equal(#clients(0), 0)

  -- omnifunc = false: the filetype plugin's omnifunc is left alone.
  require('glossary_ls').setup({ cmd = { binary }, omnifunc = false })
  local own = project .. '/own.md'
  write(own, { 'Lora' })
  vim.cmd('edit ' .. vim.fn.fnameescape(own))
  local ob = vim.api.nvim_get_current_buf()
  T.ok(vim.wait(TIMEOUT, function()
    return #clients(ob) > 0
  end, 20), 'no client attached with omnifunc = false')
  vim.wait(100)
  T.equal(vim.bo[ob].omnifunc, 'htmlcomplete#CompleteTags')

  -- Back to the working configuration for the completion check.
  require('glossary_ls').setup({ cmd = { binary } })
  vim.cmd('buffer ' .. md)
  T.ok(vim.wait(TIMEOUT, function()
    local client = clients(md)[1]
    return client ~= nil and client.server_capabilities ~= nil and client.initialized ~= false
  end, 20), 'the restarted client did not initialize')
end)

-- Completion last: it needs the main loop to process typed keys, so the
-- checks finish from a timer after this script returns. Markdown prose, then
-- a C comment; each through <C-x><C-o> typed at the end of the line.
local function complete_at_end(name, bufnr, row, after)
  vim.api.nvim_set_current_buf(bufnr)
  vim.api.nvim_win_set_cursor(0, { row, 0 })
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('A<C-x><C-o>', true, false, true), 't', false)
  local timer = vim.loop.new_timer()
  local started = vim.loop.now()
  timer:start(100, 100, vim.schedule_wrap(function()
    local items = vim.fn.complete_info({ 'items' }).items
    if #items == 0 and vim.loop.now() - started < TIMEOUT then
      return
    end
    timer:stop()
    T.check(name, function()
      local words = {}
      for _, item in ipairs(items) do
        words[#words + 1] = item.word
      end
      T.ok(vim.tbl_contains(words, 'rotary position embedding'),
        ('items: %s (omnifunc %s, %d clients, line %q)'):format(vim.inspect(words), vim.bo[bufnr].omnifunc,
          #clients(bufnr), vim.api.nvim_get_current_line()))
    end)
    -- stopinsert takes effect once back in the main loop: go on after it.
    vim.cmd('stopinsert')
    vim.defer_fn(after, 50)
  end))
end

local names = {
  'completion of "rotary po" through <C-x><C-o> in Markdown',
  'completion of "rotary po" through <C-x><C-o> in a C comment',
}
if not features.completion then
  for _, name in ipairs(names) do
    T.check(name, function()
      T.skip('the server is built without completion')
    end)
  end
  T.finish()
else
  complete_at_end(names[1], md, 3, function()
    vim.cmd('edit ' .. vim.fn.fnameescape(csrc))
    local cb = vim.api.nvim_get_current_buf()
    vim.wait(TIMEOUT, function()
      return #clients(cb) > 0 and vim.bo[cb].omnifunc == 'v:lua.vim.lsp.omnifunc'
    end, 20)
    complete_at_end(names[2], cb, 2, function()
      T.finish()
    end)
  end)
end
