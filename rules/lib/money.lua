-- Money as people read it. Money is integer pence everywhere in the rules.
--
--   money.format(300000) == "£3,000.00"   (award explanations: always pence shown)
--   money.short(300000)  == "£3,000"      (sentences: pence only when there are some)
--   money.number(1234567) == "1,234,567"  (counts and amounts in other currencies)

local money = {}

-- 1234567 -> "1,234,567"
local function grouped(n)
  local digits = tostring(n)
  local out, first = "", #digits % 3
  if first > 0 then out = digits:sub(1, first) end
  for i = first + 1, #digits, 3 do
    out = (out == "" and "" or out .. ",") .. digits:sub(i, i + 2)
  end
  return out
end

function money.number(n)
  assert(math.type(n) == "integer", "money.number: expected a whole number")
  if n < 0 then return "-" .. grouped(-n) end
  return grouped(n)
end

-- money.format(300000) == "£3,000.00"; money.format(-550) == "-£5.50"
function money.format(pence)
  assert(math.type(pence) == "integer", "money.format: pence must be an integer")
  local sign = pence < 0 and "-" or ""
  local abs = pence < 0 and -pence or pence
  return string.format("%s£%s.%02d", sign, grouped(abs // 100), abs % 100)
end

-- money.short(300000) == "£3,000"; money.short(891) == "£8.91"
function money.short(pence)
  assert(math.type(pence) == "integer" and pence >= 0, "money.short: pence must be a whole number, 0 or more")
  if pence % 100 == 0 then return "£" .. grouped(pence // 100) end
  return string.format("£%s.%02d", grouped(pence // 100), pence % 100)
end

return money
