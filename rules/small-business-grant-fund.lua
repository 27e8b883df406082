-- Small Business Grant Fund (SBGF), England, 2020
-- Source: shared/schemes/README.md, section 2; window from public pages (below).
--
-- £10,000 for a business-rates payer whose property was eligible for Small Business Rate Relief
-- (including the tapered relief for rateable values of £12,000 to £15,000) or Rural Rate Relief
-- on 11 March 2020. Properties that only had the small business multiplier, not percentage
-- relief, are excluded (the rateReliefs fact lists percentage relief only). Eligibility is
-- judged on 11 March 2020.
--
-- Not modelled: "one grant per property" (a property eligible for this and the Retail,
-- Hospitality and Leisure Grant Fund gets one of them; the engine decides each scheme on its own
-- and cannot know about other properties), and the council's checks of the rating list.
-- Window: the guidance was published on 24 March 2020 (fenews.co.uk) and the fund closed on
-- 28 August 2020 (beyondradio.co.uk); neither date is in the brief.

local region = require "region"
local trading = require "trading"
local money = require "money"
local lists = require "lists"

local GRANT = pounds(10000)

-- The reliefs that qualify (the rateReliefs fact lists percentage relief only, so a property with
-- just the small business multiplier has neither).
local RELIEFS = { smallBusiness = true, rural = true }

return programme {
  id = "small-business-grant-fund",
  title = "Small Business Grant Fund",
  summary = "A {grant:pounds} grant for business-rates payers in England whose property was eligible for "
    .. "Small Business Rate Relief (including tapered relief) or Rural Rate Relief on {eligibility_day:day}. "
    .. "One grant per property.",
  guidance = "https://www.gov.uk/government/publications/coronavirus-covid-19-guidance-on-business-support-grant-funding",
  sources = {
    "shared/schemes/README.md, section 2 (SBGF and RHLGF, 2020)",
    "accaglobal.com/uk/en/cam/coronavirus/grants-covid19.html; yorkshirereporter.co.uk; basildon.gov.uk/rhgrant",
    "fenews.co.uk: SBGF and RHLGF guidance published 24 March 2020 (window opening)",
    "beyondradio.co.uk, 10 Aug 2020: the grant schemes end on 28 August 2020 (window closing)",
  },
  open = { from = "2020-03-24", to = "2020-08-28" },

  params = {
    eligibility_day = "2020-03-11",   -- eligibility is judged on this day
    grant = GRANT,
  },

  criteria = {
    region.england_criterion("SBGF guidance: England only (README section 2 scope)"),

    { id = "pays-business-rates", text = "The business is the ratepayer for its premises",
      clause = "SBGF: only for business-rates payers (README section 2, General)",
      test = function(b, p) return b.premises.paysBusinessRates == true end },

    { id = "small-business-or-rural-relief",
      text = "The property was eligible for Small Business Rate Relief (including tapered relief) or Rural Rate Relief on {eligibility_day:day}",
      clause = "SBGF: eligible for SBRR (including tapered relief) or Rural Rate Relief on the eligibility day; small business multiplier alone excluded (README section 2)",
      test = function(b, p) return lists.has_any(on(b.premises.rateReliefs, p.eligibility_day), RELIEFS) end },

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
      return p.grant, "A flat grant of " .. money.format(p.grant) .. " for the property."
    end,
    maximum = GRANT,
    rounding = "none",
  },
}
