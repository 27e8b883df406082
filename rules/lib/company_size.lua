-- Company size: is the business small or medium-sized (an SME)? Three definitions are in use,
-- and a scheme says which it means:
--
-- 1. The Companies Act 2006: micro (s.384A), small (s.382) and medium (s.465). A business is in
--    a class when it meets at least TWO of the three conditions: turnover not more than X,
--    balance-sheet total not more than Y, employees not more than N. The limits rose for
--    financial years beginning on or after 6 April 2025 (SI 2024/1303); the business's
--    financialYearStart says which limits apply. (shared/schemes/README.md, section 8.)
--      size.criterion("medium") / size.criterion("small") / size.criterion("micro")
--
-- 2. The EU recommendation 2003/361: fewer than 250 staff AND (turnover up to EUR 50m OR a
--    balance sheet up to EUR 43m); small: fewer than 50 staff and up to EUR 10m; micro: fewer
--    than 10 staff and up to EUR 2m. Pounds are converted to euros at the rate of the day
--    decided (rules/lib/exchange_rates.lua). (README section 8.)
--      size.eu_criterion("medium")
--
-- 3. A scheme's own definition, with its figures in the programme's params, e.g. the Gigabit
--    voucher's "fewer than 250 staff and (turnover at most £36m and/or balance sheet at most
--    £18m)": size.staff_and_money(b, staff_below, turnover_limit, balance_limit, inclusive).
--
-- Simplifications: "employees" is the headcount we are given (the Act uses the average number
-- employed in the year), and only the current year is tested (the Act also looks at the year
-- before a company changes class); linked and partner enterprises (EU) are not added in.
--
-- Three-valued: when facts are missing but the known ones already decide (two met, or two
-- failed), we decide; otherwise the test stops as "cannot tell" naming the missing facts.
-- Days are compared as "YYYY-MM-DD" strings (no parsing on the hot path).

local money = require "money"
local dates = require "dates"
local rates = require "exchange_rates"

local size = {}

-- 1. Companies Act 2006 -----------------------------------------------------------------------

-- The new limits apply to financial years beginning on or after this day.
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

-- The facts a two-of-three test could not read, in a fixed order.
local function missing_of(b)
  local t, s, e = has(b, "turnover"), has(b, "balanceSheetTotal"), has(b, "employees")
  if not t and not s then return "turnover", "balanceSheetTotal" end
  if not t and not e then return "turnover", "employees" end
  if not s and not e then return "balanceSheetTotal", "employees" end
  if not t then return "turnover" end
  if not s then return "balanceSheetTotal" end
  return "employees"
end

-- Two-of-three against one set of limits: true, false, or nil (undecided).
local function meets(b, limits)
  local met, failed = 0, 0
  if has(b, "turnover") then
    if b.turnover <= limits.turnover then met = met + 1 else failed = failed + 1 end
  end
  if has(b, "balanceSheetTotal") then
    if b.balanceSheetTotal <= limits.balanceSheetTotal then met = met + 1 else failed = failed + 1 end
  end
  if met < 2 and has(b, "employees") then
    if b.employees <= limits.employees then met = met + 1 else failed = failed + 1 end
  end
  if met >= 2 then return true end
  if failed >= 2 then return false end
  return nil
end

-- Whether the business is within `class` ("micro", "small", "medium") on day `today`.
function size.companies_act(b, class, today)
  -- Before 6 April 2025 no financial year can have begun under the new limits.
  if today < size.NEW_LIMITS_FROM then
    local result = meets(b, size.OLD[class])
    if result == nil then unknown(b, missing_of(b)) end
    return result
  end
  -- From then on, the start of the business's financial year decides.
  if has(b, "financialYearStart") then
    local limits = b.financialYearStart < size.NEW_LIMITS_FROM and size.OLD or size.NEW
    local result = meets(b, limits[class])
    if result == nil then unknown(b, missing_of(b)) end
    return result
  end
  -- Year start not given: if both sets of limits give the same answer, that is the answer;
  -- otherwise we need the year start (and any missing figures).
  local old, new = meets(b, size.OLD[class]), meets(b, size.NEW[class])
  if old ~= nil and old == new then return old end
  if old == nil or new == nil then unknown(b, "financialYearStart", missing_of(b)) end
  unknown(b, "financialYearStart")
end

local CLASS_WORDS = { micro = "A micro-entity", small = "A small company", medium = "Small or medium-sized" }
local CLASS_IDS = { micro = "micro", small = "small-business", medium = "sme" }
local CLASS_CLAUSES = {
  micro = "Companies Act 2006, s.384A (micro-entities), limits as amended by SI 2024/1303",
  small = "Companies Act 2006, s.382 (small companies), limits as amended by SI 2024/1303",
  medium = "Companies Act 2006, s.465 (medium-sized companies), limits as amended by SI 2024/1303",
}

local function limits_text(limits)
  return "turnover up to " .. money.short(limits.turnover) .. ", a balance sheet up to "
    .. money.short(limits.balanceSheetTotal) .. ", at most " .. money.number(limits.employees) .. " employees"
end

-- The sentences, written from the limits above.
local CA_TEXT = {}
for class, words in pairs(CLASS_WORDS) do
  CA_TEXT[class] = words .. " under the Companies Act 2006: meets at least two of " .. limits_text(size.OLD[class])
    .. " (for financial years beginning on or after " .. dates.words(size.NEW_LIMITS_FROM) .. ": "
    .. limits_text(size.NEW[class]) .. ")"
end

-- The criterion: within `class` under the Companies Act for the business's financial year.
function size.criterion(class, id, clause)
  assert(CLASS_WORDS[class], "size.criterion: class is \"micro\", \"small\" or \"medium\"")
  return {
    id = id or CLASS_IDS[class],
    text = CA_TEXT[class],
    clause = clause or CLASS_CLAUSES[class],
    test = function(b, p) return size.companies_act(b, class, p.today) end,
  }
end

-- 3. A scheme's own definition ------------------------------------------------------------------

-- Fewer than `staff_below` employees AND (turnover within `turnover_limit` OR balance sheet
-- within `balance_limit`); "within" is "at most" when `inclusive`, else "under". Pence.
function size.staff_and_money(b, staff_below, turnover_limit, balance_limit, inclusive)
  local staff
  if has(b, "employees") then
    staff = b.employees < staff_below
    if not staff then return false end
  end
  local t, s
  if has(b, "turnover") then
    if inclusive then t = b.turnover <= turnover_limit else t = b.turnover < turnover_limit end
  end
  if has(b, "balanceSheetTotal") then
    if inclusive then s = b.balanceSheetTotal <= balance_limit else s = b.balanceSheetTotal < balance_limit end
  end
  local within
  if t == true or s == true then within = true
  elseif t == false and s == false then return false end
  if staff and within then return true end
  -- Undecided: ask for what is missing.
  if staff == nil and within == nil then
    if t == nil and s == nil then unknown(b, "employees", "turnover", "balanceSheetTotal") end
    unknown(b, "employees", t == nil and "turnover" or "balanceSheetTotal")
  end
  if staff == nil then unknown(b, "employees") end
  if t == nil and s == nil then unknown(b, "turnover", "balanceSheetTotal") end
  unknown(b, t == nil and "turnover" or "balanceSheetTotal")
end

-- 2. The EU recommendation 2003/361 --------------------------------------------------------------

-- Staff counts are "fewer than"; money limits in euros are "not more than".
size.EU = {
  micro  = { staff_below = 10,  turnover = 2000000,  balanceSheetTotal = 2000000 },
  small  = { staff_below = 50,  turnover = 10000000, balanceSheetTotal = 10000000 },
  medium = { staff_below = 250, turnover = 50000000, balanceSheetTotal = 43000000 },
}

-- Whether the business is within the EU `class` on `today` (its pounds converted to euros).
function size.eu(b, class, today)
  local limits = size.EU[class]
  local rate = rates.rate("EUR", today)
  -- euro limit in pence: euros * 100 cents * rate / SCALE
  return size.staff_and_money(b, limits.staff_below,
    limits.turnover * 100 * rate // rates.SCALE, limits.balanceSheetTotal * 100 * rate // rates.SCALE, true)
end

local EU_WORDS = { micro = "A micro enterprise", small = "A small enterprise", medium = "A small or medium-sized enterprise (SME)" }
local EU_TEXT = {}
for class, words in pairs(EU_WORDS) do
  local l = size.EU[class]
  local money_part = l.turnover == l.balanceSheetTotal
    and ("a turnover or balance sheet of at most €" .. money.number(l.turnover))
    or ("a turnover of at most €" .. money.number(l.turnover) .. " or a balance sheet of at most €" .. money.number(l.balanceSheetTotal))
  EU_TEXT[class] = words .. " under the EU recommendation 2003/361: fewer than " .. money.number(l.staff_below)
    .. " staff and " .. money_part .. " (pounds converted at the reference rate of the day)"
end

function size.eu_criterion(class, id, clause)
  assert(EU_WORDS[class], "size.eu_criterion: class is \"micro\", \"small\" or \"medium\"")
  return {
    id = id or CLASS_IDS[class],
    text = EU_TEXT[class],
    clause = clause or "Commission Recommendation 2003/361/EC, Annex, art. 2",
    test = function(b, p) return size.eu(b, class, p.today) end,
  }
end

return size
