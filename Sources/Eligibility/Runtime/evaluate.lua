-- evaluate.lua: loads programmes and gives the host what it needs to decide them.
--
-- The host decides (Decider.swift): every criterion's test and every award is one guarded call
-- it makes itself, so a test that stops on a missing fact ends only that call. This module loads
-- rule files and hands the host each programme's functions and figures (catalogue), the plan for
-- an instant (the open programmes, their parameters, the shared variables to check) and, on the
-- slow path, the diagnostic for a script's failure.
-- Trusted code: script values are touched only with raw operations and type checks.
local ctx = ...
local type, next, ipairs, rawequal, select = type, next, ipairs, rawequal, select
local format, sub, sort, gsub = string.format, string.sub, table.sort, string.gsub
local utf8len = utf8.len
local view, declare, seal, sandbox = ctx.view, ctx.declare, ctx.seal, ctx.sandbox
local guarded, next_programme = sandbox.guarded, ctx.next_programme
local MISSING, NOT_APPLICABLE = ctx.missing, ctx.not_applicable
local note = view.note
local freeze = sandbox.freeze

local evaluate = {}
ctx.evaluate = evaluate

local programmes, by_id, calls = {}, {}, {}
evaluate.programmes, evaluate.by_id, evaluate.calls = programmes, by_id, calls

-- Text from a script, safe to show: valid UTF-8 (bad bytes become '?'), at most `limit` bytes.
local function clean(text, limit)
  if type(text) ~= "string" then return nil end
  if #text > limit then text = sub(text, 1, limit) .. "..." end
  local ok, bad = utf8len(text)
  local guard = 0
  while not ok and guard < 4096 do
    text = sub(text, 1, bad - 1) .. "?" .. sub(text, bad + 1)
    ok, bad = utf8len(text)
    guard = guard + 1
  end
  return ok and text or "(unreadable text)"
end
evaluate.clean = clean

-- The diagnostic for a failed guarded call. `file`/`line` is where it was raised (the innermost
-- rule-file frame); `default_line` the line of the function that was called.
local function diagnose(p, err, kind, file, line, default_line, what)
  if kind == "budget" then
    return declare.diagnostic(file or p.file, line or default_line, "budget",
      format("%s ran too long (an endless loop?) and was stopped", what))
  elseif kind == "memory" then
    return declare.diagnostic(p.file, default_line, "memory", format("%s used too much memory and was stopped", what))
  elseif declare.is_diagnostic(err) then
    return err
  elseif type(err) == "string" then
    local message = err
    if file and line then
      local prefix = format("%s:%d: ", file, line)
      if sub(message, 1, #prefix) == prefix then message = sub(message, #prefix + 1) end
    end
    message = clean((gsub(message, "\nstack traceback:.*$", "")), 2000)
    return declare.diagnostic(file or p.file, line or default_line, "error", message)
  elseif rawequal(err, MISSING) or rawequal(err, NOT_APPLICABLE) then
    return declare.diagnostic(file or p.file, line or default_line, "error", format("%s stopped on a missing fact outside a test", what))
  end
  return declare.diagnostic(file or p.file, line or default_line, "error",
    format("%s raised a %s instead of an error message", what, type(err)))
end

-- Loading ------------------------------------------------------------------------------------------

-- What the host calls: `calls[n]` is criterion n's test, `calls[0]` the award's amount (none
-- when discretionary); `before`/`after` the criterion numbers run before the award and after it.
local function prepare(p)
  p.calls, p.before, p.after = { [0] = p.award.amount }, {}, {}
  for number, c in ipairs(p.criteria) do
    p.calls[number] = c.test
    local list = c.needs_award and p.after or p.before
    list[#list + 1] = number
  end
end

-- Runs a compiled rule file and records its programme. Returns nil, or a diagnostic.
function evaluate.define(chunk, file, stem, programme_line)
  declare.begin({ file = file, stem = stem, line = programme_line, programme_line = programme_line })
  next_programme()
  local before = collectgarbage("count")
  local ok, result, kind, efile, eline = guarded(chunk)
  local state = declare.finish()
  sandbox.reset_loading()
  if not ok then
    if kind == "budget" then return declare.diagnostic(efile or file, eline or programme_line, "budget", "the file ran too long while loading (an endless loop?)") end
    if kind == "memory" then return declare.diagnostic(file, programme_line, "memory", "the file used too much memory while loading") end
    return diagnose({ file = file }, result, kind, efile, eline, programme_line, "the file")
  end
  if not state.result or not rawequal(result, state.token) then
    return declare.diagnostic(file, programme_line, "declaration", "the file must end with: return programme { ... }")
  end
  if collectgarbage("count") - before > 16384 then
    collectgarbage()
    local kept = collectgarbage("count") - before
    if kept > 16384 then
      return declare.diagnostic(file, programme_line, "memory", format("the file keeps %d MiB in memory after loading; a rule file may keep at most 16 MiB", kept // 1024))
    end
  end
  local p = state.result
  p.number = #programmes + 1
  seal.programme(p)
  prepare(p)
  programmes[p.number] = p
  calls[p.number] = p.calls
  by_id[p.id] = p
  return nil
end

-- Parameters ------------------------------------------------------------------------------------

-- The parameters in force at an instant (read-only, with as_of and today) and their listing;
-- cached per programme for the last instant asked.
local function params_at(p, at)
  if p.params_at == at then return p.params_value, p.params_listing end
  local values, listing = { as_of = at, today = sub(at, 1, 10) }, {}
  for name, value in next, p.params do
    values[name] = value
    listing[#listing + 1] = { name = name, value = p.raw_params[name] }
  end
  for name, spec in next, p.dated do
    local entry = declare.dated_value(spec, at)
    values[name] = entry and entry.value
    listing[#listing + 1] = { name = name, value = entry and entry.plain, dated = true }
  end
  sort(listing, function(a, b) return a.name < b.name end)
  p.params_at, p.params_value, p.params_listing = at, freeze(values), listing
  return p.params_value, listing
end
evaluate.params_at = params_at

-- Deciding ------------------------------------------------------------------------------------

-- The selected programmes: all, or those whose ids are keys of `only` (cached by identity).
local selection, selection_key = programmes, nil
local function select_programmes(only)
  if only == nil then return programmes end
  if rawequal(only, selection_key) then return selection end
  selection, selection_key = {}, only
  for _, p in ipairs(programmes) do if only[p.id] then selection[#selection + 1] = p end end
  return selection
end

-- The plan for deciding the selection (all programmes, or the ids keyed in `only`) at instant
-- `at`: { numbers = programme numbers in order, open = positions of the open ones, params and
-- texts (a discretionary award's) by position, cells/n_cells/cell_numbers = the shared variables
-- those open programmes reach, for the host's check after each business }.
function evaluate.plan(at, only)
  local chosen = select_programmes(only)
  local plan = { numbers = {}, open = {}, params = {}, texts = {} }
  for position, p in ipairs(chosen) do
    plan.numbers[position] = p.number
    if at >= p.open_from and (not p.open_until or at < p.open_until) then
      plan.open[#plan.open + 1] = position
      local params = params_at(p, at)
      plan.params[position] = params
      if p.award.discretionary then plan.texts[position] = ctx.describe.render(p.award.discretionary, params) end
    end
  end
  plan.cells, plan.cell_numbers, plan.n_cells = seal.check_list(chosen, at)
  return plan
end

-- A script's failure while deciding programme `number` (in criterion `criterion`, 0 for the
-- award): false when it stopped because a fact is missing (the test cannot tell), otherwise the
-- diagnostic for the programme's rule error.
function evaluate.failure(number, criterion, err, kind, file, line)
  local p = programmes[number]
  if kind == "error" and note.n > 0 and not declare.is_diagnostic(err) then return false end
  local default_line, what
  if criterion == 0 then default_line, what = p.award.line, "the award"
  else default_line, what = p.criteria[criterion].line, format("criterion \"%s\"", p.criteria[criterion].id) end
  local d = diagnose(p, err, kind, file, line, default_line, what)
  if d.file == nil then d.file = p.file end
  sandbox.reset_loading()
  return d
end

-- The parameters of programme `number` in force at `at`, as listed when explaining.
function evaluate.parameters(number, at)
  return (select(2, params_at(programmes[number], at)))
end
