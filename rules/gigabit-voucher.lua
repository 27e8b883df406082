-- Gigabit Broadband Voucher Scheme: rural business (SME) vouchers, from 8 April 2021
-- Source: shared/schemes/README.md, section 4 and section 11 ("Corrections").
--
-- A voucher towards a new gigabit-capable connection for a small or medium-sized business in a
-- rural area (ONS rural-urban classes D1 to F2) whose current speed is under 100 Mbps, where no
-- commercial or government-funded gigabit build is planned. Group projects only. The new speed
-- must at least double the current speed if that is under 50 Mbps, or reach at least 100 Mbps if
-- it is over 50 Mbps (at exactly 50 Mbps the two rules agree: 100 Mbps). The voucher is £500 to
-- £3,500 excluding VAT, £4,500 for projects registered from 5 December 2022; the scheme was
-- extended to the 2027-28 financial year.
--
-- SME for this scheme (section 11): fewer than 250 staff AND (turnover at most £36m and/or a
-- balance sheet at most £18m) - the Companies Act 2006 ss.465-467 medium-company limits before
-- 6 April 2025, which is where these figures come from (rules/lib/company_size.lua).
--
-- Subsidy control: the scheme pages ask that subsidy already received be under 325,000 SDR; the
-- library criterion applies the allowance in force (the SDR allowance until 3 January 2023, then
-- Minimal Financial Assistance).
--
-- Not modelled: the cap of £3,500 (£4,500) per SME across all its sites (needs the vouchers it
-- had for other sites), residential vouchers (£1,500), and the 2018 first wave (£3,000 per SME).
-- LCR note: most LCR postcodes are urban; the rural-urban class is an input (address.ruralUrbanClass).

local company_size = require "company_size"
local subsidy_control = require "subsidy_control"
local money = require "money"

local CAP_FROM_DEC_2022 = pounds(4500)

-- Rural classes of the ONS rural-urban classification.
local RURAL = { D1 = true, D2 = true, E1 = true, E2 = true, F1 = true, F2 = true }

return programme {
  id = "gigabit-voucher",
  title = "Gigabit Broadband Voucher (rural SME)",
  summary = "A voucher of {min_voucher:pounds} to {voucher_cap:pounds} (excluding VAT) towards a gigabit-capable "
    .. "connection, for small and medium-sized businesses in rural areas with broadband under {slower_than_mbps} Mbps, "
    .. "as part of a group project where no gigabit build is planned. The cap is {higher_cap:pounds} for projects "
    .. "registered from {higher_cap_from:day}.",
  guidance = "https://gigabitvoucher.culture.gov.uk/home/who-is-eligible",
  sources = {
    "shared/schemes/README.md, section 4 (Gigabit Broadband Voucher Scheme) and section 11 (Corrections)",
    "gigabitvoucher.culture.gov.uk/home/who-is-eligible; weareumi.co.uk; cambridgefibre.uk/gbvs",
    "southglos.gov.uk broadband news, 23 Dec 2022 (£4,500 from 5 Dec 2022); ispreview.co.uk, Mar 2024 (extension to 2027-28)",
  },
  open = { from = "2021-04-08", to = "2028-03-31" },

  params = {
    sme_staff_below = company_size.OLD.medium.employees,          -- fewer than 250 staff
    sme_turnover_up_to = company_size.OLD.medium.turnover,        -- turnover at most £36m...
    sme_balance_sheet_up_to = company_size.OLD.medium.balanceSheetTotal,  -- ...and/or balance sheet at most £18m
    slower_than_mbps = 100,               -- current speed under this
    double_below_mbps = 50,               -- under this the new speed must at least double it...
    at_least_mbps = 100,                  -- ...over it the new speed must reach this
    min_voucher = pounds(500),
    voucher_cap = pounds(3500),           -- per SME, for projects registered before...
    higher_cap_from = "2022-12-05",       -- ...this day, from which it is:
    higher_cap = CAP_FROM_DEC_2022,
  },

  criteria = {
    { id = "sme",
      text = "Fewer than {sme_staff_below} staff, and a turnover of at most {sme_turnover_up_to:pounds} and/or a balance sheet of at most {sme_balance_sheet_up_to:pounds}",
      clause = "Gigabit voucher: SME definition (README section 11, Corrections; Companies Act 2006 ss.465-467)",
      test = function(b, p)
        return company_size.staff_and_money(b, p.sme_staff_below, p.sme_turnover_up_to, p.sme_balance_sheet_up_to, true)
      end },

    { id = "rural", text = "The premises are rural (ONS rural-urban class D1 to F2)",
      clause = "Gigabit voucher: rural premises, ONS rural-urban classes (README section 4, rural vouchers)",
      test = function(b, p) return RURAL[b.address.ruralUrbanClass] == true end },

    { id = "slow-now", text = "The current download speed is under {slower_than_mbps} Mbps",
      clause = "Gigabit voucher: existing speed (README section 4, rural vouchers)",
      test = function(b, p) return b.connectivity.downloadMbps < p.slower_than_mbps end },

    { id = "no-gigabit-build-planned", text = "No commercial or government-funded gigabit build is planned for the area",
      clause = "Gigabit voucher: no planned gigabit build (README section 4)",
      test = function(b, p) return b.connectivity.gigabitBuildPlanned == false end },

    { id = "group-project", text = "The connection is part of a group project",
      clause = "Gigabit voucher: group projects only (README section 4)",
      test = function(b, p) return b.proposal.connectivity.groupProject == true end },

    { id = "speed-gain", text = "The new speed at least doubles the current one (if under {double_below_mbps} Mbps) or reaches at least {at_least_mbps} Mbps (if over)",
      clause = "Gigabit voucher: required speed improvement (README section 4)",
      test = function(b, p)
        local now = b.connectivity.downloadMbps
        local new = b.proposal.connectivity.newDownloadMbps
        if now < p.double_below_mbps then return new >= 2 * now end
        return new >= p.at_least_mbps
      end },

    { id = "minimum-voucher", text = "The connection costs at least {min_voucher:pounds} excluding VAT (the smallest voucher)",
      clause = "Gigabit voucher: SME voucher range and minimum voucher (README section 4; section 11, Corrections)",
      test = function(b, p) return b.proposal.connectivity.costExVat >= p.min_voucher end },

    subsidy_control.criterion(),
  },

  award = {
    amount = function(b, p)
      local c = b.proposal.connectivity
      local cap = p.voucher_cap
      if c.registered >= p.higher_cap_from then cap = p.higher_cap end
      local amount = math.min(c.costExVat, cap)
      return amount, string.format("The connection costs %s excluding VAT; the voucher for a project registered on %s pays up to %s: %s.",
        money.format(c.costExVat), c.registered, money.format(cap), money.format(amount))
    end,
    maximum = CAP_FROM_DEC_2022,
    rounding = "none",
  },
}
