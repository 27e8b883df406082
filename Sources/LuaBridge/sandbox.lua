-- sandbox.lua: builds, once per state, the frozen environment untrusted scripts run in.
-- Trusted: it runs in the host's global table. Arguments: budgeted_pcall (C), the host's
-- module reader (Swift: name -> source, chunkname | nil, message), and the library folder's
-- display name (e.g. "rules/lib"). Returns the sandbox API table, which scripts never see.
local budgeted_pcall, read_module, library = ...

local type, error, next, pairs, tostring, select = type, error, next, pairs, tostring, select
local rawget, rawequal, setmetatable, getmetatable = rawget, rawequal, setmetatable, getmetatable
local format, byte, find = string.format, string.byte, string.find
local load = load

-- Read-only copies -------------------------------------------------------------------------

local frozen = setmetatable({}, { __mode = "k" }) -- proxy -> true

local function refuse_write(_, key)
  error(format("cannot change '%s': this table is read-only", tostring(key)), 2)
end

-- Returns a read-only proxy of `value` (deeply, sharing cycles); other values pass unchanged.
local function freeze(value, seen)
  if type(value) ~= "table" or frozen[value] then return value end
  seen = seen or {}
  if seen[value] then return seen[value] end
  local proxy, data = {}, {}
  seen[value] = proxy
  for key, item in next, value do data[key] = freeze(item, seen) end
  setmetatable(proxy, {
    __index = data,
    __newindex = refuse_write,
    __len = function() return #data end,
    __pairs = function() return next, data, nil end,
    __metatable = false,
  })
  frozen[proxy] = true
  return proxy
end

-- Pattern functions run in C, out of reach of the instruction budget, and backtrack: a pattern
-- with k quantifiers may take n^(k+1) steps on an n-byte text. Refuse calls whose bound is too
-- high, before they start.
local PATTERN_STEP_LIMIT = 10000000
local longest_texts, cached_patterns = {}, 0 -- pattern -> longest safe text; reset when full

local function skip_set(pattern, i) -- i is just after '['; returns the index after ']'
  if byte(pattern, i) == 94 then i = i + 1 end           -- '^'
  repeat
    local c = byte(pattern, i)
    if c == nil then return i end
    i = i + (c == 37 and 2 or 1)                          -- '%' escapes the next byte
  until byte(pattern, i) == 93                            -- ']'
  return i + 1
end

local function longest_safe_text(pattern)
  local exponent, choices, i, n = 1, 0, 1, #pattern
  if byte(pattern, 1) == 94 then exponent, i = 0, 2 end   -- anchored: one starting point
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
  local longest = exponent == 0 and math.huge
    or math.floor((PATTERN_STEP_LIMIT / 2 ^ choices) ^ (1 / exponent)) - 1
  if cached_patterns >= 256 then longest_texts, cached_patterns = {}, 0 end
  longest_texts[pattern], cached_patterns = longest, cached_patterns + 1
  return longest
end

local function bounded(name, original)
  return function(text, pattern, ...)
    if type(text) == "string" and type(pattern) == "string"
        and not (name == "find" and select(2, ...)) then  -- find's plain mode is linear
      if #text > (longest_texts[pattern] or longest_safe_text(pattern)) then
        error(format("string.%s: the pattern %q could take too long on a %d-character text; "
          .. "use a simpler pattern (fewer '-', '*', '+') or a shorter text", name, pattern, #text), 2)
      end
    end
    return original(text, pattern, ...)
  end
end

-- The libraries scripts see ------------------------------------------------------------------

local function copy(library, without)
  local result = {}
  for key, item in pairs(library) do
    if not (without and without[key]) then result[key] = item end
  end
  return result
end

local safe_string = copy(string, { dump = true })
for _, name in ipairs { "find", "match", "gmatch", "gsub" } do
  safe_string[name] = bounded(name, string[name])
end
safe_string = freeze(safe_string)

local function safe_setmetatable(t, metatable)
  if type(metatable) == "table" and rawget(metatable, "__gc") ~= nil then
    error("setmetatable: '__gc' is not allowed in rule scripts", 2)
  end
  local ok, result = pcall(setmetatable, t, metatable)
  if not ok then error(result, 2) end -- report it at the script's line, not here
  return result
end

-- Lua runs xpcall's message handler during error handling, where hooks are switched off after
-- the budget hook has raised: a looping handler would never be stopped. The sandbox's xpcall
-- catches with pcall and then calls the handler as ordinary code, inside the budget.
local pack, unpack = table.pack, table.unpack
local function safe_xpcall(f, handler, ...)
  local results = pack(pcall(f, ...))
  if results[1] then return unpack(results, 1, results.n) end
  return false, select(2, pcall(handler, results[2]))
end

local globals = {
  assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs, pcall = pcall,
  select = select, tonumber = tonumber, tostring = tostring, type = type, xpcall = safe_xpcall,
  rawequal = rawequal, rawget = rawget, rawlen = rawlen, getmetatable = getmetatable,
  setmetatable = safe_setmetatable, _VERSION = _VERSION,
  string = safe_string,
  table = freeze(copy(table)),
  math = freeze(copy(math, { random = true, randomseed = true })),
  utf8 = freeze(copy(utf8)),
}

local forbidden = {
  io = true, os = true, debug = true, package = true, load = true, loadfile = true,
  dofile = true, collectgarbage = true, rawset = true, coroutine = true, print = true,
  loadstring = true, _G = true,
}

setmetatable(globals, {
  __index = function(_, name)
    if forbidden[name] then
      error(format("'%s' is not available in rule scripts", tostring(name)), 2)
    end
    error(format("unknown name '%s' (a typo, or a missing 'local'?)", tostring(name)), 2)
  end,
})

local env = setmetatable({}, {
  __index = globals,
  __newindex = function(_, name)
    error(format("cannot set global '%s': rule scripts cannot change globals; "
      .. "write 'local %s = ...' instead", tostring(name), tostring(name)), 2)
  end,
  __metatable = false,
})

-- Strings' shared metatable: methods come from the safe string table, and it is hidden.
local string_metatable = getmetatable("")
string_metatable.__index = safe_string
string_metatable.__metatable = false

-- require: modules are files in the library folder, named by plain words --------------------

local loaded, loading = {}, {}

globals.require = function(name)
  if type(name) ~= "string" then
    error("require needs a module name in quotes, e.g. require \"region\"", 2)
  end
  local value = loaded[name]
  if value ~= nil then return value end
  if not find(name, "^[%a_][%w_]*$") then
    error(format("require %q: a module name is one plain word naming a file in %s/ "
      .. "(no paths, dots or '..'), e.g. require \"region\"", name, library), 2)
  end
  if loading[name] then error(format("require %q: modules require each other in a loop", name), 2) end
  local source, chunkname = read_module(name)
  if source == nil then error(chunkname, 2) end
  local chunk, message = load(source, chunkname, "t", env)
  if chunk == nil then error(message, 0) end
  loading[name] = true
  local ok, result = pcall(chunk, name)
  loading[name] = nil
  if not ok then error(result, 0) end
  if result == nil then result = true end
  value = freeze(result)
  loaded[name] = value
  return value
end

return {
  env = env,                       -- the environment scripts run in (read-only to them)
  globals = globals,               -- what scripts see; trusted code may add helpers here
  freeze = freeze,                 -- read-only deep proxies
  is_frozen = function(t) return frozen[t] == true end,
  budgeted_pcall = budgeted_pcall, -- f under a fresh instruction budget
}
