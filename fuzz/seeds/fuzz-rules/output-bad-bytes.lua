return programme {
  id = "fuzz", title = "Fuzz", summary = "S", guidance = "G",
  open = { from = "2020-01-01" },
  params = { note = "ok" },
  criteria = {
    { id = "c", text = "C", test = function(b, p) error('\255\254') end },
  },
  award = { amount = function(b, p) return 100, '\255' end, maximum = pounds(9000) },
}
