-- ILLUSTRATIVE EXAMPLE - NOT A REAL SCHEME. The figures in this file are invented to teach the
-- rule language; no Liverpool City Region scheme of this kind was found in published sources
-- (shared/schemes/README.md, section 11). It is kept here, outside rules/, so the engine never
-- presents it as a real programme. Try it with: eligible check FILE --rules examples/rules
--
-- Clean Vehicle Switch Grant (Liverpool City Region)
-- Answers the LCR "Build Back Better" call for "funding for small businesses
-- and the self-employed to switch to cleaner vehicles": a grant towards a
-- zero-emission or ultra-low-emission van or taxi that replaces an older
-- (pre-Euro 6) diesel one.
-- Per-vehicle caps follow the Clean Air Fund grants other city regions paid
-- (Greater Manchester: up to £4,500 for a van, £10,000 for a hackney cab).

local region = require "region"
local dates = require "dates"
local money = require "money"
local subsidy_control = require "subsidy_control"

-- Euro 6 became mandatory for newly registered diesel cars and the lightest
-- vans on 1 September 2015 and for all diesel vans on 1 September 2016. Used
-- only when a vehicle's Euro standard is not given.
local EURO6_ALL_FROM = "2016-09-01"
local EURO6_NONE_BEFORE = "2015-09-01"

-- Is this fleet vehicle an old diesel van or taxi? true / false, or nil plus
-- the facts we would need.
local function old_diesel(v)
  for _, fact in ipairs({ "kind", "fuel" }) do
    if not has(v, fact) then return nil, { fact } end
  end
  if v.kind ~= "van" and v.kind ~= "taxi" then return false end
  if v.fuel ~= "diesel" then return false end
  if has(v, "euroStandard") then return v.euroStandard < 6 end
  if has(v, "firstRegistered") then
    if dates.before(v.firstRegistered, EURO6_NONE_BEFORE) then return true end
    if not dates.before(v.firstRegistered, EURO6_ALL_FROM) then return false end
  end
  return nil, { "euroStandard" }
end

return programme {
  id = "clean-vehicle-switch",
  title = "Clean Vehicle Switch Grant (illustrative example)",
  summary = "ILLUSTRATIVE EXAMPLE, not a real scheme: its figures are invented. A grant for small firms and the self-employed in the Liverpool City Region "
    .. "who replace an old (pre-Euro 6) diesel van or taxi with a zero-emission or "
    .. "ultra-low-emission one. It pays half the price of the new vehicle, up to £4,500 "
    .. "for a van or £10,000 for a taxi.",
  sources = { "none: an invented example for teaching the rule language" },
  guidance = "LCR Clean Vehicle Switch Grant guidance, sections 2-4",
  open = { from = "2021-04-01", to = "2024-03-31" },

  params = {
    max_employees = 50,            -- fewer than 50 employees (sole traders always qualify)
    ulev_co2_below = 75,           -- ULEV: under 75 g/km CO2 at the tailpipe
    share_percent = 50,            -- half the price of the new vehicle (ex VAT)...
    cap_van = pounds(4500),        -- ...capped at £4,500 for a van
    cap_taxi = pounds(10000),      -- ...or £10,000 for a taxi
  },

  criteria = {
    { id = "in-region", text = "Based in the Liverpool City Region (Halton, Knowsley, Liverpool, Sefton, St Helens or Wirral)",
      clause = "Guidance 2.1",
      test = function(b, p) return region.contains(b.address.localAuthority) end },

    { id = "small-firm", text = "Fewer than 50 employees, or a sole trader",
      clause = "Guidance 2.2",
      test = function(b, p)
        if has(b, "employees") and b.employees < p.max_employees then return true end
        if has(b, "legalForm") and b.legalForm == "soleTrader" then return true end
        if has(b, "employees") and has(b, "legalForm") then return false end
        local missing = {}
        for _, fact in ipairs({ "employees", "legalForm" }) do
          if not has(b, fact) then missing[#missing + 1] = fact end
        end
        unknown(b, table.unpack(missing))
      end },

    { id = "old-diesel", text = "Runs a diesel van or taxi older than Euro 6",
      clause = "Guidance 2.3",
      test = function(b, p)
        local undecided, need
        for _, v in ipairs(b.fleet) do
          local result, missing = old_diesel(v)
          if result == true then return true end
          if result == nil and undecided == nil then undecided, need = v, missing end
        end
        if undecided then unknown(undecided, table.unpack(need)) end
        return false
      end },

    { id = "van-or-taxi", text = "The new vehicle is a van or a taxi",
      clause = "Guidance 3.1",
      test = function(b, p)
        local kind = b.proposal.vehicle.kind
        return kind == "van" or kind == "taxi"
      end },

    { id = "zero-or-ultra-low", text = "The new vehicle is zero-emission, or ultra-low-emission (under 75 g/km CO2)",
      clause = "Guidance 3.2",
      test = function(b, p)
        local v = b.proposal.vehicle
        if v.fuel == "electric" or v.fuel == "hydrogen" then return true end
        return v.co2GramsPerKm < p.ulev_co2_below
      end },

    { id = "replaces-old", text = "The new vehicle replaces the old one, which is scrapped or sold on",
      clause = "Guidance 3.3",
      test = function(b, p) return b.proposal.vehicle.replacesVehicle == true end },

    subsidy_control.criterion(),
  },

  award = {
    amount = function(b, p)
      local v = b.proposal.vehicle
      local cap = (v.kind == "taxi") and p.cap_taxi or p.cap_van
      local share = percent(v.priceExVat, p.share_percent)
      local amount = math.min(share, cap)
      return amount, string.format("%d%% of the %s price of the new %s is %s; the %s limit is %s: %s.",
        p.share_percent, money.format(v.priceExVat), v.kind, money.format(share),
        v.kind, money.format(cap), money.format(amount))
    end,
    maximum = pounds(10000),
    rounding = "none",
  },
}
