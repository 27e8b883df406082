-- Liverpool City Region Capital Grant Fund
-- Source: shared/schemes/README.md, section 5 ("Business energy grants in LCR": the closest
-- match found; sthelenschamber.com).
--
-- A capital grant of £10,000 to £75,000, at most 20% of the project's costs, for
-- business-to-business SMEs in the region except Halton, with 3 years of accounts and a project of
-- at least £50,000. Retail, hospitality, leisure, farming and fishing are excluded.
--
-- Reading choices:
-- * The award is the grant asked for, cut to 20% of the project's cost and to £75,000; a request
--   under £10,000 is not eligible.
-- * SME: the fund's definition is not in the brief. It was funded through the European Regional
--   Development Fund, whose SME definition is the EU recommendation 2003/361
--   (rules/lib/company_size.lua): that is used (UNCONFIRMED).
-- * Excluded sectors: retail (essential and non-essential), hospitality (with accommodation),
--   leisure (with gyms), farming and fishing.
-- * Window: not in the brief (UNCONFIRMED). Taken as the brief's scope from 1 January 2020 to the
--   end of 2023, when the European Regional Development Fund programme that paid for it ended.

local region = require "region"
local company_size = require "company_size"
local money = require "money"

local GRANT_MAX = pounds(75000)

local EXCLUDED_SECTORS = {
  nonEssentialRetail = true, essentialRetail = true, hospitality = true, accommodation = true,
  leisure = true, gym = true, agriculture = true, fishing = true,
}

return programme {
  id = "lcr-capital-grant-fund",
  title = "Liverpool City Region Capital Grant Fund",
  summary = "A capital grant of {grant_min:pounds} to {grant_max:pounds}, at most {share_percent}% of the costs, for "
    .. "business-to-business SMEs in the Liverpool City Region (not Halton) with {min_years_of_accounts} years of "
    .. "accounts and a project of at least {min_project_cost:pounds}. Not for retail, hospitality, leisure, farming "
    .. "or fishing.",
  guidance = "https://www.sthelenschamber.com/",
  sources = {
    "shared/schemes/README.md, section 5 (Business energy grants in LCR: LCR Capital Grant Fund)",
    "sthelenschamber.com",
  },
  open = { from = "2020-01-01", to = "2023-12-31" },

  params = {
    min_years_of_accounts = 3,
    min_project_cost = pounds(50000),
    share_percent = 20,                  -- the grant is at most this share of the costs...
    grant_min = pounds(10000),           -- ...and from this...
    grant_max = GRANT_MAX,               -- ...to this
  },

  criteria = {
    region.criterion({ "Halton" }, "LCR Capital Grant Fund: LCR excluding Halton (README section 5)"),

    company_size.eu_criterion("medium", "sme", "LCR Capital Grant Fund: SMEs (README section 5); EU recommendation 2003/361 (ERDF)"),

    { id = "business-to-business", text = "Sells mainly to other businesses",
      clause = "LCR Capital Grant Fund: business-to-business SMEs (README section 5)",
      test = function(b, p) return b.businessToBusiness == true end },

    { id = "not-excluded-sector", text = "Not in retail, hospitality, leisure, farming or fishing",
      clause = "LCR Capital Grant Fund: excludes retail, hospitality, leisure, farming and fishing (README section 5)",
      test = function(b, p) return not EXCLUDED_SECTORS[b.sector] end },

    { id = "years-of-accounts", text = "Has at least {min_years_of_accounts} years of accounts",
      clause = "LCR Capital Grant Fund: years of accounts (README section 5, business energy grants in LCR)",
      test = function(b, p) return b.yearsOfAccounts >= p.min_years_of_accounts end },

    { id = "project-size", text = "The project costs at least {min_project_cost:pounds}",
      clause = "LCR Capital Grant Fund: minimum project size (README section 5, business energy grants in LCR)",
      test = function(b, p) return b.proposal.capitalProject.cost >= p.min_project_cost end },

    { id = "grant-at-least-minimum", text = "The grant asked for is at least {grant_min:pounds}",
      clause = "LCR Capital Grant Fund: grant range (README section 5, business energy grants in LCR)",
      test = function(b, p) return b.proposal.capitalProject.grantRequested >= p.grant_min end },
  },

  award = {
    amount = function(b, p)
      local project = b.proposal.capitalProject
      local share = percent(project.cost, p.share_percent)
      local amount = math.min(project.grantRequested, share, p.grant_max)
      return amount, string.format("%s asked for; %d%% of the %s project is %s; the most is %s: %s.",
        money.format(project.grantRequested), p.share_percent, money.format(project.cost), money.format(share),
        money.format(p.grant_max), money.format(amount))
    end,
    maximum = GRANT_MAX,
    rounding = "none",
  },
}
