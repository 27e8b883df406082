-- Kickstart Scheme (Department for Work and Pensions)
-- Source: shared/schemes/README.md, section 7 (britishmarine.co.uk; hrinspire.co.uk).
--
-- Funding for an employer who creates a new job for a young person aged 16 to 24 on Universal
-- Credit: at least 25 hours a week for 6 months. It covers 100% of the National Minimum Wage for
-- the person's age, the employer's National Insurance and pension contributions, plus £1,500.
-- Applications closed at 12:00 on 17 December 2021; the young person must start on or before
-- 31 March 2022.
--
-- The award worked out here: the National Minimum Wage for the young person's age on their start
-- date (rules/lib/minimum_wage.lua, gov.uk rates) for 25 hours a week (the hours Kickstart funds:
-- the job's minimum) for 6 months (26 weeks), plus £1,500. The employer's National Insurance and
-- pension contributions are paid on top: not worked out (their rates are not in the brief).
--
-- Window: from 2 September 2020, when employers could first apply (gov.uk, "Kickstart Scheme
-- opens for employer applications"; not in the brief), to 12:00 on 17 December 2021. Not
-- modelled: the later deadline of 31 January 2022 for submitting vacancies (it applied to
-- employers already in the scheme).

local minimum_wage = require "minimum_wage"
local money = require "money"

local PER_JOB = pounds(1500)
local APPLICATIONS_CLOSE = "2021-12-17T12:00"
local MIN_HOURS = 25
local MIN_MONTHS = 6
local WEEKS_PER_YEAR, MONTHS_PER_YEAR = 52, 12     -- the calendar, for months in weeks

-- The weeks of pay funded: 6 months.
local FUNDED_WEEKS = MIN_MONTHS * WEEKS_PER_YEAR // MONTHS_PER_YEAR

return programme {
  id = "kickstart",
  title = "Kickstart Scheme",
  summary = "Funding for a new job for a young person aged {min_age} to {max_age} on Universal Credit, at least "
    .. "{min_hours} hours a week for {min_months} months: {wage_share_percent}% of the National Minimum Wage for their age for "
    .. "{min_hours} hours a week, the employer's National Insurance and pension contributions, and {per_job:pounds}. "
    .. "Applications closed at {applications_close:day}; the young person must start by {latest_start:day}.",
  guidance = "https://www.gov.uk/government/collections/kickstart-scheme",
  sources = {
    "shared/schemes/README.md, section 7 (Kickstart)",
    "britishmarine.co.uk; hrinspire.co.uk",
    "gov.uk National Minimum Wage and National Living Wage rates (current and previous rates)",
    "gov.uk press release, 2 Sep 2020: Kickstart Scheme opens for employer applications (window opening)",
  },
  open = { from = "2020-09-02", to = APPLICATIONS_CLOSE },

  params = {
    min_age = 16,
    max_age = 24,
    min_hours = MIN_HOURS,              -- at least this many hours a week (and the hours funded)
    min_months = MIN_MONTHS,            -- the job lasts at least this long (and is funded for it)
    latest_start = "2022-03-31",        -- the young person starts on or before this day
    wage_share_percent = 100,           -- of the National Minimum Wage for the age
    per_job = PER_JOB,                  -- paid on top of the wages
    applications_close = APPLICATIONS_CLOSE,
  },

  criteria = {
    { id = "young-person", text = "The young person is aged {min_age} to {max_age}",
      clause = "Kickstart: age of the young person (README section 7)",
      test = function(b, p)
        local age = b.proposal.hire.age
        return age >= p.min_age and age <= p.max_age
      end },

    { id = "universal-credit", text = "The young person is on Universal Credit",
      clause = "Kickstart: for people on Universal Credit (README section 7)",
      test = function(b, p) return b.proposal.hire.universalCredit == true end },

    { id = "new-job", text = "The job is new (it does not replace an existing or planned vacancy)",
      clause = "Kickstart: the job must be new (README section 7)",
      test = function(b, p) return b.proposal.hire.newJob == true end },

    { id = "hours", text = "At least {min_hours} hours a week",
      clause = "Kickstart: hours a week (README section 7)",
      test = function(b, p) return b.proposal.hire.hoursPerWeek >= p.min_hours end },

    { id = "six-months", text = "The job lasts at least {min_months} months",
      clause = "Kickstart: length of the job (README section 7)",
      test = function(b, p)
        return b.proposal.hire.contractWeeks * MONTHS_PER_YEAR >= p.min_months * WEEKS_PER_YEAR
      end },

    { id = "starts-in-time", text = "The young person starts on or before {latest_start:day}",
      clause = "Kickstart: deadlines, the young person's start (README section 7)",
      test = function(b, p) return b.proposal.hire.startDate <= p.latest_start end },
  },

  award = {
    amount = function(b, p)
      local hire = b.proposal.hire
      local hourly = minimum_wage.hourly(hire.age, hire.startDate)
      local wages = percent(hourly * p.min_hours * FUNDED_WEEKS, p.wage_share_percent)
      local amount = wages + p.per_job
      return amount, string.format("The National Minimum Wage for a %d-year-old on %s is %s an hour; %d hours a week for %d weeks is %s, plus %s: %s. The employer's National Insurance and pension contributions are funded on top (not worked out here).",
        hire.age, hire.startDate, money.format(hourly), p.min_hours, FUNDED_WEEKS, money.format(wages),
        money.format(p.per_job), money.format(amount))
    end,
    maximum = minimum_wage.highest() * MIN_HOURS * FUNDED_WEEKS + PER_JOB,
    rounding = "none",
  },
}
