-- glossary_ls — starts the glossary-ls language server for Neovim 0.7 to 0.10
-- (on 0.11+ setup() hands over to vim.lsp.config / vim.lsp.enable).
--
-- Contract: setup(opts) registers a FileType autocmd for the configured
-- filetypes and attaches every matching buffer, already loaded or opened
-- later, to one client per project root (the nearest directory holding one of
-- root_markers; files outside any project share one client without a root).
-- opts are merged over lsp/glossary_ls.lua, the single source of the
-- defaults; every vim.lsp start option (cmd, settings, init_options,
-- on_attach, capabilities, ...) may be given. Calling setup() again replaces
-- the previous configuration (its clients are stopped). A missing binary is
-- reported once per setup().
--
-- Neovim 0.7 has no vim.lsp.start (0.8) and no vim.fs (0.8): clients are
-- started with vim.lsp.start_client and reused by root here; roots are found
-- with vim.loop.fs_stat.
local M = {}

local NAME = 'glossary_ls'
local uv = vim.uv or vim.loop
-- vim.tbl_islist is deprecated from 0.10 on (vim.islist).
local islist = vim.islist or vim.tbl_islist

-- Per-setup state: the merged configuration and the running clients by root.
local state = { config = nil, clients = {}, warned = false, group = nil }

--- The defaults of lsp/glossary_ls.lua (found on 'runtimepath').
function M.default_config()
  local file = vim.api.nvim_get_runtime_file('lsp/' .. NAME .. '.lua', false)[1]
  if file == nil then
    error('glossary_ls: lsp/glossary_ls.lua is not on runtimepath')
  end
  return dofile(file)
end

local function has(version)
  return vim.fn.has('nvim-' .. version) == 1
end

-- opts over defaults, one level of tables deep-merged; a list value (cmd,
-- filetypes, root_markers) replaces the default list instead of being merged
-- index by index.
local function merge(defaults, opts)
  local result = vim.deepcopy(defaults)
  for key, value in pairs(opts) do
    if type(value) == 'table' and not islist(value) and type(result[key]) == 'table' then
      result[key] = vim.tbl_deep_extend('force', result[key], value)
    else
      result[key] = value
    end
  end
  return result
end

local function dirname(path)
  return vim.fn.fnamemodify(path, ':h')
end

--- The nearest directory, from path's directory upwards, holding one of
--- markers (in the order of markers within one directory), or nil.
function M.find_root(path, markers)
  local dir = dirname(vim.fn.fnamemodify(path, ':p'))
  while true do
    for _, marker in ipairs(markers or {}) do
      if uv.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = dirname(dir)
    if parent == dir then
      return nil
    end
    dir = parent
  end
end

local function notify_missing(cmd)
  if state.warned then
    return
  end
  state.warned = true
  vim.schedule(function()
    vim.notify(
      ('glossary-ls: %q is not executable. Install glossary-ls or pass cmd = { "/path/to/glossary-ls" } to setup().'):format(
        cmd[1]
      ),
      vim.log.levels.ERROR
    )
  end)
end

-- Client methods take self from 0.11 on (dot calls are deprecated there);
-- before, they are closures, and stop's first argument is `force`.
local function client_call(client, method)
  if has('0.11') then
    return client[method](client)
  end
  return client[method]()
end

local function client_alive(id)
  local client = id and vim.lsp.get_client_by_id(id)
  return client ~= nil and not client_call(client, 'is_stopped')
end

-- The config handed to vim.lsp.start / start_client for one root.
local function client_config(config, root)
  local c = vim.deepcopy(config)
  c.name = NAME
  c.root_dir = root
  c.filetypes = nil
  c.root_markers = nil
  c.workspace_required = nil
  c.omnifunc = nil
  local user_on_attach = config.on_attach
  c.on_attach = function(client, bufnr)
    -- Neovim's own ftplugins set 'omnifunc' before any LSP client attaches
    -- (markdown: htmlcomplete#CompleteTags, c: ccomplete#Complete), and
    -- before 0.10 nothing replaces it: <C-x><C-o> would never reach the
    -- server. So an attached buffer gets the LSP omnifunc, whatever was set
    -- before, unless setup({ omnifunc = false }) opts out.
    -- Set again once the current FileType event is over: a buffer attached
    -- to a running client gets here from our FileType autocmd, which may
    -- run before the ftplugin's.
    if config.omnifunc ~= false then
      vim.bo[bufnr].omnifunc = 'v:lua.vim.lsp.omnifunc'
      vim.schedule(function()
        if vim.api.nvim_buf_is_valid(bufnr) then
          vim.bo[bufnr].omnifunc = 'v:lua.vim.lsp.omnifunc'
        end
      end)
    end
    if user_on_attach then
      user_on_attach(client, bufnr)
    end
  end
  return c
end

--- Attaches buffer bufnr (0: current) to the client of its project, starting
--- it if needed. Returns the client id, or nil when the buffer is not a file
--- or the server binary is missing.
function M.attach(bufnr)
  local config = state.config
  if config == nil then
    error('glossary_ls: call setup() first')
  end
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  if vim.fn.executable(config.cmd[1]) ~= 1 then
    notify_missing(config.cmd)
    return nil
  end

  local root = M.find_root(name, config.root_markers)
  local key = root or ''
  local id = state.clients[key]
  if not client_alive(id) then
    if has('0.8') then
      -- vim.lsp.start reuses a client with the same name and root itself.
      id = vim.lsp.start(client_config(config, root), { bufnr = bufnr })
      state.clients[key] = id
      return id
    end
    id = vim.lsp.start_client(client_config(config, root))
    if id == nil then
      return nil
    end
    state.clients[key] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

local function stop_all()
  local ids = vim.tbl_values(state.clients)
  state.clients = {}
  for _, id in ipairs(ids) do
    local client = vim.lsp.get_client_by_id(id)
    if client then
      client_call(client, 'stop')
    end
  end
  -- stop() is asynchronous: wait (bounded) so new clients do not race the
  -- old ones for the same buffers.
  vim.wait(2000, function()
    for _, id in ipairs(ids) do
      if client_alive(id) then
        return false
      end
    end
    return true
  end, 20)
end

--- Stops every glossary-ls client started by this module and attaches the
--- loaded buffers again (:GlossaryLsRestart).
function M.restart()
  stop_all()
  M.attach_loaded()
end

function M.attach_loaded()
  local filetypes = state.config.filetypes or {}
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end
end

--- opts: vim.lsp start options merged over lsp/glossary_ls.lua, plus
---   legacy = true    use the autocmd path even on Neovim 0.11+;
---   omnifunc = false leave 'omnifunc' of attached buffers alone (by default
---                    it becomes v:lua.vim.lsp.omnifunc, replacing what a
---                    filetype plugin set; 0.7 to 0.10 and legacy only: on
---                    0.11 use vim.lsp.completion.enable, see README.md).
function M.setup(opts)
  opts = opts or {}
  local legacy = opts.legacy
  opts = vim.deepcopy(opts)
  opts.legacy = nil

  if not legacy and vim.lsp.config ~= nil and vim.lsp.enable ~= nil then
    opts.omnifunc = nil
    vim.lsp.config(NAME, opts)
    vim.lsp.enable(NAME)
    return
  end

  -- A second setup() replaces the first: its clients run the old config.
  stop_all()
  state.config = merge(M.default_config(), opts)
  state.warned = false
  state.group = vim.api.nvim_create_augroup('glossary_ls', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = state.group,
    pattern = state.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
    desc = 'glossary-ls: attach the language server',
  })
  vim.api.nvim_create_user_command('GlossaryLsRestart', function()
    M.restart()
  end, { desc = 'Restart the glossary-ls language server' })
  M.attach_loaded()
end

return M
