-- Company size under the Companies Act 2006: micro (s.384A), small (s.382)
-- and medium (s.465). A business is in a class when it meets at least TWO of
-- the three conditions: turnover not more than X, balance-sheet total not
-- more than Y, employees not more than N.
--
-- The limits rose for financial years beginning on or after 6 April 2025
-- (The Companies (Accounts and Reports) (Amendment and Transitional
-- Provision) Regulations 2024, SI 2024/1303).
--
-- Simplifications: "employees" is the headcount we are given (the Act uses
-- the average number employed in the year), and we test the current year only
-- (the Act also looks at the previous year before a company changes class).
--
-- Three-valued: when facts are missing but the known ones already decide
-- (two met, or two failed), we decide; otherwise the test stops as "cannot
-- tell" naming the missing facts.

local dates = require "dates"

local size = {}

-- Limits apply to financial years beginning on or after this day.
size.NEW_LIMITS_FROM = "2025-04-06"

size.OLD = {
  micro  = { turnover = pounds(632000),   balanceSheetTotal = pounds(316000),   employees = 10 },
  small  = { turnover = pounds(10200000), balanceSheetTotal = pounds(5100000),  employees = 50 },
  medium = { turnover = pounds(36000000), balanceSheetTotal = pounds(18000000), employees = 250 },
}

size.NEW = {
  micro  = { turnover = pounds(1000000),  balanceSheetTotal = pounds(500000),   employees = 10 },
  small  = { turnover = pounds(15000000), balanceSheetTotal = pounds(7500000),  employees = 50 },
  medium = { turnover = pounds(54000000), balanceSheetTotal = pounds(27000000), employees = 250 },
}

local FACTS = { "turnover", "balanceSheetTotal", "employees" }

-- Two-of-three test against one set of limits.
-- Returns true / false, or nil plus the list of missing facts.
local function meets(b, limits)
  local met, failed, missing = 0, 0, {}
  for _, fact in ipairs(FACTS) do
    if has(b, fact) then
      if b[fact] <= limits[fact] then met = met + 1 else failed = failed + 1 end
    else
      missing[#missing + 1] = fact
    end
  end
  if met >= 2 then return true end
  if failed >= 2 then return false end
  return nil, missing
end

local function decide(b, class, today)
  today = dates.day(today)

  -- Before 6 April 2025 no financial year can have begun under the new limits.
  if dates.before(today, size.NEW_LIMITS_FROM) then
    local result, missing = meets(b, size.OLD[class])
    if result == nil then unknown(b, table.unpack(missing)) end
    return result
  end

  -- From then on, the start of the business's financial year decides.
  if has(b, "financialYearStart") then
    local limits = dates.before(b.financialYearStart, size.NEW_LIMITS_FROM) and size.OLD or size.NEW
    local result, missing = meets(b, limits[class])
    if result == nil then unknown(b, table.unpack(missing)) end
    return result
  end

  -- Year start not given: if both sets of limits give the same answer, that is
  -- the answer; otherwise we need the year start (and any missing figures).
  local old, old_missing = meets(b, size.OLD[class])
  local new, new_missing = meets(b, size.NEW[class])
  if old ~= nil and old == new then return old end
  local ask, seen = { "financialYearStart" }, {}
  for _, list in ipairs({ old_missing or {}, new_missing or {} }) do
    for _, fact in ipairs(list) do
      if not seen[fact] then seen[fact] = true; ask[#ask + 1] = fact end
    end
  end
  unknown(b, table.unpack(ask))
end

-- Small or medium-sized (within the medium limits). `today` is p.today.
function size.is_sme(b, today) return decide(b, "medium", today) end

-- Within the small-company limits.
function size.is_small(b, today) return decide(b, "small", today) end

-- Within the micro-entity limits.
function size.is_micro(b, today) return decide(b, "micro", today) end

return size
