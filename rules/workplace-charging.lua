-- Workplace Charging Scheme (Office for Zero Emission Vehicles)
-- A voucher towards buying and installing electric vehicle chargepoints at a
-- workplace: up to 75% of the cost, at most £350 a socket and 40 sockets
-- across all sites (the rates from 1 April 2020; before then £500 a socket
-- and 20 sockets).
-- Applicants must own their premises or lease them (with the landlord's
-- permission) and have dedicated off-street parking. This programme, as
-- commissioned, is for SMEs and charities (the national scheme also takes
-- larger businesses and public bodies).
-- Window: open since 1 April 2020; DfT extended the scheme to 31 March 2026
-- (announced February 2025), so it runs into the first financial years under
-- the Companies Act limits of 6 April 2025.

local company_size = require "company_size"
local money = require "money"
local subsidy_control = require "subsidy_control"

return programme {
  id = "workplace-charging",
  title = "Workplace Charging Scheme",
  summary = "A voucher for 75% of the cost of electric vehicle chargepoints at your "
    .. "workplace, up to £350 for each socket and at most 40 sockets (£14,000). For "
    .. "small and medium-sized businesses and charities that own or lease premises "
    .. "with off-street parking.",
  guidance = "https://www.gov.uk/guidance/workplace-charging-scheme-guidance-for-applicants-installers-and-manufacturers",
  open = { from = "2020-04-01", to = "2026-03-31" },

  params = {
    share_percent = 75,              -- up to 75% of purchase and installation
    per_socket = pounds(350),        -- at most £350 a socket
    max_sockets = 40,                -- at most 40 sockets across all sites
  },

  criteria = {
    { id = "eligible-organisation", text = "A small or medium-sized business, or a charity",
      clause = "WCS guidance: eligible applicants",
      test = function(b, p)
        if has(b, "legalForm") and b.legalForm == "charity" then return true end
        if company_size.is_sme(b, p.today) then return true end
        -- Not an SME: it still qualifies if it is a charity.
        return b.legalForm == "charity"
      end },

    { id = "own-or-lease-premises", text = "Owns or leases its business premises (not run from home)",
      clause = "WCS guidance: property and off-street parking",
      test = function(b, p)
        local tenure = b.premises.tenure
        return tenure == "owned" or tenure == "leased"
      end },

    { id = "sockets", text = "Plans to install at least one chargepoint socket",
      clause = "WCS guidance: eligible chargepoints",
      test = function(b, p) return b.proposal.chargePoints.sockets >= 1 end },

    subsidy_control.criterion(),
  },

  award = {
    amount = function(b, p)
      local cp = b.proposal.chargePoints
      local counted = math.min(cp.sockets, p.max_sockets)
      local share = percent(cp.costExVat, p.share_percent)
      local limit = counted * p.per_socket
      local amount = math.min(share, limit)
      return amount, string.format("%d%% of the %s cost is %s; %d socket%s at %s each allows %s: %s, paid in whole pounds.",
        p.share_percent, money.format(cp.costExVat), money.format(share),
        counted, counted == 1 and "" or "s", money.format(p.per_socket), money.format(limit), money.format(amount))
    end,
    maximum = pounds(14000),
    rounding = "down-to-pound",
  },
}
