-- Liverpool City Region Hospitality, Leisure and Retail Grants (Expanded Scheme), 2020
-- Source: shared/schemes/README.md, section 9 (itv.com, 29 Nov 2020); the scheme's categories
-- and its small/micro test from the councils' guidance (wirral.gov.uk "guidance notes and
-- checklists"; wirralview.com), which restates the same scheme.
--
-- Part of the Combined Authority's £40m emergency fund: a £9.5m fund for small and micro
-- businesses in the six authorities, trading since 11 March 2020, employing at least one person,
-- significantly impacted by COVID-19 restrictions, that had not received a council grant since
-- October 2020, in one of three groups: non-essential retailers forced to close by the November
-- 2020 lockdown and not eligible for LRSG (Closed); businesses that supply the hospitality and
-- leisure sectors; and the self-employed, sole traders and licensed market traders who
-- predominantly supply hospitality and leisure. Applications from 10:00 on 30 November to 17:00
-- on 11 December 2020.
--
-- Reading choices:
-- * "Not eligible for LRSG (Closed)" is read as not paying business rates (LRSG was paid to
--   ratepayers); "forced to close" as required to close when the November lockdown began.
-- * The amounts are not published in the sources: the award is discretionary. The engine needs
--   a maximum; no per-business maximum is published, so the fund itself (£9.5m) bounds it.
-- * "Small or micro" is the Companies Act small-company test (micro-entities are within it).
-- Not modelled: State Aid compliance (no amount to check), the evidence of impact councils asked for.

local region = require "region"
local company_size = require "company_size"
local trading = require "trading"

local FUND = pounds(9500000)
local WINDOW_OPENS, WINDOW_CLOSES = "2020-11-30T10:00", "2020-12-11T17:00"

-- Grants from a council since October 2020 (the 2020 grant funds paid before then are allowed).
local COUNCIL_GRANTS_SINCE_OCTOBER_2020 = {
  lrsgClosed = true, lrsgOpen = true, closedBusinessesLockdownPayment = true, additionalRestrictionsGrant = true,
  restartGrant = true, lcrHospitalityLeisureRetail = true, lcrLocalBusinessSupport = true, taxiDriversGrant = true,
  councilGrantSinceOctober2020 = true,
}

return programme {
  id = "lcr-hospitality-leisure-retail-grant",
  title = "Liverpool City Region Hospitality, Leisure and Retail Grant",
  summary = "A grant from a {fund:pounds} fund for small and micro businesses in the Liverpool City Region trading "
    .. "since {trading_since:day}, employing at least {min_employees} person and hit by COVID-19 restrictions, that "
    .. "had no council grant since {council_grants_since:day}: non-essential retailers forced to close, businesses supplying "
    .. "hospitality and leisure, and self-employed people and market traders serving them. Applications from "
    .. "{window_opens:day} to {window_closes:day}.",
  guidance = "liverpool.gov.uk/leisureandhospitalityexpandedscheme",
  sources = {
    "shared/schemes/README.md, section 9 (LCR Hospitality, Leisure and Retail Grants)",
    "itv.com/news/granada/2020-11-29/new-95-million-covid-19-support-fund-for-small-businesses-launches-in-liverpool",
    "wirral.gov.uk/health-and-social-care/coronavirus-updates/financial-aid-businesses/guidance-notes-and-checklists; wirralview.com",
  },
  open = { from = WINDOW_OPENS, to = WINDOW_CLOSES },

  params = {
    trading_since = "2020-03-11",
    min_employees = 1,
    council_grants_since = "2020-10-01",  -- no council grant since October 2020
    closure_day = "2020-11-05",          -- the November 2020 lockdown began
    fund = FUND,
    window_opens = WINDOW_OPENS,
    window_closes = WINDOW_CLOSES,
  },

  criteria = {
    region.criterion(nil, "LCR HLR grants: based in the six LCR authorities (README section 9; itv.com)"),

    company_size.criterion("small", "small-business", "LCR HLR grants: small or micro businesses (itv.com; Companies Act 2006 tests in the councils' guidance)"),

    { id = "trading", text = "Trading since {trading_since:day}, and still trading",
      clause = "LCR HLR grants: trading date (README section 9)",
      test = function(b, p) return trading.since(b, p.trading_since, p.today) end },

    { id = "employs-someone", text = "Employs at least {min_employees} person",
      clause = "LCR HLR grants: employees (README section 9)",
      test = function(b, p) return b.employees >= p.min_employees end },

    { id = "no-council-grant-since-october-2020", text = "Has not received a grant from a council since {council_grants_since:day}",
      clause = "LCR HLR grants: no earlier council grant (README section 9)",
      test = function(b, p)
        for _, grant in ipairs(b.grantsReceived) do
          if COUNCIL_GRANTS_SINCE_OCTOBER_2020[grant] then return false end
        end
        return true
      end },

    { id = "covid-impact", text = "Its trading was significantly and negatively impacted by COVID-19 restrictions",
      clause = "LCR HLR grants: significantly and negatively impacted by COVID-19 restrictions (itv.com)",
      test = function(b, p) return b.covid.impacted == true end },

    { id = "eligible-group",
      text = "A non-essential retailer required to close on {closure_day:day} outside business rates (so not eligible for LRSG (Closed)); or a business supplying hospitality and leisure; or a self-employed person or market trader serving retail, hospitality or leisure",
      clause = "LCR HLR grants: who can apply (itv.com; wirral.gov.uk guidance notes)",
      test = function(b, p)
        local c = b.covid
        if has(c, "hospitalityLeisureSupplyChain") and c.hospitalityLeisureSupplyChain then return true end
        if has(c, "servesRetailHospitalityLeisure") and c.servesRetailHospitalityLeisure then return true end
        return any_of(
          function() return c.hospitalityLeisureSupplyChain end,
          function() return c.servesRetailHospitalityLeisure end,
          function()
            return b.sector == "nonEssentialRetail" and b.premises.paysBusinessRates == false
              and on(c.requiredToClose, p.closure_day) == true
          end)
      end },
  },

  award = {
    discretionary = "The Combined Authority and the councils set the amount (not published); the whole fund was {fund:pounds}",
    maximum = FUND,
  },
}
