-- A minimal Neovim setup for the Temporal Workbench language server: built-in LSP client, no
-- plugins. The README's "Other editors (Neovim)" section shows the same configuration.
-- Profiles come from where the temporal CLI reads them (temporal.toml, TEMPORAL_ADDRESS, ...).
local server = os.getenv('TEMPORAL_WORKBENCH_SERVER') -- path to dist/server.js

local config = {
  name = 'temporal-workbench',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.getcwd(),
  -- Settings as in VS Code's `temporal.*` (optional); no clientLensCommands: the server runs the
  -- lens commands itself (temporal.server.*).
  init_options = { settings = vim.empty_dict() },
}

local client_id
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'python', 'typescript', 'go', 'java', 'cs', 'rust', 'clojure' },
  callback = function(args)
    if vim.lsp.start then
      vim.lsp.start(config) -- Neovim 0.8+
    else
      -- Neovim 0.7 (Debian 12): start one client, attach each buffer.
      client_id = client_id or vim.lsp.start_client(config)
      vim.lsp.buf_attach_client(args.buf, client_id)
    end
  end,
})

-- A lens runs its command through workspace/executeCommand (the server advertises the ids).
vim.keymap.set('n', '<leader>tl', vim.lsp.codelens.run)
