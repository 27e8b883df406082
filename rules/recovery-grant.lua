-- Business Recovery Grant (Liverpool City Region)
-- For small and medium-sized businesses in the region that were trading
-- before 1 March 2020 and were hit by COVID-19: closed by restrictions, or
-- turnover down by more than 40% (the test the LCR Local Business Support
-- Grants used). The grant is banded by rateable value, using the Local
-- Restrictions Support Grant bands (£15,000 or less; over £15,000 and under
-- £51,000; £51,000 or more); businesses with no rateable value (home-based,
-- outside the rates system) are banded by turnover instead.

local region = require "region"
local company_size = require "company_size"
local dates = require "dates"
local money = require "money"
local subsidy_control = require "subsidy_control"

-- The grant for an amount (rateable value or turnover) under a list of bands,
-- checked in order: a band with `up_to` takes amounts up to and including it,
-- one with `below` amounts under it; the last band takes everything else.
local function band(bands, amount)
  for _, entry in ipairs(bands) do
    if entry.up_to ~= nil then
      if amount <= entry.up_to then return entry.grant end
    elseif entry.below ~= nil then
      if amount < entry.below then return entry.grant end
    else
      return entry.grant
    end
  end
end

return programme {
  id = "recovery-grant",
  title = "Business Recovery Grant",
  summary = "A one-off grant of £1,000 to £3,000 for small and medium-sized businesses in "
    .. "the Liverpool City Region that were trading before 1 March 2020 and were closed "
    .. "by COVID-19 restrictions or lost more than 40% of their turnover.",
  guidance = "LCR Business Recovery Grant guidance, sections 2-4",
  open = { from = "2020-11-02", to = "2022-03-31" },

  params = {
    trading_before = "2020-03-01",        -- trading before 1 March 2020
    turnover_drop_over_percent = 40,       -- turnover down by MORE than 40%
    rateable_value_bands = {               -- rateable value -> grant
      { up_to = pounds(15000), grant = pounds(1000) },   -- £15,000 or less
      { below = pounds(51000), grant = pounds(2000) },   -- over £15,000, under £51,000
      { grant = pounds(3000) },                          -- £51,000 or more
    },
    turnover_bands = {                     -- no rateable value: annual turnover -> grant
      { below = pounds(85000), grant = pounds(1000) },   -- under £85,000 (VAT threshold)
      { below = pounds(500000), grant = pounds(2000) },  -- under £500,000
      { grant = pounds(3000) },                          -- £500,000 or more
    },
  },

  criteria = {
    { id = "in-region", text = "Based in the Liverpool City Region (Halton, Knowsley, Liverpool, Sefton, St Helens or Wirral)",
      clause = "Guidance 2.1",
      test = function(b, p) return region.contains(b.address.localAuthority) end },

    { id = "sme", text = "A small or medium-sized business (Companies Act limits)",
      clause = "Guidance 2.2",
      test = function(b, p) return company_size.is_sme(b, p.today) end },

    { id = "trading-before-covid", text = "Trading before 1 March 2020",
      clause = "Guidance 2.3",
      test = function(b, p) return dates.before(b.tradingStartDate, p.trading_before) end },

    { id = "covid-impact", text = "Closed by COVID-19 restrictions, or turnover down by more than 40%",
      clause = "Guidance 2.4",
      test = function(b, p)
        local c = b.covid
        if has(c, "closedByRestrictions") and c.closedByRestrictions then return true end
        if has(c, "turnoverDropPercent") and c.turnoverDropPercent > p.turnover_drop_over_percent then return true end
        if has(c, "closedByRestrictions") and has(c, "turnoverDropPercent") then return false end
        local missing = {}
        for _, fact in ipairs({ "closedByRestrictions", "turnoverDropPercent" }) do
          if not has(c, fact) then missing[#missing + 1] = fact end
        end
        unknown(c, table.unpack(missing))
      end },

    subsidy_control.criterion(),
  },

  award = {
    amount = function(b, p)
      if has(b, "premises") and has(b.premises, "rateableValue") then
        local rv = on(b.premises.rateableValue, p.today)
        local grant = band(p.rateable_value_bands, rv)
        return grant, string.format("Rateable value %s: the band grant is %s.", money.format(rv), money.format(grant))
      end
      local grant = band(p.turnover_bands, b.turnover)
      return grant, string.format("No rateable value; turnover %s: the band grant is %s.",
        money.format(b.turnover), money.format(grant))
    end,
    maximum = pounds(3000),
    rounding = "none",
  },
}
