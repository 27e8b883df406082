-- The rateable-value bands the COVID-19 business-rates grants shared (shared/schemes/README.md,
-- sections 2 and 3): £15,000 or less; over £15,000 and under £51,000; £51,000 or more. The
-- Retail, Hospitality and Leisure Grant Fund, every Local Restrictions Support Grant period, the
-- Closed Businesses Lockdown Payment and the Restart Grant pay by these bands; the first two
-- refuse the top band.
--
-- A programme copies the two limits into its params, so its sentences render them and `eligible
-- explain` shows them:
--   params = { rv_low_up_to = rateable_value.LOW_UP_TO, rv_high_from = rateable_value.HIGH_FROM,
--              grant_low = pounds(1334), grant_middle = pounds(2000), grant_high = pounds(3000),
--              rv_day = "2020-11-05" }
-- and pays with rateable_value.award(b, p): the premises' rateable value on p.rv_day (a dated
-- fact: later changes to the rating list are ignored), banded, with an explanation.

local money = require "money"
local dates = require "dates"

local rv = {}

rv.LOW_UP_TO = pounds(15000)   -- the low band: up to and including this
rv.HIGH_FROM = pounds(51000)   -- the high band: this or more

-- Every third-lockdown payment (LRSG (Closed) from 5 January and from 16 February 2021, and the
-- Closed Businesses Lockdown Payment) takes the rateable value on this day (README section 3).
rv.THIRD_LOCKDOWN_DAY = "2021-01-05"

-- 1 (low), 2 (middle) or 3 (high) for a rateable value, with the limits in p.
function rv.band(value, p)
  if value <= p.rv_low_up_to then return 1 end
  if value < p.rv_high_from then return 2 end
  return 3
end

local GRANT = { "grant_low", "grant_middle", "grant_high" }

local function band_words(band, p)
  if band == 1 then return money.short(p.rv_low_up_to) .. " or less" end
  if band == 2 then return "over " .. money.short(p.rv_low_up_to) .. " and under " .. money.short(p.rv_high_from) end
  return money.short(p.rv_high_from) .. " or more"
end

-- The premises' rateable value on p.rv_day.
function rv.on_day(b, p)
  return on(b.premises.rateableValue, p.rv_day)
end

-- The grant for the premises' band, and how it was worked out. `what` names the payment
-- (e.g. "for the 28 days").
function rv.award(b, p, what)
  local value = rv.on_day(b, p)
  local band = rv.band(value, p)
  local grant = p[GRANT[band]]
  return grant, string.format("Rateable value %s on %s is in the band %s: %s%s.",
    money.format(value), dates.words(p.rv_day), band_words(band, p), money.format(grant), what or "")
end

return rv
