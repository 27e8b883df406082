-- Local Authority Discretionary Grants Fund (LADGF), England, 2020
-- Source: shared/schemes/README.md, section 2; window from public pages (below).
--
-- For businesses in England with fixed property costs, trading on 11 March 2020, whose property's
-- rateable value - or, outside business rates, annual rent or mortgage - is below £51,000, and
-- which did not get the Small Business Grant Fund or the Retail, Hospitality and Leisure Grant
-- Fund. The council decides who gets what: £25,000, £10,000 or any amount under £10,000.
--
-- Reading choices: a property with a rateable value is judged by it (on 11 March 2020, the day
-- the scheme's trading test uses); one without ("does not apply") by its annual rent or
-- mortgage. Administration, insolvency and striking off are judged as at the decision.
-- Not modelled: the council's priorities and discretion (the fund was limited; councils chose
-- which eligible businesses to pay, e.g. those in shared workspaces or market traders), and the
-- "significant fall in income" councils asked to see.
-- Window: guidance for councils was published on 13 May 2020 (covid19.health.org.uk) and the
-- scheme closed with the other 2020 grant funds on 28 August 2020 (beyondradio.co.uk); neither
-- date is in the brief.

local region = require "region"
local trading = require "trading"

local GRANT_UPPER = pounds(25000)

return programme {
  id = "local-authority-discretionary-grants-fund",
  title = "Local Authority Discretionary Grants Fund",
  summary = "A council grant of {grant_upper:pounds}, {grant_middle:pounds} or any amount under {grant_middle:pounds} "
    .. "for businesses in England with fixed property costs, trading on {trading_day:day}, whose rateable value "
    .. "(or annual rent or mortgage) is under {property_cost_below:pounds}, and which did not get the Small Business "
    .. "Grant Fund or the Retail, Hospitality and Leisure Grant Fund. The council decides who is paid, and how much.",
  guidance = "https://www.gov.uk/guidance/apply-for-the-coronavirus-local-authority-discretionary-grants-fund",
  sources = {
    "shared/schemes/README.md, section 2 (Local Authority Discretionary Grants Fund)",
    "gov.uk/guidance/apply-for-the-coronavirus-local-authority-discretionary-grants-fund",
    "covid19.health.org.uk: announced 2 May 2020, guidance published 13 May 2020 (window opening)",
    "beyondradio.co.uk, 10 Aug 2020: the discretionary scheme ends on 28 August 2020 (window closing)",
  },
  open = { from = "2020-05-13", to = "2020-08-28" },

  params = {
    trading_day = "2020-03-11",
    property_cost_below = pounds(51000),   -- rateable value, or annual rent or mortgage, below this
    grant_upper = GRANT_UPPER,
    grant_middle = pounds(10000),
  },

  criteria = {
    region.england_criterion("LADGF: the business must be in England (README section 2)"),

    { id = "fixed-property-costs", text = "Has ongoing fixed property costs",
      clause = "LADGF: the business must have fixed property costs (README section 2)",
      test = function(b, p) return b.premises.fixedPropertyCosts == true end },

    trading.criterion("trading", "trading_day", "LADGF: trading date (README section 2)"),

    { id = "property-cost-under-limit",
      text = "Rateable value on {trading_day:day} under {property_cost_below:pounds}, or, for a property outside business rates, annual rent or mortgage under {property_cost_below:pounds}",
      clause = "LADGF: rateable value, or annual rent or mortgage, limit (README section 2)",
      test = function(b, p)
        local premises = b.premises
        if applies(premises, "rateableValue") then
          return on(premises.rateableValue, p.trading_day) < p.property_cost_below
        end
        return premises.annualRentOrMortgage < p.property_cost_below
      end },

    trading.status_criterion("not-insolvent", nil, { "inAdministration", "inLiquidation", "insolvent", "dissolved", "struckOff" },
      "LADGF exclusions: in administration, insolvent or struck off (README section 2)"),

    { id = "no-sbgf-or-rhlgf", text = "Has not received the Small Business Grant Fund or the Retail, Hospitality and Leisure Grant Fund",
      clause = "LADGF exclusions: businesses already receiving SBGF or RHLGF (README section 2)",
      test = function(b, p)
        for _, grant in ipairs(b.grantsReceived) do
          if grant == "smallBusinessGrantFund" or grant == "retailHospitalityLeisureGrantFund" then return false end
        end
        return true
      end },
  },

  award = {
    discretionary = "The council decides whether to pay and how much: {grant_upper:pounds}, {grant_middle:pounds} or any amount under {grant_middle:pounds}",
    maximum = GRANT_UPPER,
  },
}
