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

local business             -- the business's proxy (b)
local current              -- the number of the criterion running
local failed, n_failed     -- the current programme's failed criterion numbers
local missing, n_missing   -- its missing fact paths
local unknown              -- whether a criterion could not tell
local stamp, seen_path = 0, {}
local rows                 -- criterion results, when explaining

function evaluate.set_business(proxy) business = proxy end

-- Adds the paths the running test noted to the programme's missing facts.
local function commit_missing()
  local paths = note.paths
  for i = 1, note.n do
    local path = paths[i]
    if seen_path[path] ~= stamp then
      seen_path[path] = stamp
      n_missing = n_missing + 1
      missing[n_missing] = path
    end
  end
end

local function row(c, outcome)
  if not rows then return end
  local row_missing = {}
  if outcome == "unknown" then for i = 1, note.n do row_missing[i] = note.paths[i] end end
  rows[#rows + 1] = { id = c.id, outcome = outcome, reads = note.reads or {}, missing = row_missing }
end

-- Settles criterion j from what its test returned.
local function settle(c, result)
  if rawequal(result, false) then
    n_failed = n_failed + 1
    failed[n_failed] = current
    row(c, "fail")
  elseif note.n > 0 or result == nil then
    unknown = true
    commit_missing()
    row(c, "unknown")
  elseif rawequal(result, true) then
    row(c, "pass")
  else
    error(declare.diagnostic(nil, c.line, "result",
      format("criterion \"%s\" returned a %s; a test must return true, false, or nil when it cannot tell", c.id, type(result))), 0)
  end
end

-- Runs criteria from..#criteria of p (inside one guarded call): before the award those without
-- needs_award; after it (`award` given) those with it, which see the award as their third argument.
local function run_criteria(p, from, params, award)
  local criteria = p.criteria
  local after = award ~= nil
  for j = from, #criteria do
    local c = criteria[j]
    if c.needs_award == after then
      current = j
      marks[1] = marks[1] + 1
      note.n = 0
      if rows then view.begin_reads() end
      settle(c, c.test(business, params, award))
    end
  end
end

local function run_award(p, params)
  marks[1] = marks[1] + 1
  note.n = 0
  if rows then view.begin_reads() end
  return p.award.amount(business, params)
end

local function rule_error(k, p, diagnostic)
  if diagnostic.file == nil then diagnostic.file = p.file end
  out.code[k], out.error[k] = RULE_ERROR, diagnostic
end

-- The award in pence after rounding and the maximum, or nil and a message.
local function settle_award(p, amount)
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

local function explained(k, p, code, listing, award_reads)
  local e = { programme = p.id, outcome = code, criteria = rows, parameters = listing, awardReads = award_reads }
  out.explained[k] = e
end

-- Runs p's criteria in guarded calls, resuming after each one that stops, until all have run.
-- Returns false after a rule error (already recorded for k).
local function run_all(k, p, params, award)
  local criteria = p.criteria
  local from = 1
  while from <= #criteria do
    local ok, err, kind, file, line = guarded(run_criteria, p, from, params, award)
    if ok then return true end
    local c = criteria[current]
    if kind == "error" and (rawequal(err, MISSING) or (note.n > 0 and not declare.is_diagnostic(err))) then
      unknown = true
      commit_missing()
      row(c, "unknown")
    elseif kind == "error" and rawequal(err, NOT_APPLICABLE) then
      n_failed = n_failed + 1
      failed[n_failed] = current
      row(c, "fail")
    else
      sandbox.reset_loading()
      rule_error(k, p, diagnose(p, err, kind, file, line, c.line, format("criterion \"%s\"", c.id)))
      return false
    end
    from = current + 1
  end
  return true
end

local function settled(k)
  out.failed_n[k], out.missing_n[k] = n_failed, n_missing
  if n_failed > 0 then out.code[k] = INELIGIBLE; return true end
  if unknown then out.code[k] = NEEDS_INFORMATION; return true end
  return false
end

local function decide(k, p, at)
  local params = params_at(p, at)
  failed, missing = out.failed[k], out.missing[k]
  if not failed then failed, missing = {}, {}; out.failed[k], out.missing[k] = failed, missing end
  n_failed, n_missing, unknown = 0, 0, false
  stamp = stamp + 1
  marks[2] = marks[2] + 1
  out.award[k], out.capped[k], out.explanation[k], out.error[k] = false, false, false, false
  if not run_all(k, p, params, nil) or settled(k) then return end

  local pence, capped, how
  if p.award.discretionary then
    how = ctx.describe.render(p.award.discretionary, params)
  else
    local ok, amount, said, file, line = guarded(run_award, p, params)
    local award_reads = rows and note.reads
    if not ok then
      local kind = said
      if kind == "error" and (rawequal(amount, MISSING) or (note.n > 0 and not declare.is_diagnostic(amount))) then
        commit_missing()
        out.missing_n[k] = n_missing
        out.code[k] = NEEDS_INFORMATION
        return
      end
      sandbox.reset_loading()
      rule_error(k, p, diagnose(p, amount, kind, file, line, p.award.line, "the award"))
      return
    end
    if note.n > 0 then
      commit_missing()
      out.missing_n[k] = n_missing
      out.code[k] = NEEDS_INFORMATION
      return
    end
    local problem
    pence, problem, capped = settle_award(p, amount)
    if not pence then rule_error(k, p, declare.diagnostic(p.file, p.award.line, "award", problem)); return end
    how = clean(said, 2000)
    if rows then out.explained[k].awardReads = award_reads end
  end
  if p.needs_award then
    if not run_all(k, p, params, pence or p.award.maximum) or settled(k) then return end
  end
  out.award[k], out.capped[k], out.explanation[k] = pence or false, capped == true, how or false
  out.code[k] = ELIGIBLE
end

-- Decides the selected programmes (all, or the ids keyed in `only`) at instant `at` for the
-- business in the view; returns how many were decided. With `traced`, every criterion's result,
-- the facts it read and the parameters in force are kept in out.explained.
function evaluate.run(at, traced, only)
  view.set_traced(traced)
  local chosen = select_programmes(only)
  for k = 1, #chosen do
    local p = chosen[k]
    rows = traced and {} or nil
    if traced then explained(k, p, nil, nil, nil) end
    if at < p.open_from or (p.open_until and at >= p.open_until) then
      out.code[k], out.failed_n[k], out.missing_n[k], out.error[k] = CLOSED, 0, 0, false
      out.award[k], out.capped[k], out.explanation[k] = false, false, false
    else
      decide(k, p, at)
      if traced then
        local e = out.explained[k]
        e.criteria, e.parameters = rows, select(2, params_at(p, at))
      end
    end
  end
  rows = nil
  note.reads = false
  local changed = seal.check()
  if changed then
    for k = 1, #chosen do
      local p = chosen[k]
      local name = changed[p.id]
      if name then
        out.code[k], out.error[k] = RULE_ERROR, declare.diagnostic(p.file, p.line, "memory-between-businesses",
          format("the rule changed '%s', a value kept from one business to the next; rules must not remember "
            .. "anything between businesses (make it a local inside the function)", name))
      end
    end
  end
  return #chosen
end

-- The programme numbers of the selection, in order (for the host to map results to programmes).
function evaluate.selection(only)
  local chosen, numbers = select_programmes(only), {}
  for k, p in ipairs(chosen) do numbers[k] = p.number end
  return numbers
end
