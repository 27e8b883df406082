-- Apprenticeship incentive payment, employment starting 1 August 2020 to 31 March 2021
-- Source: shared/schemes/README.md, section 7 (apprenticeship incentive payments).
--
-- £2,000 for a new apprentice aged 16 to 24 and £1,500 for one aged 25 or over, for employment
-- starting 1 August 2020 to 31 January 2021, later extended to 31 March 2021 (the extended end is
-- used throughout: the day the extension was announced is not in the brief). On top of the
-- existing £1,000 for apprentices aged 16 to 18 (fenews.co.uk). The age is the apprentice's age
-- when employment starts.
--
-- Window: employers could apply from 1 September 2020 (fenews.co.uk, 10 Aug 2020) until
-- 31 May 2021 (thefis.org, 27 May 2021: the deadline, extended from 30 April 2021). Neither date
-- is in the brief's section 7; both are from the sources it names for this section.
--
-- General rules (every period): the apprentice must be a new employee, not employed by the same
-- employer in the 6 months before; the payment comes in two halves, after 90 and 365 days.
-- Not modelled: the apprenticeship's own conditions (an approved standard, a training provider,
-- the practical period's start date), and the existing £1,000 for apprentices aged 16 to 18
-- (a separate payment).

local money = require "money"

local GRANT_YOUNG = pounds(2000)

return programme {
  id = "apprenticeship-incentive-2020",
  title = "Apprenticeship incentive payment, employment starting {first_start:day} to {last_start:day}",
  summary = "A payment to employers for each new apprentice whose employment starts between {first_start:day} and "
    .. "{last_start:day}: {grant_young:pounds} for an apprentice aged up to {young_max_age}, {grant_older:pounds} "
    .. "for an older one. Paid in two halves, after {first_half_after_days} and {second_half_after_days} days.",
  guidance = "https://www.gov.uk/guidance/incentive-payments-for-hiring-a-new-apprentice",
  sources = {
    "shared/schemes/README.md, section 7 (apprenticeship incentive payments)",
    "fenews.co.uk, 10 Aug 2020 (apply from 1 Sep 2020); thefis.org, 27 May 2021 (apply by 31 May 2021)",
  },
  open = { from = "2020-09-01", to = "2021-05-31" },

  params = {
    first_start = "2020-08-01",             -- employment starts on or after this day...
    last_start = "2021-03-31",              -- ...and on or before this one
    new_employee_months = 6,            -- not employed by the business in this many months before
    first_half_after_days = 90,         -- paid in two halves: after this many days...
    second_half_after_days = 365,       -- ...and this many
    young_max_age = 24,                 -- the higher payment up to this age (16 to 24)...
    grant_young = GRANT_YOUNG,
    grant_older = pounds(1500),         -- ...the lower one from 25
  },

  criteria = {
    { id = "apprenticeship", text = "The job is an apprenticeship",
      clause = "Apprenticeship incentive payments (README section 7)",
      test = function(b, p) return b.proposal.hire.apprentice == true end },

    { id = "new-employee", text = "The apprentice is a new employee: not employed by the business in the {new_employee_months} months before",
      clause = "Apprenticeship incentives, general rules: the apprentice must be a new employee (README section 7, general rules)",
      test = function(b, p) return b.proposal.hire.employedInLastSixMonths == false end },

    { id = "employment-starts-in-period", text = "Employment starts between {first_start:day} and {last_start:day}",
      clause = "Apprenticeship incentives: employment start window for this period (README section 7)",
      test = function(b, p)
        local start = b.proposal.hire.startDate
        return start >= p.first_start and start <= p.last_start
      end },
  },

  award = {
    amount = function(b, p)
      local age = b.proposal.hire.age
      local young = age <= p.young_max_age
      local grant = young and p.grant_young or p.grant_older
      return grant, string.format("An apprentice aged %d (%s): %s, paid in two halves, after %d and %d days.",
        age, young and ("up to " .. p.young_max_age) or ("over " .. p.young_max_age), money.format(grant),
        p.first_half_after_days, p.second_half_after_days)
    end,
    maximum = GRANT_YOUNG,
    rounding = "none",
  },
}
