-- instants.lua: instants as rules and the engine compare them. An instant is
-- "YYYY-MM-DDTHH:MM" in UK local time; fixed width, so strings compare in time order.
-- Trusted code; pure functions.
local ctx = ...
local type, tonumber, format, sub, match = type, tonumber, string.format, string.sub, string.match
local tointeger = math.tointeger

local instants = {}
ctx.instants = instants

local function days_from_civil(y, m, d)
  y = m <= 2 and y - 1 or y
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local doy = (153 * (m + (m > 2 and -3 or 9)) + 2) // 5 + d - 1
  return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy
end

local function civil_from_days(z)
  local era = (z >= 0 and z or z - 146096) // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp < 10 and mp + 3 or mp - 9
  return yoe + era * 400 + (m <= 2 and 1 or 0), m, d
end

-- Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"; returns the instant and whether it had a time.
function instants.parse(text)
  if type(text) ~= "string" or #text > 16 then return nil end
  local y, m, d, rest = match(text, "^(%d%d%d%d)%-(%d%d)%-(%d%d)(.*)$")
  if not y then return nil end
  y, m, d = tointeger(tonumber(y)), tointeger(tonumber(m)), tointeger(tonumber(d))
  if y < 1 then return nil end
  local cy, cm, cd = civil_from_days(days_from_civil(y, m, d))
  if cy ~= y or cm ~= m or cd ~= d then return nil end
  if rest == "" then return sub(text, 1, 10) .. "T00:00", false end
  local hh, mm = match(rest, "^[T ](%d%d):(%d%d)$")
  if not hh or tonumber(hh) > 23 or tonumber(mm) > 59 then return nil end
  return sub(text, 1, 10) .. "T" .. hh .. ":" .. mm, true
end

-- The first instant of the day after an instant's day. The day after 9999-12-31 is written
-- "9999-12-32T00:00", which still sorts after every real instant.
function instants.next_day(instant)
  local y, m, d = tonumber(sub(instant, 1, 4)), tonumber(sub(instant, 6, 7)), tonumber(sub(instant, 9, 10))
  if y == 9999 and m == 12 and d == 31 then return "9999-12-32T00:00" end
  y, m, d = civil_from_days(days_from_civil(y, m, d) + 1)
  return format("%04d-%02d-%02dT00:00", y, m, d)
end

-- The first instant a window or entry given as `to` is over: a date-only `to` includes that day.
function instants.until_of(text)
  local parsed, timed = instants.parse(text)
  if not parsed then return nil end
  return timed and parsed or instants.next_day(parsed)
end

local MONTHS = { "January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December" }

-- "2020-03-11" or "2021-03-18T07:00" as people write it: "11 March 2020", "07:00 on 18 March 2021".
function instants.words(text)
  local parsed, timed = instants.parse(text)
  if not parsed then return text end
  local words = format("%d %s %s", tonumber(sub(parsed, 9, 10)), MONTHS[tonumber(sub(parsed, 6, 7))], sub(parsed, 1, 4))
  if timed then return sub(parsed, 12, 16) .. " on " .. words end
  return words
end
