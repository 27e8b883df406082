-- Questions about a list fact (premises.rateReliefs: the reliefs a property had).
--
--   lists.has_any(on(b.premises.rateReliefs, p.eligibility_day), { smallBusiness = true, rural = true })
--     -> true when the list holds any of the values in the set

local lists = {}

function lists.has_any(list, set)
  for _, value in ipairs(list) do
    if set[value] then return true end
  end
  return false
end

return lists
