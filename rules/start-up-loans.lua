-- Start Up Loans (British Business Bank), UK, since June 2012
-- Source: shared/schemes/README.md, section 12 (startuploans.co.uk/am-i-eligible;
-- enterprisenation.com, 26 Sep 2022; startuploans.co.uk FAQs "The loan").
--
-- A personal, unsecured loan of £500 to £25,000 per founder at a fixed 6% a year, repaid over 1
-- to 5 years, with 12 months of free mentoring. For founders aged 18 or over (no upper limit),
-- UK resident with the right to work in the UK, with the business based in the UK, who cannot
-- get the finance elsewhere (a self-declaration). The business must be new or trading up to
-- 36 months (24 months before the change announced on 26 September 2022); since then a second
-- loan is possible for a business trading 3 to 5 years. Weapons, gambling, property investment
-- and FCA-regulated banking and money transfer are excluded. The loan counts as a subsidy
-- (Minimal Financial Assistance; earlier eras by rules/lib/subsidy_control.lua).
--
-- This is the national scheme that serves the region's aim of start-up help "of any age, stage
-- and postcode" (README section 12): no LCR start-up grant was found.
--
-- Reading choices:
-- * The award is the loan asked for (it is a loan, not a grant). For subsidy control the whole
--   loan is counted: its subsidy value (set by the British Business Bank in the offer) is at most
--   that, so this can only err on the side of caution.
-- * "Trading up to 36 months" is read as: the day decided is no later than the day 36 calendar
--   months after trading began; a start date in the future means not yet trading.
-- * A second loan is for a business trading more than 36 months and up to 5 years (60 months).
-- * "FCA-regulated banking and money transfer" is the finance sector.
-- Not modelled: the credit and affordability checks, the business plan and cash-flow forecast,
-- the per-founder limit when several founders borrow.

local subsidy_control = require "subsidy_control"
local dates = require "dates"
local money = require "money"

local LOAN_MAX = pounds(25000)
local CHANGE = "2022-09-26"        -- the change announced on 26 September 2022
local LAUNCH = "2012-06-01"        -- "since June 2012"

local EXCLUDED_SECTORS = { weapons = true, gambling = true, propertyInvestment = true, finance = true }

return programme {
  id = "start-up-loans",
  title = "Start Up Loans",
  summary = "A personal loan of {loan_min:pounds} to {loan_max:pounds} per founder at a fixed {interest_percent}% a "
    .. "year, repaid over {min_term_years} to {max_term_years} years, with {mentoring_months} months of free "
    .. "mentoring, for founders aged {min_age} or over living in the UK whose business is new or has traded for up "
    .. "to {max_trading_months} months (a second loan up to {second_loan_max_months} months), and who cannot get the "
    .. "finance elsewhere.",
  guidance = "https://www.startuploans.co.uk/am-i-eligible",
  sources = {
    "shared/schemes/README.md, section 12 (Start Up Loans)",
    "startuploans.co.uk/am-i-eligible; enterprisenation.com (26 Sep 2022); startuploans.co.uk FAQs (The loan)",
  },
  open = { from = LAUNCH },

  params = {
    loan_min = pounds(500),
    loan_max = LOAN_MAX,
    interest_percent = 6,                 -- fixed, a year
    min_term_years = 1,
    max_term_years = 5,
    mentoring_months = 12,
    min_age = 18,
    max_trading_months = dated {          -- new, or trading up to this many months
      { from = LAUNCH, value = 24 },
      { from = CHANGE, value = 36 },
    },
    second_loan_from = CHANGE,            -- second loans since the change...
    second_loan_max_months = 60,          -- ...for businesses trading up to 5 years
  },

  criteria = {
    { id = "founder-age", text = "The founder is aged {min_age} or over",
      clause = "Start Up Loans: founder's age, no upper limit (README section 12)",
      test = function(b, p) return b.owner.age >= p.min_age end },

    { id = "uk-resident", text = "The founder lives in the UK with the right to work here",
      clause = "Start Up Loans: UK resident with the right to work in the UK (README section 12)",
      test = function(b, p) return b.owner.ukResident == true end },

    { id = "uk-business", text = "The business is based in the UK",
      clause = "Start Up Loans: business based in the UK (README section 12)",
      test = function(b, p) return b.address.country ~= nil end },

    { id = "no-finance-elsewhere", text = "The founder cannot get the finance elsewhere (their own declaration)",
      clause = "Start Up Loans: unable to get finance elsewhere, a self-declaration (README section 12)",
      test = function(b, p) return b.owner.financeElsewhere == false end },

    { id = "not-excluded-sector", text = "Not weapons, gambling, property investment, or FCA-regulated banking and money transfer",
      clause = "Start Up Loans: excluded business types (README section 12)",
      test = function(b, p) return not EXCLUDED_SECTORS[b.sector] end },

    { id = "new-business",
      text = "Not yet trading, or trading for up to {max_trading_months} months (a second loan, from {second_loan_from:day}: up to {second_loan_max_months} months)",
      clause = "Start Up Loans: new or recently started businesses; second loans since the September 2022 change (README section 12)",
      test = function(b, p)
        local start = b.tradingStartDate
        local first_ok = dates.within_months(start, p.today, p.max_trading_months)
        local loan = b.proposal.loan
        if has(loan, "secondLoan") and not loan.secondLoan then return first_ok end
        local second_possible = p.today >= p.second_loan_from and not first_ok
          and dates.within_months(start, p.today, p.second_loan_max_months)
        if has(loan, "secondLoan") then return second_possible end
        -- Not said whether it is a second loan: only ask when it matters.
        if first_ok then return true end
        if not second_possible then return false end
        return loan.secondLoan == true
      end },

    { id = "loan-amount", text = "The loan asked for is {loan_min:pounds} to {loan_max:pounds}",
      clause = "Start Up Loans: loan size per founder (README section 12)",
      test = function(b, p)
        local amount = b.proposal.loan.amount
        return amount >= p.loan_min and amount <= p.loan_max
      end },

    subsidy_control.criterion(),
  },

  award = {
    amount = function(b, p)
      local amount = b.proposal.loan.amount
      return amount, string.format("A loan of %s at a fixed %d%% a year, repaid over %d to %d years, with %d months of free mentoring (a loan, not a grant).",
        money.format(amount), p.interest_percent, p.min_term_years, p.max_term_years, p.mentoring_months)
    end,
    maximum = LOAN_MAX,
    rounding = "none",
  },
}
