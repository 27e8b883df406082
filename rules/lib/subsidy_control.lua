-- Subsidy control: the allowance for small amounts of public support, by era
-- (shared/schemes/README.md, sections 8 and 11).
--
--   until 31 December 2020   EU de minimis: EUR 200,000 over three fiscal years (Commission
--                            Regulation (EC) 1998/2006, art. 2, and its successor 1407/2013).
--                            If a new award would breach the ceiling, NONE of it can be paid.
--   1 January 2021 to        UK-EU Trade and Cooperation Agreement: 325,000 Special Drawing
--   3 January 2023           Rights over three fiscal years.
--   from 4 January 2023      Minimal Financial Assistance (Subsidy Control Act 2022, s.36;
--                            SI 2022/1359): the total "must not exceed £315,000" over the
--                            elapsed part of the current financial year and the two before it.
--
-- The three years counted: the financial year containing the day decided (from 1 April) and the
-- two before it, up to and including that day. The Act fixes 1 April for MFA; for de minimis and
-- the SDR allowance ("three fiscal years") the UK's 1 April financial year is used too.
--
-- What counts: earlier subsidies given under one of these small-amounts regimes (regime
-- deMinimis, specialDrawingRights or minimalFinancialAssistance) in those years, plus this
-- award. Aid under the COVID-19 Temporary Framework or other rules ("covidTemporaryFramework",
-- "other") has its own limits and is not counted here. Each earlier subsidy is converted into
-- the limit's currency at its year's rate, the award at the day's rate
-- (rules/lib/exchange_rates.lua), in whole hundredths, rounded down.
--
-- The limit is "not exceed" in every era (exactly the limit is allowed): the legal wording of
-- de minimis and MFA; the SDR allowance is read the same way. (Scheme pages word it as "subsidy
-- already received must be less than ..."; that follows from this test for any award above
-- nothing.)
--
-- A programme lists it as a criterion: subsidy_control.criterion(). It runs once the award is
-- worked out (needs_award) and gets the award in pence as its third argument (for a
-- discretionary award, the programme's maximum). Earlier subsidies come from b.subsidies: if the
-- business has not told us (the list is absent) the check cannot be made; an empty list means
-- none. A subsidy whose regime is not given is asked about only when it could change the answer.

local rates = require "exchange_rates"
local money = require "money"
local dates = require "dates"

local sc = {}

-- The eras, in order. `limit` is in whole units of `currency`.
sc.ERAS = {
  { from = "1900-01-01", regime = "deMinimis", currency = "EUR", limit = 200000,
    name = "EU de minimis" },
  { from = "2021-01-01", regime = "specialDrawingRights", currency = "SDR", limit = 325000,
    name = "the UK-EU Trade and Cooperation Agreement allowance" },
  { from = "2023-01-04", regime = "minimalFinancialAssistance", currency = "GBP", limit = 315000,
    name = "Minimal Financial Assistance" },
}

-- The financial years counted: this one and the two before it.
sc.YEARS = 3

-- The regimes whose subsidies count towards the allowance.
sc.COUNTED = { deMinimis = true, specialDrawingRights = true, minimalFinancialAssistance = true }

local ERAS, COUNTED = sc.ERAS, sc.COUNTED

-- The era in force on `day`.
function sc.era(day)
  local chosen = ERAS[1]
  for i = 2, #ERAS do
    if ERAS[i].from <= day then chosen = ERAS[i] else break end
  end
  return chosen
end

-- The first day counted: 1 April, YEARS - 1 years before the start of the financial year
-- containing `day`.
function sc.first_day(day)
  local year = tonumber(day:sub(1, 4))
  if day:sub(6, 10) < "04-01" then year = year - 1 end
  return tostring(year - (sc.YEARS - 1)) .. "-04-01"
end

-- true / false, or "cannot tell" naming the regimes that decide it.
function sc.within(b, award, day)
  local era = sc.era(day)
  local first = sc.first_day(day)
  local limit = era.limit * 100                                   -- in hundredths
  local known = rates.convert(award, "GBP", era.currency, day)    -- this award
  local undecided, asking = 0, nil
  for i, s in ipairs(b.subsidies) do
    local date = s.date
    if date >= first and date <= day then
      local amount = rates.convert(math.floor(s.amount * 100 + 0.5), s.currency, era.currency, date)
      if has(s, "regime") then
        if COUNTED[s.regime] then known = known + amount end
      else
        undecided = undecided + amount
        asking = asking or i
      end
    end
  end
  if known > limit then return false end
  if known + undecided <= limit then return true end
  -- A subsidy whose regime is not given could tip it: ask for it (the first such).
  unknown(b.subsidies[asking], "regime")
end

-- The sentence, written from the eras above.
local function limit_words(era)
  if era.currency == "GBP" then return money.short(pounds(era.limit)) end
  if era.currency == "EUR" then return "€" .. money.number(era.limit) end
  return money.number(era.limit) .. " SDR"
end

local parts = {}
for i, era in ipairs(ERAS) do
  local until_words = ERAS[i + 1] and (" until " .. dates.words(dates.add_days(ERAS[i + 1].from, -1))) or ""
  local since_words = i > 1 and ERAS[i + 1] == nil and (" from " .. dates.words(era.from)) or ""
  parts[i] = limit_words(era) .. " (" .. era.name .. until_words .. since_words .. ")"
end

sc.TEXT = "Earlier small-amounts subsidies in this and the " .. tostring(sc.YEARS - 1)
  .. " previous financial years (from 1 April), with this award, stay within the allowance in force: "
  .. table.concat(parts, "; ") .. ". An award that would go over is refused in full"

sc.CLAUSE = "EU de minimis Regulation 1998/2006 art. 2; UK-EU Trade and Cooperation Agreement (subsidy control, "
  .. "Special Drawing Rights allowance); Subsidy Control Act 2022 s.36 (Minimal Financial Assistance)"

-- The criterion a programme lists.
function sc.criterion()
  return {
    id = "subsidy-control",
    text = sc.TEXT,
    clause = sc.CLAUSE,
    needs_award = true,
    test = function(b, p, award) return sc.within(b, award, p.today) end,
  }
end

return sc
