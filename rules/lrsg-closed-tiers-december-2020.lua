-- Local Restrictions Support Grant (Closed) under the Tier 2 and 3 restrictions from 2 December
-- 2020 (after the national lockdown), per 14 days of closure.
-- Source: shared/schemes/README.md, section 3 ("Tier 2/3 grants from 2 Dec 2020", thurrock.gov.uk).
--
-- £667 (rateable value £15,000 or less), £1,000 (over £15,000 and under £51,000) or £1,500
-- (£51,000 or more) for each 14 days a business-rates payer was required to close.
--
-- Reading choices:
-- * The Liverpool City Region was under tier restrictions throughout (the first region in Tier 3,
--   from 14 Oct 2020, README section 3); businesses elsewhere depended on their own area's tier,
--   so this programme is for the six region authorities.
-- * The award shown is ONE 14-day payment. How many 14-day payments a business received
--   depended on how long the council's payment cycles found it closed: not modelled.
-- * As for the November lockdown: required to close on the first day, trading before it, the
--   rateable value on that day, not insolvent (the brief states these for November; the same
--   rules are read for this period: UNCONFIRMED).
-- * Window: from 2 December 2020 to 31 March 2021 (UNCONFIRMED: no closing date in the brief;
--   31 March 2021 is the deadline it gives for the next period).

local region = require "region"
local trading = require "trading"
local rateable_value = require "rateable_value"

local GRANT_HIGH = pounds(1500)
local PERIOD_START = "2020-12-02"

return programme {
  id = "lrsg-closed-tiers-december-2020",
  title = "Local Restrictions Support Grant (Closed), Tier 2 and 3 restrictions from {period_start:day}",
  summary = "For business-rates payers in the Liverpool City Region required to close by the tier restrictions "
    .. "from {period_start:day}: {grant_low:pounds} for a rateable value of {rv_low_up_to:pounds} or less, "
    .. "{grant_middle:pounds} over that and under {rv_high_from:pounds}, {grant_high:pounds} from "
    .. "{rv_high_from:pounds}, for each {period_days} days of closure.",
  guidance = "https://www.gov.uk/guidance/check-if-youre-eligible-for-the-coronavirus-local-restrictions-support-grant-for-closed-businesses",
  sources = {
    "shared/schemes/README.md, section 3 (Tier 2/3 grants from 2 Dec 2020; LCR context)",
    "thurrock.gov.uk; liverpoolexpress.co.uk (LCR in Tier 3 from 14 Oct 2020)",
  },
  open = { from = PERIOD_START, to = "2021-03-31" },

  params = {
    period_start = PERIOD_START,      -- restrictions from this day: trading before it, closed on it
    period_days = 14,                 -- paid per 14 days of closure
    rv_day = PERIOD_START,
    rv_low_up_to = rateable_value.LOW_UP_TO,
    rv_high_from = rateable_value.HIGH_FROM,
    grant_low = pounds(667),
    grant_middle = pounds(1000),
    grant_high = GRANT_HIGH,
  },

  criteria = {
    region.criterion(nil, "LCR under tier restrictions (README section 3, LCR context)"),

    { id = "pays-business-rates", text = "The business is the ratepayer for its premises",
      clause = "LRSG (Closed): paid by rateable value to business-rates payers (README section 3)",
      test = function(b, p) return b.premises.paysBusinessRates == true end },

    { id = "required-to-close", text = "Required to close by the restrictions on {period_start:day} (not closed voluntarily)",
      clause = "Tier 2/3 grants: closed businesses (README section 3)",
      test = function(b, p) return on(b.covid.requiredToClose, p.period_start) == true end },

    trading.before_criterion("trading", "period_start", "LRSG (Closed): trading before the restrictions (README section 3, as for LRSG (Closed) in November 2020)"),

    trading.status_criterion("not-insolvent", nil, { "inAdministration", "inLiquidation", "insolvent", "dissolved", "struckOff" },
      "LRSG (Closed) exclusions: in administration, insolvent or struck off (README section 3)"),
  },

  award = {
    amount = function(b, p)
      return rateable_value.award(b, p, " for each " .. p.period_days .. " days of closure (one payment shown)")
    end,
    maximum = GRANT_HIGH,
    rounding = "none",
  },
}
