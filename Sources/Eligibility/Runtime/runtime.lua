-- runtime.lua: the engine's trusted Lua half. It gives rule scripts their declaration
-- language (programme, dated, pounds, percent, has, unknown), validates each declaration once,
-- and evaluates every programme for one business in one call, each criterion under its own
-- instruction budget, so one broken programme never affects another.
--
-- Arguments: the sandbox API (LuaBridge) and the fact schema (node -> key -> shape), where a
-- shape is true (a leaf), { node = "Address" }, or { list = "Vehicle" | true }.
local sandbox, schema = ...

local type, error, next, pairs, ipairs, tostring, select = type, error, next, pairs, ipairs, tostring, select
local setmetatable, rawget, rawequal, pcall = setmetatable, rawget, rawequal, pcall
local format, sort, concat, tointeger, floor = string.format, table.sort, table.concat, math.tointeger, math.floor
local getinfo = debug.getinfo
local freeze, budgeted_pcall, globals = sandbox.freeze, sandbox.budgeted_pcall, sandbox.globals

-- Instants --------------------------------------------------------------------------------
-- An instant is "YYYY-MM-DDTHH:MM" in UK local time; fixed width, so strings compare in order.

local function days_from_civil(y, m, d)
  y = m <= 2 and y - 1 or y
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local doy = (153 * (m + (m > 2 and -3 or 9)) + 2) // 5 + d - 1
  return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy
end

local function civil_from_days(z)
  local era = (z >= 0 and z or z - 146096) // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp < 10 and mp + 3 or mp - 9
  return yoe + era * 400 + (m <= 2 and 1 or 0), m, d
end

-- Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"; returns the instant string and whether it had a time.
local function parse_instant(text)
  if type(text) ~= "string" then return nil end
  local y, m, d, rest = text:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)(.*)$")
  if not y then return nil end
  y, m, d = tointeger(tonumber(y)), tointeger(tonumber(m)), tointeger(tonumber(d))
  local cy, cm, cd = civil_from_days(days_from_civil(y, m, d))
  if cy ~= y or cm ~= m or cd ~= d then return nil end
  if rest == "" then return format("%s-%s-%sT00:00", text:sub(1, 4), text:sub(6, 7), text:sub(9, 10)), false end
  local hh, mm = rest:match("^[T ](%d%d):(%d%d)$")
  if not hh or tonumber(hh) > 23 or tonumber(mm) > 59 then return nil end
  return text:sub(1, 10) .. "T" .. hh .. ":" .. mm, true
end

local function next_day(instant)
  local y, m, d = civil_from_days(days_from_civil(tonumber(instant:sub(1, 4)), tonumber(instant:sub(6, 7)), tonumber(instant:sub(9, 10))) + 1)
  return format("%04d-%02d-%02dT00:00", y, m, d)
end

-- Declaration errors ------------------------------------------------------------------------
-- Raised as "file:line: message" strings, so a programme manager knows where and what to fix.

local declaring -- { file = "rules/x.lua", line = n } while a rule file is being defined

local function fail(line, message, ...)
  error(format("%s:%d: %s", declaring and declaring.file or "?", line or (declaring and declaring.line) or 0,
    format(message, ...)), 0)
end

local function distance(a, b)
  local previous = {}
  for j = 0, #b do previous[j] = j end
  for i = 1, #a do
    local current = { [0] = i }
    for j = 1, #b do
      local cost = a:byte(i) == b:byte(j) and 0 or 1
      current[j] = math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    end
    previous = current
  end
  return previous[#b]
end

local function suggestion(word, choices)
  local best, best_distance = nil, 3
  for _, choice in ipairs(choices) do
    local d = distance(word:lower(), choice:lower())
    if d < best_distance then best, best_distance = choice, d end
  end
  return best and format("; did you mean '%s'?", best) or ""
end

local function check_keys(t, allowed, what, line)
  local names = {}
  for name in pairs(allowed) do names[#names + 1] = name end
  sort(names)
  for key in pairs(t) do
    if not allowed[key] then
      fail(line, "unknown key '%s' in %s%s (allowed: %s)", tostring(key), what,
        type(key) == "string" and suggestion(key, names) or "", concat(names, ", "))
    end
  end
end

local function line_of(f) return type(f) == "function" and getinfo(f, "S").linedefined or nil end

-- Money helpers for scripts -------------------------------------------------------------------

local function pounds(n)
  if type(n) ~= "number" then error(format("pounds(...) needs a number, got %s", type(n)), 2) end
  local pence = tointeger(n * 100) or (n * 100 == floor(n * 100 + 0.5) and tointeger(floor(n * 100 + 0.5)))
  if not pence then error(format("pounds(%s) is not a whole number of pence", tostring(n)), 2) end
  return pence
end

local function percent(amount, pct)
  if type(amount) ~= "number" or type(pct) ~= "number" then
    error("percent(amount, pct) needs two numbers", 2)
  end
  if tointeger(amount) and tointeger(pct) then return amount * pct // 100 end
  return tointeger(floor(amount * pct / 100)) or error("percent(...): result out of range", 2)
end

-- Effective-dated parameters ------------------------------------------------------------------

local DATED = setmetatable({}, { __mode = "k" }) -- dated value -> its entries, sorted

local function dated(entries)
  local line = getinfo(2, "l").currentline
  if type(entries) ~= "table" or #entries == 0 then
    fail(line, "dated { ... } needs a list of entries like { from = \"2021-12-15T07:00\", value = pounds(2500) }")
  end
  local list = {}
  for i, entry in ipairs(entries) do
    if type(entry) ~= "table" then fail(line, "dated entry %d must be a table { from = ..., value = ... }", i) end
    check_keys(entry, { from = true, to = true, value = true }, format("dated entry %d", i), line)
    local from = parse_instant(entry.from)
    if not from then fail(line, "dated entry %d: 'from' must be a date \"YYYY-MM-DD\" or \"YYYY-MM-DDTHH:MM\", got %s", i, tostring(entry.from)) end
    local to
    if entry.to ~= nil then
      local parsed, timed = parse_instant(entry.to)
      if not parsed then fail(line, "dated entry %d: 'to' must be a date \"YYYY-MM-DD\" or \"YYYY-MM-DDTHH:MM\", got %s", i, tostring(entry.to)) end
      to = timed and parsed or next_day(parsed)
    end
    if entry.value == nil then fail(line, "dated entry %d has no 'value'", i) end
    if list[i - 1] and list[i - 1].from >= from then
      fail(line, "dated entries must be in date order: entry %d (%s) does not come after entry %d (%s)", i, entry.from, i - 1, entries[i - 1].from)
    end
    list[i] = { from = from, to = to, value = entry.value, text = entry.from }
  end
  local value = {}
  DATED[value] = { entries = list, line = line }
  return value
end

-- The value of a dated parameter at an instant, or nil and a reason.
local function dated_value(spec, at)
  local chosen
  for _, entry in ipairs(spec.entries) do
    if entry.from <= at and (entry.to == nil or at < entry.to) then chosen = entry end
  end
  if chosen then return chosen.value end
  return nil
end

-- The fact tree, seen read-only ---------------------------------------------------------------
-- Each node the host pushes is a plain table. For an evaluation it is wrapped: a proxy whose
-- reads go to the data table, whose writes are refused, and whose absent keys are either an
-- absent known fact (the test stops as "cannot tell", the fact's path is recorded) or a name the
-- model does not have (a rule error naming the node's known facts).

local MISSING = setmetatable({}, { __tostring = function() return "a fact is missing" end })
local path_of = setmetatable({}, { __mode = "k" })   -- data table or proxy -> path
local data_of = setmetatable({}, { __mode = "k" })   -- proxy -> data table
-- The criterion being tested: { missing = {...} or nil, missing_set, reads = {...} or nil,
-- read_set }. One record is reused for every test; its lists are made only when needed (the
-- missing list when a fact is first missing, the read lists only when tracing), so an untraced
-- evaluation allocates nothing per criterion.
local current
local record = {}

local function begin(traced)
  record.missing, record.missing_set = nil, nil
  if traced then record.reads, record.read_set = {}, {} else record.reads, record.read_set = nil, nil end
  current = record
  return record
end

local function note_missing(path)
  if current then
    local set = current.missing_set
    if not set then
      set = {}
      current.missing_set, current.missing = set, {}
    end
    if not set[path] then
      set[path] = true
      local missing = current.missing
      missing[#missing + 1] = path
    end
  end
end

local function join(path, key)
  if type(key) == "number" then return format("%s[%d]", path, key - 1) end
  return path == "" and key or path .. "." .. key
end

local absent_metatables = {}
for node, fields in pairs(schema) do
  local names = {}
  for name in pairs(fields) do names[#names + 1] = name end
  sort(names)
  absent_metatables[node] = {
    __index = function(data, key)
      if fields[key] then
        note_missing(join(path_of[data], key))
        error(MISSING, 0)
      end
      error(format("the business has no fact '%s'%s (facts here: %s)", tostring(key),
        type(key) == "string" and suggestion(key, names) or "", concat(names, ", ")), 2)
    end,
  }
end
local list_metatable = {
  __index = function(data, key)
    if type(key) == "number" then return nil end -- past the end of a list
    error(format("'%s' is a list: use ipairs or an index, not '.%s'", path_of[data], tostring(key)), 2)
  end,
}

local function refuse_write(proxy, key)
  error(format("cannot change '%s': the business is read-only", join(path_of[proxy] or "", key)), 2)
end

local function note_read(path, value)
  local reads = current and current.reads
  if reads and not current.read_set[path] then
    current.read_set[path] = true
    reads[#reads + 1] = { path = path, value = value }
  end
end

local wrap

-- Shared by every proxy (they find their data through data_of), so a proxy costs two tables.
local function proxy_len(proxy) return #data_of[proxy] end
local function proxy_pairs(proxy) return next, data_of[proxy], nil end

local function make_proxy(data, path, traced, is_list)
  local proxy = {}
  local metatable = { __newindex = refuse_write, __metatable = false, __len = proxy_len, __pairs = proxy_pairs }
  if traced then
    metatable.__index = function(_, key)
      local value = data[key]
      if type(value) ~= "table" then note_read(join(path, key), value) end
      return value
    end
  else
    metatable.__index = data
  end
  path_of[proxy], data_of[proxy] = path, data
  return setmetatable(proxy, metatable)
end

local node_shapes = {} -- node name -> { node = name }, made once
for node in pairs(schema) do node_shapes[node] = { node = node } end

wrap = function(data, shape, path, traced)
  path_of[data] = path
  if shape.list then
    local item_shape = shape.list ~= true and node_shapes[shape.list]
    for i = 1, #data do
      local item = data[i]
      if type(item) == "table" and item_shape then
        data[i] = wrap(item, item_shape, join(path, i), traced)
      end
    end
    setmetatable(data, list_metatable)
    return make_proxy(data, path, traced, true)
  end
  local fields = schema[shape.node]
  for key, value in next, data do
    if type(value) == "table" then
      local field = fields[key]
      if type(field) == "table" then data[key] = wrap(value, field, join(path, key), traced) end
    end
  end
  setmetatable(data, absent_metatables[shape.node])
  return make_proxy(data, path, traced, false)
end

local function has(node, key)
  local data = data_of[node]
  if not data then error("has(node, \"key\") needs a part of the business, e.g. has(b, \"employees\")", 2) end
  local value = rawget(data, key)
  if value == nil then
    note_read(join(path_of[node], key), nil)
  elseif type(value) ~= "table" then
    note_read(join(path_of[node], key), value)
  end
  return value ~= nil
end

local function unknown(node, ...)
  local path = path_of[node]
  if not path then error("unknown(node, \"key\", ...) needs a part of the business, e.g. unknown(b, \"employees\")", 2) end
  for i = 1, select("#", ...) do note_missing(join(path, (select(i, ...)))) end
  error(MISSING, 0)
end

-- Declarations ---------------------------------------------------------------------------------

local PROGRAMME_KEYS = { id = true, title = true, summary = true, guidance = true, open = true,
  minimal_financial_assistance = true, params = true, criteria = true, award = true }
local CRITERION_KEYS = { id = true, text = true, clause = true, test = true }
local AWARD_KEYS = { amount = true, maximum = true, rounding = true }
local ROUNDING = { none = true, ["down-to-pound"] = true, ["nearest-pound"] = true }
local RESERVED_PARAMS = { as_of = true, today = true }
local MAXIMUM_CRITERIA = 200

local function required_text(t, key, what, line, example)
  local value = t[key]
  if type(value) ~= "string" or value:match("^%s*$") then
    fail(line, "%s needs %s = \"...\" (%s)", what, key, example)
  end
  return value
end

local function programme(declaration)
  if not declaring then error("programme { ... } can only be used at the top of a rule file", 2) end
  -- `return programme { ... }` is a tail call, which hides the caller's line: then use the line
  -- where the file says `programme {`.
  local line = getinfo(2, "l").currentline
  if line < 1 then line = declaring.programme_line end
  declaring.line = line
  if type(declaration) ~= "table" then fail(line, "programme needs a table: return programme { id = \"...\", ... }") end
  check_keys(declaration, PROGRAMME_KEYS, "programme", line)

  local id = required_text(declaration, "id", "the programme", line, "its id, e.g. \"clean-vehicle-switch\"")
  if not id:match("^[a-z0-9]+[a-z0-9%-]*$") then
    fail(line, "id \"%s\" must be lower-case words joined by '-', e.g. \"clean-vehicle-switch\"", id)
  end
  local p = {
    id = id, file = declaring.file, line = line,
    title = required_text(declaration, "title", "the programme", line, "the name advisors see"),
    summary = required_text(declaration, "summary", "the programme", line, "one paragraph a business owner can read"),
    guidance = required_text(declaration, "guidance", "the programme", line, "a URL or a document reference"),
    minimal_financial_assistance = declaration.minimal_financial_assistance == true,
  }

  local open = declaration.open
  if type(open) ~= "table" then fail(line, "the programme needs open = { from = \"YYYY-MM-DD\", to = \"YYYY-MM-DD\" }") end
  check_keys(open, { from = true, to = true }, "open", line)
  p.open_from = parse_instant(open.from)
  if not p.open_from then fail(line, "open.from must be a date \"YYYY-MM-DD\" or \"YYYY-MM-DDTHH:MM\", got %s", tostring(open.from)) end
  p.open_from_text = open.from
  if open.to ~= nil then
    local to, timed = parse_instant(open.to)
    if not to then fail(line, "open.to must be a date \"YYYY-MM-DD\" or \"YYYY-MM-DDTHH:MM\", got %s", tostring(open.to)) end
    p.open_until = timed and to or next_day(to) -- the first instant it is closed
    p.open_to_text = open.to
    if p.open_until <= p.open_from then fail(line, "open.to (%s) must come after open.from (%s)", open.to, open.from) end
  end

  local params = declaration.params or {}
  if type(params) ~= "table" then fail(line, "params must be a table of named values") end
  p.params, p.dated, p.raw_params = {}, {}, {} -- raw_params: plain copies for listings (frozen proxies read as empty)
  for name, value in pairs(params) do
    if type(name) ~= "string" or not name:match("^[%a_][%w_]*$") then fail(line, "parameter names must be plain words, got %s", tostring(name)) end
    if RESERVED_PARAMS[name] then fail(line, "'%s' is set by the engine; choose another parameter name", name) end
    if DATED[value] then p.dated[name] = DATED[value] else p.params[name], p.raw_params[name] = freeze(value), value end
  end

  local criteria = declaration.criteria
  if type(criteria) ~= "table" or #criteria == 0 then
    fail(line, "the programme needs criteria = { { id = \"...\", text = \"...\", clause = \"...\", test = function(b, p) ... end }, ... }")
  end
  if #criteria > MAXIMUM_CRITERIA then
    fail(line, "the programme declares %d criteria; at most %d are allowed (combine related checks into one test)", #criteria, MAXIMUM_CRITERIA)
  end
  p.criteria = {}
  local seen = {}
  for i, c in ipairs(criteria) do
    if type(c) ~= "table" then fail(line, "criterion %d must be a table { id = ..., text = ..., test = ... }", i) end
    local cline = line_of(c.test) or line
    check_keys(c, CRITERION_KEYS, format("criterion %d", i), cline)
    local cid = required_text(c, "id", format("criterion %d", i), cline, "a short id like \"small-firm\"")
    if seen[cid] then fail(cline, "criterion id \"%s\" is used twice (also criterion %d); give each criterion its own id", cid, seen[cid]) end
    seen[cid] = i
    local text = required_text(c, "text", format("criterion \"%s\"", cid), cline, "the sentence an advisor reads, e.g. \"Fewer than 50 employees\"")
    if type(c.test) ~= "function" then
      fail(cline, "criterion \"%s\" needs test = function(b, p) return ... end (true, false, or nil when it cannot tell)", cid)
    end
    if c.clause ~= nil and type(c.clause) ~= "string" then fail(cline, "criterion \"%s\": clause must be text", cid) end
    p.criteria[i] = { id = cid, text = text, clause = c.clause, test = c.test, line = cline }
  end

  local award = declaration.award
  if type(award) ~= "table" then fail(line, "the programme needs award = { amount = function(b, p) ... end, maximum = pounds(...), rounding = \"none\" }") end
  local aline = line_of(award.amount) or line
  check_keys(award, AWARD_KEYS, "award", aline)
  if type(award.amount) ~= "function" then fail(aline, "award needs amount = function(b, p) return pence end") end
  if not tointeger(award.maximum) or award.maximum < 0 then fail(aline, "award needs maximum = pounds(...) (a whole number of pence, the most it ever pays)") end
  local rounding = award.rounding or "none"
  if not ROUNDING[rounding] then fail(aline, "award.rounding must be \"none\", \"down-to-pound\" or \"nearest-pound\", got %s", tostring(rounding)) end
  p.award = { amount = award.amount, maximum = tointeger(award.maximum), rounding = rounding, line = aline }
  return p
end

-- Sealing: nothing may be remembered from one business to the next -----------------------------
-- Local variables a rule file's functions share (upvalues) would let one evaluation leak into
-- the next. When a programme loads, every table such a variable holds is frozen, and every
-- variable's value is recorded, once per variable however many programmes reach it; after each
-- evaluation the record is checked, and a change is restored and reported as a rule error of
-- every programme that reaches that variable.

local getupvalue, setupvalue, upvalueid = debug.getupvalue, debug.setupvalue, debug.upvalueid
local cells, cell_list = {}, {} -- upvalue id -> { f, i, name, value, programmes }; in load order

local function from_rule_file(f)
  return getinfo(f, "S").source:sub(1, 1) == "@" -- trusted chunks are "=sandbox", "=runtime", "=[C]"
end

local function seal(p)
  local seen = {}
  local function visit(value)
    if seen[value] then return end
    if type(value) == "function" then
      seen[value] = true
      if not from_rule_file(value) then return end
      local i = 1
      while true do
        local name, item = getupvalue(value, i)
        if name == nil then break end
        if type(item) == "table" and not sandbox.is_frozen(item) and item ~= sandbox.env then
          item = freeze(item)
          setupvalue(value, i, item)
        end
        local id = upvalueid(value, i)
        local cell = cells[id]
        if not cell then
          cell = { f = value, i = i, name = name, value = item, programmes = {} }
          cells[id] = cell
          cell_list[#cell_list + 1] = cell
        end
        cell.programmes[p.id] = true
        visit(item)
        i = i + 1
      end
    elseif type(value) == "table" and sandbox.is_frozen(value) then
      seen[value] = true
      for _, item in pairs(value) do visit(item) end
    end
  end
  for _, c in ipairs(p.criteria) do visit(c.test) end
  visit(p.award.amount)
end

-- Restores every changed variable; returns programme id -> the name of a variable it reaches
-- that had changed, or nil when nothing changed.
local function unsealed()
  local changed
  for n = 1, #cell_list do
    local cell = cell_list[n]
    local _, now = getupvalue(cell.f, cell.i)
    if not rawequal(now, cell.value) then
      setupvalue(cell.f, cell.i, cell.value)
      changed = changed or {}
      for id in pairs(cell.programmes) do changed[id] = changed[id] or cell.name end
    end
  end
  return changed
end

-- Loaded programmes ------------------------------------------------------------------------------

local programmes, by_id = {}, {}

-- Runs a compiled rule file and records its programme. Raises "file:line: message".
local function define(chunk, file, source)
  local programme_line, number = 1, 0
  -- string.gmatch, not source:gmatch: the string metatable holds the sandbox's bounded copy,
  -- which refuses this pattern on a long text.
  for text in string.gmatch(source .. "\n", "([^\n]*)\n") do
    number = number + 1
    if text:find("^%s*return%s+programme%s*[{(]") or text:find("^%s*programme%s*[{(]") then
      programme_line = number
      break
    end
  end
  declaring = { file = file, line = programme_line, programme_line = programme_line }
  local ok, result, kind = budgeted_pcall(chunk)
  local state = declaring
  declaring = nil
  if not ok then
    if kind == "budget" then error(format("%s: the file ran too long while loading (an endless loop?)", file), 0) end
    if kind == "memory" then error(format("%s: the file used too much memory while loading", file), 0) end
    error(type(result) == "string" and result or format("%s: loading failed (%s)", file, tostring(result)), 0)
  end
  if type(result) ~= "table" or not result.criteria or not result.file then
    error(format("%s:%d: the file must end with: return programme { ... }", file, state.line), 0)
  end
  if by_id[result.id] then
    error(format("%s:%d: programme id \"%s\" is already used by %s", file, result.line, result.id, by_id[result.id].file), 0)
  end
  if result.minimal_financial_assistance then
    local ok_lib, lib = pcall(globals.require, "subsidy_control")
    if not ok_lib or type(lib) ~= "table" or type(lib.within_allowance) ~= "function" then
      error(format("%s:%d: minimal_financial_assistance needs rules/lib/subsidy_control.lua with within_allowance(b, award, today)", file, result.line), 0)
    end
    result.subsidy_control = lib
  end
  seal(result)
  programmes[#programmes + 1] = result
  by_id[result.id] = result
  return result.id
end

-- The parameters in force at an instant, read-only, with as_of and today added; cached per instant.
local function params_at(p, at)
  local cache = p.param_cache
  if cache and cache.at == at then return cache.value, cache.listing end
  local values, listing = { as_of = at, today = at:sub(1, 10) }, {}
  for name, value in pairs(p.params) do values[name] = value; listing[#listing + 1] = { name = name, value = p.raw_params[name] } end
  for name, spec in pairs(p.dated) do
    local value = dated_value(spec, at)
    values[name] = value
    listing[#listing + 1] = { name = name, value = value, dated = true }
  end
  sort(listing, function(a, b) return a.name < b.name end)
  local frozen = freeze(values)
  p.param_cache = { at = at, value = frozen, listing = listing }
  return frozen, listing
end

-- Evaluation ---------------------------------------------------------------------------------------

local function describe_error(result, kind)
  if kind == "budget" then return "ran too long (an endless loop?) and was stopped" end
  if kind == "memory" then return "used too much memory and was stopped" end
  if type(result) == "string" then return (result:gsub("\nstack traceback:.*$", "")) end
  return format("raised a %s instead of an error message", type(result))
end

-- Runs one script function for the current criterion: returns "value", v1, v2 or "missing" or
-- "error", message.
local function run(f, ...)
  local ok, a, b = budgeted_pcall(f, ...)
  if ok then return "value", a, b end
  if a == MISSING then return "missing" end
  if current and current.missing and b == "error" then return "missing" end
  return "error", describe_error(a, b)
end

local function round_award(amount, rounding)
  if rounding == "down-to-pound" then return floor(amount / 100) * 100 end
  if rounding == "nearest-pound" then return floor((amount + 50) / 100) * 100 end
  return amount
end

local function rule_error(decision, p, where, message)
  decision.outcome = "rule-error"
  decision.error = message:match("^[^:]+:%d+:") and message or format("%s:%d: %s", p.file, where, message)
  return decision
end

local function evaluate_programme(p, business, at, traced)
  local decision = { programme = p.id }
  if at < p.open_from or (p.open_until and at >= p.open_until) then
    decision.outcome = "closed"
    return decision
  end
  local params, listing = params_at(p, at)
  if traced then decision.parameters = listing end
  local failed, missing, missing_seen, criteria = {}, {}, {}, traced and {} or nil
  local any_unknown = false
  for i, c in ipairs(p.criteria) do
    begin(traced)
    local status, value = run(c.test, business, params)
    local result
    if status == "error" then
      current = nil
      return rule_error(decision, p, c.line, value)
    elseif status == "missing" or (status == "value" and value == nil) then
      result = "unknown"
    elseif value == true then
      result = "pass"
    elseif value == false then
      result = "fail"
    else
      current = nil
      return rule_error(decision, p, c.line, format("criterion \"%s\" returned a %s; a test must return true, false, or nil when it cannot tell", c.id, type(value)))
    end
    local now_missing = current.missing
    if now_missing and result ~= "fail" then result = "unknown" end
    if result == "fail" then failed[#failed + 1] = c.id end
    if result == "unknown" then
      any_unknown = true
      if now_missing then
        for _, path in ipairs(now_missing) do
          if not missing_seen[path] then missing_seen[path] = true; missing[#missing + 1] = path end
        end
      end
    end
    if criteria then
      criteria[i] = { id = c.id, outcome = result, reads = current.reads, missing = now_missing or {} }
    end
  end
  current = nil
  decision.criteria = criteria
  if #failed > 0 then
    decision.outcome, decision.failed = "ineligible", failed
    if #missing > 0 then decision.missing = missing end
    return decision
  end
  if any_unknown then
    decision.outcome, decision.missing = "needs-information", missing
    return decision
  end

  begin(traced)
  local status, amount, how = run(p.award.amount, business, params)
  local award_reads = current.reads
  local award_missing = current.missing or {}
  current = nil
  if status == "missing" then
    decision.outcome, decision.missing = "needs-information", award_missing
    return decision
  end
  if status == "error" then return rule_error(decision, p, p.award.line, amount) end
  if type(amount) ~= "number" or amount ~= amount or amount == math.huge or amount == -math.huge then
    return rule_error(decision, p, p.award.line, format("the award must be a number of pence, got %s", type(amount) == "number" and tostring(amount) or type(amount)))
  end
  if amount < 0 then return rule_error(decision, p, p.award.line, format("the award came out negative (%s pence)", tostring(amount))) end
  local rounded = round_award(amount, p.award.rounding)
  local pence = tointeger(rounded)
  if not pence then
    if rounded ~= floor(rounded) then
      return rule_error(decision, p, p.award.line, format("the award %s is not a whole number of pence; declare rounding = \"down-to-pound\" or round it", tostring(amount)))
    end
    return rule_error(decision, p, p.award.line, format("the award %s is too large", tostring(amount)))
  end
  local capped = pence > p.award.maximum
  if capped then pence = p.award.maximum end
  if how ~= nil and type(how) ~= "string" then how = nil end
  decision.award, decision.awardExplanation, decision.awardCapped = pence, how, capped or nil
  if traced then decision.awardReads = award_reads end

  if p.subsidy_control then
    begin(traced)
    local status2, within = run(p.subsidy_control.within_allowance, business, pence, params.today)
    local sc_reads, sc_missing = current.reads, current.missing or {}
    current = nil
    local result
    if status2 == "error" then return rule_error(decision, p, p.line, "subsidy control: " .. within) end
    if status2 == "missing" or within == nil then result = "unknown"
    elseif within == true then result = "pass"
    elseif within == false then result = "fail"
    else return rule_error(decision, p, p.line, "subsidy_control.within_allowance must return true, false or nil") end
    if criteria then criteria[#criteria + 1] = { id = "subsidy-control", outcome = result, reads = sc_reads, missing = sc_missing } end
    if result == "fail" then
      decision.outcome, decision.failed, decision.award = "ineligible", { "subsidy-control" }, nil
      return decision
    elseif result == "unknown" then
      decision.outcome, decision.missing, decision.award = "needs-information", sc_missing, nil
      return decision
    end
  end
  decision.outcome = "eligible"
  return decision
end

-- Evaluates every loaded programme (or those named in `only`, a set of ids) for one business.
local function evaluate(business, at, traced, only)
  local decisions = {}
  -- One read-only view serves every programme: writes are refused and the data tables are
  -- hidden behind protected metatables, so nothing one programme does can reach another.
  local view = wrap(business, node_shapes.Business, "", traced)
  for _, p in ipairs(programmes) do
    if not only or only[p.id] then
      local ok, decision = pcall(evaluate_programme, p, view, at, traced)
      if not ok then
        decision = { programme = p.id, outcome = "rule-error", error = format("%s: %s", p.file, tostring(decision)) }
      end
      decisions[#decisions + 1] = decision
    end
  end
  current = nil
  local changed = unsealed()
  if changed then
    for n, decision in ipairs(decisions) do
      local name, p = changed[decision.programme], by_id[decision.programme]
      if name then
        decisions[n] = { programme = p.id, outcome = "rule-error", error = format("%s:%d: the rule changed '%s', "
          .. "a value kept from one business to the next; rules must not remember anything between businesses "
          .. "(make it a local inside the function)", p.file, p.line, name) }
      end
    end
  end
  return decisions
end

-- What `eligible programmes` and explanations show about each programme.
local function describe(at)
  local list = {}
  for _, p in ipairs(programmes) do
    local criteria = {}
    for i, c in ipairs(p.criteria) do criteria[i] = { id = c.id, text = c.text, clause = c.clause, line = c.line } end
    if p.minimal_financial_assistance then
      criteria[#criteria + 1] = { id = "subsidy-control", text = "Total Minimal Financial Assistance, this award included, stays within £315,000 over this and the two previous financial years", clause = "Subsidy Control Act 2022, s.36 (Minimal Financial Assistance)", line = p.line }
    end
    local dated_params = {}
    for name, spec in pairs(p.dated) do
      local entries = {}
      for i, e in ipairs(spec.entries) do entries[i] = { from = e.from, to = e.to, value = e.value } end
      dated_params[#dated_params + 1] = { name = name, line = spec.line, entries = entries }
    end
    sort(dated_params, function(a, b) return a.name < b.name end)
    local open = at and at >= p.open_from and (not p.open_until or at < p.open_until)
    local _, listing = params_at(p, at or p.open_from)
    list[#list + 1] = {
      id = p.id, title = p.title, summary = p.summary, guidance = p.guidance, file = p.file, line = p.line,
      openFrom = p.open_from_text, openTo = p.open_to_text, open = open,
      maximum = p.award.maximum, rounding = p.award.rounding,
      minimalFinancialAssistance = p.minimal_financial_assistance,
      criteria = criteria, params = listing, datedParams = dated_params,
    }
  end
  return list
end

-- Lint support: runs every criterion test and the award of programme `id` against a probe
-- business at instant `at`, each one whatever the others returned, and reports the errors they
-- raised ({ id = criterion id or "award", line = n, message = "..." }) and the names of the
-- parameters they read. Trusted host code only; scripts never see it.
local function probe(id, business, at)
  local p = by_id[id]
  if not p then return nil end
  local view = wrap(business, node_shapes.Business, "", false)
  local values = params_at(p, at)
  local used = {}
  local tracking = setmetatable({}, {
    __index = function(_, key) used[key] = true; return values[key] end,
    __newindex = function(_, key) error(format("cannot change parameter '%s': parameters are read-only", tostring(key)), 2) end,
    __pairs = function() for name in pairs(p.params) do used[name] = true end
      for name in pairs(p.dated) do used[name] = true end
      return pairs(values) end,
    __len = function() return #values end,
    __metatable = false,
  })
  local errors = {}
  local function try(what, line, f)
    begin(false)
    local status, message = run(f, view, tracking)
    current = nil
    if status == "error" then errors[#errors + 1] = { id = what, line = line, message = message } end
  end
  -- The award runs only for a business every criterion passed, so only fact-name errors count
  -- there (the host filters); a criterion must cope with any business.
  for _, c in ipairs(p.criteria) do try(c.id, c.line, c.test) end
  try("award", p.award.line, p.award.amount)
  unsealed() -- a probe may not leave anything changed either
  local names = {}
  for name in pairs(used) do if name ~= "as_of" and name ~= "today" then names[#names + 1] = name end end
  sort(names)
  return { errors = errors, used = names }
end

-- Scripts' helpers join the sandbox's globals.
globals.programme, globals.dated, globals.pounds, globals.percent = programme, dated, pounds, percent
globals.has, globals.unknown = has, unknown

return {
  define = define,
  evaluate = evaluate,
  describe = describe,
  probe = probe,
  parse_instant = parse_instant,
}
