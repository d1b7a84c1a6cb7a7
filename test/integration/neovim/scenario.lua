-- Drives the headless test (test/integration/neovim.test.ts): opens a sample workflow file,
-- asks for symbols and lenses, runs the Start lens of `greeting` through
-- workspace/executeCommand, and writes what it saw as JSON to $NVIM_TEST_OUT. Every wait is
-- for a condition (vim.wait returns as soon as it holds).
local out = {}
local messages = {}
vim.lsp.handlers['window/showMessage'] = function(_, result)
  table.insert(messages, result.message)
end
-- The workspace index reports its end through $/progress.
local indexed = false
local progress = vim.lsp.handlers['$/progress']
vim.lsp.handlers['$/progress'] = function(err, result, ctx, config)
  if result and result.value and result.value.kind == 'end' then indexed = true end
  return progress(err, result, ctx, config)
end

local function finish(err)
  if err then out.error = err end
  out.messages = messages
  local f = assert(io.open(os.getenv('NVIM_TEST_OUT'), 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd('qall!')
end

local function client()
  return vim.lsp.get_active_clients()[1]
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('NVIM_TEST_FILE')))
  local bufnr = vim.api.nvim_get_current_buf()
  assert(vim.wait(20000, function() return client() ~= nil and client().initialized end, 50), 'the language server did not start')
  local c = client()
  local uri = vim.uri_from_bufnr(bufnr)
  local function request(method, params)
    local response, rerr = c.request_sync(method, params, 60000, bufnr)
    assert(response, method .. ': ' .. tostring(rerr))
    assert(not response.err, method .. ': ' .. vim.inspect(response.err))
    return response.result
  end

  assert(vim.wait(60000, function() return indexed end, 50), 'the workspace index did not finish')
  out.workspaceSymbols = request('workspace/symbol', { query = '' })
  out.documentSymbols = request('textDocument/documentSymbol', { textDocument = { uri = uri } })
  local lenses = request('textDocument/codeLens', { textDocument = { uri = uri } })
  out.lenses = lenses
  out.executeCommands = c.server_capabilities.executeCommandProvider.commands

  local function lens(title, name)
    for _, l in ipairs(lenses) do
      local arg = l.command and l.command.arguments[1]
      if l.command.title == title and (arg.workflowType == name or arg.name == name) then return l.command end
    end
    error('no ' .. title .. ' lens on ' .. name)
  end
  -- Start with the default argument (name = "").
  out.started = request('workspace/executeCommand', lens('Start', 'greeting'))
  -- Start counter (initial = 0 by default); the Update lens on `setValue`, given the argument 7
  -- and that execution (other test files share the namespace, so not "the newest running one").
  out.counter = request('workspace/executeCommand', lens('Start', 'counter'))
  local update = lens('Update…', 'setValue')
  update.arguments[1].args = { 7 }
  update.arguments[1].workflowId = out.counter.workflowId
  out.updated = request('workspace/executeCommand', update)
end)
finish(not ok and tostring(err) or nil)
