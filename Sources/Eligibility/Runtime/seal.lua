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
local type, next, rawequal, sub = type, next, rawequal, string.sub
local getupvalue, setupvalue, upvalueid, getinfo = debug.getupvalue, debug.setupvalue, debug.upvalueid, debug.getinfo
local sandbox = ctx.sandbox
local freeze, is_frozen, frozen_data = sandbox.freeze, sandbox.is_frozen, sandbox.frozen_data

local seal = {}
ctx.seal = seal

local cells = {}         -- f1, i1, v1, f2, i2, v2, ...: what the C check compares
local cell_of = {}       -- upvalue id -> cell number
local reached_by = {}    -- cell number -> { name = variable name, programmes = { id = true } }
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
          cells[#cells + 1] = value
          cells[#cells + 1] = i
          cells[#cells + 1] = item
          number = #cells // 3
          cell_of[id] = number
          reached_by[number] = { name = name, programmes = {} }
        end
        reached_by[number].programmes[p.id] = true
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

-- After an evaluation: restores every changed variable and returns programme id -> the name of
-- a variable it reaches that had changed, or nil when nothing changed.
function seal.check()
  local changed
  local function add(number, ...)
    if number == nil then return end
    local cell = reached_by[number]
    changed = changed or {}
    for id in next, cell.programmes do changed[id] = changed[id] or cell.name end
    return add(...)
  end
  add(ctx.changed_cells(cells))
  return changed
end
