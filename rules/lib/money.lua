-- Money as people read it: integer pence -> "£3,000.00".

local money = {}

-- money.format(300000) == "£3,000.00"; money.format(-550) == "-£5.50"
function money.format(pence)
  assert(math.type(pence) == "integer", "money.format: pence must be an integer")
  local sign = pence < 0 and "-" or ""
  local abs = pence < 0 and -pence or pence
  local pounds, pennies = abs // 100, abs % 100
  local digits = tostring(pounds)
  local grouped = digits:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
  return string.format("%s£%s.%02d", sign, grouped, pennies)
end

return money
