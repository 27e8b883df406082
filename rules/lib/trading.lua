-- Trading and legal standing on a given day: the checks most COVID-19 grants share.
--
--   trading.started_by(b, day)   the business had started trading on or before `day`
--   trading.on(b, day)           it was trading on `day`: started by then, and not stopped
--                                (stoppedTrading "does not apply" while it still trades)
--   trading.since(b, first_day, still_on, strict)
--                                started on or before `first_day` (before it, with `strict`)
--                                and not stopped by `still_on`
--   trading.before(b, day)       started before `day` and not stopped before it
--   trading.status_on(b, day, excluded)
--                                its legal status on `day` (the dated companyStatus fact) is
--                                not one of `excluded` (a set: { inLiquidation = true, ... })
--
-- Criteria a programme lists, with the day taken from one of its params so the sentence and
-- the test read the same figure:
--
--   trading.criterion("trading", "eligibility_day", clause)
--       "Trading on {eligibility_day:day}"
--   trading.status_criterion("not-insolvent", "eligibility_day",
--       { "inAdministration", "inLiquidation", "insolvent", "dissolved", "struckOff" }, clause)
--       "Not in administration, in liquidation, insolvent, dissolved or struck off on {eligibility_day:day}"
--   (a nil day parameter means the day decided: p.today, "now")
--
-- Days are "YYYY-MM-DD" strings and compare as strings.

local trading = {}

function trading.started_by(b, day)
  return b.tradingStartDate <= day
end

-- Not stopped by `day`: stoppedTrading is after it, or "does not apply".
function trading.not_stopped_by(b, day)
  if applies(b, "stoppedTrading") then return b.stoppedTrading > day end
  return true
end

function trading.on(b, day)
  if has(b, "tradingStartDate") then
    if b.tradingStartDate > day then return false end
    return trading.not_stopped_by(b, day)
  end
  if has(b, "stoppedTrading") and b.stoppedTrading <= day then return false end
  -- The start is not known: ask for it, with stoppedTrading if that is not known either.
  return all_of(function() return b.tradingStartDate <= day end,
                function() return trading.not_stopped_by(b, day) end)
end

-- Trading since `first_day` (started on or before it; with `strict`, before it) and still
-- trading on `still_on` (not stopped by then).
function trading.since(b, first_day, still_on, strict)
  if has(b, "tradingStartDate") then
    local start = b.tradingStartDate
    if start > first_day or (strict and start == first_day) then return false end
    return trading.not_stopped_by(b, still_on)
  end
  if has(b, "stoppedTrading") and b.stoppedTrading <= still_on then return false end
  return all_of(function() local start = b.tradingStartDate return start < first_day or (not strict and start == first_day) end,
                function() return trading.not_stopped_by(b, still_on) end)
end

-- Trading before `day`: started before it, and had not stopped before it.
function trading.before(b, day)
  if has(b, "tradingStartDate") then
    if b.tradingStartDate >= day then return false end
    if applies(b, "stoppedTrading") then return b.stoppedTrading >= day end
    return true
  end
  if has(b, "stoppedTrading") and b.stoppedTrading < day then return false end
  return all_of(function() return b.tradingStartDate < day end,
                function() if applies(b, "stoppedTrading") then return b.stoppedTrading >= day end return true end)
end

function trading.status_on(b, day, excluded)
  return not excluded[on(b.companyStatus, day)]
end

-- How each legal status reads in a sentence ("Not in administration, ... on 11 March 2020").
trading.STATUS_WORDS = {
  inAdministration = "in administration", inLiquidation = "in liquidation", insolvent = "insolvent",
  dissolved = "dissolved", struckOff = "struck off",
}

local function when(day_param)
  return day_param and (" on {" .. day_param .. ":day}") or " now"
end

-- Note for the closures below: a criterion's test must not capture a variable that is nil when
-- the rules load (the engine's seal check mis-files such variables - a defect reported with this
-- library), so a missing day parameter is held as false.
function trading.criterion(id, day_param, clause)
  day_param = day_param or false
  return {
    id = id,
    text = "Trading" .. when(day_param),
    clause = clause,
    test = function(b, p) return trading.on(b, day_param and p[day_param] or p.today) end,
  }
end

-- "Trading before {day_param:day}".
function trading.before_criterion(id, day_param, clause)
  return {
    id = id,
    text = "Trading before {" .. day_param .. ":day}",
    clause = clause,
    test = function(b, p) return trading.before(b, p[day_param]) end,
  }
end

function trading.status_criterion(id, day_param, excluded_list, clause)
  day_param = day_param or false
  local excluded, words = {}, {}
  for i, status in ipairs(excluded_list) do
    excluded[status] = true
    words[i] = assert(trading.STATUS_WORDS[status], "trading.status_criterion: unknown status " .. tostring(status))
  end
  local listed = #words == 1 and words[1] or (table.concat(words, ", ", 1, #words - 1) .. " or " .. words[#words])
  return {
    id = id,
    text = "Not " .. listed .. when(day_param),
    clause = clause,
    test = function(b, p) return trading.status_on(b, day_param and p[day_param] or p.today, excluded) end,
  }
end

return trading
