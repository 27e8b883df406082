-- Gigabit Broadband Voucher (Building Digital UK, Project Gigabit)
-- A voucher towards a new gigabit-capable connection for a small or
-- medium-sized business in a rural area whose broadband is slower than
-- 100 Mbps. The new connection must at least double today's speed if it is
-- under 50 Mbps, or reach at least 100 Mbps if it is 50 Mbps or more.
-- Up to £3,500 per business from 8 April 2021; £4,500 for projects from
-- 5 December 2022 (Project Gigabit delivery plan, autumn 2022 update).
-- Vouchers cannot pay VAT, so the cost is taken ex VAT.

local company_size = require "company_size"
local money = require "money"
local subsidy_control = require "subsidy_control"

return programme {
  id = "gigabit-voucher",
  title = "Gigabit Broadband Voucher",
  summary = "A voucher of up to £3,500 (£4,500 from December 2022) towards a new "
    .. "gigabit-capable broadband connection, for small and medium-sized businesses "
    .. "in rural areas whose current speed is under 100 Mbps.",
  guidance = "https://gigabitvoucher.culture.gov.uk/ (UK Gigabit Voucher scheme terms, business eligibility)",
  open = { from = "2021-04-08", to = "2025-03-31" },

  params = {
    slower_than_mbps = 100,        -- current speed under 100 Mbps
    double_below_mbps = 50,        -- under 50 Mbps: the new speed must at least double it
    at_least_mbps = 100,           -- 50 Mbps or more: the new speed must reach 100 Mbps
    voucher_cap = dated {          -- the most a business voucher pays
      { from = "2021-04-08", value = pounds(3500) },
      { from = "2022-12-05", value = pounds(4500) },
    },
  },

  criteria = {
    { id = "sme", text = "A small or medium-sized business (Companies Act limits)",
      clause = "Voucher terms: business beneficiaries",
      test = function(b, p) return company_size.is_sme(b, p.today) end },

    { id = "rural", text = "The premises are in a rural area",
      clause = "Voucher terms: rural premises (Defra rural-urban classification)",
      test = function(b, p) return b.address.ruralUrban == "rural" end },

    { id = "slow-now", text = "Current download speed is under 100 Mbps",
      clause = "Voucher terms: existing speed",
      test = function(b, p) return b.connectivity.downloadMbps < p.slower_than_mbps end },

    { id = "speed-gain", text = "The new connection at least doubles the speed (under 50 Mbps now) or reaches 100 Mbps (50 Mbps or more now)",
      clause = "Voucher terms: required speed improvement",
      test = function(b, p)
        local now = b.connectivity.downloadMbps
        local new = b.proposal.connectivity.newDownloadMbps
        if now < p.double_below_mbps then return new >= 2 * now end
        return new >= p.at_least_mbps
      end },

    subsidy_control.criterion(),
  },

  award = {
    amount = function(b, p)
      local cost = b.proposal.connectivity.costExVat
      local amount = math.min(cost, p.voucher_cap)
      return amount, string.format("The connection costs %s (ex VAT); the voucher pays up to %s: %s.",
        money.format(cost), money.format(p.voucher_cap), money.format(amount))
    end,
    maximum = pounds(4500),
    rounding = "none",
  },
}
