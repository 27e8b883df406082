-- Growth Platform Business Recovery Grant (Liverpool City Region), 2020
-- Source: shared/schemes/README.md, section 9 and section 11 ("Corrections").
--
-- A grant of £1,000 to £3,000 for small and medium-sized businesses in the six Liverpool City
-- Region authorities, trading since before 1 March 2020 and impacted by COVID-19, for a recovery
-- project. It cannot fund business-as-usual costs or projects already started. Opened at 10:00
-- on 16 September 2020; the funds were fully allocated and applicants told by 15 January 2021.
--
-- SME for this grant (Growth Platform's own definition): fewer than 250 staff AND turnover under
-- £45.1m OR a balance sheet under £38.8m.
--
-- Reading choices:
-- * No turnover-drop threshold is published ("impacted by Covid-19"): the business's own answer
--   to covid.impacted is taken.
-- * No bands are published: Growth Platform sets the amount between £1,000 and £3,000, so the
--   award is discretionary.
-- * Window: 10:00 on 16 September 2020 to 15 January 2021. UNCONFIRMED: the closing day of
--   applications is not published; the day applicants were told is taken as the last day.
-- * "Trading since before 1 March 2020" is read as: started before that day and still trading
--   at the decision.

local region = require "region"
local company_size = require "company_size"
local trading = require "trading"

local GRANT_MAX = pounds(3000)

return programme {
  id = "recovery-grant",
  title = "Growth Platform Business Recovery Grant",
  summary = "A grant of {grant_min:pounds} to {grant_max:pounds} for small and medium-sized businesses in the "
    .. "Liverpool City Region trading since before {trading_before:day} and impacted by COVID-19, towards a recovery "
    .. "project that has not started and is not business-as-usual costs. Growth Platform sets the amount.",
  guidance = "https://www.growthplatform.org/recovery-grant",
  sources = {
    "shared/schemes/README.md, section 9 (Growth Platform Business Recovery Grant) and section 11 (Corrections)",
    "growthplatform.org/recovery-grant",
  },
  open = { from = "2020-09-16T10:00", to = "2021-01-15" },

  params = {
    sme_staff_below = 250,                    -- fewer than 250 staff, and
    sme_turnover_below = pounds(45100000),    -- turnover under £45.1m, or
    sme_balance_sheet_below = pounds(38800000), -- a balance sheet under £38.8m
    trading_before = "2020-03-01",
    grant_min = pounds(1000),
    grant_max = GRANT_MAX,
  },

  criteria = {
    region.criterion(nil, "Business Recovery Grant: SMEs in the six LCR local authorities (README section 9)"),

    { id = "sme",
      text = "Fewer than {sme_staff_below} staff, and a turnover under {sme_turnover_below:pounds} or a balance sheet under {sme_balance_sheet_below:pounds}",
      clause = "Business Recovery Grant: Growth Platform's SME definition (README section 11, Corrections)",
      test = function(b, p)
        return company_size.staff_and_money(b, p.sme_staff_below, p.sme_turnover_below, p.sme_balance_sheet_below, false)
      end },

    { id = "trading-before-march-2020", text = "Trading since before {trading_before:day}, and still trading",
      clause = "Business Recovery Grant: trading date (README section 9)",
      test = function(b, p)
        return trading.since(b, p.trading_before, p.today, true)
      end },

    { id = "covid-impact", text = "Impacted by COVID-19 (lost trade, closure or extra costs)",
      clause = "Business Recovery Grant: \"impacted by Covid-19\"; no turnover-drop threshold published (README section 11)",
      test = function(b, p) return b.covid.impacted == true end },

    { id = "not-business-as-usual", text = "The project is not business-as-usual costs (rent, wages, stock)",
      clause = "Business Recovery Grant: cannot fund business-as-usual costs (README section 9)",
      test = function(b, p) return b.proposal.recovery.businessAsUsual == false end },

    { id = "not-started", text = "The project has not already started",
      clause = "Business Recovery Grant: cannot fund projects already started (README section 9)",
      test = function(b, p) return b.proposal.recovery.alreadyStarted == false end },
  },

  award = {
    discretionary = "Growth Platform sets the amount, from {grant_min:pounds} to {grant_max:pounds} (no bands are published)",
    maximum = GRANT_MAX,
  },
}
