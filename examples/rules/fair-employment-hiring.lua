-- ILLUSTRATIVE EXAMPLE - NOT A REAL SCHEME. The figures in this file are invented to teach the
-- rule language; no Liverpool City Region scheme of this kind was found in published sources
-- (shared/schemes/README.md, section 11). It is kept here, outside rules/, so the engine never
-- presents it as a real programme. Try it with: eligible check FILE --rules examples/rules
--
-- Fair Employment Hiring Incentive (Liverpool City Region)
-- A flat payment to an employer in the region who takes on a young person
-- aged 16 to 24 in a fair job: the employer pays the Real Living Wage, the
-- job is at least 25 hours a week, on a contract of at least 26 weeks (the
-- Kickstart shape: 25 hours a week for six months), starting on or after the
-- scheme opened.
-- Real Living Wage rates (outside London, Living Wage Foundation) are dated
-- from the 1 May by which accredited employers must pay each new rate.

local region = require "region"
local dates = require "dates"
local money = require "money"
local subsidy_control = require "subsidy_control"
local living_wage = require "living_wage"

return programme {
  id = "fair-employment-hiring",
  title = "Fair Employment Hiring Incentive (illustrative example)",
  summary = "ILLUSTRATIVE EXAMPLE, not a real scheme: its figures are invented. £1,500 for employers in the Liverpool City Region who hire a young person "
    .. "aged 16 to 24 on the Real Living Wage, for at least 25 hours a week on a contract "
    .. "of at least 26 weeks.",
  sources = { "none: an invented example for teaching the rule language" },
  guidance = "LCR Fair Employment Hiring Incentive guidance, sections 2-3",
  open = { from = "2021-06-01", to = "2023-03-31" },

  params = {
    min_age = 16,                      -- the new recruit is aged 16...
    max_age = 24,                      -- ...to 24 when they start
    min_hours_per_week = 25,           -- at least 25 hours a week
    min_contract_weeks = 26,           -- a contract of at least 26 weeks
    earliest_start = "2021-06-01",     -- job starts on or after the scheme opened
    payment = pounds(1500),            -- flat payment per hire
  },

  criteria = {
    { id = "in-region", text = "Based in the Liverpool City Region (Halton, Knowsley, Liverpool, Sefton, St Helens or Wirral)",
      clause = "Guidance 2.1",
      test = function(b, p) return region.contains(b.address.localAuthority) end },

    { id = "young-recruit", text = "The new recruit is aged 16 to 24",
      clause = "Guidance 2.2",
      test = function(b, p)
        local age = b.proposal.hire.age
        return age >= p.min_age and age <= p.max_age
      end },

    { id = "real-living-wage-employer", text = "The employer pays the Real Living Wage",
      clause = "Guidance 2.3",
      test = function(b, p) return b.workforce.paysRealLivingWage == true end },

    { id = "job-pays-living-wage", text = "The job pays at least the Real Living Wage rate",
      clause = "Guidance 2.3",
      test = function(b, p)
        -- The Real Living Wage employers must pay on the start date (rules/lib/living_wage.lua).
        local rate = living_wage.hourly(b.proposal.hire.startDate)
        return rate ~= nil and b.proposal.hire.hourlyWage >= rate
      end },

    { id = "hours", text = "At least 25 hours a week",
      clause = "Guidance 2.4",
      test = function(b, p) return b.proposal.hire.hoursPerWeek >= p.min_hours_per_week end },

    { id = "contract-length", text = "A contract of at least 26 weeks",
      clause = "Guidance 2.5",
      test = function(b, p) return b.proposal.hire.contractWeeks >= p.min_contract_weeks end },

    { id = "new-job", text = "The job starts on or after 1 June 2021",
      clause = "Guidance 2.6",
      test = function(b, p) return not dates.before(b.proposal.hire.startDate, p.earliest_start) end },

    subsidy_control.criterion(),
  },

  award = {
    amount = function(b, p)
      return p.payment, "A flat payment of " .. money.format(p.payment) .. " for the hire."
    end,
    maximum = pounds(1500),
    rounding = "none",
  },
}
