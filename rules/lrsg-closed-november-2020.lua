-- Local Restrictions Support Grant (Closed), national lockdown 5 November - 2 December 2020
-- Source: shared/schemes/README.md, section 3.
--
-- For business-rates payers in England required to close by the November 2020 lockdown, trading
-- before 5 November, per 28 days of closure: £1,334 (rateable value £15,000 or less), £2,000
-- (over £15,000 and under £51,000), £3,000 (£51,000 or more). The rateable value is taken on
-- 5 November 2020: later changes to the rating list are ignored. A business that closed
-- voluntarily was not required to close (it could apply to the Additional Restrictions Grant,
-- whose rules each council sets: not modelled).
--
-- The lockdown lasted exactly 28 days, so one payment. Window: from 5 November 2020 to
-- 31 March 2021. UNCONFIRMED: the brief gives no closing date for this period; 31 March 2021 is
-- the deadline it gives for the next lockdown period and is taken as the least surprising.

local region = require "region"
local trading = require "trading"
local rateable_value = require "rateable_value"

local GRANT_HIGH = pounds(3000)
local PERIOD_START = "2020-11-05"

return programme {
  id = "lrsg-closed-november-2020",
  title = "Local Restrictions Support Grant (Closed), national lockdown from {period_start:day}",
  summary = "For business-rates payers in England required to close by the lockdown from {period_start:day}, "
    .. "trading before then: {grant_low:pounds} for a rateable value of {rv_low_up_to:pounds} or less, "
    .. "{grant_middle:pounds} over that and under {rv_high_from:pounds}, {grant_high:pounds} from "
    .. "{rv_high_from:pounds}, for the {period_days} days.",
  guidance = "https://www.gov.uk/guidance/check-if-youre-eligible-for-the-coronavirus-local-restrictions-support-grant-for-closed-businesses",
  sources = {
    "shared/schemes/README.md, section 3 (LRSG (Closed) for the 5 Nov - 2 Dec 2020 lockdown)",
    "hull.gov.uk; svbs.co.uk",
  },
  open = { from = PERIOD_START, to = "2021-03-31" },

  params = {
    period_start = PERIOD_START,      -- the lockdown began; trading before it, closed from it
    period_days = 28,                 -- 5 November to 2 December 2020
    rv_day = PERIOD_START,            -- rating-list changes after this day are ignored
    rv_low_up_to = rateable_value.LOW_UP_TO,
    rv_high_from = rateable_value.HIGH_FROM,
    grant_low = pounds(1334),
    grant_middle = pounds(2000),
    grant_high = GRANT_HIGH,
  },

  criteria = {
    region.england_criterion("LRSG (Closed): businesses in England (README section 3)"),

    { id = "pays-business-rates", text = "The business is the ratepayer for its premises",
      clause = "LRSG (Closed): paid by rateable value to business-rates payers (README section 3)",
      test = function(b, p) return b.premises.paysBusinessRates == true end },

    { id = "required-to-close", text = "Required to close by the restrictions from {period_start:day} (not closed voluntarily)",
      clause = "LRSG (Closed): businesses required to close; voluntary closures go to ARG (README section 3)",
      test = function(b, p) return on(b.covid.requiredToClose, p.period_start) == true end },

    trading.before_criterion("trading", "period_start", "LRSG (Closed): trading before the lockdown (README section 3)"),

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
