-- Retail, Hospitality and Leisure Grant Fund (RHLGF), England, 2020
-- Source: shared/schemes/README.md, section 2; window from public pages (below).
--
-- For a business-rates payer whose property was eligible for the Expanded Retail Discount on
-- 11 March 2020: £10,000 if its rateable value was £15,000 or less, £25,000 if over £15,000 and
-- under £51,000; £51,000 or more is not eligible. Eligibility is judged on 11 March 2020.
--
-- Not modelled: "one grant per property" (see small-business-grant-fund.lua). Window as for the
-- Small Business Grant Fund: guidance published 24 March 2020, schemes closed 28 August 2020.

local region = require "region"
local trading = require "trading"
local rateable_value = require "rateable_value"
local lists = require "lists"

local GRANT_MIDDLE = pounds(25000)
local ELIGIBILITY_DAY = "2020-03-11"
local EXPANDED_RETAIL = { expandedRetail = true }

return programme {
  id = "retail-hospitality-leisure-grant-fund",
  title = "Retail, Hospitality and Leisure Grant Fund",
  summary = "A grant for business-rates payers in England whose property was eligible for the Expanded Retail "
    .. "Discount on {eligibility_day:day}: {grant_low:pounds} for a rateable value of {rv_low_up_to:pounds} or less, "
    .. "{grant_middle:pounds} over that and under {rv_high_from:pounds}. One grant per property.",
  guidance = "https://www.gov.uk/government/publications/coronavirus-covid-19-guidance-on-business-support-grant-funding",
  sources = {
    "shared/schemes/README.md, section 2 (SBGF and RHLGF, 2020)",
    "accaglobal.com/uk/en/cam/coronavirus/grants-covid19.html; yorkshirereporter.co.uk; basildon.gov.uk/rhgrant",
    "fenews.co.uk: SBGF and RHLGF guidance published 24 March 2020 (window opening)",
    "beyondradio.co.uk, 10 Aug 2020: the grant schemes end on 28 August 2020 (window closing)",
  },
  open = { from = "2020-03-24", to = "2020-08-28" },

  params = {
    eligibility_day = ELIGIBILITY_DAY,           -- eligibility is judged on this day...
    rv_day = ELIGIBILITY_DAY,                    -- ...and the rateable value taken on it
    rv_low_up_to = rateable_value.LOW_UP_TO,
    rv_high_from = rateable_value.HIGH_FROM,     -- not eligible from here
    grant_low = pounds(10000),
    grant_middle = GRANT_MIDDLE,
  },

  criteria = {
    region.england_criterion("RHLGF guidance: England only (README section 2 scope)"),

    { id = "pays-business-rates", text = "The business is the ratepayer for its premises",
      clause = "RHLGF: only for business-rates payers (README section 2, General)",
      test = function(b, p) return b.premises.paysBusinessRates == true end },

    { id = "expanded-retail-discount",
      text = "The property was eligible for the Expanded Retail Discount (retail, hospitality and leisure) on {eligibility_day:day}",
      clause = "RHLGF: property eligible for the Expanded Retail Discount (README section 2)",
      test = function(b, p) return lists.has_any(on(b.premises.rateReliefs, p.eligibility_day), EXPANDED_RETAIL) end },

    { id = "rateable-value-under-limit", text = "Rateable value under {rv_high_from:pounds} on {rv_day:day}",
      clause = "RHLGF: rateable-value bands, top band not eligible (README section 2)",
      test = function(b, p) return rateable_value.on_day(b, p) < p.rv_high_from end },

    { id = "not-excluded-use", text = "The property is not used personally (stables, beach huts, moorings) and is not a car park or parking space",
      clause = "SBGF and RHLGF exclusions (README section 2)",
      test = function(b, p)
        local use = b.premises.use
        return use ~= "personalUse" and use ~= "carPark"
      end },

    trading.status_criterion("not-liquidated", "eligibility_day", { "inLiquidation", "dissolved", "struckOff" },
      "SBGF and RHLGF exclusions: in liquidation or dissolved on the eligibility day (struck off is dissolution) (README section 2)"),
  },

  award = {
    amount = function(b, p)
      -- The top band never gets here (the rateable-value criterion refuses it).
      return rateable_value.award(b, p, " for the property")
    end,
    maximum = GRANT_MIDDLE,
    rounding = "none",
  },
}
