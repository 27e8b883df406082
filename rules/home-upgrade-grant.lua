-- Home Upgrade Grant, phase 2 (HUG2), England, April 2023 - March 2025
-- Source: shared/schemes/README.md, section 5 (cheshirewestandchester.gov.uk;
-- warmhomessheffield.org.uk; sussexexpress.co.uk); window from gov.uk (below).
--
-- Council-run upgrades for homes not heated by mains gas, rated EPC D to G, lived in by their
-- owner or a private tenant, where the household passes any one income test: income at most
-- £36,000; under £20,000 after housing costs; a means-tested benefit; or an area in the English
-- Indices of Deprivation income deciles 1 to 3. The upgrade must take an F or G home to at least
-- D, and a D or E home to at least C. Landlords pay one-third.
--
-- Reading choices:
-- * Income threshold: the brief gives "£31,000 (later raised to £36,000)" without the day it was
--   raised; the raised figure, which the scheme's own eligibility pages show, is used throughout.
-- * Deprivation: the income decile must come from the IoD2019 edition (the one HUG2 used; the
--   2025 edition was published after it closed): a decile from another edition does not count.
-- * Award: the council funds the work within the scheme's cost caps (UNCONFIRMED: not in the
--   brief), so it is discretionary. The engine needs a maximum and none per home is published:
--   the national fund (up to £630m, gov.uk) bounds it.
-- * Window: gov.uk says HUG2 runs "from April 2023 until March 2025": 1 April 2023 to 31 March
--   2025. Phase 1 (part of Sustainable Warmth) is not modelled separately.

local BANDS_ORDER = { A = 1, B = 2, C = 3, D = 4, E = 5, F = 6, G = 7 }

local FUND = pounds(630000000)

return programme {
  id = "home-upgrade-grant",
  title = "Home Upgrade Grant (phase 2)",
  summary = "Council-funded insulation and low-carbon heating for homes off mains gas rated EPC D to G, lived in by "
    .. "their owner or a private tenant, for households with income up to {max_household_income:pounds}, under "
    .. "{max_income_after_housing:pounds} after housing costs, on a means-tested benefit, or in an income-deprivation "
    .. "decile of {max_income_decile} or lower. Landlords pay at least {landlord_pays_numerator}/{landlord_pays_denominator} of the cost.",
  guidance = "https://www.gov.uk/government/publications/home-upgrade-grant-phase-2",
  sources = {
    "shared/schemes/README.md, section 5 (Home Upgrade Grant) and section 10 (IMD 2019 deciles)",
    "cheshirewestandchester.gov.uk; warmhomessheffield.org.uk; sussexexpress.co.uk",
    "gov.uk/government/publications/home-upgrade-grant-phase-2 (April 2023 until March 2025; up to £630 million)",
  },
  open = { from = "2023-04-01", to = "2025-03-31" },

  params = {
    max_household_income = pounds(36000),
    max_income_after_housing = pounds(20000),   -- under this after housing costs
    max_income_decile = 3,                      -- IMD income deciles 1 to 3...
    deprivation_index = "IoD2019",              -- ...of this edition
    landlord_pays_numerator = 1,                -- landlords pay one-third
    landlord_pays_denominator = 3,
    fund = FUND,
  },

  criteria = {
    { id = "home", text = "The building is a home",
      clause = "HUG: home upgrades (README section 5)",
      test = function(b, p) return b.proposal.retrofit.building == "home" end },

    { id = "off-mains-gas", text = "The home is not heated by mains gas",
      clause = "HUG: the home must not be heated by mains gas (README section 5)",
      test = function(b, p) return b.proposal.retrofit.heatingFuel ~= "mainsGas" end },

    { id = "epc-d-to-g", text = "The home is rated EPC D, E, F or G",
      clause = "HUG: EPC of D to G (README section 5)",
      test = function(b, p) return BANDS_ORDER[b.proposal.retrofit.epcBand] >= BANDS_ORDER.D end },

    { id = "owner-or-private-tenant", text = "The home is lived in by its owner or a private tenant",
      clause = "HUG: tenure owner-occupier or private tenant (README section 5)",
      test = function(b, p)
        local occupier = b.proposal.retrofit.occupier
        return occupier == "ownerOccupier" or occupier == "privateTenant"
      end },

    { id = "low-income",
      text = "The household earns at most {max_household_income:pounds}, or under {max_income_after_housing:pounds} after housing costs, or receives a means-tested benefit, or the home is in an income-deprivation decile of {max_income_decile} or lower ({deprivation_index})",
      clause = "HUG: income test, any one of the routes (README section 5; section 10 on IMD editions)",
      test = function(b, p)
        local r = b.proposal.retrofit
        return any_of(
          function() return r.householdIncome <= p.max_household_income end,
          function() return r.incomeAfterHousingCosts < p.max_income_after_housing end,
          function() return r.meansTestedBenefits end,
          function()
            return r.deprivationIndex == p.deprivation_index and r.incomeDeprivationDecile <= p.max_income_decile
          end)
      end },

    { id = "upgrade-enough", text = "The upgrade takes an F or G home to at least D, and a D or E home to at least C",
      clause = "HUG: minimum upgrade (README section 5)",
      test = function(b, p)
        local r = b.proposal.retrofit
        local now, after = BANDS_ORDER[r.epcBand], BANDS_ORDER[r.expectedEpcBand]
        local target = now >= BANDS_ORDER.F and BANDS_ORDER.D or BANDS_ORDER.C
        return after <= target
      end },
  },

  award = {
    discretionary = "The council funds the upgrade within the scheme's cost caps (not in the published criteria); owner-occupiers pay nothing, landlords at least {landlord_pays_numerator}/{landlord_pays_denominator} of the cost (the national fund was up to {fund:pounds})",
    maximum = FUND,
  },
}
