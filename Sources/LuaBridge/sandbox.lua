-- sandbox.lua: builds, once per state, the frozen environment untrusted scripts run in.
-- Trusted: it runs in the host's global table. Arguments: guarded (C: runs a function with the
-- budgets and memory allowance armed), the work table bounded functions charge to the budgets,
-- the host's module reader (Swift: name -> source, chunkname | nil, message), the library
-- folder's display name (e.g. "rules/lib") and the two sentinels a runtime raises for facts
-- (missing, does not apply), which scripts cannot catch. Returns the sandbox API table, which
-- scripts never see.
--
-- Read-only holds through every door: a frozen table's proxy refuses writes, its iteration
-- yields keys and values without the table behind it, keys are frozen as well as values, and
-- getmetatable shows only a marker.
local guarded, work, read_module, library, MISSING, NOT_APPLICABLE = ...

local type, error, next, pairs, tostring, select = type, error, next, pairs, tostring, select
local rawget, rawequal, rawlen, setmetatable, getmetatable = rawget, rawequal, rawlen, setmetatable, getmetatable
local format, byte, find = string.format, string.byte, string.find
local mathtype = math.type
local load = load

-- Read-only copies -------------------------------------------------------------------------

local frozen = setmetatable({}, { __mode = "k" })    -- proxy -> its data table
local proxy_of = setmetatable({}, { __mode = "k" })  -- original table -> its proxy

-- A script's value described for a message with raw operations only: never a metamethod.
local function shown(value)
  local kind = type(value)
  if kind == "string" then return value end
  if kind == "number" or kind == "boolean" or kind == "nil" then return tostring(value) end
  return kind
end

local function refuse_write(_, key)
  local kind = type(key)
  local name = (kind == "string" or kind == "number") and tostring(key) or kind
  error(format("cannot change '%s': this table is read-only", name), 2)
end
local function frozen_len(proxy) return #frozen[proxy] end
local function frozen_pairs(proxy)
  local data = frozen[proxy]
  return function(_, key) return next(data, key) end, proxy, nil
end

-- Returns a read-only proxy of `value` (deeply, keys and values, the same proxy for the same
-- table however often it is frozen); other values pass unchanged.
local function freeze(value)
  if type(value) ~= "table" or frozen[value] then return value end
  local existing = proxy_of[value]
  if existing then return existing end
  local proxy, data = {}, {}
  proxy_of[value] = proxy
  frozen[proxy] = data
  for key, item in next, value do data[freeze(key)] = freeze(item) end
  setmetatable(proxy, {
    __index = data, __newindex = refuse_write, __len = frozen_len, __pairs = frozen_pairs,
    __metatable = "read-only",
  })
  return proxy
end

-- Bounded C functions ---------------------------------------------------------------------------
-- Some library functions run in C, out of reach of the instruction budget. Each is bounded by
-- its arguments before it starts and charges its work to the budget (work[1], in instructions).

local function charge(units)
  work[1] = work[1] + (units < 1e9 and math.floor(units) or 1000000000)
end

-- Pattern functions backtrack: a pattern with k quantifiers may take n^(k+1) steps on an n-byte
-- text. A call whose bound is too high is refused; the bound is charged.
local PATTERN_STEP_LIMIT = 10000000
local longest_texts, exponents, cached_patterns = {}, {}, 0 -- pattern -> longest safe text, exponent

local function skip_set(pattern, i) -- i is just after '['; returns the index after ']'
  if byte(pattern, i) == 94 then i = i + 1 end           -- '^'
  repeat
    local c = byte(pattern, i)
    if c == nil then return i end
    i = i + (c == 37 and 2 or 1)                          -- '%' escapes the next byte
  until byte(pattern, i) == 93                            -- ']'
  return i + 1
end

-- The longest text a pattern may run on, and its backtracking exponent. `anchorable` is false
-- for gmatch and gsub, which try every starting position even when the pattern starts with '^'.
local function pattern_bound(pattern, anchorable)
  local key = anchorable and pattern or "\0" .. pattern
  local longest = longest_texts[key]
  if longest then return longest, exponents[key] end
  local exponent, choices, i, n = 1, 0, 1, #pattern
  if byte(pattern, 1) == 94 then
    if anchorable then exponent = 0 end
    i = 2
  end
  while i <= n do
    local c = byte(pattern, i)
    local single = true
    if c == 37 then                                       -- '%'
      local d = byte(pattern, i + 1)
      if d == 98 then exponent, i, single = exponent + 1, i + 4, false         -- %bxy
      elseif d == 102 then i, single = skip_set(pattern, i + 3), false         -- %f[set]
      elseif d and d >= 48 and d <= 57 then exponent, i, single = exponent + 1, i + 2, false
      else i = i + 2 end
    elseif c == 91 then i = skip_set(pattern, i + 1)      -- '['
    elseif c == 40 or c == 41 then i, single = i + 1, false -- '(' ')'
    else i = i + 1 end
    if single then
      local q = byte(pattern, i)
      if q == 42 or q == 43 or q == 45 then exponent, i = exponent + 1, i + 1 -- * + -
      elseif q == 63 then choices, i = choices + 1, i + 1 end                  -- ?
    end
  end
  -- The longest text n with (n + 1)^exponent * 2^choices <= PATTERN_STEP_LIMIT.
  longest = exponent == 0 and math.huge
    or math.floor((PATTERN_STEP_LIMIT / 2 ^ choices) ^ (1 / exponent)) - 1
  if cached_patterns >= 256 then longest_texts, exponents, cached_patterns = {}, {}, 0 end
  longest_texts[key], exponents[key], cached_patterns = longest, exponent, cached_patterns + 1
  return longest, exponent
end

-- Matching tries the pattern's bytes at every position of the text: a long pattern (or plain
-- needle) on a long text costs their product however simple it is.
local SCAN_LIMIT = 100000000

local function bounded_pattern(name, original, anchorable)
  return function(text, pattern, ...)
    if type(text) == "string" and type(pattern) == "string" and #text * #pattern > SCAN_LIMIT then
      error(format("string.%s: a %d-byte pattern on a %d-byte text could take too long; use a shorter pattern or text",
        name, #pattern, #text), 2)
    end
    if type(text) == "string" and type(pattern) == "string" and name == "find" and select(2, ...) then
      charge(#text * #pattern // 64)                        -- find's plain mode: no backtracking
    elseif type(text) == "string" and type(pattern) == "string" then
      local longest, exponent = pattern_bound(pattern, anchorable)
      if #text > longest then
        error(format("string.%s: the pattern %q could take too long on a %d-character text; "
          .. "use a simpler pattern (fewer '-', '*', '+') or a shorter text", name, pattern, #text), 2)
      end
      charge((#text + 1) ^ (exponent > 0 and exponent or 1))
    end
    return original(text, pattern, ...)
  end
end

local LOOP_LIMIT = 10000000

-- A count as the C function reads it (luaL_checkinteger: an integer, a float with an integer
-- value, or a string of one), so the bound checks the count that will be used; nil otherwise.
local function as_count(value)
  if type(value) == "string" then value = tonumber(value) end
  if mathtype(value) == "float" then return math.tointeger(value) end
  return mathtype(value) == "integer" and value or nil
end

local original_rep = string.rep
local function bounded_rep(s, n, sep)
  n = as_count(n) or n
  if mathtype(n) == "integer" and n > LOOP_LIMIT then
    error(format("string.rep: %d repetitions is too many (at most %d)", n, LOOP_LIMIT), 2)
  end
  if mathtype(n) == "integer" and n > 0 then charge(n) end
  return original_rep(s, n, sep)
end

local original_move = table.move
local function bounded_move(a1, f, e, t, a2)
  f, e, t = as_count(f) or f, as_count(e) or e, as_count(t) or t
  if mathtype(f) == "integer" and mathtype(e) == "integer" and e >= f then
    if e - f >= LOOP_LIMIT then error(format("table.move: moving %s elements is too many (at most %d)", tostring(e - f + 1), LOOP_LIMIT), 2) end
    charge(e - f + 1)
  end
  return original_move(a1, f, e, t, a2)
end

local original_sort = table.sort
local function bounded_sort(t, comparator)
  if type(t) == "table" then
    local n = rawlen(t)
    if n > 1000000 then error(format("table.sort: sorting %d elements is too many (at most 1,000,000)", n), 2) end
    charge(n * 20)
  end
  return original_sort(t, comparator)
end

local original_concat = table.concat
local function bounded_concat(t, sep, i, j)
  i, j = as_count(i) or i, as_count(j) or j
  if type(t) == "table" then
    local first, last = mathtype(i) == "integer" and i or 1, mathtype(j) == "integer" and j or rawlen(t)
    if last - first >= LOOP_LIMIT then error(format("table.concat: %s elements is too many (at most %d)", tostring(last - first + 1), LOOP_LIMIT), 2) end
    if last >= first then charge(last - first + 1) end
  end
  return original_concat(t, sep, i, j)
end

local original_unpack = table.unpack
local function bounded_unpack(t, i, j)
  i, j = as_count(i) or i, as_count(j) or j
  local first = mathtype(i) == "integer" and i or 1
  local last = mathtype(j) == "integer" and j or (type(t) == "table" and rawlen(t) or 0)
  if last - first >= 100000 then error(format("table.unpack: %s values is too many (at most 100,000)", tostring(last - first + 1)), 2) end
  if last >= first then charge(last - first + 1) end
  return original_unpack(t, i, j)
end

-- The libraries scripts see ------------------------------------------------------------------

local function copy(lib, without)
  local result = {}
  for key, item in next, lib do
    if not (without and without[key]) then result[key] = item end
  end
  return result
end

local safe_string = copy(string, { dump = true })
safe_string.find = bounded_pattern("find", string.find, true)
safe_string.match = bounded_pattern("match", string.match, true)
safe_string.gmatch = bounded_pattern("gmatch", string.gmatch, false)
safe_string.gsub = bounded_pattern("gsub", string.gsub, false)
safe_string.rep = bounded_rep
safe_string = freeze(safe_string)

local safe_table = copy(table)
safe_table.move, safe_table.sort, safe_table.concat, safe_table.unpack = bounded_move, bounded_sort, bounded_concat, bounded_unpack

local function safe_setmetatable(t, metatable)
  if type(metatable) == "table" and (rawget(metatable, "__gc") ~= nil or rawget(metatable, "__mode") ~= nil) then
    error("setmetatable: '__gc' and '__mode' are not allowed in rule scripts", 2)
  end
  local ok, result = pcall(setmetatable, t, metatable)
  if not ok then error(result, 2) end -- report it at the script's line, not here
  return result
end

-- A missing fact, or one that does not apply, stops the whole test: pcall and xpcall pass those
-- two sentinels on instead of catching them, so no script can decide as if it had the fact.
local function passing_sentinels(ok, ...)
  if not ok then
    local err = ...
    if rawequal(err, MISSING) or rawequal(err, NOT_APPLICABLE) then error(err, 0) end
  end
  return ok, ...
end
local function safe_pcall(f, ...) return passing_sentinels(pcall(f, ...)) end

-- Lua runs xpcall's message handler during error handling, where hooks are switched off after
-- the budget hook has raised: a looping handler would never be stopped. The sandbox's xpcall
-- catches with pcall and then calls the handler as ordinary code, inside the budget.
local pack = table.pack
local function safe_xpcall(f, handler, ...)
  local results = pack(safe_pcall(f, ...))
  if results[1] then return original_unpack(results, 1, results.n) end
  return false, select(2, pcall(handler, results[2]))
end

local globals = {
  assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs, pcall = safe_pcall,
  select = select, tonumber = tonumber, tostring = tostring, type = type, xpcall = safe_xpcall,
  rawequal = rawequal, rawget = rawget, rawlen = rawlen, getmetatable = getmetatable,
  setmetatable = safe_setmetatable, _VERSION = _VERSION,
  string = safe_string,
  table = freeze(safe_table),
  math = freeze(copy(math, { random = true, randomseed = true })),
  utf8 = freeze(copy(utf8)),
}

local forbidden = {
  io = true, os = true, debug = true, package = true, load = true, loadfile = true,
  dofile = true, collectgarbage = true, rawset = true, coroutine = true, print = true,
  loadstring = true, _G = true,
}

local function unknown_global(_, name)
  if forbidden[name] then
    error(format("'%s' is not available in rule scripts", shown(name)), 2)
  end
  error(format("unknown name '%s' (a typo, or a missing 'local'?)", type(name) == "string" and name or type(name)), 2)
end

-- Reads of globals go straight to `globals` (a table __index costs no call); an unknown name
-- reaches globals' own metatable, which raises.
local env = setmetatable({}, {
  __index = globals,
  __newindex = function(_, name)
    error(format("cannot set global '%s': rule scripts cannot change globals; "
      .. "write 'local %s = ...' instead", shown(name), shown(name)), 2)
  end,
  __pairs = function() return function(_, key) return next(globals, key) end, nil, nil end,
  __len = function() return 0 end,
  __metatable = "read-only",
})

-- Strings' shared metatable: methods come from the safe string table, and it is hidden.
local string_metatable = getmetatable("")
string_metatable.__index = safe_string
string_metatable.__metatable = "read-only"

-- require: modules are files in the library folder, named by plain words --------------------
-- Each module loads in its own guarded call with a fresh call budget. A load that fails is not
-- kept, and what was loading is forgotten when the outermost guarded call returns (reset_loading),
-- so a script that spends its budget inside a module's loading harms nobody else.

local loaded, loading = {}, {}

local function require(name)
  if type(name) ~= "string" then
    error("require needs a module name in quotes, e.g. require \"region\"", 2)
  end
  local value = loaded[name]
  if value ~= nil then return value end
  if #name > 64 or not find(name, "^[%a_][%w_]*$") then
    error(format("require %q: a module name is one plain word naming a file in %s/ "
      .. "(no paths, dots or '..'), e.g. require \"region\"", name, library), 2)
  end
  if loading[name] then error(format("require %q: modules require each other in a loop", name), 2) end
  local source, chunkname = read_module(name)
  if source == nil then error(chunkname, 2) end
  local chunk, message = load(source, chunkname, "t", env)
  if chunk == nil then error(message, 0) end
  loading[name] = true
  local ok, result = guarded(chunk, name)
  loading[name] = nil
  if not ok then error(result, 0) end
  if result == nil then result = true end
  value = freeze(result)
  loaded[name] = value
  return value
end
globals.require = require

-- The globals are sealed now; trusted code adds scripts' helpers with rawset.
setmetatable(globals, { __index = unknown_global, __newindex = refuse_write, __metatable = "read-only" })

return {
  env = env,                       -- the environment scripts run in (read-only to them)
  globals = globals,               -- what scripts see; trusted code adds helpers with rawset
  freeze = freeze,                 -- read-only deep proxies
  is_frozen = function(t) return frozen[t] ~= nil end,
  frozen_data = function(t) return frozen[t] end,
  shown = shown,                   -- a script's value described for a message, raw
  guarded = guarded,               -- f under the budgets and memory allowance
  require = require,
  reset_loading = function() loading = {} end,
}
