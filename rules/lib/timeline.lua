-- Values that change at instants, kept as plain lists so a rule can look up the value in force
-- at ANY instant (not only the as-of instant, which is what dated { ... } params give). The
-- Plug-in Van Grant needs this: an order placed in the 28 days before a rate change keeps the
-- rates in force when it was ordered.
--
-- A timeline is a list of { from = "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", value = ... } in time
-- order: the same shape dated { ... } takes, so one list can feed both:
--
--   local CAPS = { { from = "2021-03-18T07:00", value = pounds(3000) }, ... }
--   params = { small_cap = dated(CAPS), caps = CAPS }     -- p.small_cap now; p.caps for any time
--   timeline.at(p.caps, "2021-12-01T09:00")
--
-- A date-only `from` starts at 00:00 that day ("2022-04-01" sorts before "2022-04-01T00:00").

local timeline = {}

-- The value in force at `instant`, or nil before the first entry.
function timeline.at(entries, instant)
  local chosen
  for i = 1, #entries do
    local entry = entries[i]
    if entry.from <= instant then chosen = entry.value else break end
  end
  return chosen
end

-- The largest value in any of the lists given (for a programme's maximum award).
function timeline.highest(...)
  local top
  for _, entries in ipairs({ ... }) do
    for _, entry in ipairs(entries) do
      if top == nil or entry.value > top then top = entry.value end
    end
  end
  return top
end

return timeline
