return programme {
  id = "fuzz", title = "Fuzz", summary = "S", guidance = "G",
  open = { from = "2020-01-01", to = "2024-03-31" },
  params = { max_staff = 50, cap = pounds(9000) },
  criteria = {
    { id = "small", text = "Fewer than 50 employees", test = function(b, p) return b.employees < p.max_staff end },
  },
  award = { amount = function(b, p) return math.min(p.cap, pounds(10) * b.employees) end, maximum = pounds(9000) },
}
