-- declare.lua: the declaration language of rule files (programme, dated, pounds, percent) and
-- its checks. A declaration is copied with raw operations and frozen when it is checked, so
-- nothing a script does later can change what was validated; every mistake is a diagnostic
-- { file, line, code, message } naming the line and what to write instead.
-- Trusted code.
local ctx = ...
local type, error, next, ipairs, tostring, rawget, rawequal, setmetatable = type, error, next, ipairs, tostring, rawget, rawequal, setmetatable
local format, sort, concat, tointeger, floor, mathtype = string.format, table.sort, table.concat, math.tointeger, math.floor, math.type
-- String functions are called as functions: a string's methods are the sandbox's bounded copies.
local match, gmatch = string.match, string.gmatch
local getinfo, getmetatable, utf8len = debug.getinfo, debug.getmetatable, utf8.len
local instants, freeze, suggestion, shown = ctx.instants, ctx.sandbox.freeze, ctx.suggestion, ctx.sandbox.shown

local declare = {}
ctx.declare = declare

-- The most a programme can ever pay, in pence (the engine's money limit: £1 trillion).
local MONEY_LIMIT = 100000000000000
declare.MONEY_LIMIT = MONEY_LIMIT
local MAXIMUM_CRITERIA = 200
local MAXIMUM_TEXT = 4000

-- Diagnostics ------------------------------------------------------------------------------------
-- Only tables made here are diagnostics: a script cannot forge one.

local DIAGNOSTICS = setmetatable({}, { __mode = "k" })
function declare.diagnostic(file, line, code, message)
  local d = { file = file, line = line, code = code, message = message }
  DIAGNOSTICS[d] = true
  return d
end
function declare.is_diagnostic(value) return type(value) == "table" and DIAGNOSTICS[value] == true end

local declaring -- { file = "rules/x.lua", stem = "x", line = n, programme_line = n } while a file loads
function declare.begin(state) declaring = state end
function declare.finish() local state = declaring; declaring = nil; return state end

local function fail(line, message, ...)
  error(declare.diagnostic(declaring and declaring.file or "?", line or (declaring and declaring.line) or 1,
    "declaration", format(message, ...)), 0)
end
declare.fail = fail

-- The line of the rule file that called into the declaration language; `fallback` (else the
-- declaration's line) when that frame is gone (a tail call: `return programme { ... }`).
local function caller_line(level, fallback)
  local info = getinfo(level + 1, "Sl")
  if info and info.currentline and info.currentline > 0 and info.source == "@" .. (declaring and declaring.file or "") then
    return info.currentline
  end
  return fallback or (declaring and (declaring.line or declaring.programme_line)) or 1
end

local function line_of(f)
  if type(f) ~= "function" then return nil end
  local info = getinfo(f, "S")
  return info.linedefined > 0 and info.linedefined or nil
end

-- Text a person reads: a string of valid UTF-8, not too long.
local function check_text(value, line, what, example)
  if type(value) ~= "string" or match(value, "^%s*$") then fail(line, "%s needs text, e.g. %s", what, example) end
  if not utf8len(value) then fail(line, "%s is not valid UTF-8 text; save the file as UTF-8", what) end
  if #value > MAXIMUM_TEXT then fail(line, "%s is %d characters long; at most %d", what, #value, MAXIMUM_TEXT) end
  return value
end

local function check_keys(t, allowed, what, line)
  local names = {}
  for name in next, allowed do names[#names + 1] = name end
  sort(names)
  for key in next, t do
    if not allowed[key] then
      fail(line, "unknown key '%s' in %s%s (allowed: %s)", type(key) == "string" and key or "[" .. type(key) .. "]", what,
        type(key) == "string" and suggestion(key, names) or "", concat(names, ", "))
    end
  end
end

-- A plain table a rule file wrote: no metatable (a script could hide anything behind one).
local function plain_table(value, line, what, example)
  if type(value) ~= "table" then fail(line, "%s must be a table, e.g. %s", what, example) end
  if getmetatable(value) ~= nil then fail(line, "%s must be a plain table (no metatable)", what) end
  return value
end

-- Money and percentages for scripts -------------------------------------------------------------

function declare.pounds(n)
  if mathtype(n) == nil then error(format("pounds(...) needs a number, got %s", type(n)), 2) end
  if n ~= n or n < 0 or n > MONEY_LIMIT / 100 then error(format("pounds(%s) is out of range (0 to 1,000,000,000,000)", tostring(n)), 2) end
  local pence = tointeger(n * 100) or (n * 100 == floor(n * 100 + 0.5) and tointeger(floor(n * 100 + 0.5)))
  if not pence then error(format("pounds(%s) is not a whole number of pence", tostring(n)), 2) end
  return pence
end

function declare.percent(amount, pct)
  if mathtype(amount) == nil or mathtype(pct) == nil then error("percent(amount, pct) needs two numbers", 2) end
  if amount ~= amount or pct ~= pct or amount < 0 or pct < 0 or amount > MONEY_LIMIT or pct > 100000 then
    error("percent(amount, pct): the amount must be 0 to 1,000,000,000,000 pounds in pence and the percentage 0 to 100000", 2)
  end
  if mathtype(amount) == "integer" and mathtype(pct) == "integer" then return amount * pct // 100 end
  return tointeger(floor(amount * pct / 100)) or error("percent(...): result out of range", 2)
end

-- Parameters --------------------------------------------------------------------------------------

local DATED = setmetatable({}, { __mode = "k" }) -- dated marker -> { entries, line }
declare.dated_specs = DATED

-- Copies a parameter value: numbers (finite), text, yes/no and plain tables of those. Returns the
-- value to give scripts (tables frozen) and a plain copy for listings.
local function copy_value(value, line, what, depth, seen)
  local t = type(value)
  if t == "number" then
    if value ~= value or value == math.huge or value == -math.huge then fail(line, "%s is not a finite number", what) end
    return value, value
  elseif t == "string" then
    if not utf8len(value) then fail(line, "%s is not valid UTF-8 text", what) end
    if #value > MAXIMUM_TEXT then fail(line, "%s is %d characters long; at most %d", what, #value, MAXIMUM_TEXT) end
    return value, value
  elseif t == "boolean" then
    return value, value
  elseif t == "table" then
    if DATED[value] then fail(line, "%s: dated { ... } can only be a parameter's whole value", what) end
    plain_table(value, line, what, "{ up_to = pounds(15000), grant = pounds(1000) }")
    if seen[value] then fail(line, "%s refers to itself; a parameter is plain data", what) end
    if depth > 8 then fail(line, "%s is nested more than 8 tables deep", what) end
    seen[value] = true
    local copy, plain, count = {}, {}, 0
    for key, item in next, value do
      count = count + 1
      if count > 10000 then fail(line, "%s has more than 10,000 entries", what) end
      if type(key) ~= "string" and mathtype(key) ~= "integer" then fail(line, "%s: keys must be names or list positions", what) end
      if type(key) == "string" and not utf8len(key) then fail(line, "%s: a key is not valid UTF-8 text", what) end
      copy[key], plain[key] = copy_value(item, line, type(key) == "string" and what .. "." .. key or format("%s[%d]", what, key), depth + 1, seen)
    end
    seen[value] = nil
    return freeze(copy), plain
  end
  fail(line, "%s is a %s; a parameter is a number, text, yes/no, a table of those, or dated { ... } (put functions in rules/lib/)", what, t)
end

function declare.dated(entries)
  local line = caller_line(2)
  if not declaring then error("dated { ... } can only be used while a rule file loads (in params)", 2) end
  plain_table(entries, line, "dated { ... }", "dated { { from = \"2021-12-15T07:00\", value = pounds(2500) } }")
  if rawget(entries, 1) == nil then
    fail(line, "dated { ... } needs a list of entries like { from = \"2021-12-15T07:00\", value = pounds(2500) }")
  end
  local list = {}
  for i = 1, 1000 do
    local entry = rawget(entries, i)
    if entry == nil then break end
    plain_table(entry, line, format("dated entry %d", i), "{ from = \"2021-04-01\", value = 25 }")
    check_keys(entry, { from = true, to = true, value = true }, format("dated entry %d", i), line)
    local from = instants.parse(rawget(entry, "from"))
    if not from then fail(line, "dated entry %d: 'from' must be a date \"YYYY-MM-DD\" or \"YYYY-MM-DDTHH:MM\", got %s", i, shown(rawget(entry, "from"))) end
    local to
    if rawget(entry, "to") ~= nil then
      to = instants.until_of(rawget(entry, "to"))
      if not to then fail(line, "dated entry %d: 'to' must be a date \"YYYY-MM-DD\" or \"YYYY-MM-DDTHH:MM\", got %s", i, shown(rawget(entry, "to"))) end
      if to <= from then fail(line, "dated entry %d: 'to' must come after 'from'", i) end
    end
    if rawget(entry, "value") == nil then fail(line, "dated entry %d has no 'value'", i) end
    local value, plain = copy_value(rawget(entry, "value"), line, format("dated entry %d's value", i), 1, {})
    if list[i - 1] and list[i - 1].from >= from then
      fail(line, "dated entries must be in date order: entry %d (%s) does not come after entry %d (%s)", i, rawget(entry, "from"), i - 1, list[i - 1].text)
    end
    list[i] = { from = from, to = to, value = value, plain = plain, text = rawget(entry, "from") }
  end
  local marker = {}
  DATED[marker] = { entries = list, line = line }
  return marker
end

-- The value of a dated parameter at an instant (nil when no entry holds then).
function declare.dated_value(spec, at)
  local chosen
  for _, entry in ipairs(spec.entries) do
    if entry.from <= at and (entry.to == nil or at < entry.to) then chosen = entry end
  end
  return chosen
end

-- Texts may name parameters: "Fewer than {max_staff} employees", "up to {cap:pounds}".
local function check_template(text, params, line, what)
  for name in gmatch(text, "{([%w_]+)[^}]*}") do
    if params[name] == nil and name ~= "as_of" and name ~= "today" then
      local names = {}
      for n in next, params do names[#names + 1] = n end
      fail(line, "%s names {%s}, which is not a parameter%s", what, name, suggestion(name, names))
    end
  end
  for format_name in gmatch(text, "{[%w_]+:(%w*)}") do
    if format_name ~= "pounds" and format_name ~= "day" and format_name ~= "number" then
      fail(line, "%s: {name:%s} is not a format; use {name:pounds}, {name:day} or {name:number}", what, format_name)
    end
  end
end

-- Programmes -------------------------------------------------------------------------------------

local PROGRAMME_KEYS = { id = true, title = true, summary = true, guidance = true, sources = true, open = true,
  params = true, criteria = true, award = true }
local CRITERION_KEYS = { id = true, text = true, clause = true, test = true, needs_award = true }
local AWARD_KEYS = { amount = true, discretionary = true, maximum = true, rounding = true }
local ROUNDING = { none = true, ["down-to-pound"] = true, ["nearest-pound"] = true }
local RESERVED_PARAMS = { as_of = true, today = true }

function declare.programme(declaration)
  if not declaring then error("programme { ... } can only be used at the top of a rule file", 2) end
  if declaring.result then fail(caller_line(2, declaring.programme_line), "a rule file declares one programme; this is the second programme { ... }") end
  local line = caller_line(2)
  if line < 1 then line = declaring.programme_line end
  declaring.line = line
  plain_table(declaration, line, "programme", "return programme { id = \"...\", ... }")
  check_keys(declaration, PROGRAMME_KEYS, "programme", line)

  local id = check_text(rawget(declaration, "id"), line, "the programme's id", "id = \"" .. declaring.stem .. "\"")
  if not match(id, "^[a-z0-9]+[a-z0-9%-]*$") then
    fail(line, "id \"%s\" must be lower-case words joined by '-', e.g. \"clean-vehicle-switch\"", id)
  end
  if id ~= declaring.stem then
    fail(line, "id \"%s\" differs from the file name %s.lua; a programme's id is its file's name: write id = \"%s\" or rename the file", id, declaring.stem, declaring.stem)
  end
  local p = {
    id = id, file = declaring.file, line = line,
    title = check_text(rawget(declaration, "title"), line, "the programme's title", "title = \"Plug-in Van Grant\""),
    summary = check_text(rawget(declaration, "summary"), line, "the programme's summary", "summary = \"One paragraph a business owner can read\""),
    guidance = check_text(rawget(declaration, "guidance"), line, "the programme's guidance", "guidance = \"https://www.gov.uk/...\""),
    sources = {},
  }
  local sources = rawget(declaration, "sources")
  if sources ~= nil then
    plain_table(sources, line, "sources", "{ \"gov.uk/guidance/...\" }")
    for i = 1, 100 do
      local source = rawget(sources, i)
      if source == nil then break end
      p.sources[i] = check_text(source, line, format("sources[%d]", i), "\"https://www.gov.uk/...\"")
    end
  end

  local open = plain_table(rawget(declaration, "open"), line, "open", "open = { from = \"2021-04-01\", to = \"2024-03-31\" }")
  check_keys(open, { from = true, to = true }, "open", line)
  p.open_from = instants.parse(rawget(open, "from"))
  if not p.open_from then fail(line, "open.from must be a date like \"2021-04-01\" or \"2021-04-01T10:00\", got %s", shown(rawget(open, "from"))) end
  p.open_from_text = rawget(open, "from")
  if rawget(open, "to") ~= nil then
    p.open_until = instants.until_of(rawget(open, "to"))
    if not p.open_until then fail(line, "open.to must be a date like \"2024-03-31\" or \"2021-02-26T17:00\", got %s", shown(rawget(open, "to"))) end
    p.open_to_text = rawget(open, "to")
    if p.open_until <= p.open_from then fail(line, "open.to (%s) must come after open.from (%s)", p.open_to_text, p.open_from_text) end
  end

  local params = rawget(declaration, "params")
  if params == nil then params = {} end
  plain_table(params, line, "params", "params = { max_staff = 50 }")
  p.params, p.dated, p.raw_params = {}, {}, {}
  for name, value in next, params do
    if type(name) ~= "string" or not match(name, "^[%a_][%w_]*$") then fail(line, "parameter names must be plain words, got %s", shown(name)) end
    if RESERVED_PARAMS[name] then fail(line, "'%s' is set by the engine; choose another parameter name", name) end
    if type(value) == "table" and DATED[value] then
      p.dated[name] = DATED[value]
    else
      p.params[name], p.raw_params[name] = copy_value(value, line, "parameter '" .. name .. "'", 1, {})
    end
  end
  local known = {}
  for name in next, p.params do known[name] = true end
  for name in next, p.dated do known[name] = true end
  check_template(p.title, known, line, "the title")
  check_template(p.summary, known, line, "the summary")

  local criteria = plain_table(rawget(declaration, "criteria"), line, "criteria",
    "criteria = { { id = \"...\", text = \"...\", clause = \"...\", test = function(b, p) ... end } }")
  if rawget(criteria, 1) == nil then
    fail(line, "the programme needs criteria = { { id = \"...\", text = \"...\", clause = \"...\", test = function(b, p) ... end }, ... }")
  end
  p.criteria = {}
  local seen = {}
  for i = 1, MAXIMUM_CRITERIA + 1 do
    local c = rawget(criteria, i)
    if c == nil then break end
    if i > MAXIMUM_CRITERIA then
      fail(line, "the programme declares more than %d criteria; combine related checks into one test", MAXIMUM_CRITERIA)
    end
    plain_table(c, line, format("criterion %d", i), "{ id = \"small-firm\", text = \"...\", test = function(b, p) ... end }")
    local test = rawget(c, "test")
    local cline = line_of(test) or line
    check_keys(c, CRITERION_KEYS, format("criterion %d", i), cline)
    local cid = check_text(rawget(c, "id"), cline, format("criterion %d's id", i), "id = \"small-firm\"")
    if not match(cid, "^[a-z0-9]+[a-z0-9%-]*$") then fail(cline, "criterion id \"%s\" must be lower-case words joined by '-'", cid) end
    if seen[cid] then fail(cline, "criterion id \"%s\" is used twice (also criterion %d); give each criterion its own id", cid, seen[cid]) end
    seen[cid] = i
    local text = check_text(rawget(c, "text"), cline, format("criterion \"%s\"'s text", cid), "text = \"Fewer than 50 employees\" (the sentence an advisor reads)")
    check_template(text, known, cline, format("criterion \"%s\"'s text", cid))
    if type(test) ~= "function" then
      fail(cline, "criterion \"%s\" needs test = function(b, p) return ... end (true, false, or nil when it cannot tell)", cid)
    end
    local clause = rawget(c, "clause")
    if clause ~= nil then
      check_text(clause, cline, format("criterion \"%s\"'s clause", cid), "clause = \"Guidance 2.1\"")
      check_template(clause, known, cline, format("criterion \"%s\"'s clause", cid))
    end
    local needs_award = rawget(c, "needs_award")
    if needs_award ~= nil and needs_award ~= true and needs_award ~= false then
      fail(cline, "criterion \"%s\": needs_award must be true or false", cid)
    end
    p.criteria[i] = { id = cid, text = text, clause = clause, test = test, line = cline, needs_award = needs_award == true }
  end

  local award = plain_table(rawget(declaration, "award"), line, "award",
    "award = { amount = function(b, p) ... end, maximum = pounds(...), rounding = \"none\" }")
  local amount, discretionary = rawget(award, "amount"), rawget(award, "discretionary")
  local aline = line_of(amount) or line
  check_keys(award, AWARD_KEYS, "award", aline)
  if discretionary ~= nil then
    if amount ~= nil then fail(aline, "award has both amount and discretionary; a discretionary award has no amount to work out") end
    check_text(discretionary, aline, "award.discretionary", "discretionary = \"The council sets the amount, up to {cap:pounds}\"")
    check_template(discretionary, known, aline, "award.discretionary")
  elseif type(amount) ~= "function" then
    fail(aline, "award needs amount = function(b, p) return pence end, or discretionary = \"who sets the amount, and how\"")
  end
  local maximum = rawget(award, "maximum")
  if mathtype(maximum) ~= "integer" or maximum < 0 or maximum > MONEY_LIMIT then
    fail(aline, "award needs maximum = pounds(...) (a whole number of pence from 0 to pounds(1000000000000), the most it ever pays)")
  end
  local rounding = rawget(award, "rounding") or "none"
  if not ROUNDING[rounding] then fail(aline, "award.rounding must be \"none\", \"down-to-pound\" or \"nearest-pound\", got %s", shown(rounding)) end
  p.award = { amount = amount, discretionary = discretionary, maximum = maximum, rounding = rounding, line = aline }
  for _, c in ipairs(p.criteria) do if c.needs_award then p.needs_award = true end end

  -- The script gets a token, never the record: nothing it does later reaches what was checked.
  declaring.result, declaring.token = p, freeze({})
  return declaring.token
end
