-- Calendar arithmetic on days written "YYYY-MM-DD" (proleptic Gregorian).
-- Pure functions, no clock: "today" always comes in as an argument (p.today).
-- A malformed day is a rule error, not "unknown": it means a typo in a rule or
-- a bad fact, and should be seen.

local dates = {}

local function is_leap(y)
  return (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0
end

local function days_in_month(y, m)
  if m == 2 then return is_leap(y) and 29 or 28 end
  if m == 4 or m == 6 or m == 9 or m == 11 then return 30 end
  return 31
end

dates.is_leap = is_leap
dates.days_in_month = days_in_month

-- parse("2021-03-18") -> 2021, 3, 18. Raises an error if not a real day.
function dates.parse(day)
  if type(day) ~= "string" then
    error("dates: expected a day \"YYYY-MM-DD\", got " .. type(day), 2)
  end
  local y, m, d = day:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if not y or m < 1 or m > 12 or d < 1 or d > days_in_month(y, m) then
    error("dates: not a valid day \"" .. day .. "\" (expected YYYY-MM-DD)", 2)
  end
  return y, m, d
end

-- True when `day` is a well-formed, real calendar day.
function dates.valid(day)
  return (pcall(dates.parse, day))
end

-- The day part of an instant: "2021-12-15T07:00" -> "2021-12-15".
function dates.day(instant)
  return dates.format(dates.parse(instant:sub(1, 10)))
end

function dates.format(y, m, d)
  return string.format("%04d-%02d-%02d", y, m, d)
end

-- Days since 1970-01-01 (H. Hinnant's days_from_civil).
local function serial(y, m, d)
  y = (m <= 2) and y - 1 or y
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local mp = (m + 9) % 12
  local doy = (153 * mp + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return era * 146097 + doe - 719468
end

local function civil(z)
  z = z + 719468
  local era = (z >= 0 and z or z - 146096) // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp < 10 and mp + 3 or mp - 9
  return (m <= 2) and y + 1 or y, m, d
end

-- Number of days from a to b (positive when b is later).
function dates.days_between(a, b)
  return serial(dates.parse(b)) - serial(dates.parse(a))
end

function dates.add_days(day, n)
  return dates.format(civil(serial(dates.parse(day)) + n))
end

-- Calendar months; the day is clamped to the month's end
-- (2024-01-31 + 1 month = 2024-02-29).
function dates.add_months(day, n)
  local y, m, d = dates.parse(day)
  local index = y * 12 + (m - 1) + n
  local ny, nm = index // 12, index % 12 + 1
  return dates.format(ny, nm, math.min(d, days_in_month(ny, nm)))
end

-- Whether `day` is on or before the day `n` calendar months after `start` (the day clamped to the
-- month's end, as add_months does): "trading for up to n months". For days already known to be
-- well formed (a fact or p.today), in arithmetic only - no pattern matching, no new strings - for
-- tests that run for every business.
function dates.within_months(start, day, n)
  local index = tonumber(start:sub(1, 4)) * 12 + tonumber(start:sub(6, 7)) - 1 + n
  local day_index = tonumber(day:sub(1, 4)) * 12 + tonumber(day:sub(6, 7)) - 1
  if day_index ~= index then return day_index < index end
  local last = days_in_month(index // 12, index % 12 + 1)
  local limit = tonumber(start:sub(9, 10))
  if limit > last then limit = last end
  return tonumber(day:sub(9, 10)) <= limit
end

-- 2024-02-29 + 1 year = 2025-02-28.
function dates.add_years(day, n)
  return dates.add_months(day, 12 * n)
end

-- Whole years from `start` (a birth date or a trading start) to `day`.
-- Someone born on 29 February turns a year older on 1 March in common years.
function dates.age_on(start, day)
  local y1, m1, d1 = dates.parse(start)
  local y2, m2, d2 = dates.parse(day)
  local years = y2 - y1
  if m2 < m1 or (m2 == m1 and d2 < d1) then years = years - 1 end
  return years
end

-- First day of the UK financial year containing `day` (years start 1 April).
function dates.financial_year_start(day)
  local y, m = dates.parse(day)
  return dates.format(m >= 4 and y or y - 1, 4, 1)
end

local MONTHS = { "January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December" }

-- "2020-03-11" -> "11 March 2020" (for sentences built when a module loads).
function dates.words(day)
  local y, m, d = dates.parse(day)
  return string.format("%d %s %d", d, MONTHS[m], y)
end

-- True when day a is strictly before day b. (ISO days compare as strings
-- once both are known to be valid.)
function dates.before(a, b)
  dates.parse(a); dates.parse(b)
  return a < b
end

-- True when a <= day <= b.
function dates.between(day, a, b)
  return not dates.before(day, a) and not dates.before(b, day)
end

return dates
