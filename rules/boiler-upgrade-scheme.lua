-- Boiler Upgrade Scheme (BUS), England and Wales, from April 2022
-- Source: shared/schemes/README.md, section 5 (gov.uk/apply-boiler-upgrade-scheme; neaterheat.co.uk).
--
-- A grant towards replacing fossil-fuel heating with a heat pump or biomass boiler, for
-- installations from 1 April 2022: air-source heat pump £5,000 and ground-source heat pump
-- £6,000, both £7,500 from 23 October 2023; biomass boiler £5,000. Not for hybrid systems,
-- systems of 45 kWth or more, or buildings whose EPC has outstanding loft or cavity-wall
-- insulation recommendations. Homes and small non-domestic buildings both qualify, so a business
-- can apply for its own premises or as a landlord.
--
-- Reading choices:
-- * The grant rates follow the day decided (the voucher application); the installation date
--   (proposal.heating.installed) must be on or after 1 April 2022.
-- * The property owner applies (an owner-occupier or a landlord), not a tenant.
-- * The scheme has no published end in the brief: the window is open-ended.
-- Not modelled: the insulation exemptions, the biomass rules (rural, off the gas grid), the
-- property's nation (England and Wales; the LCR is in England), and the installer's role.

local money = require "money"

local HEAT_PUMP_FROM_OCT_2023 = pounds(7500)   -- both heat pumps from 23 October 2023
local RAISE = "2023-10-23"
local INSTALLED_FROM = "2022-04-01"          -- installations from this day (and the window)

local GRANT_PARAM = { airSourceHeatPump = "air_source_grant", groundSourceHeatPump = "ground_source_grant", biomassBoiler = "biomass_grant" }
local SYSTEM_WORDS = { airSourceHeatPump = "an air-source heat pump", groundSourceHeatPump = "a ground-source heat pump", biomassBoiler = "a biomass boiler" }

return programme {
  id = "boiler-upgrade-scheme",
  title = "Boiler Upgrade Scheme",
  summary = "A grant towards a low-carbon heating system in a home or small non-domestic building installed from "
    .. "{installed_from:day}: {air_source_grant:pounds} for an air-source heat pump, {ground_source_grant:pounds} for "
    .. "a ground-source heat pump, {biomass_grant:pounds} for a biomass boiler. Not for hybrid systems, systems of "
    .. "{capacity_below_kwth} kWth or more, or buildings with outstanding loft or cavity-wall insulation recommendations.",
  guidance = "https://www.gov.uk/apply-boiler-upgrade-scheme",
  sources = {
    "shared/schemes/README.md, section 5 (Boiler Upgrade Scheme)",
    "gov.uk/apply-boiler-upgrade-scheme; neaterheat.co.uk",
  },
  open = { from = INSTALLED_FROM },

  params = {
    installed_from = INSTALLED_FROM,
    capacity_below_kwth = 45,
    air_source_grant = dated {
      { from = INSTALLED_FROM, value = pounds(5000) },
      { from = RAISE, value = HEAT_PUMP_FROM_OCT_2023 },
    },
    ground_source_grant = dated {
      { from = INSTALLED_FROM, value = pounds(6000) },
      { from = RAISE, value = HEAT_PUMP_FROM_OCT_2023 },
    },
    biomass_grant = pounds(5000),
  },

  criteria = {
    { id = "eligible-system", text = "An air-source or ground-source heat pump or a biomass boiler (not a hybrid system)",
      clause = "BUS: heat pumps and biomass boilers; hybrid systems not eligible (README section 5)",
      test = function(b, p) return GRANT_PARAM[b.proposal.heating.system] ~= nil end },

    { id = "capacity", text = "Capacity under {capacity_below_kwth} kWth",
      clause = "BUS: capacity limit (README section 5, Boiler Upgrade Scheme, not eligible)",
      test = function(b, p) return b.proposal.heating.capacityKwth < p.capacity_below_kwth end },

    { id = "installed-from", text = "Installed on or after {installed_from:day}",
      clause = "BUS: installation date (README section 5, Boiler Upgrade Scheme)",
      test = function(b, p) return b.proposal.heating.installed >= p.installed_from end },

    { id = "no-outstanding-insulation", text = "The EPC has no outstanding loft or cavity-wall insulation recommendations",
      clause = "BUS: not for homes with outstanding loft or cavity insulation recommendations on the EPC (README section 5)",
      test = function(b, p) return b.proposal.retrofit.insulationRecommendationsOutstanding == false end },

    { id = "property-owner", text = "The property's owner applies (the owner who occupies it, or a landlord)",
      clause = "BUS: property owners apply (gov.uk/apply-boiler-upgrade-scheme)",
      test = function(b, p)
        local applicant = b.proposal.retrofit.applicant
        return applicant == "ownerOccupier" or applicant == "landlord"
      end },
  },

  award = {
    amount = function(b, p)
      local system = b.proposal.heating.system
      local grant = p[GRANT_PARAM[system]]
      return grant, "The grant for " .. SYSTEM_WORDS[system] .. " is " .. money.format(grant) .. "."
    end,
    maximum = HEAT_PUMP_FROM_OCT_2023,
    rounding = "none",
  },
}
