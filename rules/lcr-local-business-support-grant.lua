-- Liverpool City Region Local Business Support Grant, February 2021
-- Source: shared/schemes/README.md, section 9 (knowsleychamber.org.uk).
--
-- A grant of £3,750 to £13,500 for small or micro businesses in the six authorities, trading on
-- or before 31 October 2020 and still trading on 1 February 2021, with at least one employee (a
-- self-employed person counts), in one of four categories:
--   1. ordered to close, and outside business rates;
--   2. in the hospitality or leisure supply chain;
--   3. self-employed or a market trader serving retail, hospitality or leisure;
--   4. any business whose income fell by more than 40%.
-- Excluded: recipients of the earlier LCR hospitality grants, the Taxi Driver's Grant or LRSG
-- (Closed). Applications from 10:00 on 10 February to 17:00 on 26 February 2021.
--
-- Reading choices:
-- * "Ordered to close" is judged on the first day of the third national lockdown (5 January
--   2021); "income loss" is the business's fall in turnover (covid.turnoverDropPercent).
-- * "Small or micro" is the Companies Act small-company test (micro-entities are within it).
-- * The bands within £3,750 to £13,500 are not in the brief: the award is discretionary.
-- * "Earlier LCR hospitality grants" are the grants recorded as lcrHospitalityLeisureRetail.

local region = require "region"
local company_size = require "company_size"
local trading = require "trading"
local rateable_value = require "rateable_value"

local GRANT_MAX = pounds(13500)
local WINDOW_OPENS, WINDOW_CLOSES = "2021-02-10T10:00", "2021-02-26T17:00"

local EXCLUDED_GRANTS = { lcrHospitalityLeisureRetail = true, taxiDriversGrant = true, lrsgClosed = true }

return programme {
  id = "lcr-local-business-support-grant",
  title = "Liverpool City Region Local Business Support Grant",
  summary = "A grant of {grant_min:pounds} to {grant_max:pounds} for small and micro businesses in the Liverpool City "
    .. "Region trading on or before {trading_by:day} and still trading on {still_trading_on:day}, with at least "
    .. "{min_employees} employee (the self-employed count): closed by order outside business rates, in the "
    .. "hospitality or leisure supply chain, self-employed or market traders serving retail, hospitality or leisure, "
    .. "or with income down by more than {income_loss_over_percent}%. Applications from {window_opens:day} to "
    .. "{window_closes:day}.",
  guidance = "https://www.knowsleychamber.org.uk/",
  sources = {
    "shared/schemes/README.md, section 9 (LCR Local Business Support Grant)",
    "knowsleychamber.org.uk",
  },
  open = { from = WINDOW_OPENS, to = WINDOW_CLOSES },

  params = {
    trading_by = "2020-10-31",              -- trading on or before this day...
    still_trading_on = "2021-02-01",        -- ...and still trading on this one
    min_employees = 1,
    closure_day = rateable_value.THIRD_LOCKDOWN_DAY,  -- "ordered to close": the third lockdown began
    income_loss_over_percent = 40,
    grant_min = pounds(3750),
    grant_max = GRANT_MAX,
    window_opens = WINDOW_OPENS,
    window_closes = WINDOW_CLOSES,
  },

  criteria = {
    region.criterion(nil, "LCR Local Business Support Grant: businesses in the six LCR authorities (README section 9)"),

    company_size.criterion("small", "small-business", "LCR Local Business Support Grant: small or micro businesses (README section 9; Companies Act 2006 s.382)"),

    { id = "trading", text = "Trading on or before {trading_by:day} and still trading on {still_trading_on:day}",
      clause = "LCR Local Business Support Grant: trading dates (README section 9)",
      test = function(b, p) return trading.since(b, p.trading_by, p.still_trading_on) end },

    { id = "employs-someone", text = "At least {min_employees} employee (a self-employed person counts)",
      clause = "LCR Local Business Support Grant: employees, the self-employed counting (README section 9)",
      test = function(b, p) return b.employees >= p.min_employees end },

    { id = "eligible-category",
      text = "Ordered to close (on {closure_day:day}) and outside business rates; or in the hospitality or leisure supply chain; or self-employed or a market trader serving retail, hospitality or leisure; or income down by more than {income_loss_over_percent}%",
      clause = "LCR Local Business Support Grant: the four categories (README section 9)",
      test = function(b, p)
        local c = b.covid
        if has(c, "hospitalityLeisureSupplyChain") and c.hospitalityLeisureSupplyChain then return true end
        if has(c, "servesRetailHospitalityLeisure") and c.servesRetailHospitalityLeisure then return true end
        if has(c, "turnoverDropPercent") and c.turnoverDropPercent > p.income_loss_over_percent then return true end
        return any_of(
          function() return c.hospitalityLeisureSupplyChain end,
          function() return c.servesRetailHospitalityLeisure end,
          function() return c.turnoverDropPercent > p.income_loss_over_percent end,
          function() return b.premises.paysBusinessRates == false and on(c.requiredToClose, p.closure_day) == true end)
      end },

    { id = "no-excluded-grant",
      text = "Has not received an earlier LCR hospitality grant, the Taxi Driver's Grant or LRSG (Closed)",
      clause = "LCR Local Business Support Grant: exclusions (README section 9)",
      test = function(b, p)
        for _, grant in ipairs(b.grantsReceived) do
          if EXCLUDED_GRANTS[grant] then return false end
        end
        return true
      end },
  },

  award = {
    discretionary = "The council sets the amount, from {grant_min:pounds} to {grant_max:pounds} (the bands are not in the published criteria)",
    maximum = GRANT_MAX,
  },
}
