-- runtime.lua: the engine's trusted Lua half, wired from its parts:
--   instants  instants and days as strings that compare in order
--   view      the read-only business rules see (slots the host fills, absent facts, on/has/...)
--   declare   the declaration language (programme, dated, pounds, percent) and its checks
--   seal      nothing kept from one business to the next
--   evaluate  loading programmes and deciding them
--   describe  what the rule book says (for programmes, explain and lint) and lint's probe
-- Arguments: the sandbox API, the vocabulary's record types, the vocabulary file's name, the
-- module chunks in that order, and the host's helpers { missing, not_applicable,
-- next_programme, restore_cells, suggest }. Returns the host's API, which scripts never see.
local sandbox, vocabulary, vocabulary_file, modules, host = ...

local ctx = {
  sandbox = sandbox, vocabulary = vocabulary, vocabulary_file = vocabulary_file,
  missing = host.missing, not_applicable = host.not_applicable, next_programme = host.next_programme,
  restore_cells = host.restore_cells,
  -- "; did you mean 'x'?" or "" (the host's one matcher)
  suggestion = function(word, names) return host.suggest(word, names) end,
}
for _, module in ipairs(modules) do module(ctx) end

local business_proxy
function ctx.business_proxy() return business_proxy end

-- Scripts' helpers join the sandbox's (sealed) globals.
local g, declare, view = sandbox.globals, ctx.declare, ctx.view
for name, helper in next, {
  programme = declare.programme, dated = declare.dated, pounds = declare.pounds, percent = declare.percent,
  has = view.has, unknown = view.unknown, applies = view.applies, on = view.on,
  any_of = view.any_of, all_of = view.all_of,
} do rawset(g, name, helper) end

return {
  define = ctx.evaluate.define,
  plan = ctx.evaluate.plan,
  calls = ctx.evaluate.calls,
  failure = ctx.evaluate.failure,
  parameters = ctx.evaluate.parameters,
  reached = ctx.seal.reached,
  clean = ctx.evaluate.clean,
  note = view.note,
  set_traced = view.set_traced,
  new_slot = view.new_slot,
  set_business = function(proxy) business_proxy = proxy end,
  history_meta = ctx.history_meta,
  describe = ctx.describe.list,
  catalogue = ctx.describe.catalogue,
  probe = ctx.describe.probe,
}
