---@meta
-- LuaLS (lua-language-server) annotations for eligible's rule scripts: completion and
-- type checks for the business `b`, the parameters `p` and the engine's helpers.
-- GENERATED from rules/facts.yaml by `eligible schema --format lua`: do not edit; after
-- changing the vocabulary, run `eligible schema --format lua > rules/types/eligible.lua`
-- (`eligible lint` says when it is out of date). The engine never loads it.
--
-- Reading an absent fact stops a test as "cannot tell" (needs-information), and one
-- answered "does not apply" stops it as failed, so a fact you read is never nil:
-- fields are annotated as present. has(node, "key") asks whether a fact is given.

---Money: a whole number of pence (pounds(3000) == 300000).
---@alias Money integer

---A calendar day, "YYYY-MM-DD" (strings compare in date order).
---@alias Day string

---A day and time, "YYYY-MM-DDTHH:MM" (UK local time).
---@alias Instant string

---A fact that changes over time: read it as at a day with on(fact, day).
---@class Dated<T>

---@alias LegalForm "soleTrader"|"partnership"|"limitedCompany"|"limitedLiabilityPartnership"|"communityInterestCompany"|"charity"|"cooperative"|"publicBody"|"other"
---@alias CompanyStatus "active"|"inAdministration"|"inLiquidation"|"insolvent"|"dissolved"|"struckOff"
---@alias Sectors "nonEssentialRetail"|"essentialRetail"|"hospitality"|"accommodation"|"leisure"|"personalCare"|"gym"|"manufacturing"|"construction"|"transport"|"professionalServices"|"digital"|"creative"|"health"|"education"|"agriculture"|"fishing"|"finance"|"propertyInvestment"|"gambling"|"weapons"|"other"
---@alias Grants "smallBusinessGrantFund"|"retailHospitalityLeisureGrantFund"|"discretionaryGrantsFund"|"lrsgClosed"|"lrsgOpen"|"closedBusinessesLockdownPayment"|"additionalRestrictionsGrant"|"restartGrant"|"lcrHospitalityLeisureRetail"|"lcrLocalBusinessSupport"|"taxiDriversGrant"|"councilGrantSinceOctober2020"
---@alias Country "england"|"wales"|"scotland"|"northernIreland"
---@alias DeprivationIndexes "IoD2019"|"IoD2025"
---@alias RuralUrban "rural"|"urban"
---@alias RuralUrbanClass "A1"|"B1"|"C1"|"C2"|"D1"|"D2"|"E1"|"E2"|"F1"|"F2"
---@alias Tenure "owned"|"leased"|"homeBased"
---@alias Use "shop"|"office"|"industrial"|"hospitalityVenue"|"leisureVenue"|"marketStall"|"home"|"carPark"|"personalUse"|"other"
---@alias RateReliefs "smallBusiness"|"rural"|"expandedRetail"|"charitable"
---@alias EpcBands "A"|"B"|"C"|"D"|"E"|"F"|"G"
---@alias VehicleKinds "van"|"taxi"|"car"|"minibus"|"hgv"
---@alias Fuels "diesel"|"petrol"|"hybrid"|"pluginHybrid"|"electric"|"hydrogen"|"lpg"
---@alias Currency "GBP"|"EUR"|"SDR"
---@alias Regime "deMinimis"|"covidTemporaryFramework"|"specialDrawingRights"|"minimalFinancialAssistance"|"other"
---@alias Building "home"|"nonDomestic"
---@alias Applicant "ownerOccupier"|"landlord"|"tenant"
---@alias Occupier "ownerOccupier"|"privateTenant"|"socialTenant"|"vacant"
---@alias HeatingFuel "mainsGas"|"electricity"|"oil"|"lpg"|"solidFuel"|"heatPump"|"other"
---@alias System "airSourceHeatPump"|"groundSourceHeatPump"|"biomassBoiler"|"hybrid"

---The facts about one business. Every fact is optional; one not given is unknown.
---@class (exact) Business
---@field id string The business's reference in your register (a CRM or Companies House number)
---@field name string Trading name
---@field legalForm LegalForm The legal form the business trades under
---@field companyStatus Dated<CompanyStatus> The business's legal status (from Companies House or the insolvency register)
---@field sicCodes string[] SIC 2007 five-digit activity codes, as text (e.g. "49320")
---@field sector Sectors The business's main line of business
---@field businessToBusiness boolean Whether the business sells mainly to other businesses
---@field inPersonServices boolean Whether the business provides its services to the public in person
---@field employees integer Headcount, counting working owners (people)
---@field turnover Money Annual turnover in the last financial year (£)
---@field balanceSheetTotal Money Balance-sheet total (gross assets) (£)
---@field tradingStartDate Day The first day the business traded
---@field stoppedTrading Day The day the business stopped trading (does not apply while it still trades)
---@field financialYearStart Day The first day of the business's current financial year (for Companies Act size limits)
---@field yearsOfAccounts integer How many years of filed accounts the business has (years)
---@field grantsReceived Grants[] The COVID-19 and regional grants the business has already received
---@field taxiLicensingAuthority string The council that licenses the business's taxi or private-hire driver
---@field address Address Where the business trades from, with facts about its area
---@field premises Premises The premises the business occupies
---@field fleet FleetItem[] The vehicles the business runs now (an empty list means none)
---@field connectivity Connectivity The broadband connection at the premises
---@field workforce Workforce The make-up and pay of the workforce
---@field covid Covid How COVID-19 affected the business
---@field owner Owner Facts about the owner-founder, for inclusive-growth schemes
---@field subsidies SubsidiesItem[] Public subsidies the business has already received, for subsidy control (an empty list means none)
---@field proposal Proposal What the business wants funding for

---Where the business trades from, with facts about its area
---@class (exact) Address
---@field postcode string UK postcode
---@field localAuthority string The local authority (council) for the premises
---@field country Country The UK nation the premises are in
---@field deprivationDecile integer Index of Multiple Deprivation decile of the area, 1 (most deprived 10%) to 10 (least)
---@field incomeDeprivationDecile integer Income-deprivation decile of the area (the IMD income domain), 1 (most deprived 10%) to 10
---@field deprivationIndex DeprivationIndexes The edition of the deprivation index the deciles come from
---@field ruralUrban RuralUrban Whether the area is rural or urban
---@field ruralUrbanClass RuralUrbanClass ONS rural-urban classification of the area (A1-C2 urban, D1-F2 rural)

---The premises the business occupies
---@class (exact) Premises
---@field tenure Tenure How the business holds its premises
---@field use Use What the premises are used for
---@field propertyReference string The property's reference in the business-rates list
---@field paysBusinessRates boolean Whether the business is the ratepayer for the premises
---@field rateableValue Dated<Money> The premises' rateable value for business rates (£)
---@field rateReliefs Dated<RateReliefs[]> The business-rates reliefs the premises were eligible for
---@field fixedPropertyCosts boolean Whether the business has ongoing fixed property costs (rent, mortgage, rates)
---@field annualRentOrMortgage Money Annual rent or mortgage payments for the premises (£)
---@field offStreetParking boolean Whether the premises have dedicated off-street parking
---@field landlordPermission boolean For leased premises, whether the landlord has agreed to the proposed works
---@field epcBand EpcBands The premises' current Energy Performance Certificate band

---The vehicles the business runs now (an empty list means none)
---@class (exact) FleetItem
---@field kind VehicleKinds What kind of vehicle it is
---@field fuel Fuels Its fuel or power source
---@field euroStandard integer Its Euro emissions standard, 1 to 6
---@field co2GramsPerKm integer Tailpipe CO2 emissions (g/km)
---@field zeroEmissionRangeMiles integer Range on battery or hydrogen alone (miles)
---@field grossWeightKg integer Gross vehicle weight (kg)
---@field firstRegistered Day The date it was first registered

---The broadband connection at the premises
---@class (exact) Connectivity
---@field downloadMbps number The download speed available now (Mbps)
---@field gigabitBuildPlanned boolean Whether a commercial or government-funded gigabit build is planned for the area

---The make-up and pay of the workforce
---@class (exact) Workforce
---@field age16To24 integer Employees aged 16 to 24 (people)
---@field age25To49 integer Employees aged 25 to 49 (people)
---@field age50Plus integer Employees aged 50 or over (people)
---@field paysRealLivingWage boolean Whether every employee is paid at least the Real Living Wage

---How COVID-19 affected the business
---@class (exact) Covid
---@field turnoverDropPercent number The fall in turnover against the year before (%)
---@field closedByRestrictions boolean Whether the business was required to close by COVID-19 restrictions
---@field requiredToClose Dated<boolean> Whether COVID-19 restrictions required the business to close its premises to the public, and when (a business that closed voluntarily was not required to)
---@field impacted boolean Whether COVID-19 harmed the business (lost trade, closure, extra costs)
---@field hospitalityLeisureSupplyChain boolean Whether the business supplies the hospitality or leisure sector
---@field servesRetailHospitalityLeisure boolean For the self-employed and market traders, whether they serve retail, hospitality or leisure

---Facts about the owner-founder, for inclusive-growth schemes
---@class (exact) Owner
---@field age integer The owner's age in whole years (years)
---@field livesInRegion boolean Whether the owner lives in the Liverpool City Region
---@field previouslyUnemployed boolean Whether the owner was unemployed before starting the business
---@field ukResident boolean Whether the owner lives in the UK with the right to work here
---@field financeElsewhere boolean Whether the owner could get the finance elsewhere (a bank loan, say)

---Public subsidies the business has already received, for subsidy control (an empty list means none)
---@class (exact) SubsidiesItem
---@field amount number The amount received, in the subsidy's currency
---@field currency Currency The currency the amount is in
---@field regime Regime The subsidy-control rules it was given under
---@field date Day The date the subsidy was awarded
---@field scheme string The scheme that gave it

---What the business wants funding for
---@class (exact) Proposal
---@field vehicle ProposalVehicle A vehicle the business proposes to buy
---@field retrofit ProposalRetrofit Energy-efficiency work on a building
---@field heating ProposalHeating A low-carbon heating system to install
---@field connectivity ProposalConnectivity A broadband upgrade
---@field chargePoints ProposalChargePoints Electric-vehicle charge points to install
---@field hire ProposalHire A person the business proposes to hire
---@field capitalProject ProposalCapitalProject A capital investment project (equipment, premises)
---@field recovery ProposalRecovery A COVID-19 recovery project
---@field loan ProposalLoan A start-up loan

---A vehicle the business proposes to buy
---@class (exact) ProposalVehicle
---@field kind VehicleKinds What kind of vehicle it is
---@field fuel Fuels Its fuel or power source
---@field new boolean Whether it is new (never registered before)
---@field priceExVat Money The purchase price excluding VAT (£)
---@field co2GramsPerKm integer Tailpipe CO2 emissions (g/km)
---@field zeroEmissionRangeMiles integer Range on battery or hydrogen alone (miles)
---@field grossWeightKg integer Gross vehicle weight (kg)
---@field orderedAt Instant When the order was placed (grant rates follow the order time)
---@field replacesVehicle boolean Whether it replaces (scraps) one of the vehicles the business runs now

---Energy-efficiency work on a building
---@class (exact) ProposalRetrofit
---@field measures string[] The measures, in plain words (e.g. "loft insulation")
---@field costExVat Money The cost of the work excluding VAT (£)
---@field primaryMeasuresCost Money The cost of the primary measures (insulation, low-carbon heating) (£)
---@field secondaryMeasuresCost Money The cost of secondary measures (draught-proofing, glazing, heating controls) (£)
---@field expectedEpcBand EpcBands The EPC band the building is expected to reach afterwards
---@field building Building Whether the building is a home or a non-domestic building
---@field applicant Applicant Who applies (the owner-occupier, a landlord or a tenant)
---@field occupier Occupier Who lives in the building
---@field epcBand EpcBands The building's current EPC band
---@field heatingFuel HeatingFuel The building's main heating fuel
---@field insulationRecommendationsOutstanding boolean Whether the EPC recommends loft or cavity-wall insulation that has not been fitted
---@field householdIncome Money The gross annual income of the household living there (£)
---@field incomeAfterHousingCosts Money The household's annual income after housing costs (£)
---@field meansTestedBenefits boolean Whether someone in the household receives a means-tested benefit
---@field incomeDeprivationDecile integer Income-deprivation decile of the building's area (the IMD income domain), 1 (most deprived 10%) to 10
---@field deprivationIndex DeprivationIndexes The edition of the deprivation index the building's decile comes from

---A low-carbon heating system to install
---@class (exact) ProposalHeating
---@field system System The kind of system
---@field capacityKwth number Its heating capacity (kWth)
---@field installed Day The day it was (or will be) commissioned

---A broadband upgrade
---@class (exact) ProposalConnectivity
---@field costExVat Money The cost of the upgrade excluding VAT (£)
---@field newDownloadMbps number The download speed after the upgrade (Mbps)
---@field groupProject boolean Whether the upgrade is part of a group project with neighbouring premises
---@field registered Day The day the project was registered with the scheme

---Electric-vehicle charge points to install
---@class (exact) ProposalChargePoints
---@field sockets integer The number of charging sockets (sockets)
---@field costExVat Money The cost of supply and installation excluding VAT (£)
---@field costIncVat Money The cost of supply and installation including VAT (£)

---A person the business proposes to hire
---@class (exact) ProposalHire
---@field age integer The new employee's age in whole years (years)
---@field hoursPerWeek integer Contracted hours per week (hours a week)
---@field startDate Day The first day of employment
---@field hourlyWage Money The gross hourly wage (£)
---@field contractWeeks integer The length of the contract (weeks)
---@field newJob boolean Whether the job is new (it does not replace an existing or planned vacancy)
---@field universalCredit boolean Whether the new employee is claiming Universal Credit
---@field apprentice boolean Whether the job is an apprenticeship
---@field employedInLastSixMonths boolean Whether the business employed this person at any time in the six months before they start

---A capital investment project (equipment, premises)
---@class (exact) ProposalCapitalProject
---@field cost Money The total cost of the project (£)
---@field grantRequested Money The grant the business asks for (£)

---A COVID-19 recovery project
---@class (exact) ProposalRecovery
---@field grantRequested Money The grant the business asks for (£)
---@field businessAsUsual boolean Whether the costs are business-as-usual costs (rent, wages, stock)
---@field alreadyStarted boolean Whether the project has already started

---A start-up loan
---@class (exact) ProposalLoan
---@field amount Money The amount the founder asks to borrow (£)
---@field secondLoan boolean Whether this is a second loan for the same business

---The parameters in force at the as-of instant: the programme's `params` (each dated
---one resolved to its value at that instant), plus two the engine adds.
---@class Params
---@field as_of string The as-of instant, "YYYY-MM-DDTHH:MM" (UK local time).
---@field today Day The as-of day, "YYYY-MM-DD".
---@field [string] any

---One criterion: a sentence an advisor reads and its test.
---@class Criterion
---@field id string A short kebab-case id, unique in the programme ("small-firm").
---@field text string The sentence an advisor reads ("Fewer than 50 employees").
---@field clause? string The clause of the scheme it implements ("Guidance 2.1").
---@field needs_award? boolean When true the test runs after the award is worked out and gets it (in pence) as a third argument.
---@field test fun(b: Business, p: Params, award?: Money): boolean|nil true, false, or nil when it cannot tell.

---How the award is worked out.
---@class Award
---@field amount? fun(b: Business, p: Params): integer, string? Integer pence, and optionally a sentence saying how.
---@field discretionary? string For an award the scheme sets case by case: who sets it and how (instead of amount).
---@field maximum Money The most the programme ever pays.
---@field rounding? "none"|"down-to-pound"|"nearest-pound" How the amount is rounded (default "none").

---When the programme is open (`to` date-only: through that whole day).
---@class Window
---@field from Instant
---@field to? Instant

---A programme's declaration: `return programme { ... }`.
---@class ProgrammeDeclaration
---@field id string Kebab-case, equal to the file name.
---@field title string The name advisors see.
---@field summary string One paragraph a business owner can read.
---@field guidance string A URL or a document reference.
---@field open Window When it is open.
---@field sources? string[] The published documents its figures come from.
---@field params? table<string, any> Every threshold, named once (values may be `dated { ... }`).
---@field criteria Criterion[] Ordered; every one must pass.
---@field award Award

---One entry of an effective-dated value.
---@class DatedEntry
---@field from Instant From this instant...
---@field to? Instant ...until the next entry's `from` (or this `to`).
---@field value any The value in force.

---Declares the programme this file defines.
---@param declaration ProgrammeDeclaration
---@return table
function programme(declaration) end

---An effective-dated parameter value; entries in date order.
---@param entries DatedEntry[]
---@return any
function dated(entries) end

---n pounds as integer pence: pounds(3000) == 300000.
---@param n number
---@return Money
function pounds(n) end

---pct% of an integer-pence amount, rounded down to a whole penny.
---@param amount Money
---@param pct number
---@return Money
function percent(amount, pct) end

---True when the fact is known (present), without stopping the test when it is absent.
---@param node table A part of the business, e.g. b or b.premises.
---@param key string
---@return boolean
function has(node, key) end

---Stops this test as "cannot tell", naming the missing facts.
---@param node table A part of the business.
---@param ... string The missing facts' keys.
function unknown(node, ...) end

---False when the fact is answered "does not apply", true when it is given; stops the
---test as "cannot tell" when it is unknown.
---@param node table A part of the business.
---@param key string
---@return boolean
function applies(node, key) end

---True when any branch is true; false when all are false; otherwise "cannot tell".
---@param ... (fun(): boolean|nil)|boolean
---@return boolean
function any_of(...) end

---False when any branch is false; true when all are true; otherwise "cannot tell".
---@param ... (fun(): boolean|nil)|boolean
---@return boolean
function all_of(...) end

---The value of a dated fact as at a day ("2020-03-11", or p.today).
---@generic T
---@param fact Dated<T>
---@param day string
---@return T
function on(fact, day) end
