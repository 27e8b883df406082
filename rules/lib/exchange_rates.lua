-- Exchange rates for subsidy control and the EU SME definition: how many pounds one euro or
-- one Special Drawing Right (SDR) was worth, by calendar year, as dated data.
--
-- A subsidy declared in euros (EU de minimis) or SDR (the UK-EU Trade and Cooperation
-- Agreement allowance) is compared with a limit in another currency by converting it at the
-- rate of the year it was given; an award is converted at the rate of the day it is decided.
--
-- UNCONFIRMED: the brief (shared/schemes/README.md, section 11) says only that "limits in
-- euros or SDR need the subsidy's currency and an exchange rate". The figures below are
-- annual averages of public reference rates, rounded to four decimal places: the European
-- Central Bank's euro reference rate against sterling, and the IMF's SDR valuation through
-- the US dollar. An awarding body may have used another rate (the Commission's monthly
-- InforEuro rate for de minimis, the rate on the day of award for SDR); replace a year's
-- figure here when the rate a scheme used is published. A day before the first year listed
-- uses the first year's rate.
--
-- Rates are stored as pounds per unit times 10,000 (0.8897 -> 8897), so conversions stay in
-- whole numbers: pence = cents * rate // 10000 and cents = pence * 10000 // rate (rounded down).

local rates = {}

rates.SCALE = 10000

-- { from = first day it applies, EUR = pounds per euro x 10,000, SDR = pounds per SDR x 10,000 }
rates.TABLE = {
  { from = "2018-01-01", EUR = 8847, SDR = 10668 },   -- 2018: EUR 0.8847, SDR 1.0668
  { from = "2019-01-01", EUR = 8778, SDR = 10846 },   -- 2019: EUR 0.8778, SDR 1.0846
  { from = "2020-01-01", EUR = 8897, SDR = 10906 },   -- 2020: EUR 0.8897, SDR 1.0906
  { from = "2021-01-01", EUR = 8596, SDR = 10395 },   -- 2021: EUR 0.8596, SDR 1.0395
  { from = "2022-01-01", EUR = 8528, SDR = 10995 },   -- 2022: EUR 0.8528, SDR 1.0995
  { from = "2023-01-01", EUR = 8698, SDR = 10732 },   -- 2023: EUR 0.8698, SDR 1.0732
  { from = "2024-01-01", EUR = 8466, SDR = 10406 },   -- 2024: EUR 0.8466, SDR 1.0406
}

local TABLE, COUNT = rates.TABLE, #rates.TABLE

-- Pounds per unit of `currency` (x 10,000) on `day` ("YYYY-MM-DD"); GBP is SCALE.
function rates.rate(currency, day)
  if currency == "GBP" then return rates.SCALE end
  local chosen = TABLE[1]
  for i = 2, COUNT do
    local entry = TABLE[i]
    if entry.from <= day then chosen = entry else break end
  end
  return chosen[currency] or error("exchange_rates: no rate for currency " .. tostring(currency))
end

-- An amount in hundredths of `from` (pence, cents) in hundredths of `to`, on `day`.
function rates.convert(minor, from, to, day)
  if from == to then return minor end
  local pence = from == "GBP" and minor or minor * rates.rate(from, day) // rates.SCALE
  if to == "GBP" then return pence end
  return pence * rates.SCALE // rates.rate(to, day)
end

return rates
