return programme {
  id = "fuzz", title = "Fuzz", summary = "S", guidance = "G",
  open = { from = "2020-01-01" },
  criteria = {
    { id = "c", text = "C", test = function(b, p) local _, s = pairs(math) s.min = function() return 0 end return math.min(1, 2) == 1 end },
  },
  award = { amount = function(b, p) return 100 end, maximum = pounds(9000) },
}
