return programme {
  id = "fuzz", title = "Fuzz", summary = "S", guidance = "G",
  open = { from = "2020-01-01", to = setmetatable({}, { __tostring = function() while true do end end, __lt = function() while true do end end }) },
  criteria = {
    { id = "c", text = "C", test = function(b, p) return true end },
  },
  award = { amount = function(b, p) return 100 end, maximum = pounds(9000) },
}
