-- Subsidy control: Minimal Financial Assistance (Subsidy Control Act 2022,
-- s.36-37). A business may receive up to £315,000 of Minimal Financial
-- Assistance over the current financial year and the two financial years
-- before it. Financial years here start on 1 April.
--
-- The engine adds this as the final criterion ("subsidy-control") of every
-- programme declaring `minimal_financial_assistance = true`, calling
-- within_allowance(b, award, p.today).
--
-- Prior subsidies come from b.subsidies. If the business has not told us
-- (the list is absent), the check cannot be made: an empty list means "none".

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
      total = total + subsidy.amount
    end
  end
  return total
end

-- True when prior subsidies plus this award stay within the allowance.
function mfa.within_allowance(b, award, today)
  return mfa.prior_total(b, today) + award <= mfa.LIMIT
end

return mfa
