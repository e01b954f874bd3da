-- tap.lua — a minimal TAP producer for headless Neovim tests: each check is
-- one test point; T.finish() prints the plan and exits (non-zero on failure).
-- TAP goes to stdout with io.stdout (Neovim's own messages go elsewhere).
local T = { n = 0, failed = 0 }
local SKIP = {}

local function emit(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

function T.ok(condition, message)
  if not condition then
    error(message or 'assertion failed', 2)
  end
end

function T.equal(actual, expected, message)
  if actual ~= expected then
    error((message and message .. ': ' or '') .. ('expected %s, got %s'):format(vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

function T.skip(reason)
  error({ [SKIP] = reason }, 0)
end

function T.check(name, fn)
  T.n = T.n + 1
  local ok, err = xpcall(fn, function(e)
    if type(e) == 'table' and e[SKIP] then
      return e
    end
    return debug.traceback(tostring(e), 2)
  end)
  if ok then
    emit(('ok %d - %s'):format(T.n, name))
  elseif type(err) == 'table' and err[SKIP] then
    emit(('ok %d - %s # SKIP %s'):format(T.n, name, err[SKIP]))
  else
    T.failed = T.failed + 1
    emit(('not ok %d - %s'):format(T.n, name))
    for line in tostring(err):gmatch('[^\n]+') do
      emit('# ' .. line)
    end
  end
end

function T.finish()
  emit(('1..%d'):format(T.n))
  vim.cmd(T.failed > 0 and 'cquit!' or 'qall!')
end

return T
