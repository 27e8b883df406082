-- Local Restrictions Support Grant (Closed), third lockdown 16 February - 31 March 2021
-- Source: shared/schemes/README.md, section 3 ("Third lockdown (RV taken on 5 Jan 2021)";
-- abbotaccounting.co.uk, mendip.gov.uk, hartlepool.gov.uk).
--
-- For business-rates payers in England required to close by the third national lockdown, for
-- the 44 days from 16 February to 31 March 2021: £2096 (rateable value £15,000 or less), £3143 (over £15,000 and
-- under £51,000) or £4714 (£51,000 or more). The rateable value is taken on 5 January 2021 for
-- every third-lockdown payment. Applications by 31 May 2021.
--
-- Reading choices: required to close on the period's first day, trading before it and not
-- insolvent, as the brief states for the November 2020 lockdown (the same rules are read for
-- this period: UNCONFIRMED).

local region = require "region"
local trading = require "trading"
local rateable_value = require "rateable_value"

local GRANT_HIGH = pounds(4714)
local PERIOD_START = "2021-02-16"

return programme {
  id = "lrsg-closed-february-2021",
  title = "Local Restrictions Support Grant (Closed), third lockdown {period_start:day} to {period_end:day}",
  summary = "For business-rates payers in England required to close by the lockdown, for the {period_days} days "
    .. "from {period_start:day}: {grant_low:pounds} for a rateable value (on {rv_day:day}) of {rv_low_up_to:pounds} "
    .. "or less, {grant_middle:pounds} over that and under {rv_high_from:pounds}, {grant_high:pounds} from "
    .. "{rv_high_from:pounds}.",
  guidance = "https://www.gov.uk/guidance/check-if-youre-eligible-for-the-coronavirus-local-restrictions-support-grant-for-closed-businesses",
  sources = {
    "shared/schemes/README.md, section 3 (Third lockdown)",
    "abbotaccounting.co.uk; mendip.gov.uk; hartlepool.gov.uk",
  },
  open = { from = PERIOD_START, to = "2021-05-31" },

  params = {
    period_start = PERIOD_START,      -- the period's first day: closed on it, trading before it
    period_end = "2021-03-31",        -- the period's last day
    period_days = 44,
    rv_day = rateable_value.THIRD_LOCKDOWN_DAY,   -- the rateable value for every third-lockdown payment
    rv_low_up_to = rateable_value.LOW_UP_TO,
    rv_high_from = rateable_value.HIGH_FROM,
    grant_low = pounds(2096),
    grant_middle = pounds(3143),
    grant_high = GRANT_HIGH,
  },

  criteria = {
    region.england_criterion("LRSG (Closed): businesses in England (README section 3)"),

    { id = "pays-business-rates", text = "The business is the ratepayer for its premises",
      clause = "LRSG (Closed): paid by rateable value to business-rates payers (README section 3)",
      test = function(b, p) return b.premises.paysBusinessRates == true end },

    { id = "required-to-close", text = "Required to close by the lockdown on {period_start:day} (not closed voluntarily)",
      clause = "LRSG (Closed), third lockdown: closed businesses (README section 3)",
      test = function(b, p) return on(b.covid.requiredToClose, p.period_start) == true end },

    trading.before_criterion("trading", "period_start", "LRSG (Closed): trading before the restrictions (README section 3, as for LRSG (Closed) in November 2020)"),

    trading.status_criterion("not-insolvent", nil, { "inAdministration", "inLiquidation", "insolvent", "dissolved", "struckOff" },
      "LRSG (Closed) exclusions: in administration, insolvent or struck off (README section 3)"),
  },

  award = {
    amount = function(b, p)
      return rateable_value.award(b, p, " for the " .. p.period_days .. " days")
    end,
    maximum = GRANT_HIGH,
    rounding = "none",
  },
}
