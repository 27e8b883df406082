return programme {
  id = "fuzz", title = "Fuzz", summary = "S", guidance = "G",
  open = { from = "2020-01-01", to = "9999-12-31" },
  criteria = {
    { id = "c", text = "C", test = function(b, p) local x = nil return x.y end },
  },
  award = { amount = function(b, p) return 100 end, maximum = pounds(9000) },
}
