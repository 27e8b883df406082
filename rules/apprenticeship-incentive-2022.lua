-- Apprenticeship incentive payment, employment starting 1 October 2021 to 31 January 2022
-- Source: shared/schemes/README.md, section 7 (apprenticeship incentive payments).
--
-- £3,000 for a new apprentice of any age whose employment starts 1 October 2021 to 31 January
-- 2022. Claims opened on 11 January 2022 and closed on 15 May 2022, later extended to 20 May
-- (the window runs to the extended close).
--
-- General rules (every period): the apprentice must be a new employee, not employed by the same
-- employer in the 6 months before; the payment comes in two halves, after 90 and 365 days.
-- Not modelled: the apprenticeship's own conditions (an approved standard, a training provider,
-- the practical period's start date), and the existing £1,000 for apprentices aged 16 to 18
-- (a separate payment).

local money = require "money"

local GRANT = pounds(3000)

return programme {
  id = "apprenticeship-incentive-2022",
  title = "Apprenticeship incentive payment, employment starting {first_start:day} to {last_start:day}",
  summary = "A payment of {grant:pounds} to employers for each new apprentice, of any age, whose employment starts between "
    .. "{first_start:day} and {last_start:day}. Paid in two halves, after {first_half_after_days} and {second_half_after_days} days.",
  guidance = "https://www.gov.uk/guidance/incentive-payments-for-hiring-a-new-apprentice",
  sources = {
    "shared/schemes/README.md, section 7 (apprenticeship incentive payments)",
    "nsar.co.uk; thefis.org",
  },
  open = { from = "2022-01-11", to = "2022-05-20" },

  params = {
    first_start = "2021-10-01",             -- employment starts on or after this day...
    last_start = "2022-01-31",              -- ...and on or before this one
    new_employee_months = 6,            -- not employed by the business in this many months before
    first_half_after_days = 90,         -- paid in two halves: after this many days...
    second_half_after_days = 365,       -- ...and this many
    grant = GRANT,                      -- for an apprentice of any age
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
      return p.grant, string.format("A payment of %s for an apprentice of any age, paid in two halves, after %d and %d days.",
        money.format(p.grant), p.first_half_after_days, p.second_half_after_days)
    end,
    maximum = GRANT,
    rounding = "none",
  },
}
