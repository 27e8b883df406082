import Foundation

/// The facts about one business, as given in a business file and seen by rule scripts as the
/// read-only table `b`.
///
/// Every fact is optional: an absent fact is *unknown* (a rule that needs it answers
/// "needs information"), never zero or false. Field names are the JSON/YAML keys and the Lua
/// names. `FactSchema` describes the same tree for the rule runtime and schema generators.
public struct Business: Codable, Hashable, Sendable {
    /// Register reference (free text, e.g. a CRM or Companies House number).
    public var id: String?
    /// Trading name.
    public var name: String?
    /// Legal form the business trades under.
    public var legalForm: LegalForm?
    /// SIC 2007 five-digit activity codes, as strings (e.g. "49320").
    public var sicCodes: [String]?
    /// Headcount (people employed, including working owners).
    public var employees: Int?
    /// Annual turnover (pence).
    public var turnover: Money?
    /// Balance-sheet total, i.e. gross assets (pence).
    public var balanceSheetTotal: Money?
    /// First day of trading.
    public var tradingStartDate: Day?
    /// First day of the current financial year (used for Companies Act size limits).
    public var financialYearStart: Day?
    /// Where the business trades from.
    public var address: Address?
    /// The premises it occupies.
    public var premises: Premises?
    /// Vehicles the business runs now (empty list: none; absent: unknown).
    public var fleet: [Vehicle]?
    /// Broadband at the premises.
    public var connectivity: Connectivity?
    /// The make-up and pay of the workforce.
    public var workforce: Workforce?
    /// How COVID-19 affected the business.
    public var covid: CovidImpact?
    /// Facts about the owner-founder, for inclusive-growth schemes.
    public var owner: Owner?
    /// Prior public subsidies received (for subsidy control; empty list: none).
    public var subsidies: [Subsidy]?
    /// What the business wants funding for.
    public var proposal: Proposal?

    /// Creates a business; every fact defaults to unknown (nil).
    public init(
        id: String? = nil,
        name: String? = nil,
        legalForm: LegalForm? = nil,
        sicCodes: [String]? = nil,
        employees: Int? = nil,
        turnover: Money? = nil,
        balanceSheetTotal: Money? = nil,
        tradingStartDate: Day? = nil,
        financialYearStart: Day? = nil,
        address: Address? = nil,
        premises: Premises? = nil,
        fleet: [Vehicle]? = nil,
        connectivity: Connectivity? = nil,
        workforce: Workforce? = nil,
        covid: CovidImpact? = nil,
        owner: Owner? = nil,
        subsidies: [Subsidy]? = nil,
        proposal: Proposal? = nil
    ) {
        self.id = id
        self.name = name
        self.legalForm = legalForm
        self.sicCodes = sicCodes
        self.employees = employees
        self.turnover = turnover
        self.balanceSheetTotal = balanceSheetTotal
        self.tradingStartDate = tradingStartDate
        self.financialYearStart = financialYearStart
        self.address = address
        self.premises = premises
        self.fleet = fleet
        self.connectivity = connectivity
        self.workforce = workforce
        self.covid = covid
        self.owner = owner
        self.subsidies = subsidies
        self.proposal = proposal
    }
}
