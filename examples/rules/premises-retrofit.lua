-- ILLUSTRATIVE EXAMPLE - NOT A REAL SCHEME. The figures in this file are invented to teach the
-- rule language; no Liverpool City Region scheme of this kind was found in published sources
-- (shared/schemes/README.md, section 11). It is kept here, outside rules/, so the engine never
-- presents it as a real programme. Try it with: eligible check FILE --rules examples/rules
--
-- SME Premises Retrofit Grant (Liverpool City Region)
-- Half the cost of energy-efficiency works to business premises rated EPC
-- band D to G, up to a limit that rises the worse the rating: £5,000 for D,
-- £7,500 for E, £10,000 for F or G. The works must be expected to lift the
-- premises to a better band. (Non-domestic premises rated F or G may not be
-- let under the Minimum Energy Efficiency Standard, hence the higher limit.)

local region = require "region"
local company_size = require "company_size"
local money = require "money"
local subsidy_control = require "subsidy_control"

-- EPC bands from best to worst.
local BAND_ORDER = { A = 1, B = 2, C = 3, D = 4, E = 5, F = 6, G = 7 }

return programme {
  id = "premises-retrofit",
  title = "SME Premises Retrofit Grant (illustrative example)",
  summary = "ILLUSTRATIVE EXAMPLE, not a real scheme: its figures are invented. A grant for small and medium-sized businesses in the Liverpool City Region "
    .. "whose premises are rated EPC D to G: half the cost of works that improve the "
    .. "rating, up to £5,000 (band D), £7,500 (band E) or £10,000 (bands F and G).",
  sources = { "none: an invented example for teaching the rule language" },
  guidance = "LCR SME Premises Retrofit Grant guidance, sections 2-4",
  open = { from = "2022-04-01", to = "2025-03-31" },

  params = {
    share_percent = 50,                -- half the cost of the works (ex VAT)...
    cap_by_band = {                    -- ...up to this limit, by current EPC band
      D = pounds(5000),
      E = pounds(7500),
      F = pounds(10000),
      G = pounds(10000),
    },
  },

  criteria = {
    { id = "in-region", text = "Based in the Liverpool City Region (Halton, Knowsley, Liverpool, Sefton, St Helens or Wirral)",
      clause = "Guidance 2.1",
      test = function(b, p) return region.contains(b.address.localAuthority) end },

    { id = "sme", text = "A small or medium-sized business (Companies Act limits)",
      clause = "Guidance 2.2",
      test = function(b, p) return company_size.companies_act(b, "medium", p.today) end },

    { id = "epc-d-to-g", text = "The premises are rated EPC band D, E, F or G",
      clause = "Guidance 2.3",
      test = function(b, p) return p.cap_by_band[b.premises.epcBand] ~= nil end },

    { id = "improves-band", text = "The works are expected to lift the premises to a better EPC band",
      clause = "Guidance 3.1",
      test = function(b, p)
        local now = BAND_ORDER[b.premises.epcBand]
        local after = BAND_ORDER[b.proposal.retrofit.expectedEpcBand]
        return after < now
      end },

    subsidy_control.criterion(),
  },

  award = {
    amount = function(b, p)
      local band = b.premises.epcBand
      local cost = b.proposal.retrofit.costExVat
      local cap = p.cap_by_band[band]
      local share = percent(cost, p.share_percent)
      local amount = math.min(share, cap)
      return amount, string.format("%d%% of the %s cost of the works is %s; the limit for band %s is %s: %s, paid in whole pounds.",
        p.share_percent, money.format(cost), money.format(share), band, money.format(cap), money.format(amount))
    end,
    maximum = pounds(10000),
    rounding = "down-to-pound",
  },
}
