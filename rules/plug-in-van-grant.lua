-- Plug-in Van Grant (Office for Zero Emission Vehicles, OZEV)
-- Source: shared/schemes/README.md, section 1 and section 11 ("Corrections").
--
-- The government's discount on a new low-emission van, taken off the price by the dealer. Every
-- era since the start of the brief's scope (2020) is modelled, each change at its published
-- instant:
--   before 07:00 on 18 Mar 2021   CO2 under 75 g/km, at least 10 zero-emission miles;
--                                 20% of the price, up to £8,000 (any van)
--   from 07:00 on 18 Mar 2021     CO2 under 50 g/km, at least 60 zero-emission miles; 35% of the
--                                 price, up to £3,000 for a small van (under 2,500 kg gross) or
--                                 £6,000 for a large van (2,500 to 3,500 kg)
--   from 07:00 on 15 Dec 2021     £2,500 (small) and £5,000 (large)
--   from 1 Apr 2022               vans of 3,500 to 4,250 kg count as large vans
-- Orders placed in the 28 days before a rate change kept the old rates: a van whose order
-- (proposal.vehicle.orderedAt) falls in those 28 days is judged, and paid, under the terms in
-- force when it was ordered. The 1 April 2022 change only widened the weight limit (heavier vans
-- came over from the small-truck grant), so the weight limit is always the one in force now.
--
-- Reading choices (see also the README programmes section):
-- * Conflict in the sources: whatvan.co.uk says large vans stayed at 20% up to £8,000 on
--   18 Mar 2021; brokernews.co.uk and flexigocars.uk (and the brief) say 35% up to £6,000. The
--   latter is modelled.
-- * The window opens at the start of the brief's scope (1 January 2020; the grant itself began
--   earlier, at rates the brief does not give) and closes at the end of March 2026: the
--   extension "to April 2026" (fleetnews.co.uk, announced 25 Feb 2025), read as the end of the
--   2025-26 financial year (UNCONFIRMED: the exact last day is not published in the brief).
-- * "The price" is taken ex VAT (priceExVat), as the dealer's price list shows it.
-- * Not modelled: the limit of 1,000 grants per customer per financial year (15 Dec 2021 on).

local money = require "money"
local timeline = require "timeline"
local dates = require "dates"

-- The published rates: each list is the value from each instant it changed. These lists are
-- the only place each figure is written; the params below are built from them.
local SCOPE_START = "2020-01-01"
local CUT_1 = "2021-03-18T07:00"      -- the 18 March 2021 cut
local CUT_2 = "2021-12-15T07:00"      -- the 15 December 2021 cut
local ANY_VAN_CAP = pounds(8000)       -- before 07:00 on 18 Mar 2021: any van, up to £8,000
local RATES = {
  co2_below = { { from = SCOPE_START, value = 75 }, { from = CUT_1, value = 50 } },
  min_zero_emission_miles = { { from = SCOPE_START, value = 10 }, { from = CUT_1, value = 60 } },
  share_percent = { { from = SCOPE_START, value = 20 }, { from = CUT_1, value = 35 } },
  small_cap = { { from = SCOPE_START, value = ANY_VAN_CAP }, { from = CUT_1, value = pounds(3000) }, { from = CUT_2, value = pounds(2500) } },
  large_cap = { { from = SCOPE_START, value = ANY_VAN_CAP }, { from = CUT_1, value = pounds(6000) }, { from = CUT_2, value = pounds(5000) } },
}
local PROTECTED_DAYS = 28

-- Each rate change and the first instant of the 28 days before it (worked out once, here).
local CHANGES = {}
for i, change in ipairs({ CUT_1, CUT_2 }) do
  CHANGES[i] = { at = change, protected_from = dates.add_days(change:sub(1, 10), -PROTECTED_DAYS) .. change:sub(11) }
end

-- The instant whose terms apply to this van, for a figure worked out by f(instant): now, unless
-- the van was ordered in the 28 days before a change that has happened since, in which case the
-- time it was ordered. orderedAt is read only when the old terms would give a different figure.
local function terms_instant(b, p, f)
  local now = f(p.as_of)
  for _, change in ipairs(CHANGES) do
    if p.as_of >= change.at and f(change.protected_from) ~= now then
      local ordered = b.proposal.vehicle.orderedAt
      for _, c in ipairs(CHANGES) do
        if p.as_of >= c.at and ordered >= c.protected_from and ordered < c.at then return ordered end
      end
      return p.as_of
    end
  end
  return p.as_of
end

return programme {
  id = "plug-in-van-grant",
  title = "Plug-in Van Grant",
  summary = "The government's discount on a new low-emission van, taken off the price by the dealer: "
    .. "{share_percent}% of the price, up to {small_cap:pounds} for a small van (under {large_from_kg:number} kg) "
    .. "or {large_cap:pounds} for a large van (up to {large_max_kg:number} kg). The van must emit less than "
    .. "{co2_below} g/km of CO2 and go at least {min_zero_emission_miles} miles with zero emissions. A van "
    .. "ordered in the {protected_days} days before a rate change keeps the rates in force when it was ordered.",
  guidance = "https://www.gov.uk/plug-in-vehicle-grants (vans: eligibility and grant rates)",
  sources = {
    "shared/schemes/README.md, section 1 (OZEV Plug-in Van Grant) and section 11 (Corrections)",
    "whatvan.co.uk/news/uk-government-announces-plug-in-van-grant-cut; tchleasing.co.uk (before 18 Mar 2021)",
    "brokernews.co.uk/plug-in-car-grant-cut-with-immediate-effect; flexigocars.uk/plug-in-grant-update-161039 (18 Mar 2021)",
    "bvrla.co.uk/resource/plug-in-grant-updates-cut-support-for-vans.html (15 Dec 2021)",
    "zap-map.com (vans of 3.5 to 4.25 t from 1 Apr 2022)",
    "fleetnews.co.uk/news/plug-in-grant-extended-for-another-year (extension to April 2026)",
  },
  open = { from = SCOPE_START, to = "2026-03-31" },

  params = {
    co2_below = dated(RATES.co2_below),                      -- CO2 less than this, g/km
    min_zero_emission_miles = dated(RATES.min_zero_emission_miles),
    share_percent = dated(RATES.share_percent),              -- % of the price...
    small_cap = dated(RATES.small_cap),                      -- ...up to this for a small van
    large_cap = dated(RATES.large_cap),                      -- ...or this for a large one
    large_from_kg = 2500,                                    -- a large van is 2,500 kg or more
    large_max_kg = dated {                                   -- ...up to this gross weight
      { from = SCOPE_START, value = 3500 },
      { from = "2022-04-01", value = 4250 },
    },
    protected_days = PROTECTED_DAYS,                         -- orders this many days before a change
  },

  criteria = {
    { id = "is-van", text = "The vehicle is a van",
      clause = "OZEV Plug-in Van Grant: eligible vehicles are vans (README section 1)",
      test = function(b, p) return b.proposal.vehicle.kind == "van" end },

    { id = "new-vehicle", text = "The van is new",
      clause = "OZEV Plug-in Van Grant, other rules: the van must be new (README section 1)",
      test = function(b, p) return b.proposal.vehicle.new == true end },

    { id = "low-co2", text = "Emits less than {co2_below} g/km of CO2 (the limit when it was ordered, for an order in the {protected_days} days before a change)",
      clause = "OZEV Plug-in Van Grant: CO2 limit of each era (README section 1; section 11, Corrections)",
      test = function(b, p)
        local co2 = b.proposal.vehicle.co2GramsPerKm
        local function passes(at) return co2 < timeline.at(RATES.co2_below, at) end
        return passes(terms_instant(b, p, passes))
      end },

    { id = "zero-emission-range", text = "Can travel at least {min_zero_emission_miles} miles with zero emissions (the range when it was ordered, for an order in the {protected_days} days before a change)",
      clause = "OZEV Plug-in Van Grant: zero-emission range of each era (README section 1; section 11, Corrections)",
      test = function(b, p)
        local miles = b.proposal.vehicle.zeroEmissionRangeMiles
        local function passes(at) return miles >= timeline.at(RATES.min_zero_emission_miles, at) end
        return passes(terms_instant(b, p, passes))
      end },

    { id = "weight-limit", text = "Gross vehicle weight at most {large_max_kg:number} kg",
      clause = "OZEV Plug-in Van Grant: large-van weight band, widened in April 2022 (README section 1)",
      test = function(b, p) return b.proposal.vehicle.grossWeightKg <= p.large_max_kg end },
  },

  award = {
    amount = function(b, p)
      local v = b.proposal.vehicle
      local price, large = v.priceExVat, v.grossWeightKg >= p.large_from_kg
      local caps = large and RATES.large_cap or RATES.small_cap
      local function grant(at) return math.min(percent(price, timeline.at(RATES.share_percent, at)), timeline.at(caps, at)) end
      local at = terms_instant(b, p, grant)
      local share_percent, cap = timeline.at(RATES.share_percent, at), timeline.at(caps, at)
      local share = percent(price, share_percent)
      local amount = math.min(share, cap)
      local terms = at == p.as_of and "" or " (the rates in force when it was ordered, " .. at:sub(1, 10) .. " " .. at:sub(12) .. ")"
      return amount, string.format("%d%% of the %s price is %s; the limit for a %s van is %s%s: %s.",
        share_percent, money.format(price), money.format(share),
        large and "large" or "small", money.format(cap), terms, money.format(amount))
    end,
    maximum = timeline.highest(RATES.small_cap, RATES.large_cap),
    rounding = "none",
  },
}
