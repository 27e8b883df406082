-- National Minimum Wage and National Living Wage: the legal minimum hourly pay by age, as dated
-- data. Source: gov.uk "National Minimum Wage and National Living Wage rates" (current and
-- previous rates tables). Rates change on 1 April; pence an hour.
--
-- Each year lists its age bands from the oldest down: { from_age, pence }. The National Living
-- Wage (the top band) started at 25, moved to 23 on 1 April 2021 and to 21 on 1 April 2024. The
-- youngest band covers 16 and 17 (under school-leaving age there is no minimum wage). The
-- apprentice rate is for apprentices under 19, or in the first year of their apprenticeship.
--
--   minimum_wage.hourly(age, day)          the rate for a worker of `age` on `day` (nil under 16)
--   minimum_wage.hourly_apprentice(day)    the apprentice rate on `day`

local minimum_wage = {}

minimum_wage.RATES = {
  { from = "2019-04-01", bands = { { 25, 821 }, { 21, 770 }, { 18, 615 }, { 16, 435 } }, apprentice = 390 },
  { from = "2020-04-01", bands = { { 25, 872 }, { 21, 820 }, { 18, 645 }, { 16, 455 } }, apprentice = 415 },
  { from = "2021-04-01", bands = { { 23, 891 }, { 21, 836 }, { 18, 656 }, { 16, 462 } }, apprentice = 430 },
  { from = "2022-04-01", bands = { { 23, 950 }, { 21, 918 }, { 18, 683 }, { 16, 481 } }, apprentice = 481 },
  { from = "2023-04-01", bands = { { 23, 1042 }, { 21, 1018 }, { 18, 749 }, { 16, 528 } }, apprentice = 528 },
  { from = "2024-04-01", bands = { { 21, 1144 }, { 18, 860 }, { 16, 640 } }, apprentice = 640 },
  { from = "2025-04-01", bands = { { 21, 1221 }, { 18, 1000 }, { 16, 755 } }, apprentice = 755 },
  { from = "2026-04-01", bands = { { 21, 1271 }, { 18, 1085 }, { 16, 800 } }, apprentice = 800 },
}

local RATES = minimum_wage.RATES

-- The year's entry in force on `day` (the first year's before it began).
function minimum_wage.year(day)
  local chosen = RATES[1]
  for i = 2, #RATES do
    if RATES[i].from <= day then chosen = RATES[i] else break end
  end
  return chosen
end

function minimum_wage.hourly(age, day)
  for _, band in ipairs(minimum_wage.year(day).bands) do
    if age >= band[1] then return band[2] end
  end
  return nil
end

function minimum_wage.hourly_apprentice(day)
  return minimum_wage.year(day).apprentice
end

-- The highest rate in the table (for a programme's maximum award).
function minimum_wage.highest()
  local top = 0
  for _, year in ipairs(RATES) do
    if year.bands[1][2] > top then top = year.bands[1][2] end
  end
  return top
end

return minimum_wage
