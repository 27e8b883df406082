-- describe.lua: what the rule book says about its programmes (for `eligible programmes`,
-- explanations and lint), with texts rendered from the parameters in force, and the probe lint
-- runs every test through.
-- Trusted code.
local ctx = ...
local type, next, ipairs, tostring, rawequal = type, next, ipairs, tostring, rawequal
local format, sub, sort, concat = string.format, string.sub, table.sort, table.concat
-- String functions are called as functions: a string's methods are the sandbox's bounded copies.
local gsub, reverse = string.gsub, string.reverse
local mathtype = math.type
local evaluate, declare, instants, sandbox, view = ctx.evaluate, ctx.declare, ctx.instants, ctx.sandbox, ctx.view
local guarded, next_programme = sandbox.guarded, ctx.next_programme
local MISSING, NOT_APPLICABLE = ctx.missing, ctx.not_applicable

local describe = {}
ctx.describe = describe

-- 1234567 -> "1,234,567"
local function grouped(n)
  local digits = format("%d", n)
  local sign = ""
  if sub(digits, 1, 1) == "-" then sign, digits = "-", sub(digits, 2) end
  local out = reverse((gsub(reverse(digits), "(%d%d%d)", "%1,")))
  if sub(out, 1, 1) == "," then out = sub(out, 2) end
  return sign .. out
end

local function pounds(pence)
  local whole, rest = pence // 100, pence % 100
  if rest == 0 then return "£" .. grouped(whole) end
  return format("£%s.%02d", grouped(whole), rest)
end
describe.pounds = pounds

-- A parameter's value as a sentence shows it.
local function show(value, how)
  if how == "pounds" and mathtype(value) == "integer" then return pounds(value) end
  if how == "day" and type(value) == "string" then return instants.words(value) end
  if how == "number" and mathtype(value) == "integer" then return grouped(value) end
  if mathtype(value) == "integer" then return format("%d", value) end
  if mathtype(value) == "float" then
    local text = gsub(format("%.2f", value), "%.?0+$", "")
    return text
  end
  if type(value) == "string" then return value end
  return nil
end

-- "Fewer than {max_staff} employees" with the values of `values` filled in.
function describe.render(text, values)
  return (gsub(text, "{([%w_]+):?(%w*)}", function(name, how)
    local shown = show(values[name], how)
    return shown or ("{" .. name .. "}")
  end))
end

local function values_at(p, at)
  local values = { as_of = at, today = sub(at, 1, 10) }
  for name, value in next, p.raw_params do values[name] = value end
  for name, spec in next, p.dated do
    local entry = declare.dated_value(spec, at)
    values[name] = entry and entry.plain
  end
  return values
end

-- Every programme, in load order, as the host decides it: { id, file, line, criterion ids,
-- criterion lines, numbers of the criteria run before the award, those run after it, maximum,
-- rounding, discretionary, the award's line }. (Its functions are in evaluate.calls.)
function describe.catalogue()
  local list = {}
  for n, p in ipairs(evaluate.programmes) do
    local ids, lines = {}, {}
    for i, c in ipairs(p.criteria) do ids[i], lines[i] = c.id, c.line end
    list[n] = { p.id, p.file, p.line, ids, lines, p.before, p.after, p.award.maximum, p.award.rounding,
      p.award.discretionary ~= nil, p.award.line }
  end
  return list
end

-- Every programme: its texts rendered at `at` (or its opening), window, maximum, criteria,
-- parameters and effective-dated parameters; `open` says whether it is open at `at`.
function describe.list(at)
  local list = {}
  for _, p in ipairs(evaluate.programmes) do
    local when = at or p.open_from
    local values = values_at(p, when)
    local criteria = {}
    for i, c in ipairs(p.criteria) do
      criteria[i] = { id = c.id, text = describe.render(c.text, values), clause = c.clause and describe.render(c.clause, values), line = c.line }
    end
    local dated_params = {}
    for name, spec in next, p.dated do
      local entries = {}
      for i, e in ipairs(spec.entries) do entries[i] = { from = e.from, to = e.to, value = e.plain } end
      dated_params[#dated_params + 1] = { name = name, line = spec.line, entries = entries }
    end
    sort(dated_params, function(a, b) return a.name < b.name end)
    local _, listing = evaluate.params_at(p, when)
    list[#list + 1] = {
      id = p.id, title = describe.render(p.title, values), summary = describe.render(p.summary, values),
      guidance = p.guidance, sources = p.sources, file = p.file, line = p.line,
      openFrom = p.open_from_text, openTo = p.open_to_text,
      open = at ~= nil and at >= p.open_from and (not p.open_until or at < p.open_until) or nil,
      maximum = p.award.maximum, rounding = p.award.rounding,
      discretionary = p.award.discretionary and describe.render(p.award.discretionary, values),
      criteria = criteria, params = listing, datedParams = dated_params,
    }
  end
  return list
end

-- What is wrong with a value a test returned (raw type checks only), or nil.
local function test_result(value)
  local t = type(value)
  if t == "boolean" or t == "nil" then return nil end
  return format("returned a %s; a test must return true, false, or nil when it cannot tell", t)
end

-- What is wrong with an amount (and explanation) an award with `rounding` returned (raw type
-- checks only), or nil.
local function award_result(value, explanation, rounding)
  local said = type(explanation)
  if said ~= "string" and said ~= "nil" then return format("the award's explanation must be text, got a %s", said) end
  if mathtype(value) == nil then return format("the award must be a number of pence, got %s", type(value)) end
  if value ~= value or value == math.huge or value == -math.huge then return "the award must be a finite number of pence" end
  if value < 0 then return "the award came out negative" end
  if value > declare.MONEY_LIMIT then return "the award came out above the engine's limit of £1,000,000,000,000" end
  if rounding == "none" and value ~= value // 1 then
    return "the award is not a whole number of pence; declare rounding = \"down-to-pound\" or round it"
  end
  return nil
end

-- Lint support: runs every criterion test and the award of programme `id` against the business
-- in the view at instant `at`, each whatever the others returned, and reports the errors they
-- raised ({ id, line, file, message }) and the names of the parameters they read.
function describe.probe(id, at)
  local p = evaluate.by_id[id]
  if not p then return nil end
  local values = evaluate.params_at(p, at)
  local used = {}
  local tracking = setmetatable({}, {
    __index = function(_, key) used[key] = true; return values[key] end,
    __newindex = function(_, key) error(format("cannot change parameter '%s': parameters are read-only", sandbox.shown(key)), 2) end,
    __pairs = function()
      for name in next, p.params do used[name] = true end
      for name in next, p.dated do used[name] = true end
      return pairs(values)
    end,
    __len = function() return #values end,
    __metatable = "read-only",
  })
  local business = ctx.business_proxy()
  local errors, passed = {}, 0
  local function try(what, line, f, check)
    view.note.n = 0
    local ok, err, kind, file, eline = guarded(f, business, tracking, p.award.maximum)
    if ok then
      local problem = view.note.n == 0 and check(err, kind)
      if problem then errors[#errors + 1] = { id = what, line = line, file = p.file, message = problem, certain = true } end
      if rawequal(err, true) then passed = passed + 1 end
      return
    end
    if kind == "error" and (rawequal(err, MISSING) or rawequal(err, NOT_APPLICABLE)) then return end
    local d
    if kind == "budget" then d = declare.diagnostic(file or p.file, eline or line, "budget", "ran too long (an endless loop?)")
    elseif kind == "memory" then d = declare.diagnostic(p.file, line, "memory", "used too much memory")
    elseif declare.is_diagnostic(err) then d = err
    elseif type(err) == "string" then
      local message = err
      if file and eline then
        local prefix = format("%s:%d: ", file, eline)
        if sub(message, 1, #prefix) == prefix then message = sub(message, #prefix + 1) end
      end
      d = declare.diagnostic(file or p.file, eline or line, "error", evaluate.clean(message, 2000))
    else
      d = declare.diagnostic(file or p.file, eline or line, "error", format("raised a %s instead of an error message", type(err)))
    end
    errors[#errors + 1] = { id = what, line = d.line or line, file = d.file or p.file, message = d.message,
      certain = what ~= "award" or passed == #p.criteria or kind ~= "error" or type(err) ~= "string" }
  end
  next_programme() -- one programme budget for the whole probe, as when deciding
  for _, c in ipairs(p.criteria) do try(c.id, c.line, c.test, test_result) end
  if p.award.amount then try("award", p.award.line, p.award.amount,
    function(value, explanation) return award_result(value, explanation, p.award.rounding) end) end
  -- A probe may not leave anything changed either; a variable it changed is a finding.
  local changed = ctx.seal.check(p, at)
  if changed and changed[p.id] then
    errors[#errors + 1] = { id = "programme", line = p.line, file = p.file, certain = true,
      message = format("the rule changed '%s', a value kept from one business to the next; rules must not remember anything between businesses", changed[p.id]) }
  end
  local names = {}
  for name in next, used do if name ~= "as_of" and name ~= "today" then names[#names + 1] = name end end
  sort(names)
  return { errors = errors, used = names }
end
