-- Green Homes Grant Local Authority Delivery (LAD), England, 2020-2023
-- Source: shared/schemes/README.md, section 5 (eastleigh.gov.uk; harrow.gov.uk).
--
-- Council-run energy-efficiency upgrades for low-income households: household income of at most
-- £30,000 and a home rated EPC E, F or G. Owner-occupiers get up to £10,000, fully funded;
-- landlords get up to £5,000 and pay one-third. A business can take part as the landlord of a
-- home let to an eligible (low-income) tenant.
--
-- Reading choices:
-- * The income is the household living in the home (the tenant's, for a let home).
-- * "Limited D-rated homes": councils could include a limited share of D-rated homes at their
--   discretion (eastleigh.gov.uk: up to 30%). That discretion is not modelled: D is not eligible.
-- * The cost is the work's cost (proposal.retrofit.costExVat).
-- * Window: not in the brief (UNCONFIRMED). Phase 1 funding reached councils by the end of
--   September 2020 (agenparl.eu: "funding allocated by the end of September 2020"); phase 3
--   (Sustainable Warmth) ran to 31 March 2023. Taken as 1 October 2020 to 31 March 2023.
-- Not modelled: which council had funding in which phase, and their own eligibility statements.

local money = require "money"

local OWNER_CAP = pounds(10000)

-- EPC bands eligible.
local BANDS = { E = true, F = true, G = true }

return programme {
  id = "local-authority-delivery",
  title = "Green Homes Grant Local Authority Delivery",
  summary = "Council-funded energy-efficiency upgrades for homes rated EPC E, F or G where the household earns at "
    .. "most {max_household_income:pounds}: owner-occupiers fully funded up to {owner_cap:pounds}; landlords funded "
    .. "{landlord_share_numerator}/{landlord_share_denominator} of the cost up to {landlord_cap:pounds}.",
  guidance = "https://www.gov.uk/government/publications/green-homes-grant-local-authority-delivery-scheme",
  sources = {
    "shared/schemes/README.md, section 5 (Local Authority Delivery)",
    "eastleigh.gov.uk; harrow.gov.uk",
    "agenparl.eu (gov.uk guidance, LAD bids: funding allocated by the end of September 2020); threerivers.gov.uk (phase 3)",
  },
  open = { from = "2020-10-01", to = "2023-03-31" },

  params = {
    max_household_income = pounds(30000),
    owner_cap = OWNER_CAP,                 -- owner-occupiers: fully funded up to this
    landlord_cap = pounds(5000),           -- landlords: funded up to this...
    landlord_share_numerator = 2,          -- ...two-thirds of the cost (they pay one-third)
    landlord_share_denominator = 3,
  },

  criteria = {
    { id = "home", text = "The building is a home",
      clause = "LAD: home energy-efficiency upgrades (README section 5)",
      test = function(b, p) return b.proposal.retrofit.building == "home" end },

    { id = "owner-occupier-or-landlord", text = "The owner who lives there applies, or a landlord for a home let to a private tenant",
      clause = "LAD: owner-occupiers and landlords (README section 5)",
      test = function(b, p)
        local r = b.proposal.retrofit
        if r.applicant == "ownerOccupier" then return r.occupier == "ownerOccupier" end
        return r.applicant == "landlord" and r.occupier == "privateTenant"
      end },

    { id = "epc-e-to-g", text = "The home is rated EPC E, F or G",
      clause = "LAD: EPC E, F or G (limited D-rated homes at the council's discretion, not modelled) (README section 5)",
      test = function(b, p) return BANDS[b.proposal.retrofit.epcBand] == true end },

    { id = "household-income", text = "The household living there earns at most {max_household_income:pounds} a year",
      clause = "LAD: household income (README section 5, Local Authority Delivery)",
      test = function(b, p) return b.proposal.retrofit.householdIncome <= p.max_household_income end },
  },

  award = {
    amount = function(b, p)
      local r = b.proposal.retrofit
      local cost = r.costExVat
      if r.applicant == "ownerOccupier" then
        local amount = math.min(cost, p.owner_cap)
        return amount, string.format("Owner-occupier: the %s cost fully funded up to %s: %s.",
          money.format(cost), money.format(p.owner_cap), money.format(amount))
      end
      local share = cost * p.landlord_share_numerator // p.landlord_share_denominator
      local amount = math.min(share, p.landlord_cap)
      return amount, string.format("Landlord: %d/%d of the %s cost is %s, up to %s: %s (the landlord pays the rest).",
        p.landlord_share_numerator, p.landlord_share_denominator, money.format(cost), money.format(share),
        money.format(p.landlord_cap), money.format(amount))
    end,
    maximum = OWNER_CAP,
    rounding = "none",
  },
}
