return programme {
  id = "fuzz", title = "Fuzz", summary = "S", guidance = "G",
  open = { from = "2020-01-01" },
  criteria = {
    { id = "c", text = "C", test = function(b, p) local h = ('a'):rep(1 << 20) return string.find(h:rep(8), h:sub(2) .. 'b', 1, true) ~= nil end },
  },
  award = { amount = function(b, p) return 100 end, maximum = pounds(9000) },
}
