-- Closed Businesses Lockdown Payment (CBLP), third national lockdown, January 2021
-- Source: shared/schemes/README.md, section 3 ("Third lockdown (RV taken on 5 Jan 2021)").
--
-- A one-off payment to business-rates payers in England required to close by the lockdown from
-- 5 January 2021: £4,000 (rateable value £15,000 or less), £6,000 (over £15,000 and under
-- £51,000) or £9,000 (£51,000 or more), the rateable value taken on 5 January 2021. Paid once,
-- alongside LRSG (Closed) for 5 January - 15 February 2021.
--
-- Reading choices: required to close on 5 January 2021, trading before it and not insolvent, as
-- the brief states for the November 2020 lockdown (UNCONFIRMED for this payment). Window: from
-- 5 January 2021 to 31 March 2021, the application deadline the brief gives for the LRSG period
-- it was paid with (UNCONFIRMED for CBLP itself).

local region = require "region"
local trading = require "trading"
local rateable_value = require "rateable_value"

local GRANT_HIGH = pounds(9000)
local PERIOD_START = rateable_value.THIRD_LOCKDOWN_DAY   -- the lockdown began the day the RV is taken

return programme {
  id = "closed-businesses-lockdown-payment",
  title = "Closed Businesses Lockdown Payment",
  summary = "A one-off payment for business-rates payers in England required to close by the lockdown from "
    .. "{period_start:day}: {grant_low:pounds} for a rateable value of {rv_low_up_to:pounds} or less, "
    .. "{grant_middle:pounds} over that and under {rv_high_from:pounds}, {grant_high:pounds} from {rv_high_from:pounds}.",
  guidance = "https://www.gov.uk/guidance/check-if-youre-eligible-for-the-coronavirus-closed-businesses-lockdown-payment",
  sources = {
    "shared/schemes/README.md, section 3 (Third lockdown: CBLP, paid once)",
    "abbotaccounting.co.uk; mendip.gov.uk; hartlepool.gov.uk",
  },
  open = { from = PERIOD_START, to = "2021-03-31" },

  params = {
    period_start = PERIOD_START,
    rv_day = rateable_value.THIRD_LOCKDOWN_DAY,
    rv_low_up_to = rateable_value.LOW_UP_TO,
    rv_high_from = rateable_value.HIGH_FROM,
    grant_low = pounds(4000),
    grant_middle = pounds(6000),
    grant_high = GRANT_HIGH,
  },

  criteria = {
    region.england_criterion("CBLP: businesses in England (README section 3)"),

    { id = "pays-business-rates", text = "The business is the ratepayer for its premises",
      clause = "CBLP: paid by rateable value to business-rates payers (README section 3)",
      test = function(b, p) return b.premises.paysBusinessRates == true end },

    { id = "required-to-close", text = "Required to close by the lockdown on {period_start:day} (not closed voluntarily)",
      clause = "CBLP: closed businesses, third lockdown (README section 3)",
      test = function(b, p) return on(b.covid.requiredToClose, p.period_start) == true end },

    trading.before_criterion("trading", "period_start", "CBLP: trading before the lockdown (README section 3, as for LRSG (Closed) in November 2020)"),

    trading.status_criterion("not-insolvent", nil, { "inAdministration", "inLiquidation", "insolvent", "dissolved", "struckOff" },
      "LRSG (Closed) exclusions: in administration, insolvent or struck off (README section 3)"),
  },

  award = {
    amount = function(b, p)
      return rateable_value.award(b, p, ", paid once")
    end,
    maximum = GRANT_HIGH,
    rounding = "none",
  },
}
