-- Reading a dated fact whose value is a list (premises.rateReliefs: the reliefs on a day).
--
--   dated_list.has_any(b.premises.rateReliefs, "2020-03-11", { smallBusiness = true, rural = true })
--     -> true when, on that day, the list holds any of the values in the set
--
-- WORKAROUND for an engine defect (reported): the engine's on(fact, day) raises "'...' changes
-- over time: read it as at a day" for a dated fact whose value is a list, because it caches the
-- read-only copy of the list in the history table with an ordinary assignment, which the history
-- table's own guard refuses (Sources/Eligibility/Runtime/view.lua, view.on: h[...] = frozen; it
-- needs rawset). Until that is fixed, this module asks on() first - so a missing fact or one that
-- "does not apply" behaves exactly as on() says - and only when on() fails with that defect it
-- reads the entry in force itself, from the history's documented layout ([1] path, [2] number of
-- entries, then each entry's first day or false, and its value). Once the engine is fixed the
-- fallback is never used. The list itself never leaves this module.

local dated_list = {}

local function entry_on(h, day)
  local n, found = rawget(h, 2), nil
  for i = 1, n do
    local from = rawget(h, 1 + 2 * i)
    if from == false or from <= day then found = i else break end
  end
  return found and rawget(h, 2 + 2 * found)
end

function dated_list.has_any(h, day, set)
  local ok, list = pcall(on, h, day)
  if not ok then
    if type(list) ~= "string" then error(list, 0) end   -- missing / does not apply: as on() decided
    list = entry_on(h, day:sub(1, 10))
    if type(list) ~= "table" then error(list, 0) end
  end
  for _, value in ipairs(list) do
    if set[value] then return true end
  end
  return false
end

return dated_list
