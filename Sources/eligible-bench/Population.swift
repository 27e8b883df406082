import Foundation

// A synthetic business register over the fact vocabulary (rules/facts.yaml): every fact the
// shipped rules read, with realistic spreads. Benchmark-only code.
//
// - Mostly micro firms; two thirds in the Liverpool City Region, with the spellings registers
//   use ("St. Helens", "Wirral Council", "LIVERPOOL", and a few a matcher cannot place).
// - Facts missing at realistic rates; "does not apply" where it means something (a business
//   still trading has no stoppedTrading; a proposal part the business does not want; a non-taxi
//   business has no licensing council; premises outside business rates have no rateable value).
// - Dated facts with histories: COVID-19 closures by sector through each lockdown and tier,
//   rateable values with a later change or first held from when the business moved in,
//   company status changes, rate reliefs by year.
// - Proposals of every kind, with the facts a business applying would give, so every open
//   programme sees eligible, ineligible and needs-information outcomes at both 2021-03-01 and
//   2022-06-01 (`eligible-bench agree` prints the mix).
//
// Deterministic: business i comes from SplitMix64 seeded by (seed, i) alone. `Population.emit`
// writes its facts straight into a sink: JSON (one line) or CSV, built in a byte buffer.

/// SplitMix64: a small, fast, seedable generator, so every run makes the same population.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    /// Uniform in `range` (the multiply-high method: no division).
    @inline(__always) mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(range.upperBound - range.lowerBound + 1)).high)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
    @inline(__always) mutating func pick<T>(_ items: [T]) -> T {
        items[Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(items.count)).high)]
    }
    /// Log-uniform between a and b.
    /// Log-uniform between a and b (b / a raised to a uniform power, by a cheap 2^x: plenty for
    /// spreads of amounts).
    @inline(__always) mutating func logUniform(_ a: Double, _ b: Double) -> Double {
        a * SplitMix64.exp2(unit() * SplitMix64.log2(b / a))
    }
    /// 2^x for x >= 0: the exponent's bits plus a polynomial for the fraction (error < 1e-6).
    @inline(__always) static func exp2(_ x: Double) -> Double {
        let whole = x.rounded(.down), f = x - whole
        let poly = 1 + f * (0.6931471805599453 + f * (0.2402265069591007 + f * (0.05550410866482158
            + f * (0.009618129107628477 + f * (0.0013333558146428443 + f * 0.00015403530393381606)))))
        return Double(sign: .plus, exponent: Int(whole), significand: poly)
    }
    /// log2(x) for x > 0: the exponent's bits plus ln of the significand by its atanh series
    /// (error < 1e-5).
    @inline(__always) static func log2(_ x: Double) -> Double {
        let m = x.significand, r = (m - 1) / (m + 1), r2 = r * r
        let ln = 2 * r * (1 + r2 * (1.0 / 3 + r2 * (1.0 / 5 + r2 * (1.0 / 7 + r2 / 9))))
        return Double(x.exponent) + ln * 1.4426950408889634
    }
}

/// Items with weights, picked in proportion.
struct Weighted<T> {
    let items: [T]
    let cumulative: [Double]
    init(_ pairs: [(T, Double)]) {
        items = pairs.map(\.0)
        var total = 0.0
        cumulative = pairs.map { total += $0.1; return total }
    }
    func pick(_ rng: inout SplitMix64) -> T {
        let r = rng.unit() * cumulative[cumulative.count - 1]
        for (i, c) in cumulative.enumerated() where r < c { return items[i] }
        return items[items.count - 1]
    }
}

/// A fact's state as generated.
enum Presence { case given, unknown, notApplicable }

struct Population {
    let seed: UInt64
    var rng = SplitMix64(state: 0)
    /// A dated fact's entries, reused from one fact to the next.
    private var history: [(from: NDay?, value: ScalarOut?)] = []
    // The tables, held here (reading a static table costs a once-check every time).
    private let sectors = Population.sectors
    private let legalForms = Population.legalForms
    private let regionAuthorities = Population.regionAuthorities
    private let otherAuthorities = Population.otherAuthorities
    private let taxiCouncils = Population.taxiCouncils
    private let postcodeLetters = Population.postcodeLetters
    private let sicCodesBySector = Population.sicCodesBySector
    private let places = Population.places
    private let schemes = Population.schemes
    private let measures = Population.measures
    private let yearStartMonths = Population.yearStartMonths
    private let soleTraderStatuses = Population.soleTraderStatuses
    private let companyStatuses = Population.companyStatuses
    private let ruralClasses = Population.ruralClasses
    private let urbanClasses = Population.urbanClasses
    private let premisesBands = Population.premisesBands
    private let homeBands = Population.homeBands
    private let allBands = Population.allBands
    private let fleetFuels = Population.fleetFuels
    private let fleetKinds = Population.fleetKinds
    private let regimes = Population.regimes
    private let largeRegimes = Population.largeRegimes
    private let proposalFuels = Population.proposalFuels
    private let proposalKinds = Population.proposalKinds
    private let orderMinutes = Population.orderMinutes
    private let applicants = Population.applicants
    private let landlordOccupiers = Population.landlordOccupiers
    private let heatingFuels = Population.heatingFuels
    private let heatingSystems = Population.heatingSystems
    private let newSpeeds = Population.newSpeeds
    private let contractWeeks = Population.contractWeeks
    private let names = Population.names
    private let grantNames = Population.grantNames
    private let grantBits = Population.grantBits
    /// The calendar as tables: each day's yyyymmdd from 1900-01-01 on, and each month's first day.
    private let dayOfSerial = Population.dayOfSerial, monthStarts = Population.monthStartSerials
    /// For stress tests of the native baseline (`agree --chaos P`): each fact is, with this
    /// probability, made unknown or "does not apply" whatever it would have been. 0 for registers.
    var chaos = 0.0

    init(seed: UInt64, chaos: Double = 0) {
        self.seed = seed
        self.chaos = chaos
        history.reserveCapacity(16)
    }

    // MARK: Tables

    static let sectors = Weighted<Sector>([
        (.nonEssentialRetail, 12), (.essentialRetail, 5), (.hospitality, 12), (.accommodation, 4), (.leisure, 4),
        (.personalCare, 7), (.gym, 2), (.manufacturing, 7), (.construction, 10), (.transport, 8),
        (.professionalServices, 10), (.digital, 5), (.creative, 3), (.health, 3), (.education, 2), (.agriculture, 2),
        (.fishing, 0.5), (.finance, 1), (.propertyInvestment, 1), (.gambling, 0.5), (.weapons, 0.2), (.other, 3),
    ])
    static let legalForms = Weighted<LegalForm>([
        (.soleTrader, 35), (.limitedCompany, 40), (.partnership, 8), (.limitedLiabilityPartnership, 3),
        (.communityInterestCompany, 3), (.charity, 3), (.cooperative, 1), (.publicBody, 1), (.other, 3),
    ])
    /// Two thirds of the register: the city region, spelled as registers spell it (a few
    /// spellings no matcher places, e.g. "Wirral MBC").
    static let regionAuthorities = Weighted<(spelling: String, areas: [String])>(regionSpellings.map {
        (($0.0, Region.canonical($0.0).flatMap { postcodeAreas[Region.authorities[$0]] } ?? otherPostcodes), $0.1)
    })
    static let regionSpellings: [(String, Double)] = ([
        ("Liverpool", 30), ("Wirral", 18), ("Sefton", 15), ("St Helens", 9), ("Knowsley", 8), ("Halton", 7),
        ("Liverpool City Council", 3), ("LIVERPOOL", 2), ("St. Helens", 2), ("Saint Helens", 1), ("ST HELENS", 1),
        ("Wirral Council", 2), ("Knowsley Metropolitan Borough Council", 1), ("Sefton Council", 1.5),
        ("Halton Borough Council", 1), ("City of Liverpool", 0.5), (" liverpool ", 0.5), ("St Helens Borough Council", 1),
        ("Knowsley Council", 0.5), ("Wirral MBC", 0.5), ("Metropolitan Borough of Sefton", 0.3),
    ])
    static let otherAuthorities = Weighted<(name: String, country: Country, areas: [String])>([
        (("Manchester", .england, ["M1", "M4", "M15"]), 10), (("Warrington", .england, ["WA1", "WA2", "WA5"]), 8),
        (("Cheshire West and Chester", .england, ["CH1", "CH2", "CH65", "CW9"]), 8), (("West Lancashire", .england, ["L39", "L40", "WN8"]), 7),
        (("Wigan", .england, ["WN1", "WN2", "WN5"]), 6), (("Leeds", .england, ["LS1", "LS6"]), 4), (("Birmingham", .england, ["B1", "B5"]), 4),
        (("Cheshire East", .england, ["SK9", "CW1"]), 3), (("Salford", .england, ["M5", "M6"]), 3), (("Flintshire", .wales, ["CH7", "CH5"]), 2),
        (("Cardiff", .wales, ["CF10"]), 1), (("Glasgow City", .scotland, ["G1", "G2"]), 1), (("Belfast", .northernIreland, ["BT1"]), 1),
    ])
    static let taxiCouncils = Weighted<String>([
        ("Liverpool", 40), ("Liverpool City Council", 10), ("LIVERPOOL", 3), ("Sefton", 10), ("Wirral", 8), ("Knowsley", 5),
        ("St Helens", 4), ("Halton", 3), ("Manchester", 5), ("Wolverhampton", 6), ("Wigan", 3),
    ])
    static let postcodeAreas: [String: [String]] = [
        "Liverpool": ["L1", "L3", "L4", "L6", "L8", "L15", "L17", "L18", "L19", "L24", "L25"],
        "Wirral": ["CH41", "CH42", "CH43", "CH44", "CH45", "CH46", "CH47", "CH48", "CH49", "CH60", "CH61", "CH62", "CH63"],
        "Sefton": ["L20", "L21", "L22", "L23", "L30", "L37", "PR8", "PR9"],
        "St Helens": ["WA9", "WA10", "WA11"],
        "Knowsley": ["L28", "L32", "L33", "L34", "L35", "L36"],
        "Halton": ["WA7", "WA8"],
    ]
    static let postcodeLetters = Array("ABDEFGHJLNPQRSTUWXYZ".utf8)
    static let otherPostcodes = ["M1", "M4", "M15", "WA1", "WA5", "CH1", "CH65", "L39", "L40", "WN1", "LS1", "B1", "SK9", "M5", "CH7", "CF10", "G1", "BT1"]
    static let sicCodesBySector: [[String]] = Sector.allCases.map { sicBySector[$0] ?? ["96090"] }
    static let tradesBySector: [[String]] = Sector.allCases.map { trades[$0] ?? ["Services"] }
    static let sicBySector: [Sector: [String]] = [
        .nonEssentialRetail: ["47710", "47190", "47540", "47610", "47789"], .essentialRetail: ["47110", "47730", "47240"],
        .hospitality: ["56101", "56102", "56302", "56210"], .accommodation: ["55100", "55201", "55202", "55209", "55300"],
        .leisure: ["93290", "90040", "59140"], .personalCare: ["96020", "96040"], .gym: ["93130"],
        .manufacturing: ["18129", "25620", "10710", "28990"], .construction: ["43210", "43220", "41202", "43390"],
        .transport: ["49320", "49410", "53202", "52290"], .professionalServices: ["69201", "70229", "71129", "69102"],
        .digital: ["62012", "62020", "63110"], .creative: ["74100", "90030", "59112"], .health: ["86210", "87300", "86900"],
        .education: ["85590", "88910"], .agriculture: ["01110", "01410"], .fishing: ["03110"], .finance: ["64191", "66190"],
        .propertyInvestment: ["68100", "68209"], .gambling: ["92000"], .weapons: ["25400"], .other: ["96090", "82990"],
    ]
    static let places = ["Mersey", "Wirral", "Albert Dock", "Bold Street", "Crosby", "Kirkby", "Halewood", "Formby", "Speke",
                         "Anfield", "Birkenhead", "Southport", "Widnes", "Runcorn", "Prescot", "Huyton", "Bootle", "Garston",
                         "Wavertree", "Aigburth", "Hoylake", "Lark Lane", "Rainhill", "Maghull", "Woolton", "Toxteth"]
    static let trades: [Sector: [String]] = [
        .nonEssentialRetail: ["Books", "Fashions", "Gifts", "Homeware", "Records"], .essentialRetail: ["Grocers", "Pharmacy", "Food Store"],
        .hospitality: ["Tavern", "Kitchen", "Cafe", "Bistro", "Tap"], .accommodation: ["Guest House", "Hotel", "Lodge"],
        .leisure: ["Cinema", "Escape Rooms", "Bowl", "Arts Centre"], .personalCare: ["Barbers", "Beauty", "Nails", "Tattoo"],
        .gym: ["Fitness", "Gym"], .manufacturing: ["Print", "Engineering", "Bakery", "Fabrication"],
        .construction: ["Builders", "Roofing", "Electrical", "Plumbing"], .transport: ["Vans", "Cabs", "Couriers", "Haulage"],
        .professionalServices: ["Accountants", "Consulting", "Surveyors", "Solicitors"], .digital: ["Digital", "Software", "Web"],
        .creative: ["Studio", "Films", "Design"], .health: ["Dental", "Care", "Physio"], .education: ["Tutors", "Nursery"],
        .agriculture: ["Farm", "Growers"], .fishing: ["Fisheries"], .finance: ["Money Transfer", "Finance"],
        .propertyInvestment: ["Properties", "Estates"], .gambling: ["Bookmakers"], .weapons: ["Arms"], .other: ["Services", "Trading"],
    ]
    static let schemes = ["Small Business Grant Fund", "Restart Grant", "Additional Restrictions Grant", "Growth Platform Business Recovery Grant",
                          "Kickstart", "ERDF Business Growth Grant", "Local Restrictions Support Grant", "Digital Productivity Grant"]
    static let measures = ["loft insulation", "cavity wall insulation", "solid wall insulation", "air-source heat pump",
                           "double glazing", "draught-proofing", "heating controls", "LED lighting", "solar thermal"]
    /// The sectors COVID-19 restrictions closed.
    static func closedSector(_ s: Sector) -> Bool {
        switch s {
        case .hospitality, .accommodation, .leisure, .gym, .personalCare, .nonEssentialRetail: true
        default: false
        }
    }
    /// The sectors that mostly sell to other businesses.
    static func b2bSector(_ s: Sector) -> Bool {
        switch s {
        case .manufacturing, .construction, .transport, .professionalServices, .digital, .creative: true
        default: false
        }
    }

    static let yearStartMonths = [1, 4, 4, 4, 7, 10]
    static let initials = ["J.", "M.", "S.", "A.", "K.", "D."]
    static let surnames = ["Smith", "Jones", "O'Neill", "Murphy", "Hughes", "Roberts", "Nguyen", "Okafor", "Doyle", "Patel", "Kaur", "Byrne"]
    static let soleTraderStatuses: [CompanyStatus] = [.insolvent]
    static let companyStatuses: [CompanyStatus] = [.inAdministration, .inLiquidation, .insolvent, .dissolved, .struckOff]
    static let ruralClasses: [RuralUrbanClass] = [.D1, .D2, .E1, .E2, .F1, .F2]
    static let urbanClasses: [RuralUrbanClass] = [.A1, .B1, .C1, .C1, .C2, .C2]
    static let premisesBands: [EPCBand] = [.B, .C, .C, .D, .D, .D, .E, .E, .F, .G]
    static let homeBands: [EPCBand] = [.A, .B, .C, .C, .D, .D, .D, .D, .E, .E, .E, .F, .F, .G]
    static let allBands: [EPCBand] = [.A, .B, .C, .D, .E, .F, .G]
    static let fleetFuels: [Fuel] = [.diesel, .diesel, .diesel, .petrol, .hybrid, .electric, .lpg]
    static let fleetKinds: [VehicleKind] = [.van, .van, .van, .taxi, .car, .minibus, .hgv]
    static let regimes: [Regime] = [.deMinimis, .deMinimis, .covidTemporaryFramework, .covidTemporaryFramework, .specialDrawingRights, .other]
    static let largeRegimes: [Regime] = [.deMinimis, .specialDrawingRights, .minimalFinancialAssistance, .deMinimis]
    static let proposalFuels: [Fuel] = [.electric, .electric, .electric, .electric, .electric, .pluginHybrid, .pluginHybrid, .hybrid, .diesel, .hydrogen]
    static let proposalKinds: [VehicleKind] = [.van, .van, .van, .van, .van, .van, .car, .car, .taxi, .minibus, .hgv]
    static let orderMinutes = [0, 0, 15, 30, 45, 59]
    static let applicants: [Applicant] = [.ownerOccupier, .ownerOccupier, .ownerOccupier, .landlord, .landlord, .landlord, .tenant]
    static let landlordOccupiers: [Occupier] = [.privateTenant, .privateTenant, .privateTenant, .socialTenant, .vacant]
    static let heatingFuels: [HeatingFuel] = [.mainsGas, .mainsGas, .mainsGas, .mainsGas, .electricity, .oil, .oil, .lpg, .solidFuel, .heatPump, .other]
    static let heatingSystems: [HeatingSystem] = [.airSourceHeatPump, .airSourceHeatPump, .airSourceHeatPump, .groundSourceHeatPump, .biomassBoiler, .hybrid]
    static let newSpeeds = [30, 50, 80, 100, 300, 500, 900, 1000, 1000]
    static let contractWeeks = [12, 20, 26, 26, 52, 52, 104]

    // MARK: Helpers

    /// Given with probability `given`, "does not apply" with `na`, else unknown.
    @inline(__always) private mutating func presence(_ given: Double, na: Double = 0) -> Presence {
        if chaos > 0, rng.chance(chaos) { return rng.chance(0.5) ? .unknown : .notApplicable }
        let r = rng.unit()
        return r < given ? .given : r < given + na ? .notApplicable : .unknown
    }
    /// Given when `condition` holds (with probability `given`), else unknown or "does not apply".
    @inline(__always) private mutating func presence(if condition: Bool, _ given: Double, na: Double = 0) -> Presence {
        condition ? presence(given, na: na) : presence(0, na: na)
    }

    private static let firstYear = 1900, lastYear = 2199
    private static let firstSerial = NDay(firstYear, 1, 1).serial
    static let dayOfSerial: [Int32] = (firstSerial...NDay(lastYear, 12, 31).serial).map { NDay(serial: $0).raw }
    static let monthStartSerials: [Int] = (firstYear...lastYear).flatMap { y in (1...12).map { NDay(y, $0, 1).serial - firstSerial } }
    /// A day's position in `dayOfSerial`.
    @inline(__always) private func position(_ d: NDay) -> Int { monthStarts[(d.year - Population.firstYear) * 12 + d.month - 1] + d.day - 1 }
    @inline(__always) private func day(at position: Int) -> NDay { NDay(raw: dayOfSerial[position]) }
    /// `n` days after `d`.
    @inline(__always) private func plus(_ d: NDay, _ n: Int) -> NDay { day(at: position(d) + n) }
    private mutating func day(_ from: NDay, _ to: NDay) -> NDay {
        let a = position(from)
        return day(at: rng.int(a...max(a, position(to))))
    }
    private mutating func day(_ fromYear: Int, _ toYear: Int) -> NDay { day(NDay(fromYear, 1, 1), NDay(toYear, 12, 31)) }
    /// Whole pounds mostly; a third with pence.
    private mutating func pence(_ poundsFrom: Double, _ poundsTo: Double) -> Int {
        let pounds = Int(rng.logUniform(poundsFrom, poundsTo))
        return pounds * 100 + (rng.chance(0.3) ? rng.int(0...99) : 0)
    }
    /// A decimal with one decimal place (two, now and then).
    private mutating func decimal(_ x: Double) -> Double {
        rng.chance(0.2) ? (x * 100).rounded() / 100 : (x * 10).rounded() / 10
    }

    // MARK: A business

    /// Business `index` (1-based): its facts, emitted in vocabulary order. Every business makes
    /// the same sequence of calls (a fact not given is still emitted, as unknown), so CSV columns
    /// line up; its random numbers come from (seed, index) alone.
    mutating func emit<S: RegisterSink>(index: Int, into s: inout S) {
        rng = SplitMix64(state: seed &+ UInt64(index) &* 0xD1B54A32D192ED03)
        let sector = sectors.pick(&rng)
        let closedSector = Self.closedSector(sector)
        let legal = sector == .personalCare || sector == .construction ? (rng.chance(0.6) ? LegalForm.soleTrader : legalForms.pick(&rng))
            : legalForms.pick(&rng)
        let soleTrader = legal == .soleTrader || legal == .partnership
        let taxi = sector == .transport && rng.chance(0.35)
        let young = rng.chance(0.22)
        let start = young ? day(NDay(2019, 1, 1), NDay(2022, 5, 31)) : day(1975, 2018)
        let inRegion = rng.chance(2.0 / 3.0)
        let rural = rng.chance(inRegion ? 0.1 : 0.25)

        // What the business wants: drawn first, because a business applying gives fuller facts.
        var wants = Wants()
        wants.proposal = rng.chance(0.82)
        wants.vehicle = want(sector == .transport || sector == .construction ? 0.45 : 0.22, na: 0.55)
        wants.retrofit = want(0.25, na: 0.5)
        wants.heating = want(wants.retrofit == .given ? 0.6 : 0.03, na: 0.45)
        wants.connectivity = want(rural ? 0.45 : 0.12, na: 0.45)
        wants.chargePoints = want(0.18, na: 0.5)
        wants.hire = want(0.3, na: 0.5)
        wants.capitalProject = want(Self.b2bSector(sector) ? 0.35 : 0.05, na: 0.5)
        wants.recovery = want(0.15, na: 0.45)
        wants.loan = want(young ? 0.55 : 0.06, na: 0.5)

        s.code("id", .given, "LCR-", index)
        s.text("name", presence(0.98), name(sector, legal))
        s.choice("legalForm", presence(0.97), legal)
        companyStatus(start, soleTrader: soleTrader)
        s.dated("companyStatus", presence(0.9), history, list: false)
        let codes = sicCodesBySector[sector.ordinal]
        let sicCount = rng.chance(0.03) ? 0 : rng.chance(0.75) ? 1 : 2
        s.texts("sicCodes", presence(0.85), sicCount, rng.pick(codes), rng.pick(codes), "")
        s.choice("sector", presence(0.95), sector)
        s.yesNo("businessToBusiness", presence(0.8), rng.chance(Self.b2bSector(sector) ? 0.75 : 0.12))
        s.yesNo("inPersonServices", presence(0.8), rng.chance(closedSector ? 0.88 : 0.3))
        let employees: Int
        if soleTrader {
            employees = rng.chance(0.7) ? 1 : rng.int(2...4)
        } else {
            switch rng.unit() {
            case ..<0.02: employees = 0
            case ..<0.72: employees = rng.int(1...9)
            case ..<0.92: employees = rng.int(10...49)
            case ..<0.985: employees = rng.int(50...249)
            default: employees = rng.int(250...1500)
            }
        }
        s.whole("employees", presence(0.95), employees)
        let turnover = Int(Double(max(employees, 1)) * rng.logUniform(25_000, 160_000)) * 100 + (rng.chance(0.3) ? rng.int(0...99) : 0)
        s.money("turnover", presence(0.9), turnover)
        s.money("balanceSheetTotal", presence(0.8), Int(Double(turnover) * (0.1 + rng.unit() * 0.8)) / 100 * 100)
        s.day("tradingStartDate", presence(0.95), start)
        let stopped = rng.chance(0.04)
        s.day("stoppedTrading", presence(if: stopped, 0.95, na: stopped ? 0 : 0.72),
              day(plus(max(start, NDay(2019, 6, 1)), 30), NDay(2022, 12, 31)))
        s.day("financialYearStart", presence(0.5), NDay(rng.int(2020...2022), rng.pick(yearStartMonths), 1))
        s.whole("yearsOfAccounts", presence(0.75), max(0, min(2022 - start.year, 20) - rng.int(0...2)))
        s.flags("grantsReceived", presence(0.75), grants(closedSector), grantNames)
        s.text("taxiLicensingAuthority", presence(if: taxi, 0.95, na: taxi ? 0 : 0.55), taxiCouncils.pick(&rng))

        address(inRegion: inRegion, rural: rural, &s)
        premises(sector, soleTrader: soleTrader, start: start, rural: rural, wants: wants, &s)
        fleet(sector, &s)
        s.begin("connectivity", presence(0.8))
        s.decimal("downloadMbps", presence(0.9), decimal(rural ? rng.logUniform(2, 90) : rng.logUniform(8, 1000)))
        s.yesNo("gigabitBuildPlanned", presence(0.75), rng.chance(rural ? 0.2 : 0.6))
        s.end()
        s.begin("workforce", presence(0.65))
        let youngStaff = rng.int(0...max(0, employees / 3)), olderStaff = rng.int(0...max(0, (employees - youngStaff) / 3))
        s.whole("age16To24", .given, youngStaff)
        s.whole("age25To49", .given, max(0, employees - youngStaff - olderStaff))
        s.whole("age50Plus", .given, olderStaff)
        s.yesNo("paysRealLivingWage", presence(0.8), rng.chance(0.4))
        s.end()
        covid(sector, start: start, soleTrader: soleTrader, &s)
        let applying = wants.loan == .given || taxi
        s.begin("owner", presence(applying ? 0.97 : soleTrader ? 0.85 : 0.6))
        let full = applying ? 0.97 : 0.75
        s.whole("age", presence(full), rng.chance(0.01) ? rng.int(16...17) : rng.int(18...76))
        s.yesNo("livesInRegion", presence(full), rng.chance(inRegion ? 0.92 : 0.15))
        s.yesNo("previouslyUnemployed", presence(0.5), rng.chance(0.15))
        s.yesNo("ukResident", presence(full), rng.chance(0.95))
        s.yesNo("financeElsewhere", presence(applying ? 0.95 : 0.6), rng.chance(applying ? 0.25 : 0.5))
        s.end()
        subsidies(&s)
        proposal(wants, &s)
    }

    struct Wants {
        var proposal = false
        var vehicle = Presence.unknown, retrofit = Presence.unknown, heating = Presence.unknown, connectivity = Presence.unknown,
            chargePoints = Presence.unknown, hire = Presence.unknown, capitalProject = Presence.unknown,
            recovery = Presence.unknown, loan = Presence.unknown
    }

    /// Whether the business wants a proposal part (with probability `given`); if not, "does not
    /// apply" with probability `na`, else not said.
    private mutating func want(_ given: Double, na: Double) -> Presence {
        if rng.chance(given) { return .given }
        return rng.chance(na) ? .notApplicable : .unknown
    }

    private mutating func name(_ sector: Sector, _ legal: LegalForm) -> String {
        rng.pick(names[sector.ordinal * LegalForm.allCases.count + Self.legalIndex(legal)])
    }

    static func legalIndex(_ l: LegalForm) -> Int {
        switch l {
        case .soleTrader: 0
        case .partnership: 1
        case .limitedCompany: 2
        case .limitedLiabilityPartnership: 3
        case .communityInterestCompany: 4
        case .charity: 5
        case .cooperative: 6
        case .publicBody: 7
        case .other: 8
        }
    }

    /// Trading names by sector and legal form, made once: "Mersey Print Ltd", "J. O'Neill Plumbing",
    /// "Smith, Kaur & Co", "The \"Anfield\" Services" (quotes and commas for the writers to escape).
    static let names: [[String]] = {
        var table = [[String]]()
        for sector in Sector.allCases {
            let trades = tradesBySector[sector.ordinal]
            for legal in LegalForm.allCases {
                var list = [String]()
                for place in places {
                    for trade in trades {
                        switch legal {
                        case .soleTrader: list.append(initials[list.count % initials.count] + " " + surnames[(list.count / 3) % surnames.count] + " " + trade)
                        case .partnership: list.append(list.count % 3 == 0 ? surnames[list.count % surnames.count] + ", " + surnames[(list.count / 5) % surnames.count] + " & Co" : place + " " + trade + " & Sons")
                        case .limitedLiabilityPartnership: list.append(place + " " + trade + " LLP")
                        case .communityInterestCompany: list.append(place + " " + trade + " CIC")
                        case .charity: list.append(place + " " + trade + " Trust")
                        case .cooperative: list.append(place + " " + trade + " Co-operative")
                        case .publicBody: list.append(place + " Council " + trade)
                        case .other: list.append(list.count % 5 == 0 ? "The \"" + place + "\" " + trade : place + " " + trade)
                        case .limitedCompany: list.append(list.count % 10 == 0 ? place + " Café " + trade + " Ltd" : place + " " + trade + " Ltd")
                        }
                    }
                }
                table.append(list)
            }
        }
        return table
    }()
    static let grantNames = Grant.allCases.map(\.rawValue)
    static let reliefNames = RateRelief.allCases.map(\.rawValue)

    /// The legal status into `history`: active from the start (or throughout), now and then a
    /// later insolvency.
    private mutating func companyStatus(_ start: NDay, soleTrader: Bool) {
        history.removeAll(keepingCapacity: true)
        let statuses = soleTrader ? soleTraderStatuses : companyStatuses
        let r = rng.unit()
        if r < 0.9 {
            // Recorded from the day the business began (so unknown before it), or as one value.
            history.append((start > NDay(2020, 1, 1) && rng.chance(0.5) ? start : nil, .text("active")))
            return
        }
        if r < 0.93 { history.append((nil, .text(rng.pick(statuses).rawValue))); return }
        let first = max(start, NDay(2010, 1, 1))
        var at = day(plus(max(start, NDay(2019, 6, 1)), 60), NDay(2022, 9, 30))
        if at <= first { at = plus(first, 30) }
        let status = rng.pick(statuses)
        history.append((first, .text("active")))
        history.append((at, .text(status.rawValue)))
        if status == .inAdministration && rng.chance(0.5) {
            history.append((plus(at, rng.int(60...400)), .text(rng.chance(0.5) ? "inLiquidation" : "active")))
        }
    }

    /// The grants received, as bits of `Grant.allCases`.
    private mutating func grants(_ closedSector: Bool) -> UInt32 {
        var out: UInt32 = 0
        if closedSector {
            if rng.chance(0.5) { out |= rng.chance(0.6) ? grantBits[1] : grantBits[0] }
            if rng.chance(0.35) { out |= grantBits[3] }
            if rng.chance(0.2) { out |= grantBits[4] }
            if rng.chance(0.25) { out |= grantBits[5] }
            if rng.chance(0.15) { out |= grantBits[6] }
            if rng.chance(0.1) { out |= grantBits[8] }
        } else if rng.chance(0.3) {
            if rng.chance(0.4) { out |= grantBits[0] }
            if rng.chance(0.3) { out |= grantBits[2] }
            if rng.chance(0.2) { out |= grantBits[6] }
            if rng.chance(0.15) { out |= grantBits[11] }
            if rng.chance(0.1) { out |= grantBits[9] }
            if rng.chance(0.05) { out |= grantBits[10] }
        }
        return out
    }
    /// Bit k stands for Grant.allCases[k] (smallBusinessGrantFund, retailHospitalityLeisureGrantFund,
    /// discretionaryGrantsFund, lrsgClosed, lrsgOpen, closedBusinessesLockdownPayment,
    /// additionalRestrictionsGrant, restartGrant, lcrHospitalityLeisureRetail, lcrLocalBusinessSupport,
    /// taxiDriversGrant, councilGrantSinceOctober2020).
    static let grantBits: [UInt32] = (0..<12).map { 1 << UInt32($0) }

    private mutating func address<S: RegisterSink>(inRegion: Bool, rural: Bool, _ s: inout S) {
        s.begin("address", presence(0.97))
        let authority: String, country: Country, areas: [String]
        if inRegion {
            (authority, areas) = regionAuthorities.pick(&rng)
            country = .england
        } else {
            (authority, country, areas) = otherAuthorities.pick(&rng)
        }
        s.postcode("postcode", presence(0.8), rng.pick(areas), rng.int(1...9), rng.pick(postcodeLetters), rng.pick(postcodeLetters))
        s.text("localAuthority", presence(0.96), authority)
        s.choice("country", presence(0.9), country)
        s.whole("deprivationDecile", presence(0.85), inRegion && rng.chance(0.5) ? rng.int(1...3) : rng.int(1...10))
        s.whole("incomeDeprivationDecile", presence(0.7), inRegion && rng.chance(0.5) ? rng.int(1...3) : rng.int(1...10))
        s.choice("deprivationIndex", presence(0.8), rng.chance(0.85) ? DeprivationIndex.IoD2019 : .IoD2025)
        s.choice("ruralUrban", presence(0.8), rural ? RuralUrban.rural : .urban)
        s.choice("ruralUrbanClass", presence(rural ? 0.85 : 0.7), rng.pick(rural ? ruralClasses : urbanClasses))
        s.end()
    }

    private mutating func premises<S: RegisterSink>(_ sector: Sector, soleTrader: Bool, start: NDay, rural: Bool, wants: Wants, _ s: inout S) {
        s.begin("premises", presence(0.92))
        let homeBased = soleTrader && !Self.closedSector(sector) && rng.chance(0.45)
        let tenure: Tenure = homeBased ? .homeBased : rng.chance(0.3) ? .owned : .leased
        s.choice("tenure", presence(0.92), tenure)
        let use: PremisesUse
        switch sector {
        case _ where homeBased: use = .home
        case .nonEssentialRetail, .essentialRetail: use = rng.chance(0.12) ? .marketStall : .shop
        case .hospitality, .accommodation: use = .hospitalityVenue
        case .leisure, .gym: use = .leisureVenue
        case .personalCare: use = .shop
        case .manufacturing, .construction: use = .industrial
        case .transport: use = rng.chance(0.1) ? .carPark : .industrial
        case .agriculture, .fishing: use = rng.chance(0.2) ? .personalUse : .other
        default: use = rng.chance(0.85) ? .office : .other
        }
        s.choice("use", presence(0.9), use)
        s.code("propertyReference", presence(0.45), "000", rng.int(10_000_000_000...99_999_999_999))
        let ratepayer = !(homeBased || use == .marketStall || use == .home) ? rng.chance(0.88) : rng.chance(0.1)
        s.yesNo("paysBusinessRates", presence(0.9), ratepayer)
        let value = rng.chance(0.7) ? pence(1_500, 15_000) / 100 * 100 : pence(15_000, 160_000) / 100 * 100
        let movedIn = max(start, NDay(2017, 4, 1))
        // A rateable value: one value, held from when the business moved in, or changed since;
        // "does not apply" mostly for premises outside business rates.
        history.removeAll(keepingCapacity: true)
        switch rng.unit() {
        case _ where !ratepayer: history.append((nil, .money(value)))
        case ..<0.6: history.append((nil, .money(value)))
        case ..<0.85: history.append((movedIn, .money(value)))
        default:
            let change = day(plus(movedIn, 30), NDay(2022, 3, 31))
            let later = max(100_000, value + (rng.chance(0.5) ? -1 : 1) * Int(Double(value) * rng.unit() * 0.4) / 100 * 100)
            history.append((movedIn, .money(value)))
            history.append((change, .money(later)))
        }
        s.dated("rateableValue", ratepayer ? presence(0.9) : presence(0.15, na: 0.6), history, list: false)
        // Reliefs as bits of RateRelief.allCases: smallBusiness 1, rural 2, expandedRetail 4.
        var reliefs: UInt8 = 0
        if value <= 1_500_000 && rng.chance(0.85) { reliefs |= 1 }
        if rural && rng.chance(0.4) { reliefs |= 2 }
        let retail = Self.closedSector(sector) && rng.chance(0.9)
        if retail { reliefs |= 4 }
        // The Expanded Retail Discount shown from April 2019, now and then, as a change.
        history.removeAll(keepingCapacity: true)
        if retail && rng.chance(0.3) {
            history.append((movedIn, .reliefs(reliefs & ~4)))
            history.append((max(plus(movedIn, 1), NDay(2019, 4, 1)), .reliefs(reliefs)))
        } else {
            history.append((nil, .reliefs(reliefs)))
        }
        s.dated("rateReliefs", ratepayer ? presence(0.6) : presence(0, na: 0.4), history, list: true)
        s.yesNo("fixedPropertyCosts", presence(0.8), rng.chance(homeBased ? 0.3 : 0.9))
        s.money("annualRentOrMortgage", presence(0.55), pence(2_000, 70_000) / 100 * 100)
        let charging = wants.chargePoints == .given
        s.yesNo("offStreetParking", presence(charging ? 0.97 : 0.75), rng.chance(charging ? 0.85 : use == .industrial ? 0.7 : 0.35))
        let permission: Presence
        switch tenure {
        case .leased: permission = presence(charging ? 0.85 : 0.5)
        case .owned: permission = presence(0, na: 0.4)
        case .homeBased: permission = presence(0, na: 0.3)
        }
        s.yesNo("landlordPermission", permission, rng.chance(0.65))
        s.choice("epcBand", presence(0.7), rng.pick(premisesBands))
        s.end()
    }

    private mutating func fleet<S: RegisterSink>(_ sector: Sector, _ s: inout S) {
        let present = presence(0.85)
        let count = rng.chance(sector == .transport ? 0.8 : 0.3) ? rng.int(1...3) : 0
        s.beginList("fleet", present, count: count)
        for i in 0..<RegisterShape.maxFleet {
            s.beginItem(i)
            let fuel = rng.pick(fleetFuels)
            s.choice("kind", presence(0.98), rng.pick(fleetKinds))
            s.choice("fuel", presence(0.97), fuel)
            s.whole("euroStandard", presence(0.7), rng.int(3...6))
            s.whole("co2GramsPerKm", presence(0.6), fuel == .electric ? 0 : rng.int(90...260))
            s.whole("zeroEmissionRangeMiles", presence(0.4), fuel == .electric ? rng.int(80...250) : 0)
            s.whole("grossWeightKg", presence(0.5), rng.int(1500...7500))
            s.day("firstRegistered", presence(0.8), day(2005, 2022))
            s.endItem()
        }
        s.endList()
    }

    /// COVID-19: when restrictions required the premises to close, by sector, through the first
    /// lockdown, the November lockdown, the December tiers (wet-led pubs and some venues stayed
    /// closed) and the third lockdown (shops and personal care reopened 12 April 2021,
    /// hospitality and leisure 17 May).
    private mutating func covid<S: RegisterSink>(_ sector: Sector, start: NDay, soleTrader: Bool, _ s: inout S) {
        s.begin("covid", presence(0.85))
        let closedSector = Self.closedSector(sector)
        s.decimal("turnoverDropPercent", presence(0.75), decimal(closedSector ? 25 + rng.unit() * 70 : rng.unit() * 65))
        s.yesNo("closedByRestrictions", presence(0.75), rng.chance(closedSector ? 0.85 : 0.1))
        history.removeAll(keepingCapacity: true)
        if !closedSector || rng.chance(0.08) {
            history.append((rng.chance(0.8) ? nil : max(start, NDay(2020, 1, 1)), .yesNo(false)))
        } else if rng.chance(0.1) {
            history.append((nil, .yesNo(true)))
        } else {
            let hospitality = sector == .hospitality || sector == .leisure || sector == .accommodation
            let tierClosed = (sector == .hospitality && rng.chance(0.4)) || (sector == .leisure && rng.chance(0.3))
            let voluntary = rng.chance(0.12)   // stayed open for takeaway or click-and-collect in the third lockdown
            if start > NDay(2020, 1, 1) { history.append((start, .yesNo(false))) }
            for k in 0..<7 {
                let from: NDay, closed: Bool
                switch k {
                case 0: from = NDay(2020, 1, 1); closed = false
                case 1: from = NDay(2020, 3, 23); closed = true
                case 2: from = hospitality || sector == .personalCare ? NDay(2020, 7, 4) : NDay(2020, 6, 15); closed = false
                case 3: from = NDay(2020, 11, 5); closed = true
                case 4: from = NDay(2020, 12, 2); closed = tierClosed
                case 5: from = NDay(2021, 1, 5); closed = !voluntary
                default: from = hospitality ? NDay(2021, 5, 17) : NDay(2021, 4, 12); closed = false
                }
                if start <= NDay(2020, 1, 1) || from > start { history.append((from, .yesNo(closed))) }
            }
        }
        s.dated("requiredToClose", presence(0.8), history, list: false)
        s.yesNo("impacted", presence(0.75), rng.chance(closedSector ? 0.9 : 0.55))
        s.yesNo("hospitalityLeisureSupplyChain", presence(0.5), rng.chance(0.12))
        s.yesNo("servesRetailHospitalityLeisure", presence(0.45), rng.chance(soleTrader ? 0.25 : 0.08))
        s.end()
    }

    private mutating func subsidies<S: RegisterSink>(_ s: inout S) {
        let present = presence(0.82)
        let count = rng.chance(0.45) ? rng.int(1...3) : 0
        let large = rng.chance(0.09)
        s.beginList("subsidies", present, count: count)
        for i in 0..<RegisterShape.maxSubsidies {
            s.beginItem(i)
            let currency = rng.chance(0.8) ? Currency.GBP : rng.chance(0.75) ? .EUR : .SDR
            let amount = large && i == 0 ? rng.logUniform(200_000, 420_000) : rng.logUniform(300, 60_000)
            s.decimal("amount", .given, rng.chance(0.5) ? amount.rounded() : (amount * 100).rounded() / 100)
            s.choice("currency", .given, currency)
            s.choice("regime", presence(0.85), rng.pick(large && i == 0 ? largeRegimes : regimes))
            s.day("date", .given, day(NDay(2018, 4, 1), NDay(2022, 5, 31)))
            s.text("scheme", .given, rng.pick(schemes))
            s.endItem()
        }
        s.endList()
    }

    private mutating func proposal<S: RegisterSink>(_ w: Wants, _ s: inout S) {
        s.begin("proposal", chaos > 0 && rng.chance(chaos) ? .notApplicable : w.proposal ? .given : .unknown)

        s.begin("vehicle", part(w.vehicle))
        let fuel = rng.pick(proposalFuels)
        s.choice("kind", presence(0.95), rng.pick(proposalKinds))
        s.choice("fuel", presence(0.95), fuel)
        s.yesNo("new", presence(0.92), rng.chance(0.85))
        s.money("priceExVat", presence(0.93), pence(16_000, 75_000))
        let co2: Int, range: Int
        switch fuel {
        case .electric, .hydrogen: co2 = 0; range = rng.chance(0.08) ? rng.int(35...59) : rng.int(60...260)
        case .pluginHybrid: co2 = rng.int(20...80); range = rng.int(8...45)
        case .hybrid: co2 = rng.int(85...140); range = rng.int(0...2)
        default: co2 = rng.int(150...250); range = 0
        }
        s.whole("co2GramsPerKm", presence(0.92), co2)
        s.whole("zeroEmissionRangeMiles", presence(0.92), range)
        s.whole("grossWeightKg", presence(0.92), rng.chance(0.8) ? rng.int(1800...3500) : rng.int(3501...4400))
        // Some orders fall in the 28 days before a grant cut (the old terms then apply).
        let ordered: NDay
        switch rng.unit() {
        case ..<0.12: ordered = day(NDay(2021, 2, 18), NDay(2021, 3, 18))
        case ..<0.24: ordered = day(NDay(2021, 11, 17), NDay(2021, 12, 15))
        default: ordered = day(NDay(2020, 10, 1), NDay(2022, 5, 31))
        }
        s.minute("orderedAt", presence(0.7), NMinute(ordered, rng.int(6...19), rng.pick(orderMinutes)))
        s.yesNo("replacesVehicle", presence(0.8), rng.chance(0.5))
        s.end()

        s.begin("retrofit", part(w.retrofit))
        let applicant = rng.pick(applicants)
        let occupier: Occupier
        switch applicant {
        case .ownerOccupier: occupier = rng.chance(0.92) ? .ownerOccupier : .vacant
        case .landlord: occupier = rng.pick(landlordOccupiers)
        case .tenant: occupier = .privateTenant
        }
        let band = rng.pick(homeBands)
        let cost = pence(2_000, 30_000)
        let primary = rng.chance(0.12) ? 0 : cost * rng.int(30...90) / 100
        s.texts("measures", presence(0.8), rng.int(1...3), rng.pick(measures), rng.pick(measures), rng.pick(measures))
        s.money("costExVat", presence(0.9), cost)
        s.money("primaryMeasuresCost", presence(0.85), primary)
        s.money("secondaryMeasuresCost", presence(0.8), cost - primary)
        s.choice("expectedEpcBand", presence(0.8), allBands[max(0, band.order - 1 - rng.int(0...3))])
        s.choice("building", presence(0.92), rng.chance(0.72) ? Building.home : .nonDomestic)
        s.choice("applicant", presence(0.92), applicant)
        s.choice("occupier", presence(0.88), occupier)
        s.choice("epcBand", presence(0.85), band)
        s.choice("heatingFuel", presence(0.85), rng.pick(heatingFuels))
        s.yesNo("insulationRecommendationsOutstanding", presence(0.8), rng.chance(0.3))
        s.money("householdIncome", presence(0.7), pence(10_000, 65_000) / 100 * 100)
        s.money("incomeAfterHousingCosts", presence(0.5), pence(6_000, 45_000) / 100 * 100)
        s.yesNo("meansTestedBenefits", presence(0.65), rng.chance(0.25))
        s.whole("incomeDeprivationDecile", presence(0.5), rng.int(1...10))
        s.choice("deprivationIndex", presence(0.5), rng.chance(0.8) ? DeprivationIndex.IoD2019 : .IoD2025)
        s.end()

        s.begin("heating", part(w.heating))
        s.choice("system", presence(0.93), rng.pick(heatingSystems))
        s.decimal("capacityKwth", presence(0.9), decimal(rng.chance(0.85) ? 4 + rng.unit() * 36 : 40 + rng.unit() * 30))
        s.day("installed", presence(0.85), day(NDay(2021, 6, 1), NDay(2023, 12, 31)))
        s.end()

        s.begin("connectivity", part(w.connectivity))
        s.money("costExVat", presence(0.92), pence(300, 9_000))
        s.decimal("newDownloadMbps", presence(0.9), Double(rng.pick(newSpeeds)))
        s.yesNo("groupProject", presence(0.85), rng.chance(0.65))
        s.day("registered", presence(0.75), day(NDay(2021, 6, 1), NDay(2023, 6, 30)))
        s.end()

        s.begin("chargePoints", part(w.chargePoints))
        let sockets = rng.chance(0.05) ? 0 : rng.chance(0.85) ? rng.int(1...6) : rng.int(7...60)
        let exVat = max(sockets, 1) * pence(500, 1_600)
        s.whole("sockets", presence(0.93), sockets)
        s.money("costExVat", presence(0.85), exVat)
        s.money("costIncVat", presence(0.9), exVat * 6 / 5)
        s.end()

        s.begin("hire", part(w.hire))
        let youngPerson = rng.chance(0.55)
        s.whole("age", presence(0.92), youngPerson ? rng.int(16...24) : rng.int(25...60))
        s.whole("hoursPerWeek", presence(0.9), rng.chance(0.75) ? rng.int(25...40) : rng.int(8...24))
        s.day("startDate", presence(0.9), day(NDay(2020, 6, 1), NDay(2022, 6, 30)))
        s.money("hourlyWage", presence(0.7), rng.int(450...1400))
        s.whole("contractWeeks", presence(0.88), rng.pick(contractWeeks))
        s.yesNo("newJob", presence(0.85), rng.chance(0.8))
        s.yesNo("universalCredit", presence(0.8), rng.chance(youngPerson ? 0.6 : 0.25))
        s.yesNo("apprentice", presence(0.85), rng.chance(0.35))
        s.yesNo("employedInLastSixMonths", presence(0.8), rng.chance(0.15))
        s.end()

        s.begin("capitalProject", part(w.capitalProject))
        let projectCost = pence(20_000, 900_000) / 100 * 100
        s.money("cost", presence(0.92), projectCost)
        s.money("grantRequested", presence(0.9),
                rng.chance(0.6) ? projectCost * rng.int(10...25) / 100 / 100 * 100 : pence(5_000, 120_000) / 100 * 100)
        s.end()

        s.begin("recovery", part(w.recovery))
        s.money("grantRequested", presence(0.9), rng.int(10...30) * 10_000)
        s.yesNo("businessAsUsual", presence(0.85), rng.chance(0.2))
        s.yesNo("alreadyStarted", presence(0.85), rng.chance(0.15))
        s.end()

        s.begin("loan", part(w.loan))
        let loan = rng.chance(0.9) ? rng.int(5...250) * 10_000 : rng.chance(0.5) ? rng.int(1...4) * 10_000 : rng.int(26...40) * 100_000
        s.money("amount", presence(0.92), loan)
        s.yesNo("secondLoan", presence(0.7), rng.chance(0.1))
        s.end()

        s.end()
    }

    /// A proposal part as wanted (chaos may override it).
    private mutating func part(_ wanted: Presence) -> Presence {
        if chaos > 0, rng.chance(chaos) { return rng.chance(0.5) ? .unknown : .notApplicable }
        return wanted
    }

    /// Business `index` as one JSON line (without the newline).
    mutating func jsonLine(index: Int) -> [UInt8] {
        var sink = JSONSink(ByteWriter(capacity: 4096))
        sink.w.byte(0x7B)
        emit(index: index, into: &sink)
        sink.w.byte(0x7D)
        let bytes = sink.w.bytes
        sink.w.release()
        return bytes
    }
}

// MARK: - Writing a register

/// The register's fixed shape: how many fleet vehicles and subsidies a CSV row has columns for
/// (the generator makes at most this many).
enum RegisterShape {
    static let maxFleet = 3, maxSubsidies = 3
}

/// What a business is emitted into: JSON (a business file's JSON, one line) or CSV (`eligible
/// batch`'s column layout, Sources/Eligibility/Batch/CSVBusiness.swift).
protocol RegisterSink {
    mutating func text(_ name: StaticString, _ p: Presence, _ v: String)
    mutating func choice<C: Choice>(_ name: StaticString, _ p: Presence, _ v: C)
    mutating func whole(_ name: StaticString, _ p: Presence, _ v: Int)
    mutating func money(_ name: StaticString, _ p: Presence, _ pence: Int)
    mutating func decimal(_ name: StaticString, _ p: Presence, _ v: Double)
    mutating func yesNo(_ name: StaticString, _ p: Presence, _ v: Bool)
    mutating func day(_ name: StaticString, _ p: Presence, _ v: NDay)
    mutating func minute(_ name: StaticString, _ p: Presence, _ v: NMinute)
    /// A list of text: the first `count` of a, b, c (none: an empty list).
    mutating func texts(_ name: StaticString, _ p: Presence, _ count: Int, _ a: String, _ b: String, _ c: String)
    /// A list of the `names` whose bits are set.
    mutating func flags(_ name: StaticString, _ p: Presence, _ bits: UInt32, _ names: [String])
    /// `prefix` then the number ("LCR-123").
    mutating func code(_ name: StaticString, _ p: Presence, _ prefix: StaticString, _ n: Int)
    /// A postcode: the district, a space, the sector digit and two letters ("CH41 5LH").
    mutating func postcode(_ name: StaticString, _ p: Presence, _ district: String, _ digit: Int, _ l1: UInt8, _ l2: UInt8)
    /// A dated fact: a history of entries (from nil: from the beginning; value nil: "does not
    /// apply"); `list` when its value is a list.
    mutating func dated(_ name: StaticString, _ p: Presence, _ entries: [(from: NDay?, value: ScalarOut?)], list: Bool)
    /// A record's facts follow, up to `end()`.
    mutating func begin(_ name: StaticString, _ p: Presence)
    mutating func end()
    /// A list of `count` records: `beginItem(i)` ... `endItem()` for every slot up to the shape's
    /// maximum (slots from `count` on are not written), then `endList()`.
    mutating func beginList(_ name: StaticString, _ p: Presence, count: Int)
    mutating func beginItem(_ index: Int)
    mutating func endItem()
    mutating func endList()
}

/// A value of a dated fact's entry.
enum ScalarOut {
    case text(String)
    case money(Int)
    case yesNo(Bool)
    /// Rate reliefs as bits of RateRelief.allCases.
    case reliefs(UInt8)
}

/// A growable byte buffer written through a raw pointer (no per-byte checks beyond capacity).
/// A value type holding a pointer: keep one live copy, and `release()` it once.
struct ByteWriter {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }
    func release() { base.deallocate() }
    mutating func removeAll() { count = 0 }
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    @inline(__always) mutating func reserve(_ n: Int) { if count + n > capacity { grow(count + n) } }
    private mutating func grow(_ needed: Int) {
        let newCapacity = max(capacity * 2, needed)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }
    @inline(__always) mutating func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }
    @inline(__always) mutating func bytes(_ p: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        if n <= 32 {
            for i in 0..<n { base[count + i] = p[i] }
        } else {
            (base + count).update(from: p, count: n)
        }
        count += n
    }
    @inline(__always) mutating func raw(_ s: StaticString) { bytes(s.utf8Start, s.utf8CodeUnitCount) }
    /// `,"name":` (the comma when `comma`).
    @inline(__always) mutating func key(_ name: StaticString, comma: Bool) {
        let n = name.utf8CodeUnitCount, p = name.utf8Start
        reserve(n + 4)
        var at = count
        if comma { base[at] = 0x2C; at += 1 }
        base[at] = 0x22
        at += 1
        for i in 0..<n { base[at + i] = p[i] }
        at += n
        base[at] = 0x22
        base[at + 1] = 0x3A
        count = at + 2
    }
    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { if let p = $0.baseAddress { bytes(p, $0.count) } }
    }
    mutating func int(_ n: Int) {
        if n < 0 { byte(0x2D); int(-n); return }
        reserve(20)
        var v = UInt(n)
        var digits: Int
        switch v {
        case ..<10: digits = 1
        case ..<100: digits = 2
        case ..<1000: digits = 3
        case ..<10000: digits = 4
        case ..<100000: digits = 5
        case ..<1000000: digits = 6
        case ..<10000000: digits = 7
        case ..<100000000: digits = 8
        default:
            digits = 9
            var probe = v / 1_000_000_000
            while probe > 0 { probe /= 10; digits += 1 }
        }
        // Two digits at a time, from a table of "00" to "99".
        let pairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
        let p = pairs.utf8Start
        var at = count &+ digits
        while v >= 100 {
            let q = v / 100
            let r = Int(truncatingIfNeeded: v &- q &* 100) &* 2
            at &-= 2
            base[at] = p[r]
            base[at &+ 1] = p[r &+ 1]
            v = q
        }
        if v >= 10 {
            let r = Int(truncatingIfNeeded: v) &* 2
            base[at &- 2] = p[r]
            base[at &- 1] = p[r &+ 1]
        } else {
            base[at &- 1] = UInt8(truncatingIfNeeded: v) &+ 0x30
        }
        count &+= digits
    }
    /// Whole pounds with a comma between thousands.
    mutating func grouped(_ n: Int) {
        if n < 1000 { int(n); return }
        grouped(n / 1000)
        byte(0x2C)
        let g = n % 1000
        byte(UInt8(g / 100) + 0x30); byte(UInt8(g / 10 % 10) + 0x30); byte(UInt8(g % 10) + 0x30)
    }
    mutating func day(_ d: NDay) {
        reserve(10)
        let v = Int(d.raw), century = v / 1_000_000, year = v / 10000 % 100, month = v / 100 % 100, day = v % 100
        let pairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
        let p = pairs.utf8Start
        base[count] = p[century &* 2]; base[count &+ 1] = p[century &* 2 &+ 1]
        base[count &+ 2] = p[year &* 2]; base[count &+ 3] = p[year &* 2 &+ 1]
        base[count &+ 4] = 0x2D
        base[count &+ 5] = p[month &* 2]; base[count &+ 6] = p[month &* 2 &+ 1]
        base[count &+ 7] = 0x2D
        base[count &+ 8] = p[day &* 2]; base[count &+ 9] = p[day &* 2 &+ 1]
        count &+= 10
    }
    mutating func minute(_ m: NMinute) {
        day(m.day)
        let hm = Int(m.raw % 10000)
        reserve(6)
        base[count] = 0x54
        base[count + 1] = UInt8(hm / 1000) + 0x30; base[count + 2] = UInt8(hm / 100 % 10) + 0x30
        base[count + 3] = 0x3A
        base[count + 4] = UInt8(hm / 10 % 10) + 0x30; base[count + 5] = UInt8(hm % 10) + 0x30
        count += 6
    }
    /// Pence as pounds: `style` 0 "£12,345.67", 1 "12345.67" (pence only when there are some),
    /// 2 "12,345" or "£12,345.67".
    mutating func money(_ pence: Int, style: Int) {
        let pounds = pence / 100, rest = pence % 100
        switch style {
        case 0: byte(0xC2); byte(0xA3); grouped(pounds); penceText(rest)
        case 1: int(pounds); if rest != 0 { penceText(rest) }
        default:
            if rest != 0 { byte(0xC2); byte(0xA3) }
            grouped(pounds)
            if rest != 0 { penceText(rest) }
        }
    }
    private mutating func penceText(_ rest: Int) {
        byte(0x2E); byte(UInt8(rest / 10) + 0x30); byte(UInt8(rest % 10) + 0x30)
    }
    /// A decimal as its shortest text: at most two decimal places here (the generator rounds to
    /// them), other values as Swift renders them.
    mutating func decimal(_ d: Double) {
        let hundredths = (d * 100).rounded()
        guard abs(hundredths - d * 100) < 1e-7, abs(hundredths) < 1e15, d >= 0 else { text("\(d)"); return }
        let h = Int(hundredths)
        int(h / 100)
        let f = h % 100
        if f == 0 { return }
        byte(0x2E)
        byte(UInt8(f / 10) + 0x30)
        if f % 10 != 0 { byte(UInt8(f % 10) + 0x30) }
    }
}

/// One business as one line of JSON. Inside a record or list that is not written (not given,
/// or "does not apply", or an item past the list's end), everything is skipped.
struct JSONSink: RegisterSink {
    var w: ByteWriter
    private var first = true
    /// How deep inside groups that are not written.
    private var skipping = 0
    private var listCount = 0

    init(_ w: ByteWriter) { self.w = w }

    /// Before each business.
    mutating func newRow() {
        first = true
        skipping = 0
    }

    @inline(__always) private mutating func key(_ name: StaticString) {
        w.key(name, comma: !first)
        first = false
    }

    /// Writes the key and true when the value should follow; "does not apply" is written here.
    @inline(__always) private mutating func start(_ name: StaticString, _ p: Presence) -> Bool {
        guard skipping == 0 else { return false }
        switch p {
        case .unknown: return false
        case .notApplicable: key(name); w.raw("\"does not apply\""); return false
        case .given: key(name); return true
        }
    }

    private mutating func string(_ s: String) {
        w.byte(0x22)
        var s = s
        s.withUTF8 { u in
            var plain = true
            for c in u where c == 0x22 || c == 0x5C || c < 0x20 { plain = false; break }
            if plain { if let p = u.baseAddress { w.bytes(p, u.count) }; return }
            for c in u {
                switch c {
                case 0x22: w.byte(0x5C); w.byte(0x22)
                case 0x5C: w.byte(0x5C); w.byte(0x5C)
                case 0x00..<0x20:
                    w.raw("\\u00")
                    w.byte(c >> 4 < 10 ? (c >> 4) + 0x30 : (c >> 4) + 0x57)
                    w.byte(c & 15 < 10 ? (c & 15) + 0x30 : (c & 15) + 0x57)
                default: w.byte(c)
                }
            }
        }
        w.byte(0x22)
    }

    /// Money mostly as text in pounds, some as plain numbers (a JSON number is pounds too).
    private mutating func moneyValue(_ pence: Int) {
        let style = (pence / 100 &* 2_654_435_761) >> 5 & 7
        if style == 0 && pence % 100 == 0 { w.int(pence / 100) } else { w.byte(0x22); w.money(pence, style: style % 3); w.byte(0x22) }
    }

    mutating func text(_ name: StaticString, _ p: Presence, _ v: String) { if start(name, p) { string(v) } }
    mutating func choice<C: Choice>(_ name: StaticString, _ p: Presence, _ v: C) {
        if start(name, p) { w.byte(0x22); w.text(v.rawValue); w.byte(0x22) }
    }
    mutating func whole(_ name: StaticString, _ p: Presence, _ v: Int) { if start(name, p) { w.int(v) } }
    mutating func money(_ name: StaticString, _ p: Presence, _ pence: Int) { if start(name, p) { moneyValue(pence) } }
    mutating func decimal(_ name: StaticString, _ p: Presence, _ v: Double) { if start(name, p) { w.decimal(v) } }
    mutating func yesNo(_ name: StaticString, _ p: Presence, _ v: Bool) { if start(name, p) { if v { w.raw("true") } else { w.raw("false") } } }
    mutating func day(_ name: StaticString, _ p: Presence, _ v: NDay) { if start(name, p) { w.byte(0x22); w.day(v); w.byte(0x22) } }
    mutating func minute(_ name: StaticString, _ p: Presence, _ v: NMinute) { if start(name, p) { w.byte(0x22); w.minute(v); w.byte(0x22) } }
    mutating func texts(_ name: StaticString, _ p: Presence, _ count: Int, _ a: String, _ b: String, _ c: String) {
        guard start(name, p) else { return }
        w.byte(0x5B)
        if count > 0 { string(a) }
        if count > 1 { w.byte(0x2C); string(b) }
        if count > 2 { w.byte(0x2C); string(c) }
        w.byte(0x5D)
    }
    mutating func flags(_ name: StaticString, _ p: Presence, _ bits: UInt32, _ names: [String]) {
        guard start(name, p) else { return }
        flagList(bits, names)
    }
    private mutating func flagList(_ bits: UInt32, _ names: [String]) {
        w.byte(0x5B)
        var firstItem = true
        for (k, item) in names.enumerated() where bits & (1 << UInt32(k)) != 0 {
            if !firstItem { w.byte(0x2C) }
            firstItem = false
            w.byte(0x22); w.text(item); w.byte(0x22)
        }
        w.byte(0x5D)
    }
    mutating func code(_ name: StaticString, _ p: Presence, _ prefix: StaticString, _ n: Int) {
        guard start(name, p) else { return }
        w.byte(0x22); w.raw(prefix); w.int(n); w.byte(0x22)
    }
    mutating func postcode(_ name: StaticString, _ p: Presence, _ district: String, _ digit: Int, _ l1: UInt8, _ l2: UInt8) {
        guard start(name, p) else { return }
        w.byte(0x22); w.text(district); w.byte(0x20); w.byte(UInt8(digit) + 0x30); w.byte(l1); w.byte(l2); w.byte(0x22)
    }
    private mutating func value(_ v: ScalarOut) {
        switch v {
        case .text(let s): string(s)
        case .money(let p): moneyValue(p)
        case .yesNo(let b): if b { w.raw("true") } else { w.raw("false") }
        case .reliefs(let bits): flagList(UInt32(bits), Population.reliefNames)
        }
    }

    mutating func dated(_ name: StaticString, _ p: Presence, _ entries: [(from: NDay?, value: ScalarOut?)], list: Bool) {
        guard start(name, p) else { return }
        if entries.count == 1, entries[0].from == nil, let v = entries[0].value { value(v); return }
        w.byte(0x5B)
        for (i, e) in entries.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.raw("{\"from\":\"")
            w.day(e.from ?? NDay(1900, 1, 1))
            w.raw("\",\"value\":")
            if let v = e.value { value(v) } else { w.raw("\"does not apply\"") }
            w.byte(0x7D)
        }
        w.byte(0x5D)
    }

    mutating func begin(_ name: StaticString, _ p: Presence) {
        if start(name, p) {
            w.byte(0x7B)
            first = true
        } else {
            skipping += 1
        }
    }
    mutating func end() {
        if skipping > 0 { skipping -= 1; return }
        w.byte(0x7D)
        first = false
    }
    mutating func beginList(_ name: StaticString, _ p: Presence, count: Int) {
        if start(name, p) {
            w.byte(0x5B)
            listCount = count
        } else {
            skipping += 1
        }
    }
    mutating func beginItem(_ index: Int) {
        if skipping > 0 || index >= listCount { skipping += 1; return }
        if index > 0 { w.byte(0x2C) }
        w.byte(0x7B)
        first = true
    }
    mutating func endItem() {
        if skipping > 0 { skipping -= 1; return }
        w.byte(0x7D)
    }
    mutating func endList() {
        if skipping > 0 { skipping -= 1; return }
        w.byte(0x5D)
        first = false
    }
}

/// One business as one CSV record (or, with `header`, the header row: the same calls, writing
/// each column's name). A record that does not apply is written as "does not apply" in each of
/// its facts' cells (CSV has no cell for a group); a dated fact as its latest value (CSV has no
/// cell for a history); a list fact that does not apply as an empty cell, because `eligible
/// batch` splits every list cell at ';' (CSVBusiness.swift, `value(_:as:)`), so the words would
/// become a list item.
struct CSVSink: RegisterSink {
    var w: ByteWriter
    let header: Bool
    private var prefix: [UInt8] = []
    private var prefixes: [[UInt8]] = []
    private var first = true
    /// For each group entered: whether its cells are blank (not given) or "does not apply".
    private var states: [Presence] = []
    private var state = Presence.given
    private var listCount = 0

    init(_ w: ByteWriter, header: Bool = false) {
        self.w = w
        self.header = header
        states.reserveCapacity(8)
    }

    /// Before each record.
    mutating func newRow() {
        first = true
        state = .given
        states.removeAll(keepingCapacity: true)
    }

    /// Starts a cell; true when its value should follow. Blank and "does not apply" cells are
    /// written here.
    @inline(__always) private mutating func cell(_ name: StaticString, _ p: Presence, list: Bool = false) -> Bool {
        if !first { w.byte(0x2C) }
        first = false
        if header {
            prefix.withUnsafeBufferPointer { if let b = $0.baseAddress { w.bytes(b, $0.count) } }
            w.raw(name)
            return false
        }
        let effective = state == .given ? p : state
        switch effective {
        case .unknown: return false
        case .notApplicable: if !list { w.raw("does not apply") }; return false
        case .given: return true
        }
    }

    private mutating func quoted(_ s: String) {
        let needs = s.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needs else { w.text(s); return }
        w.byte(0x22)
        for c in s.utf8 { if c == 0x22 { w.byte(0x22) }; w.byte(c) }
        w.byte(0x22)
    }
    private mutating func flagList(_ bits: UInt32, _ names: [String]) {
        if bits == 0 { w.raw("[]"); return }
        var firstItem = true
        for (k, item) in names.enumerated() where bits & (1 << UInt32(k)) != 0 {
            if !firstItem { w.byte(0x3B) }
            firstItem = false
            w.text(item)
        }
    }

    mutating func text(_ name: StaticString, _ p: Presence, _ v: String) { if cell(name, p) { quoted(v) } }
    mutating func choice<C: Choice>(_ name: StaticString, _ p: Presence, _ v: C) { if cell(name, p) { w.text(v.rawValue) } }
    mutating func whole(_ name: StaticString, _ p: Presence, _ v: Int) { if cell(name, p) { w.int(v) } }
    mutating func money(_ name: StaticString, _ p: Presence, _ pence: Int) { if cell(name, p) { w.money(pence, style: 1) } }
    mutating func decimal(_ name: StaticString, _ p: Presence, _ v: Double) { if cell(name, p) { w.decimal(v) } }
    mutating func yesNo(_ name: StaticString, _ p: Presence, _ v: Bool) { if cell(name, p) { if v { w.raw("yes") } else { w.raw("no") } } }
    mutating func day(_ name: StaticString, _ p: Presence, _ v: NDay) { if cell(name, p) { w.day(v) } }
    mutating func minute(_ name: StaticString, _ p: Presence, _ v: NMinute) { if cell(name, p) { w.minute(v) } }
    mutating func texts(_ name: StaticString, _ p: Presence, _ count: Int, _ a: String, _ b: String, _ c: String) {
        guard cell(name, p, list: true) else { return }
        if count == 0 { w.raw("[]"); return }
        let needs = count > 1 || a.utf8.contains { $0 == 0x2C || $0 == 0x22 }
            || (count > 1 && b.utf8.contains { $0 == 0x2C || $0 == 0x22 }) || (count > 2 && c.utf8.contains { $0 == 0x2C || $0 == 0x22 })
        if needs {
            quoted(count == 1 ? a : count == 2 ? a + ";" + b : a + ";" + b + ";" + c)
        } else {
            w.text(a)
        }
    }
    mutating func flags(_ name: StaticString, _ p: Presence, _ bits: UInt32, _ names: [String]) {
        if cell(name, p, list: true) { flagList(bits, names) }
    }
    mutating func code(_ name: StaticString, _ p: Presence, _ prefix: StaticString, _ n: Int) {
        if cell(name, p) { w.raw(prefix); w.int(n) }
    }
    mutating func postcode(_ name: StaticString, _ p: Presence, _ district: String, _ digit: Int, _ l1: UInt8, _ l2: UInt8) {
        if cell(name, p) { w.text(district); w.byte(0x20); w.byte(UInt8(digit) + 0x30); w.byte(l1); w.byte(l2) }
    }

    mutating func dated(_ name: StaticString, _ p: Presence, _ entries: [(from: NDay?, value: ScalarOut?)], list isList: Bool) {
        let latest = entries.last?.value
        guard cell(name, latest == nil && p == .given ? .notApplicable : p, list: isList) else { return }
        switch latest {
        case .text(let s)?: quoted(s)
        case .money(let pence)?: w.money(pence, style: 1)
        case .yesNo(let b)?: if b { w.raw("yes") } else { w.raw("no") }
        case .reliefs(let bits)?: flagList(UInt32(bits), Population.reliefNames)
        case nil: break
        }
    }

    private mutating func enter(_ name: StaticString, _ p: Presence, suffix: [UInt8] = [0x2E]) {
        states.append(state)
        if state == .given { state = p }
        if header {
            prefixes.append(prefix)
            prefix.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            prefix.append(contentsOf: suffix)
        }
    }
    private mutating func leave() {
        state = states.removeLast()
        if header { prefix = prefixes.removeLast() }
    }

    mutating func begin(_ name: StaticString, _ p: Presence) { enter(name, p) }
    mutating func end() { leave() }

    mutating func beginList(_ name: StaticString, _ p: Presence, count: Int) {
        // The bare column: "[]" for none, "does not apply"; blank when items (or nothing) are given.
        if cell(name, p) && count == 0 { w.raw("[]") }
        listCount = p == .given ? count : 0
        enter(name, .given, suffix: [])
    }
    mutating func beginItem(_ index: Int) {
        states.append(state)
        if index >= listCount { state = .unknown }
        if header {
            prefixes.append(prefix)
            prefix.append(0x5B)
            prefix.append(contentsOf: String(index).utf8)
            prefix.append(contentsOf: [0x5D, 0x2E])
        }
    }
    mutating func endItem() { leave() }
    mutating func endList() { leave() }
}

/// Writes `count` businesses from the seeded population to `path`: JSON Lines, or CSV when the
/// name ends in .csv. Chunks of businesses are made on every core and written in order (each
/// business depends only on the seed and its number). Returns the seconds it took.
@discardableResult
func generateRegister(count: Int, path: String, seed: UInt64) -> Double {
    guard let file = fopen(path, "w") else { fail("cannot write \(path)") }
    let t0 = now()
    let csv = path.lowercased().hasSuffix(".csv")
    let population = Population(seed: seed)
    if csv {
        var header = CSVSink(ByteWriter(capacity: 1 << 14), header: true)
        var p = population
        p.emit(index: 1, into: &header)
        header.w.byte(0x0A)
        fwrite(header.w.base, 1, header.w.count, file)
        header.w.release()
    }
    let chunk = 4096
    let chunks = (count + chunk - 1) / chunk
    let inFlight = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
    // One buffer per chunk in flight, reused (fresh buffers would page-fault every time).
    let buffers = UnsafeMutablePointer<ByteWriter>.allocate(capacity: inFlight)
    for k in 0..<inFlight { (buffers + k).initialize(to: ByteWriter(capacity: chunk * (csv ? 800 : 1700))) }
    var first = 0
    while first < chunks {
        let n = min(inFlight, chunks - first)
        DispatchQueue.concurrentPerform(iterations: n) { k in
            var p = population
            var w = buffers[k]
            w.removeAll()
            let from = (first + k) * chunk + 1, to = min(count, (first + k + 1) * chunk)
            if csv {
                var sink = CSVSink(w)
                for i in from...to {
                    sink.newRow()
                    p.emit(index: i, into: &sink)
                    sink.w.byte(0x0A)
                }
                w = sink.w
            } else {
                var sink = JSONSink(w)
                for i in from...to {
                    sink.newRow()
                    sink.w.byte(0x7B)
                    p.emit(index: i, into: &sink)
                    sink.w.raw("}\n")
                }
                w = sink.w
            }
            buffers[k] = w
        }
        for k in 0..<n { fwrite(buffers[k].base, 1, buffers[k].count, file) }
        first += n
    }
    for k in 0..<inFlight { buffers[k].release() }
    buffers.deinitialize(count: inFlight)
    buffers.deallocate()
    fclose(file)
    return Double(now() - t0) / 1e9
}

/// A sink that writes nothing: what generating the facts alone costs (`generate-timing`).
struct NullSink: RegisterSink {
    var calls = 0
    mutating func text(_ name: StaticString, _ p: Presence, _ v: String) { calls += v.utf8.count }
    mutating func choice<C: Choice>(_ name: StaticString, _ p: Presence, _ v: C) { calls += 1 }
    mutating func whole(_ name: StaticString, _ p: Presence, _ v: Int) { calls &+= v }
    mutating func money(_ name: StaticString, _ p: Presence, _ pence: Int) { calls &+= pence }
    mutating func decimal(_ name: StaticString, _ p: Presence, _ v: Double) { calls &+= Int(v) }
    mutating func yesNo(_ name: StaticString, _ p: Presence, _ v: Bool) { calls += v ? 1 : 0 }
    mutating func day(_ name: StaticString, _ p: Presence, _ v: NDay) { calls &+= Int(v.raw) }
    mutating func minute(_ name: StaticString, _ p: Presence, _ v: NMinute) { calls &+= Int(v.raw) }
    mutating func texts(_ name: StaticString, _ p: Presence, _ count: Int, _ a: String, _ b: String, _ c: String) { calls += count + a.utf8.count + b.utf8.count + c.utf8.count }
    mutating func flags(_ name: StaticString, _ p: Presence, _ bits: UInt32, _ names: [String]) { calls &+= Int(bits) }
    mutating func code(_ name: StaticString, _ p: Presence, _ prefix: StaticString, _ n: Int) { calls &+= n }
    mutating func postcode(_ name: StaticString, _ p: Presence, _ district: String, _ digit: Int, _ l1: UInt8, _ l2: UInt8) { calls &+= district.utf8.count + digit }
    mutating func dated(_ name: StaticString, _ p: Presence, _ entries: [(from: NDay?, value: ScalarOut?)], list: Bool) {
        for e in entries { if case .money(let v)? = e.value { calls &+= v } else { calls += 1 } }
    }
    mutating func begin(_ name: StaticString, _ p: Presence) { calls += 1 }
    mutating func end() { calls += 1 }
    mutating func beginList(_ name: StaticString, _ p: Presence, count: Int) { calls += count }
    mutating func beginItem(_ index: Int) { calls += 1 }
    mutating func endItem() { calls += 1 }
    mutating func endList() { calls += 1 }
}

/// This thread's CPU time in nanoseconds (what timings on a shared machine should count).
func threadCPU() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

/// Single-thread generation rates (businesses per CPU second): the facts alone, into JSON, into CSV.
func generationTiming(count: Int, seed: UInt64) -> (facts: Double, json: Double, csv: Double) {
    var p = Population(seed: seed)
    var null = NullSink()
    var t = threadCPU()
    for i in 1...count { p.emit(index: i, into: &null) }
    let facts = Double(count) / (Double(threadCPU() - t) / 1e9)
    var json = JSONSink(ByteWriter(capacity: 1 << 22))
    t = threadCPU()
    for i in 1...count {
        json.newRow()
        json.w.byte(0x7B)
        p.emit(index: i, into: &json)
        json.w.raw("}\n")
        if json.w.count > 1 << 21 { json.w.removeAll() }
    }
    let jsonRate = Double(count) / (Double(threadCPU() - t) / 1e9)
    var csv = CSVSink(ByteWriter(capacity: 1 << 22))
    t = threadCPU()
    for i in 1...count {
        csv.newRow()
        p.emit(index: i, into: &csv)
        csv.w.byte(0x0A)
        if csv.w.count > 1 << 21 { csv.w.removeAll() }
    }
    let csvRate = Double(count) / (Double(threadCPU() - t) / 1e9)
    if null.calls == Int.min { print(null.calls) }
    json.w.release()
    csv.w.release()
    return (facts, jsonRate, csvRate)
}
