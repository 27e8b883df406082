return programme {
  id = "fuzz", title = "Fuzz", summary = "S", guidance = "G",
  open = { from = "2020-01-01" },
  criteria = {
    { id = "c", text = "C", test = function(b, p) while true do require 'timeline' end end },
  },
  award = { amount = function(b, p) return 100 end, maximum = pounds(9000) },
}
