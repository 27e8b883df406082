-- Liverpool City Council taxi licence grant, 2020-21
-- Source: shared/schemes/README.md, section 9; liverpool.gov.uk/business/licences-and-permits/
-- taxi-licences/apply-for-a-taxi-licence-grant (the page the brief cites).
--
-- £210 for drivers with a current licence from Liverpool City Council who live in the Liverpool
-- City Region. Not for anyone on the bankruptcy and insolvency register. The council's page adds
-- that the grant counts towards state aid (subsidy control: rules/lib/subsidy_control.lua).
-- Drivers who already had the £210 got an automatic £200 top-up from the end of March 2021
-- (paid without an application: not modelled). The window closed on 16 May 2021.
--
-- Reading choices:
-- * The driver is the business (a self-employed driver): "lives in the region" is
--   owner.livesInRegion, "on the insolvency register" is companyStatus insolvent (bankruptcy or
--   an IVA), in liquidation or in administration at the decision.
-- * Window: the council says the grant "was introduced in 2020 to help drivers affected by the
--   local restrictions"; its opening day is not published. It is taken as 14 October 2020, when
--   the region's local (Tier 3) restrictions began (README section 3). UNCONFIRMED.

local region = require "region"
local trading = require "trading"
local subsidy_control = require "subsidy_control"
local money = require "money"

local GRANT = pounds(210)

return programme {
  id = "liverpool-taxi-licence-grant",
  title = "Liverpool City Council taxi licence grant",
  summary = "{grant:pounds} for taxi and private-hire drivers licensed by {licensing_council} City Council who live "
    .. "in the Liverpool City Region and are not on the bankruptcy and insolvency register.",
  guidance = "https://liverpool.gov.uk/business/licences-and-permits/taxi-licences/apply-for-a-taxi-licence-grant/",
  sources = {
    "shared/schemes/README.md, section 9 (Liverpool City Council taxi licence grant)",
    "liverpool.gov.uk/business/licences-and-permits/taxi-licences/apply-for-a-taxi-licence-grant",
  },
  open = { from = "2020-10-14", to = "2021-05-16" },

  params = {
    licensing_council = "Liverpool",
    grant = GRANT,
  },

  criteria = {
    { id = "licensed-by-liverpool", text = "Holds a current taxi or private-hire driver's licence from {licensing_council} City Council",
      clause = "Taxi licence grant: drivers licensed by Liverpool City Council (README section 9)",
      test = function(b, p) return region.canonical(b.taxiLicensingAuthority) == p.licensing_council end },

    { id = "lives-in-region", text = "The driver lives in the Liverpool City Region (Halton, Knowsley, Liverpool, Sefton, St Helens or Wirral)",
      clause = "Taxi licence grant: drivers who live in LCR (README section 9)",
      test = function(b, p) return b.owner.livesInRegion == true end },

    trading.status_criterion("not-insolvent", nil, { "insolvent", "inLiquidation", "inAdministration" },
      "Taxi licence grant: anyone on the bankruptcy or insolvency register is excluded (README section 9)"),

    subsidy_control.criterion(),
  },

  award = {
    amount = function(b, p)
      return p.grant, "A flat grant of " .. money.format(p.grant) .. "."
    end,
    maximum = GRANT,
    rounding = "none",
  },
}
