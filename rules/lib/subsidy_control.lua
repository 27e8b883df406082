-- Subsidy control: Minimal Financial Assistance (Subsidy Control Act 2022,
-- s.36-37). A business may receive up to £315,000 of Minimal Financial
-- Assistance over the current financial year and the two financial years
-- before it. Financial years here start on 1 April.
--
-- A programme adds it as its last criterion: subsidy_control.criterion(). It
-- runs once the award is worked out (needs_award), with the award.
--
-- Prior subsidies come from b.subsidies (amounts in pounds). If the business has
-- not told us (the list is absent), the check cannot be made: an empty list means
-- "none".

local dates = require "dates"

local mfa = {}

-- The allowance over three financial years (exactly £315,000 is allowed).
mfa.LIMIT = pounds(315000)

-- Financial years counted: the current one and the two before it.
mfa.YEARS = 3

-- The days counted: [first, after) - from 1 April two years before the
-- current financial year, up to (not including) the start of the next one.
function mfa.window(today)
  local current = dates.financial_year_start(dates.day(today))
  return dates.add_years(current, -(mfa.YEARS - 1)), dates.add_years(current, 1)
end

-- Total of prior subsidies (pence) dated within the window.
function mfa.prior_total(b, today)
  local first, after = mfa.window(today)
  local total = 0
  for _, subsidy in ipairs(b.subsidies) do
    if not dates.before(subsidy.date, first) and dates.before(subsidy.date, after) then
      total = total + math.floor(subsidy.amount * 100 + 0.5) -- pounds to pence
    end
  end
  return total
end

-- True when prior subsidies plus this award stay within the allowance.
function mfa.within_allowance(b, award, today)
  return mfa.prior_total(b, today) + award <= mfa.LIMIT
end

-- The criterion a programme lists: prior subsidies plus this award within the
-- allowance.
function mfa.criterion()
  return {
    id = "subsidy-control",
    text = "Total Minimal Financial Assistance, this award included, stays within £315,000 over this and the two previous financial years",
    clause = "Subsidy Control Act 2022, s.36 (Minimal Financial Assistance)",
    needs_award = true,
    test = function(b, p, award) return mfa.within_allowance(b, award, p.today) end,
  }
end

return mfa
