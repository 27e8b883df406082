-- evaluate.lua: loads programmes and decides them for the business in the view.
--
-- Per business, each open programme's criteria run in one guarded call; a criterion that stops
-- (a missing fact, one that does not apply) ends that call and the next resumes after it, so
-- every failed criterion is listed and every missing fact named. Results go into tables made
-- once and reused, as integer codes, criterion numbers and fact paths the host reads raw.
-- Trusted code: script values are touched only with raw operations and type checks.
local ctx = ...
local type, next, ipairs, rawequal, rawget, select, tostring = type, next, ipairs, rawequal, rawget, select, tostring
local format, sub, find, sort, gsub = string.format, string.sub, string.find, table.sort, string.gsub
local floor, mathtype, tointeger = math.floor, math.type, math.tointeger
local utf8len = utf8.len
local view, declare, seal, instants, sandbox = ctx.view, ctx.declare, ctx.seal, ctx.instants, ctx.sandbox
local guarded, marks = sandbox.guarded, ctx.marks
local MISSING, NOT_APPLICABLE = ctx.missing, ctx.not_applicable
local note = view.note
local freeze = sandbox.freeze

local evaluate = {}
ctx.evaluate = evaluate

local programmes, by_id = {}, {}
evaluate.programmes, evaluate.by_id = programmes, by_id

-- The outcome codes the host reads.
local ELIGIBLE, INELIGIBLE, NEEDS_INFORMATION, CLOSED, RULE_ERROR = 1, 2, 3, 4, 5

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

-- Runs a compiled rule file and records its programme. Returns nil, or a diagnostic.
function evaluate.define(chunk, file, stem, programme_line)
  declare.begin({ file = file, stem = stem, line = programme_line, programme_line = programme_line })
  marks[1], marks[2] = marks[1] + 1, marks[2] + 1
  local before = collectgarbage("count")
  local ok, result, kind, efile, eline = guarded(chunk)
  local state = declare.finish()
  sandbox.reset_loading()
  if not ok then
    if kind == "budget" then return declare.diagnostic(efile or file, eline or programme_line, "budget", "the file ran too long while loading (an endless loop?)") end
    if kind == "memory" then return declare.diagnostic(file, programme_line, "memory", "the file used too much memory while loading") end
    return diagnose({ file = file }, result, kind, efile, eline, programme_line, "the file")
  end
  if not state.result or not rawequal(result, state.result) then
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
  evaluate.prepare(p)
  programmes[p.number] = p
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

-- Results ----------------------------------------------------------------------------------------

local out = {
  code = {}, award = {}, capped = {}, explanation = {}, failed = {}, failed_n = {}, missing = {}, missing_n = {},
  error = {}, explained = {},
}
evaluate.out = out

-- The selected programmes: all, or those whose ids are keys of `only` (cached by identity).
local selection, selection_key = programmes, nil
local function select_programmes(only)
  if only == nil then return programmes end
  if rawequal(only, selection_key) then return selection end
  selection, selection_key = {}, only
  for _, p in ipairs(programmes) do if only[p.id] then selection[#selection + 1] = p end end
  return selection
end

-- Deciding ----------------------------------------------------------------------------------------
-- All the selected programmes are decided in one guarded call, a loop over (open programme,
-- phase, criterion) kept in upvalues. When a script raises (a missing fact, one that does not
-- apply, an error, a spent budget), the guarded call returns; `resume` settles that step and
-- calls again from the next one. Budget marks are bumped before moving on, so what one
-- programme spends is always charged to it. The plan for a selection and instant (which
-- programmes are open, the closed ones' results) is made once and reused.

local code_out, award_out, capped_out, explanation_out = out.code, out.award, out.capped, out.explanation
local failed_out, failed_n_out, missing_out, missing_n_out = out.failed, out.failed_n, out.missing, out.missing_n
local error_out, explained_out = out.error, out.explained
local note_paths = note.paths

local business             -- the business's proxy (b)
local chosen, count        -- the programmes being decided
local open, n_open         -- the positions in `chosen` of those open at `at`
local at, traced           -- the instant and whether to explain
local o, phase, j          -- where the loop is: open programme, phase (see below), criterion
local k, p, params         -- the programme being decided: position, programme, parameters
local order                -- the criterion numbers of the current phase
local failed, n_failed     -- its failed criterion numbers
local missing, n_missing   -- its missing fact paths
local unknown              -- whether a criterion could not tell
local stamp, seen_path = 0, {}
local rows                 -- criterion results, when explaining
local award_pence          -- the award worked out (for needs_award criteria)
-- Phases: START a programme; BEFORE the award (criteria without needs_award); AWARD; AFTER it
-- (criteria with needs_award).
local START, BEFORE, AWARD, AFTER = 0, 1, 2, 3

function evaluate.set_business(proxy) business = proxy end

-- Splits a programme's criteria into those run before the award and those that need it.
function evaluate.prepare(q)
  q.tests, q.before, q.after = {}, {}, {}
  for number, c in ipairs(q.criteria) do
    q.tests[number] = c.test
    local list = c.needs_award and q.after or q.before
    list[#list + 1] = number
  end
end

-- The plan for `chosen` at `at`: the open programmes' positions; the closed ones' results are
-- written once here (nothing else writes them while the plan holds).
local plan_for, plan_at
local function make_plan()
  if rawequal(plan_for, chosen) and plan_at == at then return end
  plan_for, plan_at, open, n_open = chosen, at, {}, 0
  for position, q in ipairs(chosen) do
    if at < q.open_from or (q.open_until and at >= q.open_until) then
      code_out[position], failed_n_out[position], missing_n_out[position], error_out[position] = CLOSED, 0, 0, false
      award_out[position], capped_out[position], explanation_out[position] = false, false, false
    else
      n_open = n_open + 1
      open[n_open] = position
    end
  end
end

-- Adds the paths the running test noted to the programme's missing facts.
local function commit_missing()
  for i = 1, note.n do
    local path = note_paths[i]
    if seen_path[path] ~= stamp then
      seen_path[path] = stamp
      n_missing = n_missing + 1
      missing[n_missing] = path
    end
  end
end

local function row(number, outcome)
  local row_missing = {}
  if outcome == "unknown" then for i = 1, note.n do row_missing[i] = note_paths[i] end end
  rows[#rows + 1] = { id = p.criteria[number].id, outcome = outcome, reads = note.reads or {}, missing = row_missing }
end

-- Moves on to the next programme; the marks are bumped first (see above).
local function next_programme()
  marks[1], marks[2] = marks[1] + 1, marks[2] + 1
  if traced then
    local e = explained_out[k]
    e.criteria, e.parameters = rows, select(2, params_at(p, at))
  end
  phase = START
end

local function rule_error(diagnostic)
  if diagnostic.file == nil then diagnostic.file = p.file end
  code_out[k], error_out[k] = RULE_ERROR, diagnostic
  sandbox.reset_loading()
end

-- The award in pence after rounding and the maximum, or nil and a message.
local function settle_award(amount)
  local t = mathtype(amount)
  if t == nil then return nil, format("the award must be a number of pence, got %s", type(amount)) end
  if amount ~= amount or amount == math.huge or amount == -math.huge then return nil, "the award must be a finite number of pence" end
  if amount < 0 then return nil, format("the award came out negative (%s pence)", tostring(amount)) end
  local maximum, rounding = p.award.maximum, p.award.rounding
  if amount > maximum then return maximum, nil, true end
  local pence
  if rounding == "down-to-pound" then
    pence = t == "integer" and amount - amount % 100 or tointeger(floor(amount / 100) * 100)
  elseif rounding == "nearest-pound" then
    pence = t == "integer" and (amount + 50) - (amount + 50) % 100 or tointeger(floor((amount + 50) / 100) * 100)
  else
    pence = tointeger(amount)
    if not pence then return nil, format("the award %s is not a whole number of pence; declare rounding = \"down-to-pound\" or round it", tostring(amount)) end
  end
  if pence > maximum then return maximum, nil, true end
  return pence
end

-- A criterion's result that is not true, false or nil: that programme's rule error.
local function bad_result(number, result)
  local c = p.criteria[number]
  error(declare.diagnostic(nil, c.line, "result",
    format("criterion \"%s\" returned a %s; a test must return true, false, or nil when it cannot tell", c.id, type(result))), 0)
end

-- Records the current programme's failures or missing facts; true when that decides it.
local function settled()
  failed_n_out[k], missing_n_out[k] = n_failed, n_missing
  if n_failed > 0 then code_out[k] = INELIGIBLE; return true end
  if unknown then code_out[k] = NEEDS_INFORMATION; return true end
  return false
end

-- Runs the criteria of the current phase from j on. `j` moves past a criterion before it runs,
-- so a criterion that raises is order[j - 1]. Comparisons with true, false and the sentinels use
-- ==, which never runs a metamethod when one side is a boolean or a light userdata.
local function run_criteria()
  local tests, n = p.tests, #order
  while j <= n do
    local number = order[j]
    j = j + 1
    marks[1] = marks[1] + 1
    note.n = 0
    if rows then view.begin_reads() end
    local result = tests[number](business, params, award_pence)
    if result == true and note.n == 0 then
      if rows then row(number, "pass") end
    elseif result == false then
      n_failed = n_failed + 1
      failed[n_failed] = number
      if rows then row(number, "fail") end
    elseif result == nil or result == true then
      unknown = true
      commit_missing()
      if rows then row(number, "unknown") end
    else
      bad_result(number, result)
    end
  end
end

-- Starts the programme at open position o.
local function start_programme()
  k = open[o]
  p = chosen[k]
  if traced then explained_out[k] = { programme = p.id } end
  rows = traced and {} or nil
  params = params_at(p, at)
  failed, missing = failed_out[k], missing_out[k]
  if not failed then failed, missing = {}, {}; failed_out[k], missing_out[k] = failed, missing end
  n_failed, n_missing, unknown, award_pence = 0, 0, false, nil
  stamp = stamp + 1
  award_out[k], capped_out[k], explanation_out[k], error_out[k] = false, false, false, false
  phase, order, j = BEFORE, p.before, 1
end

-- The award phase: works out the award, or the discretionary text (made once per instant).
local function run_award()
  local award = p.award
  local pence, capped, how
  if award.discretionary then
    if p.discretionary_at ~= at then
      p.discretionary_at, p.discretionary_text = at, ctx.describe.render(award.discretionary, params)
    end
    how = p.discretionary_text
  else
    marks[1] = marks[1] + 1
    note.n = 0
    if rows then view.begin_reads() end
    local amount, said = award.amount(business, params)
    if note.n > 0 then
      unknown = true
      commit_missing()
    else
      local problem
      pence, problem, capped = settle_award(amount)
      if not pence then error(declare.diagnostic(p.file, award.line, "award", problem), 0) end
      if said ~= nil then how = clean(said, 2000) end
      if rows then explained_out[k].awardReads = note.reads end
    end
  end
  if settled() then return next_programme() end
  award_out[k], capped_out[k], explanation_out[k] = pence or false, capped == true, how or false
  award_pence = pence or award.maximum
  if #p.after > 0 then phase, order, j = AFTER, p.after, 1 else code_out[k] = ELIGIBLE; next_programme() end
end

-- The loop: decides the open programmes from o on until all are decided or a script raises.
local function advance()
  while true do
    if phase == START then
      o = o + 1
      if o > n_open then return end
      start_programme()
    end
    if phase == BEFORE then
      run_criteria()
      if settled() then next_programme() else phase = AWARD end
    elseif phase == AWARD then
      run_award()
    else -- AFTER
      run_criteria()
      if settled() then award_out[k], capped_out[k], explanation_out[k] = false, false, false
      else code_out[k] = ELIGIBLE end
      next_programme()
    end
  end
end

-- Settles the step that raised `err` and moves past it; the loop then resumes.
local function resume(err, kind, file, line)
  if phase == START then
    -- Not inside a programme's script (setting one up): record it against that one and go on.
    if p then rule_error(diagnose(p, err, kind, file, line, p.line, "the programme")) end
    next_programme()
    return
  end
  local stopped = kind == "error" and (err == MISSING or (note.n > 0 and not declare.is_diagnostic(err)))
  if phase == AWARD then
    if stopped then
      unknown = true
      commit_missing()
      settled()
    else
      rule_error(diagnose(p, err, kind, file, line, p.award.line, "the award"))
    end
    next_programme()
    return
  end
  local number = order[j - 1]
  if stopped then
    unknown = true
    commit_missing()
    if rows then row(number, "unknown") end
  elseif kind == "error" and err == NOT_APPLICABLE then
    n_failed = n_failed + 1
    failed[n_failed] = number
    if rows then row(number, "fail") end
  else
    rule_error(diagnose(p, err, kind, file, line, p.criteria[number].line, format("criterion \"%s\"", p.criteria[number].id)))
    next_programme()
  end
end

-- Decides the selected programmes (all, or the ids keyed in `only`) at instant `at_` for the
-- business in the view; returns how many were decided. With `traced_`, every criterion's result,
-- the facts it read and the parameters in force are kept in out.explained.
function evaluate.run(at_, traced_, only)
  view.set_traced(traced_)
  chosen = select_programmes(only)
  count, at, traced = #chosen, at_, traced_
  make_plan()
  if traced then
    for position, q in ipairs(chosen) do explained_out[position] = { programme = q.id, criteria = {} } end
  end
  o, phase, p = 0, START, nil
  while true do
    local ok, err, kind, file, line = guarded(advance)
    if ok then break end
    resume(err, kind, file, line)
  end
  rows, p, params = nil, nil, nil
  note.reads = false
  local changed = seal.check(chosen, at)
  if changed then
    plan_for = nil -- closed programmes that reach the variable are marked too: write them afresh next time
    for n = 1, count do
      local q = chosen[n]
      local name = changed[q.id]
      if name then
        code_out[n], error_out[n] = RULE_ERROR, declare.diagnostic(q.file, q.line, "memory-between-businesses",
          format("the rule changed '%s', a value kept from one business to the next; rules must not remember "
            .. "anything between businesses (make it a local inside the function)", name))
      end
    end
  end
  return count
end

-- The programme numbers of the selection, in order (for the host to map results to programmes).
function evaluate.selection(only)
  local chosen, numbers = select_programmes(only), {}
  for k, p in ipairs(chosen) do numbers[k] = p.number end
  return numbers
end
