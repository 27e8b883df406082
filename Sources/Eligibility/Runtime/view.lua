-- view.lua: the read-only business rules see (b).
--
-- Every record of the business (the business itself, premises, each vehicle of the fleet) has a
-- slot, made once and reused for every business: a data table the host fills, a proxy rules
-- read through, and the proxy's metatable. Reads cost one metatable step; writes are refused;
-- pairs, #, ipairs and getmetatable never hand out the data table. A fact the vocabulary has but
-- the business does not give stops the test as "cannot tell" and names its path; a fact
-- answered "does not apply" stops it as failed; a name the vocabulary lacks is a rule error.
-- A dated fact is a history object read with on(fact, day).
--
-- Trusted code. It touches script values only with raw operations and type checks.
local ctx = ...
local type, error, next, select, rawget, rawset, rawequal, setmetatable = type, error, next, select, rawget, rawset, rawequal, setmetatable
local format, sub, concat, sort, pack = string.format, string.sub, table.concat, table.sort, table.pack
-- String functions are called as functions: a string's methods are the sandbox's bounded copies.
local match, find = string.match, string.find
local mathtype = math.type
local getmetatable = debug.getmetatable
local MISSING, NOT_APPLICABLE = ctx.missing, ctx.not_applicable
local suggestion = ctx.suggestion

local view = {}
ctx.view = view

-- The vocabulary as the host gives it: record types by number, each { path = "premises",
-- fields = { name = { dated = bool, list = bool, record = type number or nil } }, names = {...} }.
local TYPES = ctx.vocabulary

-- What the current test has noted. `missing` is a buffer of paths (n of them) the evaluator
-- commits when the test ends unknown; `reads` a list of { path, value, on } when explaining.
local note = { n = 0, paths = {}, reads = false }
view.note = note

local function note_missing(path)
  local n = note.n + 1
  note.n = n
  note.paths[n] = path
end
view.note_missing = note_missing

local function note_read(path, value, day)
  local reads = note.reads
  if reads then
    local key = day and path .. "@" .. day or path
    if note.seen[key] then return end
    note.seen[key] = true
    reads[#reads + 1] = { path = path, value = value, on = day }
  end
end

-- Starts noting the reads of a test (only when explaining).
function view.begin_reads()
  note.reads, note.seen = {}, {}
end

-- Slots -------------------------------------------------------------------------------------------

local INFO = {}            -- data table -> slot
local tracing = false      -- whether reads are being traced (explaining)
local SLOT_OF = {}         -- proxy -> slot
local slots = {}           -- every slot, for switching tracing on and off
view.slot_of = SLOT_OF

local function join(path, key)
  return path == "" and key or path .. "." .. key
end

-- The path of fact `key` in a slot, cached (one string per slot and fact, made once).
local function path_of(slot, key)
  local paths = slot.paths
  local path = paths[key]
  if not path then
    if mathtype(key) == "integer" then path = format("%s[%d]", slot.path, key - 1) else path = join(slot.path, key) end
    paths[key] = path
  end
  return path
end

local function refuse(proxy, key)
  local slot = SLOT_OF[proxy]
  error(format("cannot change '%s': the business is read-only", slot and type(key) == "string" and join(slot.path, key) or "the business"), 2)
end

local function proxy_len(proxy) return #SLOT_OF[proxy].data end

local function proxy_pairs(proxy)
  local data = SLOT_OF[proxy].data
  return function(_, key) return next(data, key) end, proxy, nil
end

-- Absent facts: the data table's metatable, one per record type.
local ABSENT = {}
for number, record in next, TYPES do
  ABSENT[number] = {
    __index = function(data, key)
      local slot = INFO[data]
      if type(key) == "string" and record.fields[key] then
        local path = path_of(slot, key)
        if slot.na[key] then
          note_read(path, "does not apply")
          error(NOT_APPLICABLE, 0)
        end
        note_missing(path)
        error(MISSING, 0)
      end
      local where = slot.path == "" and "the business" or slot.path
      local name = type(key) == "string" and key or format("[%s]", type(key))
      error(format("%s has no fact '%s'%s (facts here: %s; a new fact is added to %s)", where, name,
        type(key) == "string" and suggestion(key, record.names) or "", concat(record.names, ", "), ctx.vocabulary_file), 0)
    end,
  }
end

local LIST = {
  __index = function(data, key)
    if mathtype(key) == "integer" then return nil end -- past the end of a list
    local slot = INFO[data]
    error(format("'%s' is a list: use ipairs(...) or an item like %s[1], not '.%s'", slot.path,
      slot.path == "" and "list" or match(slot.path, "[^.]*$"), type(key) == "string" and key or type(key)), 0)
  end,
}

-- A new slot for a record of type `number` at `path` (a list when `is_list`). Returns its data
-- table, its proxy and its table of facts that do not apply, for the host to fill.
function view.new_slot(number, path, is_list)
  local data, na = {}, {}
  local meta = { __newindex = refuse, __len = proxy_len, __pairs = proxy_pairs, __metatable = "read-only" }
  meta.__index = data
  local proxy = setmetatable({}, meta)
  setmetatable(data, is_list and LIST or ABSENT[number])
  local slot = { path = path, number = number, data = data, proxy = proxy, meta = meta, na = na, paths = {}, list = is_list }
  INFO[data] = slot
  SLOT_OF[proxy] = slot
  slots[#slots + 1] = slot
  if tracing then view.trace(slot, true) end
  return data, proxy, na
end

-- Tracing: while explaining, every read of a plain fact is noted with its value.
function view.trace(slot, on)
  if not on then slot.meta.__index = slot.data; return end
  local tracer = slot.tracer
  if not tracer then
    local data = slot.data
    tracer = function(_, key)
      local value = data[key]
      if type(value) ~= "table" then note_read(path_of(slot, key), value)
      elseif getmetatable(value) == ctx.history_meta then note_read(path_of(slot, key), "(dated)") end
      return value
    end
    slot.tracer = tracer
  end
  slot.meta.__index = tracer
end

-- Switches every slot between plain reads and traced reads (only when the mode changes).
function view.set_traced(on)
  if on == tracing then return end
  tracing = on
  for i = 1, #slots do view.trace(slots[i], on) end
end

-- Dated facts ----------------------------------------------------------------------------------
-- A history is a table the host fills: [1] the fact's path, [2] the number of entries, then for
-- each entry its first day ("YYYY-MM-DD", or false for "from the beginning") and its value.

local function dated_message(h)
  local path = rawget(h, 1)
  return format("'%s' changes over time: read it as at a day, e.g. on(b.%s, p.today)", path, path)
end
local function refuse_dated(h) error(dated_message(h), 2) end
local function refuse_dated2(a, b)
  error(dated_message(getmetatable(a) == ctx.history_meta and a or b), 2)
end
ctx.history_meta = {
  __index = refuse_dated, __newindex = refuse_dated, __len = refuse_dated, __call = refuse_dated,
  __pairs = refuse_dated, __lt = refuse_dated2, __le = refuse_dated2, __concat = refuse_dated2,
  __add = refuse_dated2, __sub = refuse_dated2, __mul = refuse_dated2, __div = refuse_dated2,
  __mod = refuse_dated2, __unm = refuse_dated, __idiv = refuse_dated2, __pow = refuse_dated2,
  __tostring = function(h) return "dated fact " .. rawget(h, 1) end,
  __metatable = "dated fact",
}

-- on(fact, day): the value of a dated fact on a day ("YYYY-MM-DD", or an instant such as p.as_of).
function view.on(h, day)
  if getmetatable(h) ~= ctx.history_meta then
    error("on(fact, day) needs a dated fact, e.g. on(b.premises.rateableValue, \"2020-03-11\")", 2)
  end
  if type(day) ~= "string" or not find(day, "^%d%d%d%d%-%d%d%-%d%d") then
    error("on(fact, day): the day must be a date like \"2020-03-11\" (or p.today)", 2)
  end
  day = sub(day, 1, 10)
  local path, n = rawget(h, 1), rawget(h, 2)
  local found
  for i = 1, n do
    local from = rawget(h, 1 + 2 * i)
    if from == false or from <= day then found = i else break end
  end
  if not found then
    note_missing(path)
    error(MISSING, 0)
  end
  local value = rawget(h, 2 + 2 * found)
  if rawequal(value, NOT_APPLICABLE) then
    note_read(path, "does not apply", day)
    error(NOT_APPLICABLE, 0)
  end
  if type(value) == "table" then
    local frozen = rawget(h, 2 + 2 * n + found)
    if not frozen then frozen = ctx.sandbox.freeze(value); rawset(h, 2 + 2 * n + found, frozen) end
    value = frozen
  end
  note_read(path, value, day)
  return value
end

-- Helpers scripts call -------------------------------------------------------------------------

-- The slot behind a part of the business, or an error naming what was expected.
local function slot_for(node, helper)
  local slot = type(node) == "table" and SLOT_OF[node]
  if not slot then error(format("%s(node, \"fact\") needs a part of the business, e.g. %s(b, \"employees\")", helper, helper), 3) end
  return slot
end

local function checked_key(slot, key, helper)
  if type(key) ~= "string" then error(format("%s(node, \"fact\"): the fact's name must be text, got %s", helper, type(key)), 3) end
  local record = not slot.list and TYPES[slot.number]
  if record and not record.fields[key] then
    error(format("%s has no fact '%s'%s", slot.path == "" and "the business" or slot.path, key, suggestion(key, record.names)), 3)
  end
  return key
end

-- has(node, "fact"): whether the fact is given (not unknown, not "does not apply").
function view.has(node, key)
  local slot = slot_for(node, "has")
  checked_key(slot, key, "has")
  local value = rawget(slot.data, key)
  if note.reads then note_read(path_of(slot, key), value == nil and (slot.na[key] and "does not apply" or nil) or (type(value) ~= "table" and value or nil)) end
  return value ~= nil
end

-- applies(node, "fact"): false when the fact is answered "does not apply", true when it is
-- given; when it is unknown the test stops as "cannot tell" and the fact is asked for.
function view.applies(node, key)
  local slot = slot_for(node, "applies")
  checked_key(slot, key, "applies")
  if rawget(slot.data, key) ~= nil then return true end
  if slot.na[key] then note_read(path_of(slot, key), "does not apply"); return false end
  note_missing(path_of(slot, key))
  error(MISSING, 0)
end

-- unknown(node, "fact", ...): stops the test as "cannot tell", naming those facts as missing.
function view.unknown(node, ...)
  local slot = slot_for(node, "unknown")
  local keys = pack(...)
  for i = 1, keys.n do note_missing(path_of(slot, checked_key(slot, keys[i], "unknown"))) end
  error(MISSING, 0)
end

-- Three-valued combinators -------------------------------------------------------------------
-- Each argument is a function of no arguments (or a value already worked out). A branch that
-- stops on a missing fact is "cannot tell"; one on a fact that does not apply is false.

local function branch(f)
  if type(f) ~= "function" then
    if f == true or f == false or f == nil then return f end
    error("any_of/all_of take functions, e.g. any_of(function() return b.x end, function() return b.y end)", 3)
  end
  local ok, result = pcall(f)
  if ok then
    if result == true or result == false or result == nil then return result end
    error(format("a branch of any_of/all_of returned a %s; it must return true, false or nil", type(result)), 3)
  end
  if rawequal(result, MISSING) then return nil end
  if rawequal(result, NOT_APPLICABLE) then return false end
  error(result, 0)
end

-- any_of(a, b, ...): true when any is true; false when all are false; otherwise "cannot tell",
-- asking for what the undecided ones lacked. A true branch makes the others' missing facts moot.
function view.any_of(...)
  local start, unknown, branches = note.n, false, pack(...)
  for i = 1, branches.n do
    local result = branch(branches[i])
    if result == true then note.n = start; return true end
    if result == nil then unknown = true end
  end
  if not unknown then note.n = start; return false end
  if note.n == start then return nil end
  error(MISSING, 0)
end

-- all_of(a, b, ...): false when any is false; true when all are true; otherwise "cannot tell".
-- A false branch makes the others' missing facts moot.
function view.all_of(...)
  local start, unknown, branches = note.n, false, pack(...)
  for i = 1, branches.n do
    local result = branch(branches[i])
    if result == false then note.n = start; return false end
    if result == nil then unknown = true end
  end
  if not unknown then note.n = start; return true end
  if note.n == start then return nil end
  error(MISSING, 0)
end
