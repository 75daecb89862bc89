-- Neovim's built-in LSP client against perfvet lsp (nvim --headless):
-- open the fixture, wait for concatloop's diagnostic, check the hover,
-- apply the quick fix through vim.lsp.buf.code_action, save, quit.
-- PERFVET is the perfvet binary, FIXTURE the file, ROOT the module.
local perfvet, file, root = os.getenv('PERFVET'), os.getenv('FIXTURE'), os.getenv('ROOT')

local function fail(msg)
  io.stderr:write('nvim: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

-- The setting docs/integrations.md gives, with the binary under test.
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'go',
  callback = function(args)
    local id = vim.lsp.start_client({
      name = 'perfvet',
      cmd = { perfvet, 'lsp' },
      root_dir = vim.fs and vim.fs.dirname(vim.fs.find('go.mod', { upward = true })[1]) or vim.fn.getcwd(),
      init_options = { tests = false }, -- the plugin's settings
    })
    vim.lsp.buf_attach_client(args.buf, id)
  end,
})

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
if vim.bo.filetype ~= 'go' then fail('filetype ' .. vim.bo.filetype .. ', want go') end
-- A client is listed once initialized.
vim.wait(60000, function() return next(vim.lsp.buf_get_clients(buf)) ~= nil end, 20)
local id = next(vim.lsp.buf_get_clients(buf))
if not id then fail('perfvet lsp did not start') end
if vim.fn.getcwd() ~= root then fail('run from ' .. vim.fn.getcwd() .. ', want ' .. root) end

if not vim.wait(120000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
  fail('no diagnostics in two minutes')
end
local d = vim.diagnostic.get(buf)[1]
if d.source ~= 'concatloop' or d.lnum ~= 8 or not d.message:find('strings.Builder', 1, true) then
  fail('unexpected diagnostic: ' .. vim.inspect(d))
end
vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })

local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', vim.lsp.util.make_position_params(), 10000)
local text = hover and hover[id] and hover[id].result and hover[id].result.contents.value or ''
if not text:find('**Heat**', 1, true) or not text:find('**Cost**', 1, true) then
  fail('hover without heat and cost: ' .. vim.inspect(hover))
end

-- The user picks the (only) quick fix from the menu.
local offered
vim.ui.select = function(items, _, on_choice)
  offered = #items
  on_choice(items[1])
end
vim.lsp.buf.code_action({ only = { 'quickfix' } })
local function fixed()
  for _, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line:find('strings.Builder', 1, true) then return true end
  end
  return false
end
if not vim.wait(30000, fixed, 50) then fail('the quick fix was not applied (' .. tostring(offered) .. ' offered)') end
if offered ~= 1 then fail(tostring(offered) .. ' code actions offered, want 1') end
vim.cmd('write')
vim.cmd('qall!')
