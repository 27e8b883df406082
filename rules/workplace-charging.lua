-- Workplace Charging Scheme (WCS), Office for Zero Emission Vehicles
-- Source: shared/schemes/README.md, section 6 and section 11 ("Corrections").
--
-- A voucher for 75% of the cost, INCLUDING VAT, of buying and installing electric-vehicle
-- chargepoints at a workplace: at most £350 a socket (£500 for installations from 1 April 2026)
-- and 40 sockets per applicant across all sites. Open to businesses of any size, charities and
-- public bodies; from 1 April 2021 also to small accommodation businesses (SIC 55.10, 55.20 and
-- 55.30, i.e. 55100, 55201, 55202, 55209, 55300; at most 249 staff). The site needs dedicated
-- off-street parking, and the applicant must own it or have the landlord's permission. Subsidy
-- control: the allowance in force (EU de minimis, then the SDR allowance, then Minimal Financial
-- Assistance: rules/lib/subsidy_control.lua). Extended to 31 March 2027.
--
-- Reading choices:
-- * Applicant: every legal form the fact vocabulary lists as a business, a charity or a public
--   body qualifies; "other" forms qualify only through the small accommodation route.
-- * The 2026 rate is taken by the day decided (the as-of day stands for the installation).
-- * Window: from 1 April 2020, when the £350-a-socket rate began (gov.uk WCS guidance; the rate
--   before then, £500 and 20 sockets, is outside the brief), to 31 March 2027.
-- Not modelled: sockets already funded at other sites (the 40 is per applicant across all
-- sites); whether chargepoints are for staff, fleet or guests.

local subsidy_control = require "subsidy_control"
local money = require "money"

local SOCKET_CAP_2026 = pounds(500)
local MAX_SOCKETS = 40
local OPENS = "2020-04-01"        -- the £350 rate began (the window opens)

-- Legal forms that are a business, a charity or a public body.
local APPLICANT_FORMS = {
  soleTrader = true, partnership = true, limitedCompany = true, limitedLiabilityPartnership = true,
  communityInterestCompany = true, charity = true, cooperative = true, publicBody = true,
}

-- SIC 2007 codes of the small accommodation route (classes 55.10, 55.20 and 55.30).
local ACCOMMODATION_CODES = { "55100", "55201", "55202", "55209", "55300" }
local ACCOMMODATION_SIC = {}
for _, code in ipairs(ACCOMMODATION_CODES) do ACCOMMODATION_SIC[code] = true end

return programme {
  id = "workplace-charging",
  title = "Workplace Charging Scheme",
  summary = "A voucher for {share_percent}% of the cost, including VAT, of electric-vehicle chargepoints at a "
    .. "workplace with off-street parking: up to {per_socket:pounds} a socket and {max_sockets} sockets across all "
    .. "sites. For businesses of any size, charities and public bodies, and (from {accommodation_from:day}) small "
    .. "accommodation businesses with at most {accommodation_max_staff} staff.",
  guidance = "https://www.gov.uk/guidance/workplace-charging-scheme-guidance-for-applicants-installers-and-manufacturers",
  sources = {
    "shared/schemes/README.md, section 6 (Workplace Charging Scheme) and section 11 (Corrections)",
    "moorethompson.co.uk; wepoweryourcar.com; justvehicle.solutions",
    "evfleetworld; startups.co.uk (75% including VAT); autocar.co.uk, 25 Feb 2026 (to 31 Mar 2027, £500 a socket from 1 Apr 2026)",
  },
  open = { from = OPENS, to = "2027-03-31" },

  params = {
    share_percent = 75,                    -- of the cost including VAT...
    per_socket = dated {                   -- ...at most this per socket
      { from = OPENS, value = pounds(350) },
      { from = "2026-04-01", value = SOCKET_CAP_2026 },
    },
    max_sockets = MAX_SOCKETS,             -- per applicant across all sites
    accommodation_from = "2021-04-01",     -- small accommodation businesses from this day
    accommodation_max_staff = 249,
    accommodation_sic_codes = table.concat(ACCOMMODATION_CODES, ", "),   -- as the sentence shows them
  },

  criteria = {
    { id = "eligible-applicant",
      text = "A business (of any size), a charity or a public body; or, from {accommodation_from:day}, a small accommodation business (SIC {accommodation_sic_codes}) with at most {accommodation_max_staff} staff",
      clause = "WCS: who can apply; small accommodation businesses (README section 6; section 11, Corrections)",
      test = function(b, p)
        if has(b, "legalForm") and APPLICANT_FORMS[b.legalForm] then return true end
        return any_of(
          function() return APPLICANT_FORMS[b.legalForm] == true end,
          function()
            if p.today < p.accommodation_from then return false end
            local accommodation = false
            for _, code in ipairs(b.sicCodes) do
              if ACCOMMODATION_SIC[code] then accommodation = true end
            end
            return accommodation and b.employees <= p.accommodation_max_staff
          end)
      end },

    { id = "off-street-parking", text = "The site has dedicated off-street parking",
      clause = "WCS: the site needs off-street parking (README section 6)",
      test = function(b, p) return b.premises.offStreetParking == true end },

    { id = "owns-or-permission", text = "The business owns the site, or has the landlord's permission",
      clause = "WCS: the applicant must own the site or have the landlord's permission (README section 6)",
      test = function(b, p)
        if has(b.premises, "tenure") and b.premises.tenure == "owned" then return true end
        return any_of(
          function() return b.premises.tenure == "owned" end,
          function() return b.premises.landlordPermission == true end)
      end },

    { id = "sockets", text = "At least one chargepoint socket is to be installed",
      clause = "WCS: voucher per socket (README section 6)",
      test = function(b, p) return b.proposal.chargePoints.sockets >= 1 end },

    subsidy_control.criterion(),
  },

  award = {
    amount = function(b, p)
      local cp = b.proposal.chargePoints
      local counted = math.min(cp.sockets, p.max_sockets)
      local share = percent(cp.costIncVat, p.share_percent)
      local limit = counted * p.per_socket
      local amount = math.min(share, limit)
      return amount, string.format("%d%% of the %s cost (including VAT) is %s; %d socket%s at %s each allows %s: %s.",
        p.share_percent, money.format(cp.costIncVat), money.format(share),
        counted, counted == 1 and "" or "s", money.format(p.per_socket), money.format(limit), money.format(amount))
    end,
    maximum = MAX_SOCKETS * SOCKET_CAP_2026,
    rounding = "none",
  },
}
