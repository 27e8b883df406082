-- ILLUSTRATIVE EXAMPLE - NOT A REAL SCHEME. The figures in this file are invented to teach the
-- rule language; no Liverpool City Region scheme of this kind was found in published sources
-- (shared/schemes/README.md, section 11). It is kept here, outside rules/, so the engine never
-- presents it as a real programme. Try it with: eligible check FILE --rules examples/rules
--
-- Start-up Grant (Liverpool City Region)
-- For new businesses - trading for less than 24 months, or not yet trading -
-- in the region's most deprived neighbourhoods (deciles 1 to 3 of the English
-- Indices of Deprivation, i.e. the most deprived 30%).
-- Open to entrepreneurs of ANY age: there is deliberately no age criterion
-- ("budding entrepreneurs of any age, stage and postcode", LCR LEP, Build
-- Back Better).

local region = require "region"
local dates = require "dates"
local money = require "money"
local subsidy_control = require "subsidy_control"

return programme {
  id = "start-up-grant",
  title = "Start-up Grant (illustrative example)",
  summary = "ILLUSTRATIVE EXAMPLE, not a real scheme: its figures are invented. A £2,500 grant for new businesses in the Liverpool City Region's most "
    .. "deprived neighbourhoods that have been trading for less than two years or have "
    .. "not started yet. Founders of any age can apply.",
  sources = { "none: an invented example for teaching the rule language" },
  guidance = "LCR Start-up Grant guidance, sections 2-3",
  open = { from = "2021-04-01", to = "2024-03-31" },

  params = {
    max_trading_months = 24,       -- trading for less than 24 months (or not yet)
    most_deprived_decile = 3,      -- deprivation deciles 1 to 3
    grant = pounds(2500),          -- flat grant
  },

  criteria = {
    { id = "in-region", text = "Based in the Liverpool City Region (Halton, Knowsley, Liverpool, Sefton, St Helens or Wirral)",
      clause = "Guidance 2.1",
      test = function(b, p) return region.contains(b.address.localAuthority) end },

    { id = "new-business", text = "Trading for less than 24 months, or not yet trading",
      clause = "Guidance 2.2",
      test = function(b, p)
        -- A start date in the future means not yet trading: that qualifies too.
        local limit = dates.add_months(b.tradingStartDate, p.max_trading_months)
        return dates.before(p.today, limit)
      end },

    { id = "deprived-area", text = "Located in one of the 30% most deprived areas (deprivation decile 1 to 3)",
      clause = "Guidance 2.3",
      test = function(b, p) return b.address.deprivationDecile <= p.most_deprived_decile end },

    subsidy_control.criterion(),
  },

  award = {
    amount = function(b, p)
      return p.grant, "A flat grant of " .. money.format(p.grant) .. "."
    end,
    maximum = pounds(2500),
    rounding = "none",
  },
}
