-- Green Homes Grant voucher scheme (England), 2020-21
-- Source: shared/schemes/README.md, section 5 (environmentcentre.com; commonslibrary.parliament.uk).
--
-- A voucher for energy-efficiency and low-carbon heating work on a home: two-thirds of the cost,
-- up to £5,000; low-income owner-occupiers on benefits get up to £10,000 (100% of the cost) -
-- landlords cannot use that route. At least one "primary" measure is required, and funding for
-- secondary measures cannot exceed funding for primary measures. A business can apply as the
-- landlord of a let home. Opened 30 September 2020; closed to new applications at 17:00 on
-- 31 March 2021.
--
-- Reading choices: the cost counted is the primary measures plus the secondary measures up to
-- the cost of the primary ones (so secondary funding never exceeds primary funding); the share
-- and the cap apply to that. The home's nation is not asked (the scheme was for England; the
-- Liverpool City Region is in England). Tenants cannot apply (owners and landlords only).

local money = require "money"

local LOW_INCOME_CAP = pounds(10000)

return programme {
  id = "green-homes-grant-voucher",
  title = "Green Homes Grant voucher",
  summary = "A voucher for {share_numerator}/{share_denominator} of the cost of energy-efficiency work on a home, up "
    .. "to {cap:pounds}, for owner-occupiers and landlords; low-income owner-occupiers on benefits get "
    .. "{low_income_share_percent}% up to {low_income_cap:pounds}. At least one primary measure (insulation or "
    .. "low-carbon heating) is needed, and secondary measures are funded no more than primary ones.",
  guidance = "https://commonslibrary.parliament.uk/research-briefings/cbp-9000/",
  sources = {
    "shared/schemes/README.md, section 5 (Green Homes Grant voucher)",
    "environmentcentre.com; commonslibrary.parliament.uk/green-homes-grant",
  },
  open = { from = "2020-09-30", to = "2021-03-31T17:00" },

  params = {
    share_numerator = 2,                 -- the voucher pays two-thirds...
    share_denominator = 3,
    cap = pounds(5000),                  -- ...up to this
    low_income_share_percent = 100,      -- low-income owner-occupiers on benefits: all of it...
    low_income_cap = LOW_INCOME_CAP,     -- ...up to this
  },

  criteria = {
    { id = "home", text = "The building is a home",
      clause = "Green Homes Grant voucher: home improvements (README section 5)",
      test = function(b, p) return b.proposal.retrofit.building == "home" end },

    { id = "owner-or-landlord", text = "The applicant is the owner who lives there, or a landlord",
      clause = "Green Homes Grant voucher: homeowners and landlords (README section 5)",
      test = function(b, p)
        local applicant = b.proposal.retrofit.applicant
        return applicant == "ownerOccupier" or applicant == "landlord"
      end },

    { id = "primary-measure", text = "The work includes at least one primary measure (insulation or low-carbon heating)",
      clause = "Green Homes Grant voucher: at least one primary measure is required (README section 5)",
      test = function(b, p) return b.proposal.retrofit.primaryMeasuresCost > 0 end },
  },

  award = {
    amount = function(b, p)
      local r = b.proposal.retrofit
      local primary, secondary = r.primaryMeasuresCost, r.secondaryMeasuresCost
      local counted = primary + math.min(secondary, primary)
      -- The low-income route: owner-occupiers receiving a means-tested benefit (not landlords).
      local low_income = r.applicant == "ownerOccupier" and r.meansTestedBenefits == true
      local share, cap, how
      if low_income then
        share, cap, how = percent(counted, p.low_income_share_percent), p.low_income_cap, string.format("%d%%", p.low_income_share_percent)
      else
        share, cap, how = counted * p.share_numerator // p.share_denominator, p.cap, string.format("%d/%d", p.share_numerator, p.share_denominator)
      end
      local amount = math.min(share, cap)
      return amount, string.format("Primary measures %s, secondary measures %s (counted up to the primary: %s); %s%s is %s; the limit is %s: %s.",
        money.format(primary), money.format(secondary), money.format(counted), how,
        low_income and " (low-income owner-occupier on benefits)" or "", money.format(share), money.format(cap), money.format(amount))
    end,
    maximum = LOW_INCOME_CAP,
    rounding = "none",
  },
}
