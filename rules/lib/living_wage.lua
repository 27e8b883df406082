-- The Real Living Wage (UK rate outside London, Living Wage Foundation), as dated data.
-- Source: shared/schemes/README.md, section 9 (with the sources named there per year).
--
-- The Foundation announces each year's rate in the autumn; accredited employers must pay it by
-- 1 May of the following year. `required_from` is that day: the rate an employer must be paying
-- from then on. Pence an hour.
--
--   living_wage.hourly(day)   the rate employers must pay on `day` (nil before the first)

local living_wage = {}

living_wage.RATES = {
  { year = "2019-20", rate = 930,  required_from = "2020-05-01" },
  { year = "2020-21", rate = 950,  required_from = "2021-05-01" },
  { year = "2021-22", rate = 990,  required_from = "2022-05-01" },
  { year = "2022-23", rate = 1090, required_from = "2023-05-01" },
  { year = "2023-24", rate = 1200, required_from = "2024-05-01" },
  { year = "2024-25", rate = 1260, required_from = "2025-05-01" },
  { year = "2025-26", rate = 1345, required_from = "2026-05-01" },
}

function living_wage.hourly(day)
  local chosen
  for _, entry in ipairs(living_wage.RATES) do
    if entry.required_from <= day then chosen = entry.rate else break end
  end
  return chosen
end

return living_wage
