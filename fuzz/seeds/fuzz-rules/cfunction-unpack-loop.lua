return programme {
  id = "fuzz", title = "Fuzz", summary = "S", guidance = "G",
  open = { from = "2020-01-01" },
  criteria = {
    { id = "c", text = "C", test = function(b, p) local t = {} for i = 1, 99999 do t[i] = i end local n = 0 while true do n = n + select('#', table.unpack(t)) end end },
  },
  award = { amount = function(b, p) return 100 end, maximum = pounds(9000) },
}
