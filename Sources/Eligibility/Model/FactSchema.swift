import Foundation

/// The type of one fact in the fact tree.
public indirect enum FactType: Hashable, Sendable {
    /// A whole number (JSON integer; Lua integer).
    case integer
    /// A real number (JSON number; Lua float).
    case number
    /// Text.
    case string
    /// true or false.
    case boolean
    /// Money: integer pence (a JSON integer, or a string in pounds such as "£3,000.00" when
    /// read from a file; always a Lua integer of pence).
    case money
    /// A calendar day, the string "YYYY-MM-DD".
    case day
    /// One of a fixed set of strings; `name` is the Swift enum's name, `cases` its raw values.
    case enumeration(name: String, cases: [String])
    /// A nested object described by `FactSchema.nodes[name]`.
    case node(String)
    /// A list (JSON array; 1-based Lua sequence) of the element type.
    case list(FactType)

    /// The enumeration case for a `CaseIterable` string enum, its cases read from `allCases`.
    public static func enumeration<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> FactType
    where E.RawValue == String {
        .enumeration(name: String(describing: type), cases: type.allCases.map(\.rawValue))
    }

    /// What a value of this type must be, as an error message says it: "an integer",
    /// "one of diesel, petrol, ...".
    public var expectation: String {
        switch self {
        case .integer: return "an integer"
        case .number: return "a number"
        case .string: return "a string"
        case .boolean: return "true or false"
        case .money: return "an amount of money (integer pence, or a string like \"£3,000.00\")"
        case .day: return "a date as a string \"YYYY-MM-DD\""
        case .enumeration(_, let cases): return "one of " + cases.joined(separator: ", ")
        case .node: return "an object"
        case .list: return "a list"
        }
    }
}

/// One named fact on a node of the fact tree.
public struct FactField: Hashable, Sendable {
    /// The key: the JSON/YAML field name, the Swift property name and the Lua table key.
    public let name: String
    /// The fact's type.
    public let type: FactType
    /// One line saying what the fact means, with its unit.
    public let doc: String
    /// Whether the fact must be present whenever its node is (true only for a few record
    /// fields, such as a prior subsidy's amount, date and scheme). Optional facts may be absent,
    /// which means unknown.
    public let required: Bool
    /// For an integer or number fact, the values it may take. Every such fact is a count, a
    /// size, a speed, an age or a percentage, so none may be negative; the upper bounds are far
    /// beyond any real business but keep arithmetic in rule scripts clear of overflow.
    public let range: ClosedRange<Double>?

    /// The range an integer or number fact has unless its field says otherwise.
    public static let defaultRange: ClosedRange<Double> = 0...1_000_000_000

    /// Creates a field description.
    public init(_ name: String, _ type: FactType, _ doc: String, required: Bool = false,
                range: ClosedRange<Double>? = nil) {
        self.name = name
        self.type = type
        self.doc = doc
        self.required = required
        switch type {
        case .integer, .number: self.range = range ?? FactField.defaultRange
        default: self.range = range
        }
    }
}

/// A static description of the fact tree: every node (object type), its fields in order, their
/// types and meanings. It is the one place the tree is described for the Lua runtime (which keys
/// exist on each node, so a typo is an error while an absent known fact is "unknown"), for
/// input validation (`BusinessFile`), and for generating a JSON Schema and LuaLS annotations.
/// A test checks it against the keys the Codable model encodes, so the two cannot drift.
public enum FactSchema {
    /// The name of the root node (the business itself).
    public static let root = "Business"

    /// Node names in a stable order: the root first, then as they are first reached.
    public static let nodeOrder: [String] = [
        "Business", "Address", "Premises", "Vehicle", "Connectivity", "Workforce", "CovidImpact",
        "Owner", "Subsidy", "Proposal", "VehiclePurchase", "Retrofit", "ConnectivityUpgrade",
        "ChargePoints", "Hire",
    ]

    /// One sentence per node saying what it describes.
    public static let nodeDocs: [String: String] = [
        "Business": "The facts about one business. Every fact is optional: absent means unknown.",
        "Address": "Where the business trades from, with facts about its area.",
        "Premises": "The premises the business occupies.",
        "Vehicle": "One vehicle the business runs now.",
        "Connectivity": "The broadband connection at the business's premises.",
        "Workforce": "The make-up and pay of the business's workforce.",
        "CovidImpact": "How COVID-19 affected the business.",
        "Owner": "Facts about the business's owner-founder, for inclusive-growth schemes.",
        "Subsidy": "A public subsidy the business has already received (for subsidy control).",
        "Proposal": "What the business wants funding for.",
        "VehiclePurchase": "A vehicle the business proposes to buy.",
        "Retrofit": "Energy-efficiency work the business proposes for its premises.",
        "ConnectivityUpgrade": "A broadband upgrade the business proposes.",
        "ChargePoints": "Electric-vehicle charge points the business proposes to install.",
        "Hire": "A person the business proposes to hire.",
    ]

    /// The fields of each node, in order.
    public static let nodes: [String: [FactField]] = [
        "Business": [
            FactField("id", .string, "Register reference (free text, e.g. a CRM or Companies House number)."),
            FactField("name", .string, "Trading name."),
            FactField("legalForm", .enumeration(LegalForm.self), "Legal form the business trades under."),
            FactField("sicCodes", .list(.string), "SIC 2007 five-digit activity codes, as strings (e.g. \"49320\")."),
            FactField("employees", .integer, "Headcount (people employed, including working owners)."),
            FactField("turnover", .money, "Annual turnover (pence)."),
            FactField("balanceSheetTotal", .money, "Balance-sheet total, i.e. gross assets (pence)."),
            FactField("tradingStartDate", .day, "First day of trading."),
            FactField("financialYearStart", .day, "First day of the current financial year (for Companies Act size limits)."),
            FactField("address", .node("Address"), "Where the business trades from."),
            FactField("premises", .node("Premises"), "The premises it occupies."),
            FactField("fleet", .list(.node("Vehicle")), "Vehicles the business runs now (empty list: none; absent: unknown)."),
            FactField("connectivity", .node("Connectivity"), "Broadband at the premises."),
            FactField("workforce", .node("Workforce"), "The make-up and pay of the workforce."),
            FactField("covid", .node("CovidImpact"), "How COVID-19 affected the business."),
            FactField("owner", .node("Owner"), "Facts about the owner-founder, for inclusive-growth schemes."),
            FactField("subsidies", .list(.node("Subsidy")), "Prior public subsidies received (for subsidy control; empty list: none)."),
            FactField("proposal", .node("Proposal"), "What the business wants funding for."),
        ],
        "Address": [
            FactField("postcode", .string, "UK postcode, e.g. \"CH41 1AA\"."),
            FactField("localAuthority", .string, "Local authority (council) name, e.g. \"Wirral\", \"St Helens\", \"Liverpool\"."),
            FactField("deprivationDecile", .integer, "Index of Multiple Deprivation decile of the area: 1 (most deprived 10%) to 10 (least).", range: 1...10),
            FactField("deprivationIndex", .string, "Edition of the deprivation index the decile comes from, e.g. \"IoD2019\"."),
            FactField("ruralUrban", .enumeration(RuralUrban.self), "Whether the area is rural or urban."),
        ],
        "Premises": [
            FactField("tenure", .enumeration(Tenure.self), "How the premises are held."),
            FactField("epcBand", .enumeration(EPCBand.self), "Current Energy Performance Certificate band, A to G."),
            FactField("rateableValue", .money, "Business-rates rateable value (pence)."),
        ],
        "Vehicle": [
            FactField("kind", .enumeration(VehicleKind.self), "What kind of vehicle it is."),
            FactField("fuel", .enumeration(Fuel.self), "Its fuel or power source."),
            FactField("euroStandard", .integer, "Euro emissions standard, 1 to 6.", range: 1...6),
            FactField("co2GramsPerKm", .integer, "Tailpipe CO2 emissions (grams per kilometre)."),
            FactField("zeroEmissionRangeMiles", .integer, "Range on battery or hydrogen alone (miles)."),
            FactField("grossWeightKg", .integer, "Gross vehicle weight (kilograms)."),
            FactField("firstRegistered", .day, "Date of first registration."),
        ],
        "Connectivity": [
            FactField("downloadMbps", .number, "Download speed available now (megabits per second)."),
        ],
        "Workforce": [
            FactField("age16To24", .integer, "Employees aged 16 to 24 (headcount)."),
            FactField("age25To49", .integer, "Employees aged 25 to 49 (headcount)."),
            FactField("age50Plus", .integer, "Employees aged 50 or over (headcount)."),
            FactField("paysRealLivingWage", .boolean, "Whether every employee is paid at least the Real Living Wage."),
        ],
        "CovidImpact": [
            FactField("turnoverDropPercent", .number, "Fall in turnover against the year before (percent, 0 to 100).", range: 0...100),
            FactField("closedByRestrictions", .boolean, "Whether the business was required to close by COVID-19 restrictions."),
        ],
        "Owner": [
            FactField("age", .integer, "The owner's age (whole years).", range: 0...150),
            FactField("livesInRegion", .boolean, "Whether the owner lives in the region."),
            FactField("previouslyUnemployed", .boolean, "Whether the owner was unemployed before starting the business."),
        ],
        "Subsidy": [
            FactField("amount", .money, "Amount received (pence).", required: true),
            FactField("date", .day, "Date the subsidy was awarded.", required: true),
            FactField("scheme", .string, "Name of the scheme that gave it.", required: true),
        ],
        "Proposal": [
            FactField("vehicle", .node("VehiclePurchase"), "A vehicle to buy."),
            FactField("retrofit", .node("Retrofit"), "Energy-efficiency work on the premises."),
            FactField("connectivity", .node("ConnectivityUpgrade"), "A broadband upgrade."),
            FactField("chargePoints", .node("ChargePoints"), "Electric-vehicle charge points to install."),
            FactField("hire", .node("Hire"), "A person to hire."),
        ],
        "VehiclePurchase": [
            FactField("kind", .enumeration(VehicleKind.self), "What kind of vehicle it is."),
            FactField("fuel", .enumeration(Fuel.self), "Its fuel or power source."),
            FactField("priceExVat", .money, "Purchase price excluding VAT (pence)."),
            FactField("co2GramsPerKm", .integer, "Tailpipe CO2 emissions (grams per kilometre)."),
            FactField("zeroEmissionRangeMiles", .integer, "Range on battery or hydrogen alone (miles)."),
            FactField("grossWeightKg", .integer, "Gross vehicle weight (kilograms)."),
            FactField("replacesVehicle", .boolean, "Whether it replaces (scraps) one of the vehicles the business runs now."),
        ],
        "Retrofit": [
            FactField("measures", .list(.string), "The measures, in plain words (e.g. \"loft insulation\")."),
            FactField("costExVat", .money, "Cost of the work excluding VAT (pence)."),
            FactField("expectedEpcBand", .enumeration(EPCBand.self), "EPC band the premises are expected to reach afterwards."),
        ],
        "ConnectivityUpgrade": [
            FactField("costExVat", .money, "Cost of the upgrade excluding VAT (pence)."),
            FactField("newDownloadMbps", .number, "Download speed after the upgrade (megabits per second)."),
        ],
        "ChargePoints": [
            FactField("sockets", .integer, "Number of charging sockets."),
            FactField("costExVat", .money, "Cost of supply and installation excluding VAT (pence)."),
        ],
        "Hire": [
            FactField("age", .integer, "The new employee's age (whole years).", range: 0...150),
            FactField("hoursPerWeek", .integer, "Contracted hours per week.", range: 0...168),
            FactField("startDate", .day, "First day of employment."),
            FactField("hourlyWage", .money, "Gross hourly wage (pence per hour)."),
            FactField("contractWeeks", .integer, "Length of the contract (weeks)."),
        ],
    ]

    /// The fields of the named node, in order (empty for an unknown name).
    public static func fields(of node: String) -> [FactField] { nodes[node] ?? [] }

    /// The field `name` on `node`, or nil if the node has no such field.
    public static func field(_ name: String, of node: String) -> FactField? {
        nodes[node]?.first { $0.name == name }
    }
}
