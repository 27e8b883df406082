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
// Deterministic from the seed (SplitMix64). `RegisterWriter` writes JSON Lines or CSV straight
// into a byte buffer.

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
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    /// Log-uniform between a and b.
    mutating func logUniform(_ a: Double, _ b: Double) -> Double { a * pow(b / a, unit()) }
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

struct Population {
    var rng: SplitMix64
    /// For stress tests of the native baseline (`agree --chaos P`): each fact is, with this
    /// probability, made unknown or "does not apply" whatever it would have been. 0 for registers.
    var chaos = 0.0

    init(seed: UInt64, chaos: Double = 0) {
        rng = SplitMix64(state: seed)
        self.chaos = chaos
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
    static let regionAuthorities = Weighted<String>([
        ("Liverpool", 30), ("Wirral", 18), ("Sefton", 15), ("St Helens", 9), ("Knowsley", 8), ("Halton", 7),
        ("Liverpool City Council", 3), ("LIVERPOOL", 2), ("St. Helens", 2), ("Saint Helens", 1), ("ST HELENS", 1),
        ("Wirral Council", 2), ("Knowsley Metropolitan Borough Council", 1), ("Sefton Council", 1.5),
        ("Halton Borough Council", 1), ("City of Liverpool", 0.5), (" liverpool ", 0.5), ("St Helens Borough Council", 1),
        ("Knowsley Council", 0.5), ("Wirral MBC", 0.5), ("Metropolitan Borough of Sefton", 0.3),
    ])
    static let otherAuthorities = Weighted<(String, Country)>([
        (("Manchester", .england), 10), (("Warrington", .england), 8), (("Cheshire West and Chester", .england), 8),
        (("West Lancashire", .england), 7), (("Wigan", .england), 6), (("Leeds", .england), 4), (("Birmingham", .england), 4),
        (("Cheshire East", .england), 3), (("Salford", .england), 3), (("Flintshire", .wales), 2), (("Cardiff", .wales), 1),
        (("Glasgow City", .scotland), 1), (("Belfast", .northernIreland), 1),
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
    static let otherPostcodes = ["M1", "M4", "M15", "WA1", "WA5", "CH1", "CH65", "L39", "L40", "WN1", "LS1", "B1", "SK9", "M5", "CH7", "CF10", "G1", "BT1"]
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
    static let closedSectors: Set<Sector> = [.hospitality, .accommodation, .leisure, .gym, .personalCare, .nonEssentialRetail]
    static let b2bSectors: Set<Sector> = [.manufacturing, .construction, .transport, .professionalServices, .digital, .creative]

    // MARK: Helpers

    /// Given with probability `given`, "does not apply" with `na`, else unknown.
    private mutating func fact<T>(_ given: Double, na: Double = 0, _ make: (inout Population) -> T) -> Fact<T> {
        if chaos > 0, rng.chance(chaos) { return rng.chance(0.5) ? .unknown : .doesNotApply }
        let r = rng.unit()
        if r < given { return .given(make(&self)) }
        if r < given + na { return .doesNotApply }
        return .unknown
    }
    private mutating func fact<T>(_ given: Double, _ value: T) -> Fact<T> {
        if chaos > 0, rng.chance(chaos) { return rng.chance(0.5) ? .unknown : .doesNotApply }
        return rng.chance(given) ? .given(value) : .unknown
    }

    private mutating func day(_ from: NDay, _ to: NDay) -> NDay { NDay(serial: rng.int(from.serial...max(from.serial, to.serial))) }
    private mutating func day(_ fromYear: Int, _ toYear: Int) -> NDay { day(NDay(fromYear, 1, 1), NDay(toYear, 12, 31)) }
    /// Whole pounds mostly; a third with pence.
    private mutating func pence(_ poundsFrom: Double, _ poundsTo: Double) -> Int {
        let pounds = Int(rng.logUniform(poundsFrom, poundsTo))
        return pounds * 100 + (rng.chance(0.3) ? rng.int(0...99) : 0)
    }

    // MARK: A business

    mutating func next(index: Int) -> NativeBusiness {
        let b = NativeBusiness()
        let sector = Self.sectors.pick(&rng)
        let closedSector = Self.closedSectors.contains(sector)
        let legal = sector == .personalCare || sector == .construction ? (rng.chance(0.6) ? LegalForm.soleTrader : Self.legalForms.pick(&rng))
            : Self.legalForms.pick(&rng)
        let soleTrader = legal == .soleTrader || legal == .partnership
        let taxi = sector == .transport && rng.chance(0.35)
        let young = rng.chance(0.22)
        let start = young ? day(NDay(2019, 1, 1), NDay(2022, 5, 31)) : day(1975, 2018)
        let inRegion = rng.chance(2.0 / 3.0)
        let rural = rng.chance(inRegion ? 0.1 : 0.25)

        // What the business wants: drawn first, because a business applying gives fuller facts.
        var wants = Wants()
        wants.proposal = rng.chance(0.82)
        if wants.proposal {
            wants.vehicle = rng.unit() < (sector == .transport || sector == .construction ? 0.45 : 0.22) ? 1 : rng.chance(0.55) ? 2 : 0
            wants.retrofit = rng.unit() < 0.25 ? 1 : rng.chance(0.5) ? 2 : 0
            wants.heating = rng.unit() < (wants.retrofit == 1 ? 0.6 : 0.03) ? 1 : rng.chance(0.45) ? 2 : 0
            wants.connectivity = rng.unit() < (rural ? 0.45 : 0.12) ? 1 : rng.chance(0.45) ? 2 : 0
            wants.chargePoints = rng.unit() < 0.18 ? 1 : rng.chance(0.5) ? 2 : 0
            wants.hire = rng.unit() < 0.3 ? 1 : rng.chance(0.5) ? 2 : 0
            wants.capitalProject = rng.unit() < (Self.b2bSectors.contains(sector) ? 0.35 : 0.05) ? 1 : rng.chance(0.5) ? 2 : 0
            wants.recovery = rng.unit() < 0.15 ? 1 : rng.chance(0.45) ? 2 : 0
            wants.loan = rng.unit() < (young ? 0.55 : 0.06) ? 1 : rng.chance(0.5) ? 2 : 0
        }

        b.id = .given("LCR-" + String(index))
        b.name = fact(0.98) { $0.name(sector, legal) }
        b.legalForm = fact(0.97, legal)
        b.sector = fact(0.95, sector)
        b.sicCodes = fact(0.85) { p in
            if p.rng.chance(0.03) { return [] }
            let codes = Self.sicBySector[sector] ?? ["96090"]
            return p.rng.chance(0.75) ? [p.rng.pick(codes)] : [p.rng.pick(codes), p.rng.pick(codes)]
        }
        b.businessToBusiness = fact(0.8) { $0.rng.chance(Self.b2bSectors.contains(sector) ? 0.75 : 0.12) }
        b.inPersonServices = fact(0.8) { $0.rng.chance(closedSector ? 0.88 : 0.3) }
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
        b.employees = fact(0.95, employees)
        let turnover = Int(Double(max(employees, 1)) * rng.logUniform(25_000, 160_000)) * 100 + (rng.chance(0.3) ? rng.int(0...99) : 0)
        b.turnover = fact(0.9, turnover)
        b.balanceSheetTotal = fact(0.8) { p in Int(Double(turnover) * (0.1 + p.rng.unit() * 0.8)) / 100 * 100 }
        b.tradingStartDate = fact(0.95, start)
        let stopped = rng.chance(0.04)
        b.stoppedTrading = stopped ? fact(0.95) { p in p.day(max(start, NDay(2019, 6, 1)).adding(days: 30), NDay(2022, 12, 31)) }
            : fact(0, na: 0.72) { _ in start }
        b.financialYearStart = fact(0.5) { p in NDay(p.rng.int(2020...2022), p.rng.pick([1, 4, 4, 4, 7, 10]), 1) }
        b.yearsOfAccounts = fact(0.75) { p in max(0, min(2022 - start.year, 20) - p.rng.int(0...2)) }
        b.companyStatus = fact(0.9) { $0.companyStatus(start, soleTrader: soleTrader) }
        b.grantsReceived = fact(0.75) { $0.grants(closedSector) }
        b.taxiLicensingAuthority = taxi ? fact(0.95) { Self.taxiCouncils.pick(&$0.rng) } : fact(0, na: 0.55) { _ in "" }

        b.address = fact(0.97) { $0.address(inRegion: inRegion, rural: rural) }
        b.premises = fact(0.92) { $0.premises(sector, soleTrader: soleTrader, start: start, rural: rural, wants: wants) }
        b.fleet = fact(0.85) { p -> [Vehicle] in
            guard p.rng.chance(sector == .transport ? 0.8 : 0.3) else { return [] }
            return (0..<p.rng.int(1...3)).map { _ in p.vehicle() }
        }
        b.connectivity = fact(0.8) { p in
            let c = Connectivity()
            c.downloadMbps = p.fact(0.9) { p in p.decimal(rural ? p.rng.logUniform(2, 90) : p.rng.logUniform(8, 1000)) }
            c.gigabitBuildPlanned = p.fact(0.75) { $0.rng.chance(rural ? 0.2 : 0.6) }
            return c
        }
        b.workforce = fact(0.65) { p in
            let w = Workforce()
            let young = p.rng.int(0...max(0, employees / 3)), older = p.rng.int(0...max(0, (employees - young) / 3))
            w.age16To24 = .given(young)
            w.age50Plus = .given(older)
            w.age25To49 = .given(max(0, employees - young - older))
            w.paysRealLivingWage = p.fact(0.8) { $0.rng.chance(0.4) }
            return w
        }
        b.covid = fact(0.85) { $0.covid(sector, start: start, soleTrader: soleTrader) }
        let applying = wants.loan == 1 || taxi
        b.owner = fact(applying ? 0.97 : soleTrader ? 0.85 : 0.6) { p in
            let o = Owner()
            let full = applying ? 0.97 : 0.75
            o.age = p.fact(full) { p in p.rng.chance(0.01) ? p.rng.int(16...17) : p.rng.int(18...76) }
            o.livesInRegion = p.fact(full) { $0.rng.chance(inRegion ? 0.92 : 0.15) }
            o.previouslyUnemployed = p.fact(0.5) { $0.rng.chance(0.15) }
            o.ukResident = p.fact(full) { $0.rng.chance(0.95) }
            o.financeElsewhere = p.fact(applying ? 0.95 : 0.6) { $0.rng.chance(applying ? 0.25 : 0.5) }
            return o
        }
        b.subsidies = fact(0.82) { $0.subsidies() }
        if wants.proposal { b.proposal = .given(proposal(wants, sector: sector, young: young)) }
        return b
    }

    struct Wants {
        var proposal = false
        // 1: wants it (given), 2: "does not apply", 0: not said (unknown)
        var vehicle = 0, retrofit = 0, heating = 0, connectivity = 0, chargePoints = 0, hire = 0, capitalProject = 0, recovery = 0, loan = 0
    }

    private mutating func name(_ sector: Sector, _ legal: LegalForm) -> String {
        let place = rng.pick(Self.places), trade = rng.pick(Self.trades[sector] ?? ["Services"])
        switch legal {
        case .soleTrader:
            let initial = rng.pick(["J.", "M.", "S.", "A.", "K.", "D."]), surname = rng.pick(["Smith", "Jones", "O'Neill", "Murphy", "Hughes", "Roberts", "Nguyen", "Okafor"])
            return "\(initial) \(surname) \(trade)"
        case .partnership: return rng.chance(0.3) ? "\(rng.pick(["Smith", "Doyle", "Patel"])), \(rng.pick(["Jones", "Kaur", "Byrne"])) & Co" : "\(place) \(trade) & Sons"
        case .limitedLiabilityPartnership: return "\(place) \(trade) LLP"
        case .communityInterestCompany: return "\(place) \(trade) CIC"
        case .charity: return "\(place) \(trade) Trust"
        case .cooperative: return "\(place) \(trade) Co-operative"
        case .publicBody: return "\(place) Council \(trade)"
        case .other: return rng.chance(0.2) ? "The \"\(place)\" \(trade)" : "\(place) \(trade)"
        case .limitedCompany: return rng.chance(0.1) ? "\(place) Café \(trade) Ltd" : "\(place) \(trade) Ltd"
        }
    }

    /// A decimal with one decimal place (two, now and then).
    private mutating func decimal(_ x: Double) -> Double {
        rng.chance(0.2) ? (x * 100).rounded() / 100 : (x * 10).rounded() / 10
    }

    private mutating func companyStatus(_ start: NDay, soleTrader: Bool) -> Dated<CompanyStatus> {
        let statuses: [CompanyStatus] = soleTrader ? [.insolvent] : [.inAdministration, .inLiquidation, .insolvent, .dissolved, .struckOff]
        let r = rng.unit()
        if r < 0.9 {
            // Status recorded from the day the business began (so unknown before it), or as one value.
            if start > NDay(2020, 1, 1) && rng.chance(0.5) { return Dated(entries: [.init(from: start, value: .active)]) }
            return Dated(.active)
        }
        if r < 0.93 { return Dated(rng.pick(statuses)) }
        var entries: [Dated<CompanyStatus>.Entry] = [.init(from: max(start, NDay(2010, 1, 1)), value: .active)]
        var at = day(max(start, NDay(2019, 6, 1)).adding(days: 60), NDay(2022, 9, 30))
        if at <= entries[0].from! { at = entries[0].from!.adding(days: 30) }
        let first = rng.pick(statuses)
        entries.append(.init(from: at, value: first))
        if first == .inAdministration && rng.chance(0.5) {
            entries.append(.init(from: at.adding(days: rng.int(60...400)), value: rng.chance(0.5) ? .inLiquidation : .active))
        }
        return Dated(entries: entries)
    }

    private mutating func grants(_ closedSector: Bool) -> [Grant] {
        var out = [Grant]()
        if closedSector {
            if rng.chance(0.5) { out.append(rng.chance(0.6) ? .retailHospitalityLeisureGrantFund : .smallBusinessGrantFund) }
            if rng.chance(0.35) { out.append(.lrsgClosed) }
            if rng.chance(0.2) { out.append(.lrsgOpen) }
            if rng.chance(0.25) { out.append(.closedBusinessesLockdownPayment) }
            if rng.chance(0.15) { out.append(.additionalRestrictionsGrant) }
            if rng.chance(0.1) { out.append(.lcrHospitalityLeisureRetail) }
        } else if rng.chance(0.3) {
            if rng.chance(0.4) { out.append(.smallBusinessGrantFund) }
            if rng.chance(0.3) { out.append(.discretionaryGrantsFund) }
            if rng.chance(0.2) { out.append(.additionalRestrictionsGrant) }
            if rng.chance(0.15) { out.append(.councilGrantSinceOctober2020) }
            if rng.chance(0.1) { out.append(.lcrLocalBusinessSupport) }
            if rng.chance(0.05) { out.append(.taxiDriversGrant) }
        }
        return out
    }

    private mutating func address(inRegion: Bool, rural: Bool) -> Address {
        let a = Address()
        let authority: String, country: Country, canonical: String?
        if inRegion {
            authority = Self.regionAuthorities.pick(&rng)
            country = .england
            canonical = Region.canonical(authority).map { Region.authorities[$0] }
        } else {
            (authority, country) = Self.otherAuthorities.pick(&rng)
            canonical = nil
        }
        a.localAuthority = fact(0.96, authority)
        a.country = fact(0.9, country)
        a.postcode = fact(0.8) { p in
            let area = canonical.flatMap { Self.postcodeAreas[$0] }.map { p.rng.pick($0) } ?? p.rng.pick(Self.otherPostcodes)
            let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
            return "\(area) \(p.rng.int(1...9))\(p.rng.pick(letters))\(p.rng.pick(letters))"
        }
        a.deprivationDecile = fact(0.85) { p in inRegion && p.rng.chance(0.5) ? p.rng.int(1...3) : p.rng.int(1...10) }
        a.incomeDeprivationDecile = fact(0.7) { p in inRegion && p.rng.chance(0.5) ? p.rng.int(1...3) : p.rng.int(1...10) }
        a.deprivationIndex = fact(0.8) { $0.rng.chance(0.85) ? .IoD2019 : .IoD2025 }
        a.ruralUrban = fact(0.8, rural ? .rural : .urban)
        a.ruralUrbanClass = fact(rural ? 0.85 : 0.7) { p in
            rural ? p.rng.pick([.D1, .D2, .E1, .E2, .F1, .F2]) : p.rng.pick([.A1, .B1, .C1, .C1, .C2, .C2])
        }
        return a
    }

    private mutating func premises(_ sector: Sector, soleTrader: Bool, start: NDay, rural: Bool, wants: Wants) -> Premises {
        let p = Premises()
        let homeBased = soleTrader && !Self.closedSectors.contains(sector) && rng.chance(0.45)
        let tenure: Tenure = homeBased ? .homeBased : rng.chance(0.3) ? .owned : .leased
        p.tenure = fact(0.92, tenure)
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
        p.use = fact(0.9, use)
        p.propertyReference = fact(0.45) { p in "000" + String(p.rng.int(10_000_000_000...99_999_999_999)) }
        let ratepayer = !(homeBased || use == .marketStall || use == .home) ? rng.chance(0.88) : rng.chance(0.1)
        p.paysBusinessRates = fact(0.9, ratepayer)
        let value = rng.chance(0.7) ? pence(1_500, 15_000) / 100 * 100 : pence(15_000, 160_000) / 100 * 100
        let movedIn = max(start, NDay(2017, 4, 1))
        if ratepayer {
            p.rateableValue = fact(0.9) { p in
                switch p.rng.unit() {
                case ..<0.6: return Dated(value)
                case ..<0.85: return Dated(entries: [.init(from: movedIn, value: value)])
                default:
                    let change = p.day(movedIn.adding(days: 30), NDay(2022, 3, 31))
                    let later = max(100_000, value + (p.rng.chance(0.5) ? -1 : 1) * Int(Double(value) * p.rng.unit() * 0.4) / 100 * 100)
                    return Dated(entries: [.init(from: movedIn, value: value), .init(from: change, value: later)])
                }
            }
        } else {
            p.rateableValue = fact(0.15, na: 0.6) { _ in Dated(value) }
        }
        var reliefs = [RateRelief]()
        if value <= 1_500_000 && rng.chance(0.85) { reliefs.append(.smallBusiness) }
        if rural && rng.chance(0.4) { reliefs.append(.rural) }
        if Self.closedSectors.contains(sector) && rng.chance(0.9) { reliefs.append(.expandedRetail) }
        p.rateReliefs = ratepayer ? fact(0.6) { p in
            guard p.rng.chance(0.3), reliefs.contains(.expandedRetail) else { return Dated(reliefs) }
            return Dated(entries: [.init(from: movedIn, value: reliefs.filter { $0 != .expandedRetail }),
                                   .init(from: max(movedIn.adding(days: 1), NDay(2019, 4, 1)), value: reliefs)])
        } : fact(0, na: 0.4) { _ in Dated(reliefs) }
        p.fixedPropertyCosts = fact(0.8) { $0.rng.chance(homeBased ? 0.3 : 0.9) }
        p.annualRentOrMortgage = fact(0.55) { $0.pence(2_000, 70_000) / 100 * 100 }
        let charging = wants.chargePoints == 1
        p.offStreetParking = fact(charging ? 0.97 : 0.75) { $0.rng.chance(charging ? 0.85 : use == .industrial ? 0.7 : 0.35) }
        switch tenure {
        case .leased: p.landlordPermission = fact(charging ? 0.85 : 0.5) { $0.rng.chance(0.65) }
        case .owned: p.landlordPermission = fact(0, na: 0.4) { _ in true }
        case .homeBased: p.landlordPermission = fact(0, na: 0.3) { _ in true }
        }
        p.epcBand = fact(0.7) { $0.rng.pick([EPCBand.B, .C, .C, .D, .D, .D, .E, .E, .F, .G]) }
        return p
    }

    private mutating func vehicle() -> Vehicle {
        let v = Vehicle()
        let fuel = rng.pick([Fuel.diesel, .diesel, .diesel, .petrol, .hybrid, .electric, .lpg])
        v.kind = fact(0.98) { $0.rng.pick([VehicleKind.van, .van, .van, .taxi, .car, .minibus, .hgv]) }
        v.fuel = fact(0.97, fuel)
        v.euroStandard = fact(0.7) { $0.rng.int(3...6) }
        v.co2GramsPerKm = fact(0.6) { p in fuel == .electric ? 0 : p.rng.int(90...260) }
        v.zeroEmissionRangeMiles = fact(0.4) { p in fuel == .electric ? p.rng.int(80...250) : 0 }
        v.grossWeightKg = fact(0.5) { $0.rng.int(1500...7500) }
        v.firstRegistered = fact(0.8) { $0.day(2005, 2022) }
        return v
    }

    /// COVID-19: when restrictions required the premises to close, by sector, through the first
    /// lockdown, the November lockdown, the December tiers (wet-led pubs and some venues stayed
    /// closed) and the third lockdown (shops and personal care reopened 12 April 2021,
    /// hospitality and leisure 17 May).
    private mutating func covid(_ sector: Sector, start: NDay, soleTrader: Bool) -> Covid {
        let c = Covid()
        let closedSector = Self.closedSectors.contains(sector)
        c.requiredToClose = fact(0.8) { p in
            guard closedSector, !p.rng.chance(0.08) else {
                return p.rng.chance(0.8) ? Dated(false) : Dated(entries: [.init(from: max(start, NDay(2020, 1, 1)), value: false)])
            }
            if p.rng.chance(0.1) { return Dated(true) }
            let hospitality = sector == .hospitality || sector == .leisure || sector == .accommodation
            let tierClosed = (sector == .hospitality && p.rng.chance(0.4)) || (sector == .leisure && p.rng.chance(0.3))
            let voluntary = p.rng.chance(0.12)   // stayed open for takeaway or click-and-collect in the third lockdown
            var changes: [(NDay, Bool)] = [
                (NDay(2020, 1, 1), false), (NDay(2020, 3, 23), true),
                (hospitality || sector == .personalCare ? NDay(2020, 7, 4) : NDay(2020, 6, 15), false),
                (NDay(2020, 11, 5), true), (NDay(2020, 12, 2), tierClosed),
                (NDay(2021, 1, 5), !voluntary), (hospitality ? NDay(2021, 5, 17) : NDay(2021, 4, 12), false),
            ]
            if start > NDay(2020, 1, 1) {
                changes = changes.filter { $0.0 > start }
                changes.insert((start, false), at: 0)
            }
            return Dated(entries: changes.map { .init(from: $0.0, value: $0.1) })
        }
        c.turnoverDropPercent = fact(0.75) { p in p.decimal(closedSector ? 25 + p.rng.unit() * 70 : p.rng.unit() * 65) }
        c.closedByRestrictions = fact(0.75) { $0.rng.chance(closedSector ? 0.85 : 0.1) }
        c.impacted = fact(0.75) { $0.rng.chance(closedSector ? 0.9 : 0.55) }
        c.hospitalityLeisureSupplyChain = fact(0.5) { $0.rng.chance(0.12) }
        c.servesRetailHospitalityLeisure = fact(0.45) { $0.rng.chance(soleTrader ? 0.25 : 0.08) }
        return c
    }

    private mutating func subsidies() -> [Subsidy] {
        guard rng.chance(0.45) else { return [] }
        let large = rng.chance(0.09)
        return (0..<rng.int(1...3)).enumerated().map { i, _ in
            let s = Subsidy()
            let currency = rng.chance(0.8) ? Currency.GBP : rng.chance(0.75) ? .EUR : .SDR
            let amount = large && i == 0 ? rng.logUniform(200_000, 420_000) : rng.logUniform(300, 60_000)
            s.amount = .given(rng.chance(0.5) ? amount.rounded() : (amount * 100).rounded() / 100)
            s.currency = .given(currency)
            s.regime = fact(0.85) { p in
                p.rng.pick(large && i == 0 ? [Regime.deMinimis, .specialDrawingRights, .minimalFinancialAssistance, .deMinimis]
                    : [.deMinimis, .deMinimis, .covidTemporaryFramework, .covidTemporaryFramework, .specialDrawingRights, .other])
            }
            s.date = .given(day(NDay(2018, 4, 1), NDay(2022, 5, 31)))
            s.scheme = .given(rng.pick(Self.schemes))
            return s
        }
    }

    private mutating func proposal(_ w: Wants, sector: Sector, young: Bool) -> Proposal {
        let p = Proposal()
        p.vehicle = part(w.vehicle) { p in
            let v = VehiclePurchase()
            let fuel = p.rng.pick([Fuel.electric, .electric, .electric, .electric, .electric, .pluginHybrid, .pluginHybrid, .hybrid, .diesel, .hydrogen])
            v.kind = p.fact(0.95) { $0.rng.pick([VehicleKind.van, .van, .van, .van, .van, .van, .car, .car, .taxi, .minibus, .hgv]) }
            v.fuel = p.fact(0.95, fuel)
            v.new = p.fact(0.92) { $0.rng.chance(0.85) }
            v.priceExVat = p.fact(0.93) { $0.pence(16_000, 75_000) }
            v.co2GramsPerKm = p.fact(0.92) { p in
                switch fuel {
                case .electric, .hydrogen: 0
                case .pluginHybrid: p.rng.int(20...80)
                case .hybrid: p.rng.int(85...140)
                default: p.rng.int(150...250)
                }
            }
            v.zeroEmissionRangeMiles = p.fact(0.92) { p in
                switch fuel {
                case .electric, .hydrogen: p.rng.chance(0.08) ? p.rng.int(35...59) : p.rng.int(60...260)
                case .pluginHybrid: p.rng.int(8...45)
                case .hybrid: p.rng.int(0...2)
                default: 0
                }
            }
            v.grossWeightKg = p.fact(0.92) { $0.rng.chance(0.8) ? $0.rng.int(1800...3500) : $0.rng.int(3501...4400) }
            v.orderedAt = p.fact(0.7) { p in
                let d: NDay
                switch p.rng.unit() {
                case ..<0.12: d = p.day(NDay(2021, 2, 18), NDay(2021, 3, 18))
                case ..<0.24: d = p.day(NDay(2021, 11, 17), NDay(2021, 12, 15))
                default: d = p.day(NDay(2020, 10, 1), NDay(2022, 5, 31))
                }
                return NMinute(d, p.rng.int(6...19), p.rng.pick([0, 0, 15, 30, 45, 59]))
            }
            v.replacesVehicle = p.fact(0.8) { $0.rng.chance(0.5) }
            return v
        }
        p.retrofit = part(w.retrofit) { p in
            let r = Retrofit()
            let applicant = p.rng.pick([Applicant.ownerOccupier, .ownerOccupier, .ownerOccupier, .landlord, .landlord, .landlord, .tenant])
            r.building = p.fact(0.92) { $0.rng.chance(0.72) ? .home : .nonDomestic }
            r.applicant = p.fact(0.92, applicant)
            r.occupier = p.fact(0.88) { p in
                switch applicant {
                case .ownerOccupier: p.rng.chance(0.92) ? Occupier.ownerOccupier : .vacant
                case .landlord: p.rng.pick([Occupier.privateTenant, .privateTenant, .privateTenant, .socialTenant, .vacant])
                case .tenant: .privateTenant
                }
            }
            let band = p.rng.pick([EPCBand.A, .B, .C, .C, .D, .D, .D, .D, .E, .E, .E, .F, .F, .G])
            r.epcBand = p.fact(0.85, band)
            r.expectedEpcBand = p.fact(0.8) { p in [EPCBand.A, .B, .C, .D, .E, .F, .G][max(0, band.order - 1 - p.rng.int(0...3))] }
            r.heatingFuel = p.fact(0.85) { $0.rng.pick([HeatingFuel.mainsGas, .mainsGas, .mainsGas, .mainsGas, .electricity, .oil, .oil, .lpg, .solidFuel, .heatPump, .other]) }
            r.insulationRecommendationsOutstanding = p.fact(0.8) { $0.rng.chance(0.3) }
            r.measures = p.fact(0.8) { p in (0..<p.rng.int(1...3)).map { _ in p.rng.pick(Self.measures) } }
            let cost = p.pence(2_000, 30_000)
            r.costExVat = p.fact(0.9, cost)
            let primary = p.rng.chance(0.12) ? 0 : cost * p.rng.int(30...90) / 100
            r.primaryMeasuresCost = p.fact(0.85, primary)
            r.secondaryMeasuresCost = p.fact(0.8, cost - primary)
            r.householdIncome = p.fact(0.7) { $0.pence(10_000, 65_000) / 100 * 100 }
            r.incomeAfterHousingCosts = p.fact(0.5) { $0.pence(6_000, 45_000) / 100 * 100 }
            r.meansTestedBenefits = p.fact(0.65) { $0.rng.chance(0.25) }
            r.incomeDeprivationDecile = p.fact(0.5) { $0.rng.int(1...10) }
            r.deprivationIndex = p.fact(0.5) { $0.rng.chance(0.8) ? .IoD2019 : .IoD2025 }
            return r
        }
        p.heating = part(w.heating) { p in
            let h = Heating()
            h.system = p.fact(0.93) { $0.rng.pick([HeatingSystem.airSourceHeatPump, .airSourceHeatPump, .airSourceHeatPump, .groundSourceHeatPump, .biomassBoiler, .hybrid]) }
            h.capacityKwth = p.fact(0.9) { p in p.decimal(p.rng.chance(0.85) ? 4 + p.rng.unit() * 36 : 40 + p.rng.unit() * 30) }
            h.installed = p.fact(0.85) { $0.day(NDay(2021, 6, 1), NDay(2023, 12, 31)) }
            return h
        }
        p.connectivity = part(w.connectivity) { p in
            let c = ConnectivityUpgrade()
            c.costExVat = p.fact(0.92) { $0.pence(300, 9_000) }
            c.newDownloadMbps = p.fact(0.9) { Double($0.rng.pick([30, 50, 80, 100, 300, 500, 900, 1000, 1000])) }
            c.groupProject = p.fact(0.85) { $0.rng.chance(0.65) }
            c.registered = p.fact(0.75) { $0.day(NDay(2021, 6, 1), NDay(2023, 6, 30)) }
            return c
        }
        p.chargePoints = part(w.chargePoints) { p in
            let c = ChargePoints()
            let sockets = p.rng.chance(0.05) ? 0 : p.rng.chance(0.85) ? p.rng.int(1...6) : p.rng.int(7...60)
            let ex = max(sockets, 1) * p.pence(500, 1_600)
            c.sockets = p.fact(0.93, sockets)
            c.costExVat = p.fact(0.85, ex)
            c.costIncVat = p.fact(0.9, ex * 6 / 5)
            return c
        }
        p.hire = part(w.hire) { p in
            let h = Hire()
            let youngPerson = p.rng.chance(0.55)
            h.age = p.fact(0.92) { p in youngPerson ? p.rng.int(16...24) : p.rng.int(25...60) }
            h.hoursPerWeek = p.fact(0.9) { $0.rng.chance(0.75) ? $0.rng.int(25...40) : $0.rng.int(8...24) }
            h.startDate = p.fact(0.9) { $0.day(NDay(2020, 6, 1), NDay(2022, 6, 30)) }
            h.hourlyWage = p.fact(0.7) { $0.rng.int(450...1400) }
            h.contractWeeks = p.fact(0.88) { $0.rng.pick([12, 20, 26, 26, 52, 52, 104]) }
            h.newJob = p.fact(0.85) { $0.rng.chance(0.8) }
            h.universalCredit = p.fact(0.8) { $0.rng.chance(youngPerson ? 0.6 : 0.25) }
            h.apprentice = p.fact(0.85) { $0.rng.chance(0.35) }
            h.employedInLastSixMonths = p.fact(0.8) { $0.rng.chance(0.15) }
            return h
        }
        p.capitalProject = part(w.capitalProject) { p in
            let c = CapitalProject()
            let cost = p.pence(20_000, 900_000) / 100 * 100
            c.cost = p.fact(0.92, cost)
            c.grantRequested = p.fact(0.9) { p in p.rng.chance(0.6) ? cost * p.rng.int(10...25) / 100 / 100 * 100 : p.pence(5_000, 120_000) / 100 * 100 }
            return c
        }
        p.recovery = part(w.recovery) { p in
            let r = Recovery()
            r.grantRequested = p.fact(0.9) { $0.rng.int(10...30) * 10_000 }
            r.businessAsUsual = p.fact(0.85) { $0.rng.chance(0.2) }
            r.alreadyStarted = p.fact(0.85) { $0.rng.chance(0.15) }
            return r
        }
        p.loan = part(w.loan) { p in
            let l = Loan()
            l.amount = p.fact(0.92) { p in p.rng.chance(0.9) ? p.rng.int(5...250) * 10_000 : p.rng.chance(0.5) ? p.rng.int(1...4) * 10_000 : p.rng.int(26...40) * 100_000 }
            l.secondLoan = p.fact(0.7) { $0.rng.chance(0.1) }
            return l
        }
        return p
    }

    private mutating func part<T>(_ wanted: Int, _ make: (inout Population) -> T) -> Fact<T> {
        if chaos > 0, rng.chance(chaos) { return rng.chance(0.5) ? .unknown : .doesNotApply }
        switch wanted {
        case 1: return .given(make(&self))
        case 2: return .doesNotApply
        default: return .unknown
        }
    }
}

// MARK: - Writing a register

/// What a register row is written through: JSON (a business file's JSON, one line) or CSV
/// (`eligible batch`'s column layout, Sources/Eligibility/Batch/CSVBusiness.swift). One
/// `RegisterWriter.write` walks the facts in vocabulary order; a CSV row and its header come
/// from the same walk, so columns and cells always line up.
protocol RegisterSink {
    mutating func scalar(_ name: StaticString, _ value: Fact<ScalarOut>)
    /// A record: `body` is called with the record (nil when not given or "does not apply").
    mutating func record<R>(_ name: StaticString, _ fact: Fact<R>, _ body: (inout Self, R?) -> Void)
    /// A list of text items.
    mutating func textList(_ name: StaticString, _ fact: Fact<[String]>)
    /// A list of records; CSV has columns for `maxItems` of them.
    mutating func records<R>(_ name: StaticString, _ fact: Fact<[R]>, maxItems: Int, _ body: (inout Self, R?) -> Void)
    /// A dated fact: a history or one value (`list`: its value is a list).
    mutating func dated(_ name: StaticString, _ fact: Fact<[(from: NDay?, value: ScalarOut?)]>, list: Bool)
}

/// A value to write, typed as the vocabulary types it.
enum ScalarOut {
    case text(String)
    case whole(Int)
    case money(Int)
    case decimal(Double)
    case yesNo(Bool)
    case day(NDay)
    case minute(NMinute)
    case list([String])
}

extension Fact {
    func map<U>(_ f: (T) -> U) -> Fact<U> {
        switch self {
        case .unknown: .unknown
        case .doesNotApply: .doesNotApply
        case .given(let v): .given(f(v))
        }
    }
    func out(_ f: (T) -> ScalarOut) -> Fact<ScalarOut> {
        switch self {
        case .unknown: .unknown
        case .doesNotApply: .doesNotApply
        case .given(let v): .given(f(v))
        }
    }
    func history<V>(_ f: (V) -> ScalarOut) -> Fact<[(from: NDay?, value: ScalarOut?)]> where T == Dated<V> {
        switch self {
        case .unknown: .unknown
        case .doesNotApply: .doesNotApply
        case .given(let d): .given(d.entries.map { ($0.from, $0.value.map(f)) })
        }
    }
}

private func text(_ s: String) -> ScalarOut { .text(s) }
private func whole(_ n: Int) -> ScalarOut { .whole(n) }
private func money(_ n: Int) -> ScalarOut { .money(n) }
private func decimal(_ d: Double) -> ScalarOut { .decimal(d) }
private func yesNo(_ b: Bool) -> ScalarOut { .yesNo(b) }
private func dayOut(_ d: NDay) -> ScalarOut { .day(d) }
private func choice<C: Choice>(_ c: C) -> ScalarOut { .text(c.rawValue) }

enum RegisterWriter {
    /// The most fleet vehicles and subsidies a CSV row has columns for (the generator makes at most 3).
    static let maxFleet = 3, maxSubsidies = 3

    static func write<S: RegisterSink>(_ b: NativeBusiness?, into s: inout S) {
        s.scalar("id", b?.id.out(text) ?? .unknown)
        s.scalar("name", b?.name.out(text) ?? .unknown)
        s.scalar("legalForm", b?.legalForm.out(choice) ?? .unknown)
        s.dated("companyStatus", b?.companyStatus.history(choice) ?? .unknown, list: false)
        s.textList("sicCodes", b?.sicCodes ?? .unknown)
        s.scalar("sector", b?.sector.out(choice) ?? .unknown)
        s.scalar("businessToBusiness", b?.businessToBusiness.out(yesNo) ?? .unknown)
        s.scalar("inPersonServices", b?.inPersonServices.out(yesNo) ?? .unknown)
        s.scalar("employees", b?.employees.out(whole) ?? .unknown)
        s.scalar("turnover", b?.turnover.out(money) ?? .unknown)
        s.scalar("balanceSheetTotal", b?.balanceSheetTotal.out(money) ?? .unknown)
        s.scalar("tradingStartDate", b?.tradingStartDate.out(dayOut) ?? .unknown)
        s.scalar("stoppedTrading", b?.stoppedTrading.out(dayOut) ?? .unknown)
        s.scalar("financialYearStart", b?.financialYearStart.out(dayOut) ?? .unknown)
        s.scalar("yearsOfAccounts", b?.yearsOfAccounts.out(whole) ?? .unknown)
        s.textList("grantsReceived", b?.grantsReceived.map { $0.map(\.rawValue) } ?? .unknown)
        s.scalar("taxiLicensingAuthority", b?.taxiLicensingAuthority.out(text) ?? .unknown)
        s.record("address", b?.address ?? .unknown) { s, a in
            s.scalar("postcode", a?.postcode.out(text) ?? .unknown)
            s.scalar("localAuthority", a?.localAuthority.out(text) ?? .unknown)
            s.scalar("country", a?.country.out(choice) ?? .unknown)
            s.scalar("deprivationDecile", a?.deprivationDecile.out(whole) ?? .unknown)
            s.scalar("incomeDeprivationDecile", a?.incomeDeprivationDecile.out(whole) ?? .unknown)
            s.scalar("deprivationIndex", a?.deprivationIndex.out(choice) ?? .unknown)
            s.scalar("ruralUrban", a?.ruralUrban.out(choice) ?? .unknown)
            s.scalar("ruralUrbanClass", a?.ruralUrbanClass.out(choice) ?? .unknown)
        }
        s.record("premises", b?.premises ?? .unknown) { s, p in
            s.scalar("tenure", p?.tenure.out(choice) ?? .unknown)
            s.scalar("use", p?.use.out(choice) ?? .unknown)
            s.scalar("propertyReference", p?.propertyReference.out(text) ?? .unknown)
            s.scalar("paysBusinessRates", p?.paysBusinessRates.out(yesNo) ?? .unknown)
            s.dated("rateableValue", p?.rateableValue.history(money) ?? .unknown, list: false)
            s.dated("rateReliefs", p?.rateReliefs.history { .list($0.map(\.rawValue)) } ?? .unknown, list: true)
            s.scalar("fixedPropertyCosts", p?.fixedPropertyCosts.out(yesNo) ?? .unknown)
            s.scalar("annualRentOrMortgage", p?.annualRentOrMortgage.out(money) ?? .unknown)
            s.scalar("offStreetParking", p?.offStreetParking.out(yesNo) ?? .unknown)
            s.scalar("landlordPermission", p?.landlordPermission.out(yesNo) ?? .unknown)
            s.scalar("epcBand", p?.epcBand.out(choice) ?? .unknown)
        }
        s.records("fleet", b?.fleet ?? .unknown, maxItems: maxFleet) { s, v in
            s.scalar("kind", v?.kind.out(choice) ?? .unknown)
            s.scalar("fuel", v?.fuel.out(choice) ?? .unknown)
            s.scalar("euroStandard", v?.euroStandard.out(whole) ?? .unknown)
            s.scalar("co2GramsPerKm", v?.co2GramsPerKm.out(whole) ?? .unknown)
            s.scalar("zeroEmissionRangeMiles", v?.zeroEmissionRangeMiles.out(whole) ?? .unknown)
            s.scalar("grossWeightKg", v?.grossWeightKg.out(whole) ?? .unknown)
            s.scalar("firstRegistered", v?.firstRegistered.out(dayOut) ?? .unknown)
        }
        s.record("connectivity", b?.connectivity ?? .unknown) { s, c in
            s.scalar("downloadMbps", c?.downloadMbps.out(decimal) ?? .unknown)
            s.scalar("gigabitBuildPlanned", c?.gigabitBuildPlanned.out(yesNo) ?? .unknown)
        }
        s.record("workforce", b?.workforce ?? .unknown) { s, w in
            s.scalar("age16To24", w?.age16To24.out(whole) ?? .unknown)
            s.scalar("age25To49", w?.age25To49.out(whole) ?? .unknown)
            s.scalar("age50Plus", w?.age50Plus.out(whole) ?? .unknown)
            s.scalar("paysRealLivingWage", w?.paysRealLivingWage.out(yesNo) ?? .unknown)
        }
        s.record("covid", b?.covid ?? .unknown) { s, c in
            s.scalar("turnoverDropPercent", c?.turnoverDropPercent.out(decimal) ?? .unknown)
            s.scalar("closedByRestrictions", c?.closedByRestrictions.out(yesNo) ?? .unknown)
            s.dated("requiredToClose", c?.requiredToClose.history(yesNo) ?? .unknown, list: false)
            s.scalar("impacted", c?.impacted.out(yesNo) ?? .unknown)
            s.scalar("hospitalityLeisureSupplyChain", c?.hospitalityLeisureSupplyChain.out(yesNo) ?? .unknown)
            s.scalar("servesRetailHospitalityLeisure", c?.servesRetailHospitalityLeisure.out(yesNo) ?? .unknown)
        }
        s.record("owner", b?.owner ?? .unknown) { s, o in
            s.scalar("age", o?.age.out(whole) ?? .unknown)
            s.scalar("livesInRegion", o?.livesInRegion.out(yesNo) ?? .unknown)
            s.scalar("previouslyUnemployed", o?.previouslyUnemployed.out(yesNo) ?? .unknown)
            s.scalar("ukResident", o?.ukResident.out(yesNo) ?? .unknown)
            s.scalar("financeElsewhere", o?.financeElsewhere.out(yesNo) ?? .unknown)
        }
        s.records("subsidies", b?.subsidies ?? .unknown, maxItems: maxSubsidies) { s, x in
            s.scalar("amount", x?.amount.out(decimal) ?? .unknown)
            s.scalar("currency", x?.currency.out(choice) ?? .unknown)
            s.scalar("regime", x?.regime.out(choice) ?? .unknown)
            s.scalar("date", x?.date.out(dayOut) ?? .unknown)
            s.scalar("scheme", x?.scheme.out(text) ?? .unknown)
        }
        s.record("proposal", b?.proposal ?? .unknown) { s, p in
            s.record("vehicle", p?.vehicle ?? .unknown) { s, v in
                s.scalar("kind", v?.kind.out(choice) ?? .unknown)
                s.scalar("fuel", v?.fuel.out(choice) ?? .unknown)
                s.scalar("new", v?.new.out(yesNo) ?? .unknown)
                s.scalar("priceExVat", v?.priceExVat.out(money) ?? .unknown)
                s.scalar("co2GramsPerKm", v?.co2GramsPerKm.out(whole) ?? .unknown)
                s.scalar("zeroEmissionRangeMiles", v?.zeroEmissionRangeMiles.out(whole) ?? .unknown)
                s.scalar("grossWeightKg", v?.grossWeightKg.out(whole) ?? .unknown)
                s.scalar("orderedAt", v?.orderedAt.out { .minute($0) } ?? .unknown)
                s.scalar("replacesVehicle", v?.replacesVehicle.out(yesNo) ?? .unknown)
            }
            s.record("retrofit", p?.retrofit ?? .unknown) { s, r in
                s.textList("measures", r?.measures ?? .unknown)
                s.scalar("costExVat", r?.costExVat.out(money) ?? .unknown)
                s.scalar("primaryMeasuresCost", r?.primaryMeasuresCost.out(money) ?? .unknown)
                s.scalar("secondaryMeasuresCost", r?.secondaryMeasuresCost.out(money) ?? .unknown)
                s.scalar("expectedEpcBand", r?.expectedEpcBand.out(choice) ?? .unknown)
                s.scalar("building", r?.building.out(choice) ?? .unknown)
                s.scalar("applicant", r?.applicant.out(choice) ?? .unknown)
                s.scalar("occupier", r?.occupier.out(choice) ?? .unknown)
                s.scalar("epcBand", r?.epcBand.out(choice) ?? .unknown)
                s.scalar("heatingFuel", r?.heatingFuel.out(choice) ?? .unknown)
                s.scalar("insulationRecommendationsOutstanding", r?.insulationRecommendationsOutstanding.out(yesNo) ?? .unknown)
                s.scalar("householdIncome", r?.householdIncome.out(money) ?? .unknown)
                s.scalar("incomeAfterHousingCosts", r?.incomeAfterHousingCosts.out(money) ?? .unknown)
                s.scalar("meansTestedBenefits", r?.meansTestedBenefits.out(yesNo) ?? .unknown)
                s.scalar("incomeDeprivationDecile", r?.incomeDeprivationDecile.out(whole) ?? .unknown)
                s.scalar("deprivationIndex", r?.deprivationIndex.out(choice) ?? .unknown)
            }
            s.record("heating", p?.heating ?? .unknown) { s, h in
                s.scalar("system", h?.system.out(choice) ?? .unknown)
                s.scalar("capacityKwth", h?.capacityKwth.out(decimal) ?? .unknown)
                s.scalar("installed", h?.installed.out(dayOut) ?? .unknown)
            }
            s.record("connectivity", p?.connectivity ?? .unknown) { s, c in
                s.scalar("costExVat", c?.costExVat.out(money) ?? .unknown)
                s.scalar("newDownloadMbps", c?.newDownloadMbps.out(decimal) ?? .unknown)
                s.scalar("groupProject", c?.groupProject.out(yesNo) ?? .unknown)
                s.scalar("registered", c?.registered.out(dayOut) ?? .unknown)
            }
            s.record("chargePoints", p?.chargePoints ?? .unknown) { s, c in
                s.scalar("sockets", c?.sockets.out(whole) ?? .unknown)
                s.scalar("costExVat", c?.costExVat.out(money) ?? .unknown)
                s.scalar("costIncVat", c?.costIncVat.out(money) ?? .unknown)
            }
            s.record("hire", p?.hire ?? .unknown) { s, h in
                s.scalar("age", h?.age.out(whole) ?? .unknown)
                s.scalar("hoursPerWeek", h?.hoursPerWeek.out(whole) ?? .unknown)
                s.scalar("startDate", h?.startDate.out(dayOut) ?? .unknown)
                s.scalar("hourlyWage", h?.hourlyWage.out(money) ?? .unknown)
                s.scalar("contractWeeks", h?.contractWeeks.out(whole) ?? .unknown)
                s.scalar("newJob", h?.newJob.out(yesNo) ?? .unknown)
                s.scalar("universalCredit", h?.universalCredit.out(yesNo) ?? .unknown)
                s.scalar("apprentice", h?.apprentice.out(yesNo) ?? .unknown)
                s.scalar("employedInLastSixMonths", h?.employedInLastSixMonths.out(yesNo) ?? .unknown)
            }
            s.record("capitalProject", p?.capitalProject ?? .unknown) { s, c in
                s.scalar("cost", c?.cost.out(money) ?? .unknown)
                s.scalar("grantRequested", c?.grantRequested.out(money) ?? .unknown)
            }
            s.record("recovery", p?.recovery ?? .unknown) { s, r in
                s.scalar("grantRequested", r?.grantRequested.out(money) ?? .unknown)
                s.scalar("businessAsUsual", r?.businessAsUsual.out(yesNo) ?? .unknown)
                s.scalar("alreadyStarted", r?.alreadyStarted.out(yesNo) ?? .unknown)
            }
            s.record("loan", p?.loan ?? .unknown) { s, l in
                s.scalar("amount", l?.amount.out(money) ?? .unknown)
                s.scalar("secondLoan", l?.secondLoan.out(yesNo) ?? .unknown)
            }
        }
    }
}

/// Bytes for values, shared by the JSON and CSV sinks.
enum Bytes {
    static func int(_ n: Int, _ out: inout [UInt8]) {
        if n < 0 { out.append(0x2D); int(-n, &out); return }
        if n < 10 { out.append(UInt8(n) + 0x30); return }
        int(n / 10, &out)
        out.append(UInt8(n % 10) + 0x30)
    }
    /// Pounds as registers write them, chosen by the amount: "£12,345.67", "12345.67", "12,345", 12345.
    static func money(_ pence: Int, style: Int, _ out: inout [UInt8]) {
        let pounds = pence / 100, rest = pence % 100
        func grouped() {
            var groups = [Int]()
            var p = pounds
            repeat { groups.append(p % 1000); p /= 1000 } while p > 0
            int(groups.last!, &out)
            for g in groups.dropLast().reversed() {
                out.append(0x2C)
                if g < 100 { out.append(0x30) }
                if g < 10 { out.append(0x30) }
                int(g, &out)
            }
        }
        func penceText() {
            out.append(0x2E)
            out.append(UInt8(rest / 10) + 0x30)
            out.append(UInt8(rest % 10) + 0x30)
        }
        switch style {
        case 0: out.append(contentsOf: [0xC2, 0xA3]); grouped(); penceText()       // £12,345.67
        case 1: int(pounds, &out); if rest != 0 { penceText() }                     // 12345.67
        default: if rest != 0 { out.append(contentsOf: [0xC2, 0xA3]) }; grouped(); if rest != 0 { penceText() } // 12,345 or £12,345.67
        }
    }
    static func decimal(_ d: Double, _ out: inout [UInt8]) {
        if d == d.rounded(), abs(d) < 1e15 { int(Int(d), &out); return }
        out.append(contentsOf: "\(d)".utf8)
    }
}

/// One business as one line of JSON.
struct JSONSink: RegisterSink {
    var out: [UInt8]
    private var first = true

    init(out: [UInt8]) { self.out = out }

    private mutating func key(_ name: StaticString) {
        if !first { out.append(0x2C) }
        first = false
        out.append(0x22)
        out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        out.append(0x22)
        out.append(0x3A)
    }

    private mutating func string(_ s: String) {
        out.append(0x22)
        for c in s.utf8 {
            switch c {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x00..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(Array("0123456789abcdef".utf8)[Int(c >> 4)])
                out.append(Array("0123456789abcdef".utf8)[Int(c & 15)])
            default: out.append(c)
            }
        }
        out.append(0x22)
    }

    private mutating func value(_ v: ScalarOut) {
        switch v {
        case .text(let s): string(s)
        case .whole(let n): Bytes.int(n, &out)
        case .money(let p):
            // Mostly text in pounds, some plain numbers (a JSON number is pounds too).
            let style = (p / 100 &* 2_654_435_761) >> 5 & 7
            if style == 0 && p % 100 == 0 { Bytes.int(p / 100, &out) }
            else { out.append(0x22); Bytes.money(p, style: style % 3, &out); out.append(0x22) }
        case .decimal(let d): Bytes.decimal(d, &out)
        case .yesNo(let b): out.append(contentsOf: b ? Array("true".utf8) : Array("false".utf8))
        case .day(let d): out.append(0x22); d.write(to: &out); out.append(0x22)
        case .minute(let m): out.append(0x22); m.write(to: &out); out.append(0x22)
        case .list(let items):
            out.append(0x5B)
            for (i, item) in items.enumerated() { if i > 0 { out.append(0x2C) }; string(item) }
            out.append(0x5D)
        }
    }

    private mutating func notApplicable() { out.append(contentsOf: Array("\"does not apply\"".utf8)) }

    mutating func scalar(_ name: StaticString, _ value: Fact<ScalarOut>) {
        switch value {
        case .unknown: return
        case .doesNotApply: key(name); notApplicable()
        case .given(let v): key(name); self.value(v)
        }
    }

    mutating func record<R>(_ name: StaticString, _ fact: Fact<R>, _ body: (inout JSONSink, R?) -> Void) {
        switch fact {
        case .unknown: return
        case .doesNotApply: key(name); notApplicable()
        case .given(let r):
            key(name)
            out.append(0x7B)
            first = true
            body(&self, r)
            out.append(0x7D)
            first = false
        }
    }

    mutating func textList(_ name: StaticString, _ fact: Fact<[String]>) { scalar(name, fact.out { .list($0) }) }

    mutating func records<R>(_ name: StaticString, _ fact: Fact<[R]>, maxItems: Int, _ body: (inout JSONSink, R?) -> Void) {
        switch fact {
        case .unknown: return
        case .doesNotApply: key(name); notApplicable()
        case .given(let items):
            key(name)
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                out.append(0x7B)
                first = true
                body(&self, item)
                out.append(0x7D)
            }
            out.append(0x5D)
            first = false
        }
    }

    mutating func dated(_ name: StaticString, _ fact: Fact<[(from: NDay?, value: ScalarOut?)]>, list: Bool) {
        switch fact {
        case .unknown: return
        case .doesNotApply: key(name); notApplicable()
        case .given(let entries):
            key(name)
            if entries.count == 1, entries[0].from == nil, let v = entries[0].value { value(v); return }
            out.append(0x5B)
            for (i, e) in entries.enumerated() {
                if i > 0 { out.append(0x2C) }
                out.append(contentsOf: Array("{\"from\":\"".utf8))
                (e.from ?? NDay(1900, 1, 1)).write(to: &out)
                out.append(contentsOf: Array("\",\"value\":".utf8))
                if let v = e.value { value(v) } else { notApplicable() }
                out.append(0x7D)
            }
            out.append(0x5D)
        }
    }
}

/// One business as one CSV record (or, with `header`, the header row). A record or list of
/// records that does not apply is written as "does not apply" in each of its facts' cells (CSV
/// has no cell for a group); a dated fact as its latest value (CSV has no cell for a history).
struct CSVSink: RegisterSink {
    var out: [UInt8]
    let header: Bool
    private var prefix: [UInt8] = []
    private var first = true
    /// Inside a record that does not apply.
    private var notApplicable = false

    init(out: [UInt8], header: Bool = false) {
        self.out = out
        self.header = header
    }

    private mutating func cell(_ name: StaticString, _ write: (inout [UInt8]) -> Void) {
        if !first { out.append(0x2C) }
        first = false
        if header {
            out.append(contentsOf: prefix)
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        } else {
            write(&out)
        }
    }

    private static func quoted(_ s: String, _ out: inout [UInt8]) {
        let needs = s.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needs else { out.append(contentsOf: s.utf8); return }
        out.append(0x22)
        for c in s.utf8 { if c == 0x22 { out.append(0x22) }; out.append(c) }
        out.append(0x22)
    }

    private static func value(_ v: ScalarOut, _ out: inout [UInt8]) {
        switch v {
        case .text(let s): quoted(s, &out)
        case .whole(let n): Bytes.int(n, &out)
        case .money(let p): Bytes.money(p, style: 1, &out)
        case .decimal(let d): Bytes.decimal(d, &out)
        case .yesNo(let b): out.append(contentsOf: b ? Array("yes".utf8) : Array("no".utf8))
        case .day(let d): d.write(to: &out)
        case .minute(let m): m.write(to: &out)
        case .list(let items): quoted(items.isEmpty ? "[]" : items.joined(separator: ";"), &out)
        }
    }

    private static let doesNotApply = Array("does not apply".utf8)

    mutating func scalar(_ name: StaticString, _ value: Fact<ScalarOut>) {
        scalar(name, value, list: false)
    }

    /// A list cell cannot say "does not apply": `eligible batch` splits every list cell at ';'
    /// (Sources/Eligibility/Batch/CSVBusiness.swift, `value(_:as:)`), so the words would become
    /// a list item. Such a list is written unknown (an empty cell).
    private mutating func scalar(_ name: StaticString, _ value: Fact<ScalarOut>, list: Bool) {
        let na = notApplicable
        cell(name) { out in
            if na { if !list { out.append(contentsOf: CSVSink.doesNotApply) }; return }
            switch value {
            case .unknown: break
            case .doesNotApply: if !list { out.append(contentsOf: CSVSink.doesNotApply) }
            case .given(let v): CSVSink.value(v, &out)
            }
        }
    }

    mutating func record<R>(_ name: StaticString, _ fact: Fact<R>, _ body: (inout CSVSink, R?) -> Void) {
        let saved = prefix, savedNA = notApplicable
        prefix.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        prefix.append(0x2E)
        if case .doesNotApply = fact { notApplicable = true }
        body(&self, fact.value)
        prefix = saved
        notApplicable = savedNA
    }

    mutating func textList(_ name: StaticString, _ fact: Fact<[String]>) { scalar(name, fact.out { .list($0) }, list: true) }

    mutating func records<R>(_ name: StaticString, _ fact: Fact<[R]>, maxItems: Int, _ body: (inout CSVSink, R?) -> Void) {
        // The bare column: "[]" for none, "does not apply"; empty when items (or nothing) are given.
        let na = notApplicable
        cell(name) { out in
            if na { out.append(contentsOf: CSVSink.doesNotApply); return }
            switch fact {
            case .doesNotApply: out.append(contentsOf: CSVSink.doesNotApply)
            case .given(let items) where items.isEmpty: out.append(contentsOf: Array("[]".utf8))
            default: break
            }
        }
        let items = fact.value ?? []
        precondition(items.count <= maxItems, "RegisterWriter: more than \(maxItems) items in \(name)")
        let saved = prefix
        for i in 0..<maxItems {
            prefix = saved
            prefix.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            prefix.append(0x5B)
            Bytes.int(i, &prefix)
            prefix.append(contentsOf: [0x5D, 0x2E])
            let wasNA = notApplicable
            notApplicable = false
            body(&self, i < items.count ? items[i] : nil)
            notApplicable = wasNA
        }
        prefix = saved
    }

    mutating func dated(_ name: StaticString, _ fact: Fact<[(from: NDay?, value: ScalarOut?)]>, list: Bool) {
        switch fact {
        case .given(let entries): scalar(name, entries.last!.value.map { .given($0) } ?? .doesNotApply, list: list)
        case .unknown: scalar(name, .unknown)
        case .doesNotApply: scalar(name, .doesNotApply, list: list)
        }
    }
}

/// Writes `count` businesses from the seeded population to `path`: JSON Lines, or CSV when the
/// name ends in .csv. Returns the seconds it took.
@discardableResult
func generateRegister(count: Int, path: String, seed: UInt64) -> Double {
    guard let file = fopen(path, "w") else { fail("cannot write \(path)") }
    let t0 = now()
    let csv = path.lowercased().hasSuffix(".csv")
    var population = Population(seed: seed)
    var buffer = [UInt8]()
    buffer.reserveCapacity(1 << 21)
    if csv {
        var header = CSVSink(out: buffer, header: true)
        RegisterWriter.write(nil, into: &header)
        buffer = header.out
        buffer.append(0x0A)
    }
    for i in 0..<count {
        let b = population.next(index: i + 1)
        if csv {
            var sink = CSVSink(out: buffer)
            buffer = []
            RegisterWriter.write(b, into: &sink)
            buffer = sink.out
        } else {
            var sink = JSONSink(out: buffer)
            buffer = []
            sink.out.append(0x7B)
            RegisterWriter.write(b, into: &sink)
            sink.out.append(0x7D)
            buffer = sink.out
        }
        buffer.append(0x0A)
        if buffer.count > 1 << 20 {
            _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            buffer.removeAll(keepingCapacity: true)
        }
    }
    _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
    return Double(now() - t0) / 1e9
}

/// One business as its JSON line (without the newline).
func jsonLine(_ b: NativeBusiness) -> [UInt8] {
    var sink = JSONSink(out: [0x7B])
    RegisterWriter.write(b, into: &sink)
    sink.out.append(0x7D)
    return sink.out
}
