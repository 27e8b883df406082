-- Plug-in Van Grant (Office for Zero Emission Vehicles)
-- A discount, applied by the dealer, on a new van that emits less than
-- 50 g/km CO2 and can go at least 60 miles with no emissions at all.
-- Rates: 35% of the price, at most £3,000 (small van, under 2,500 kg gross)
-- or £6,000 (large van, 2,500 to 3,500 kg) from 18 March 2021; cut to £2,500
-- and £5,000 from 07:00 on 15 December 2021; from 1 April 2022 electric vans
-- up to 4,250 kg count as large vans (previously small trucks).
-- Window: the 18 March 2021 criteria to 31 March 2025, the extension the
-- Department for Transport announced in 2022 ("until at least 2024-25").

local money = require "money"

return programme {
  id = "plug-in-van-grant",
  title = "Plug-in Van Grant",
  summary = "The government's discount on a new zero-emission-capable van: 35% of the "
    .. "price, up to £2,500 for a small van or £5,000 for a large one (£3,000 and £6,000 "
    .. "before 15 December 2021). The dealer takes it off the price.",
  guidance = "https://www.gov.uk/plug-in-vehicle-grants (vans: eligibility and grant rates)",
  open = { from = "2021-03-18", to = "2025-03-31" },

  params = {
    max_co2_below = 50,                    -- CO2 less than 50 g/km
    min_zero_emission_miles = 60,          -- at least 60 miles with no emissions
    share_percent = 35,                    -- 35% of the price...
    large_from_kg = 2500,                  -- a "large van" weighs 2,500 kg or more
    large_max_kg = dated {                 -- ...up to this gross weight
      { from = "2021-03-18", value = 3500 },
      { from = "2022-04-01", value = 4250 },
    },
    small_cap = dated {                    -- ...capped, for a small van, at
      { from = "2021-03-18", value = pounds(3000) },
      { from = "2021-12-15T07:00", value = pounds(2500) },
    },
    large_cap = dated {                    -- ...and for a large van at
      { from = "2021-03-18", value = pounds(6000) },
      { from = "2021-12-15T07:00", value = pounds(5000) },
    },
  },

  criteria = {
    { id = "is-van", text = "The vehicle is a new van",
      clause = "OZEV van eligibility: vehicle category N1",
      test = function(b, p) return b.proposal.vehicle.kind == "van" end },

    { id = "low-co2", text = "Emits less than 50 g/km of CO2",
      clause = "OZEV van eligibility: emissions (from 18 March 2021)",
      test = function(b, p) return b.proposal.vehicle.co2GramsPerKm < p.max_co2_below end },

    { id = "zero-emission-range", text = "Can travel at least 60 miles without any emissions",
      clause = "OZEV van eligibility: zero-emission range (from 18 March 2021)",
      test = function(b, p)
        return b.proposal.vehicle.zeroEmissionRangeMiles >= p.min_zero_emission_miles
      end },

    { id = "weight-limit", text = "Gross vehicle weight no more than 3,500 kg (4,250 kg from 1 April 2022)",
      clause = "OZEV van grant rates: large vans (weight limit raised 1 April 2022)",
      test = function(b, p) return b.proposal.vehicle.grossWeightKg <= p.large_max_kg end },
  },

  award = {
    amount = function(b, p)
      local v = b.proposal.vehicle
      local large = v.grossWeightKg >= p.large_from_kg
      local cap = large and p.large_cap or p.small_cap
      local share = percent(v.priceExVat, p.share_percent)
      local amount = math.min(share, cap)
      return amount, string.format("%d%% of the %s price is %s; the limit for a %s van (%s kg) is %s: %s.",
        p.share_percent, money.format(v.priceExVat), money.format(share),
        large and "large" or "small", tostring(v.grossWeightKg), money.format(cap), money.format(amount))
    end,
    maximum = pounds(6000),
    rounding = "none",
  },
}
