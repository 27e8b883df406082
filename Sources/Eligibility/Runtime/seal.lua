-- seal.lua: nothing may be remembered from one business to the next.
--
-- Local variables a rule file's functions share (upvalues) would let one evaluation leak into
-- the next. When a programme loads, every table such a variable holds is frozen (keys and
-- values, deeply) and every variable's value is recorded, once however many programmes reach it.
-- After each evaluation one C call compares them all (raw operations only), restores any that
-- changed and names them, so the evaluator can report a rule error for every programme that
-- reaches the variable.
-- Trusted code.
local ctx = ...
local type, next, rawequal, select, sub = type, next, rawequal, select, string.sub
local getupvalue, setupvalue, upvalueid, getinfo = debug.getupvalue, debug.setupvalue, debug.upvalueid, debug.getinfo
local sandbox = ctx.sandbox
local freeze, is_frozen, frozen_data = sandbox.freeze, sandbox.is_frozen, sandbox.frozen_data

local seal = {}
ctx.seal = seal

local cells = {}         -- f1, i1, v1, f2, i2, v2, ...: every variable, as the C check compares them
local n_cells = 0        -- how many (values may be nil, so the length of `cells` is not the count)
local cell_of = {}       -- upvalue id -> cell number
local reached_by = {}    -- cell number -> { name = variable name, programmes = { id = true } }
local cells_of = {}      -- programme id -> its cell numbers
seal.cells = cells

local function from_rule_file(f)
  return sub(getinfo(f, "S").source, 1, 1) == "@" -- trusted chunks are named "=sandbox", "=runtime", "=[C]"
end

-- Seals what programme `p` can reach from its criteria and award.
function seal.programme(p)
  local seen = {}
  local function visit(value)
    if value == nil or seen[value] then return end
    local t = type(value)
    if t == "function" then
      seen[value] = true
      if not from_rule_file(value) then return end
      local i = 1
      while true do
        local name, item = getupvalue(value, i)
        if name == nil then break end
        if type(item) == "table" and not is_frozen(item) and not rawequal(item, sandbox.env) then
          item = freeze(item)
          setupvalue(value, i, item)
        end
        local id = upvalueid(value, i)
        local number = cell_of[id]
        if not number then
          n_cells = n_cells + 1
          number = n_cells
          local base = 3 * (number - 1)
          cells[base + 1], cells[base + 2], cells[base + 3] = value, i, item
          cell_of[id] = number
          reached_by[number] = { name = name, programmes = {} }
        end
        if not reached_by[number].programmes[p.id] then
          reached_by[number].programmes[p.id] = true
          local mine = cells_of[p.id] or {}
          mine[#mine + 1] = number
          cells_of[p.id] = mine
        end
        visit(item)
        i = i + 1
      end
    elseif t == "table" and is_frozen(value) then
      seen[value] = true
      for key, item in next, frozen_data(value) do visit(key); visit(item) end
    end
  end
  for _, c in ipairs(p.criteria) do visit(c.test) end
  visit(p.award.amount)
end

-- The variables the programmes open at `at` among `chosen` can reach: a list for the C check
-- (f, i, value triples), the cell number of each, and how many; cached for the last selection
-- and instant.
local checked_for, checked_at, checked, checked_cells, checked_n
function seal.check_list(chosen, at)
  if chosen == checked_for and at == checked_at then return checked, checked_cells, checked_n end
  local list, numbers, seen, n = {}, {}, {}, 0
  for _, p in ipairs(chosen) do
    local open = at >= p.open_from and (not p.open_until or at < p.open_until)
    if open then
      for _, number in ipairs(cells_of[p.id] or {}) do
        if not seen[number] then
          seen[number] = true
          local base, to = 3 * (number - 1), 3 * n
          list[to + 1], list[to + 2], list[to + 3] = cells[base + 1], cells[base + 2], cells[base + 3]
          n = n + 1
          numbers[n] = number
        end
      end
    end
  end
  checked_for, checked_at, checked, checked_cells, checked_n = chosen, at, list, numbers, n
  return list, numbers, n
end

-- The programmes that reach the changed variables: `numbers` are a check list's cell numbers,
-- the rest positions in that list the check found changed. Returns programme id -> the name of
-- a changed variable it reaches.
function seal.reached(numbers, ...)
  local changed = {}
  for i = 1, select("#", ...) do
    local cell = reached_by[numbers[select(i, ...)]]
    for id in next, cell.programmes do changed[id] = changed[id] or cell.name end
  end
  return changed
end

-- After running programme `p` at `at` (lint's probe): restores every changed variable it reaches
-- and returns programme id -> the name of one that had changed, or nil.
function seal.check(p, at)
  local list, numbers, n = seal.check_list({ p }, at)
  checked_for = nil -- a one-programme list is not worth keeping
  if n == 0 then return nil end
  local function collect(...)
    if select("#", ...) == 0 then return nil end
    return seal.reached(numbers, ...)
  end
  return collect(ctx.restore_cells(list, n))
end
