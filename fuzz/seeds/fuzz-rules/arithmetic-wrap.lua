return programme {
  id = "fuzz", title = "Fuzz", summary = "S", guidance = "G",
  open = { from = "2020-01-01" },
  criteria = {
    { id = "c", text = "C", test = function(b, p) return true end },
  },
  award = { amount = function(b, p) return math.maxinteger + 1 end, maximum = pounds(9000), rounding = "nearest-pound" },
}
