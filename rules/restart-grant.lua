-- Restart Grant, England, April 2021
-- Source: shared/schemes/README.md, section 3 (bromley.gov.uk; swale.gov.uk; torbay.gov.uk).
--
-- A one-off grant to business-rates payers trading on 1 April 2021 that provide in-person
-- services, by rateable value on 1 April 2021:
--   non-essential retail:                          £2,667 / £4,000 / £6,000
--   hospitality, accommodation, leisure, personal
--   care and gyms:                                 £8,000 / £12,000 / £18,000
-- for rateable values of £15,000 or less / over £15,000 and under £51,000 / £51,000 or more.
-- Excluded: businesses in liquidation, dissolved or struck off. One grant per property (not
-- modelled: see small-business-grant-fund.lua).
--
-- Window: from 1 April 2021 to 30 June 2021. UNCONFIRMED for the Liverpool City Region: the
-- closing date comes from Trafford Council (README section 3).

local region = require "region"
local trading = require "trading"
local rateable_value = require "rateable_value"
local money = require "money"
local dates = require "dates"

local HOSPITALITY_HIGH = pounds(18000)
local ELIGIBILITY_DAY = "2021-04-01"

-- Which strand each sector is in.
local STRAND = {
  nonEssentialRetail = "retail",
  hospitality = "hospitality", accommodation = "hospitality", leisure = "hospitality",
  personalCare = "hospitality", gym = "hospitality",
}

-- The params holding each strand's grant, by band.
local BAND_PARAMS = {
  retail = { "retail_low", "retail_middle", "retail_high" },
  hospitality = { "hospitality_low", "hospitality_middle", "hospitality_high" },
}

return programme {
  id = "restart-grant",
  title = "Restart Grant",
  summary = "A one-off grant for business-rates payers in England trading on {eligibility_day:day} and serving "
    .. "customers in person. Non-essential retail: {retail_low:pounds}, {retail_middle:pounds} or {retail_high:pounds}; "
    .. "hospitality, accommodation, leisure, personal care and gyms: {hospitality_low:pounds}, "
    .. "{hospitality_middle:pounds} or {hospitality_high:pounds}, for a rateable value of {rv_low_up_to:pounds} or "
    .. "less, over that and under {rv_high_from:pounds}, or {rv_high_from:pounds} or more. One grant per property.",
  guidance = "https://www.gov.uk/government/publications/coronavirus-restart-grant",
  sources = {
    "shared/schemes/README.md, section 3 (Restart Grant)",
    "bromley.gov.uk; swale.gov.uk; torbay.gov.uk; closing date from Trafford (UNCONFIRMED for LCR)",
  },
  open = { from = ELIGIBILITY_DAY, to = "2021-06-30" },

  params = {
    eligibility_day = ELIGIBILITY_DAY,
    rv_day = ELIGIBILITY_DAY,
    rv_low_up_to = rateable_value.LOW_UP_TO,
    rv_high_from = rateable_value.HIGH_FROM,
    retail_low = pounds(2667),
    retail_middle = pounds(4000),
    retail_high = pounds(6000),
    hospitality_low = pounds(8000),
    hospitality_middle = pounds(12000),
    hospitality_high = HOSPITALITY_HIGH,
  },

  criteria = {
    region.england_criterion("Restart Grant: businesses in England (README section 3)"),

    { id = "eligible-sector",
      text = "Non-essential retail, or hospitality, accommodation, leisure, personal care or a gym",
      clause = "Restart Grant strands: non-essential retail; hospitality, accommodation, leisure, personal care and gyms (README section 3)",
      test = function(b, p) return STRAND[b.sector] ~= nil end },

    { id = "pays-business-rates", text = "The business is the ratepayer for its premises",
      clause = "Restart Grant: the business must pay business rates (README section 3)",
      test = function(b, p) return b.premises.paysBusinessRates == true end },

    { id = "in-person-services", text = "Provides its services to the public in person",
      clause = "Restart Grant: the business must provide in-person services (README section 3)",
      test = function(b, p) return b.inPersonServices == true end },

    trading.criterion("trading", "eligibility_day", "Restart Grant: trading date (README section 3)"),

    trading.status_criterion("not-liquidated", nil, { "inLiquidation", "dissolved", "struckOff" },
      "Restart Grant exclusions: liquidated, dissolved or struck-off businesses (README section 3)"),
  },

  award = {
    amount = function(b, p)
      local strand = STRAND[b.sector]
      local value = rateable_value.on_day(b, p)
      local band = rateable_value.band(value, p)
      local grant = p[BAND_PARAMS[strand][band]]
      return grant, string.format("%s strand; rateable value %s on %s (band %d of 3): %s.",
        strand == "retail" and "Non-essential retail" or "Hospitality, leisure and personal care",
        money.format(value), dates.words(p.rv_day), band, money.format(grant))
    end,
    maximum = HOSPITALITY_HIGH,
    rounding = "none",
  },
}
