-- Local Restrictions Support Grant (Open) for hospitality and leisure businesses that stayed
-- open under the Tier 2 and 3 restrictions from 2 December 2020, per 14 days.
-- Source: shared/schemes/README.md, section 3 ("Tier 2/3 grants from 2 Dec 2020", thurrock.gov.uk).
--
-- £467 (rateable value £15,000 or less), £700 (over £15,000 and under £51,000) or £1,050
-- (£51,000 or more) for each 14 days, for hospitality, accommodation and leisure businesses
-- (gyms included) that were open but restricted.
--
-- Reading choices: as for lrsg-closed-tiers-december-2020.lua (the six region authorities; one
-- 14-day payment shown; trading before the restrictions, the rateable value on their first day
-- and not insolvent read as for the November lockdown: UNCONFIRMED; window to 31 March 2021:
-- UNCONFIRMED). "Open" means not required to close on the first day of the restrictions.

local region = require "region"
local trading = require "trading"
local rateable_value = require "rateable_value"

local GRANT_HIGH = pounds(1050)
local PERIOD_START = "2020-12-02"

-- The sectors the open grant was for.
local HOSPITALITY_LEISURE = { hospitality = true, accommodation = true, leisure = true, gym = true }

return programme {
  id = "lrsg-open-tiers-december-2020",
  title = "Local Restrictions Support Grant (Open), hospitality and leisure under Tier 2 and 3 restrictions from {period_start:day}",
  summary = "For hospitality, accommodation and leisure businesses in the Liverpool City Region that stayed open "
    .. "under the tier restrictions from {period_start:day}: {grant_low:pounds} for a rateable value of "
    .. "{rv_low_up_to:pounds} or less, {grant_middle:pounds} over that and under {rv_high_from:pounds}, "
    .. "{grant_high:pounds} from {rv_high_from:pounds}, for each {period_days} days.",
  guidance = "https://www.gov.uk/guidance/check-if-youre-eligible-for-the-coronavirus-local-restrictions-support-grant-for-open-businesses",
  sources = {
    "shared/schemes/README.md, section 3 (Tier 2/3 grants from 2 Dec 2020: \"open\" hospitality and leisure; LCR context)",
    "thurrock.gov.uk; liverpoolexpress.co.uk (LCR in Tier 3 from 14 Oct 2020)",
  },
  open = { from = PERIOD_START, to = "2021-03-31" },

  params = {
    period_start = PERIOD_START,
    period_days = 14,
    rv_day = PERIOD_START,
    rv_low_up_to = rateable_value.LOW_UP_TO,
    rv_high_from = rateable_value.HIGH_FROM,
    grant_low = pounds(467),
    grant_middle = pounds(700),
    grant_high = GRANT_HIGH,
  },

  criteria = {
    region.criterion(nil, "LCR under tier restrictions (README section 3, LCR context)"),

    { id = "hospitality-or-leisure", text = "A hospitality, accommodation or leisure business (gyms included)",
      clause = "Tier 2/3 grants: \"open\" hospitality and leisure businesses (README section 3)",
      test = function(b, p) return HOSPITALITY_LEISURE[b.sector] == true end },

    { id = "pays-business-rates", text = "The business is the ratepayer for its premises",
      clause = "LRSG: paid by rateable value to business-rates payers (README section 3)",
      test = function(b, p) return b.premises.paysBusinessRates == true end },

    { id = "open-not-closed", text = "Open: not required to close by the restrictions on {period_start:day}",
      clause = "Tier 2/3 grants: \"open\" businesses (closed ones get the Closed grant) (README section 3)",
      test = function(b, p) return on(b.covid.requiredToClose, p.period_start) == false end },

    trading.before_criterion("trading", "period_start", "LRSG: trading before the restrictions (README section 3, as for LRSG (Closed) in November 2020)"),

    trading.status_criterion("not-insolvent", nil, { "inAdministration", "inLiquidation", "insolvent", "dissolved", "struckOff" },
      "LRSG exclusions: in administration, insolvent or struck off (README section 3)"),
  },

  award = {
    amount = function(b, p)
      return rateable_value.award(b, p, " for each " .. p.period_days .. " days (one payment shown)")
    end,
    maximum = GRANT_HIGH,
    rounding = "none",
  },
}
