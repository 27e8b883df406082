import Eligibility
import Foundation

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
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
    mutating func weighted<T>(_ items: [(T, Double)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var r = unit() * total
        for (item, w) in items { r -= w; if r < 0 { return item } }
        return items.last!.0
    }
    /// Log-uniform between a and b.
    mutating func logUniform(_ a: Double, _ b: Double) -> Double {
        a * pow(b / a, unit())
    }
}

/// A synthetic business register with realistic spreads: mostly micro firms, two thirds in the
/// city region (with the spellings registers really use), some facts missing, a minority with
/// vans, proposals of every kind.
struct Population {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(state: seed) }

    static let authorities = [
        ("Liverpool", 18.0), ("Wirral", 12.0), ("Sefton", 10.0), ("St Helens", 6.0), ("Knowsley", 5.0), ("Halton", 4.0),
        ("St. Helens", 1.0), ("Wirral Council", 1.0), ("LIVERPOOL", 1.0), ("Saint Helens", 0.5),
        ("Manchester", 8.0), ("Warrington", 6.0), ("Cheshire West and Chester", 6.0), ("West Lancashire", 5.0),
        ("Wigan", 5.0), ("Leeds", 4.0), ("Birmingham", 4.0),
    ]
    static let sic = ["49320", "49410", "47110", "56101", "62012", "43210", "86210", "96020", "45200", "68209", "01110", "55100"]

    private mutating func day(_ fromYear: Int, _ toYear: Int) -> Day {
        let y = rng.int(fromYear...toYear), m = rng.int(1...12), d = rng.int(1...28)
        return try! Day(year: y, month: m, day: d)
    }

    private mutating func maybe<T>(_ p: Double, _ make: (inout Population) -> T) -> T? {
        rng.chance(p) ? make(&self) : nil
    }

    mutating func next(index: Int) -> Business {
        var b = Business()
        b.id = "LCR-" + String(index)
        b.name = "Business \(index)"
        b.legalForm = maybe(0.97) { $0.rng.weighted([
            (LegalForm.soleTrader, 35), (.limitedCompany, 45), (.partnership, 8), (.limitedLiabilityPartnership, 3),
            (.communityInterestCompany, 3), (.charity, 3), (.cooperative, 1), (.other, 2)]) }
        b.sicCodes = maybe(0.9) { p in (0..<p.rng.int(1...2)).map { _ in p.rng.pick(Population.sic) } }
        let employees = b.legalForm == .soleTrader ? rng.int(1...3) : Int(rng.logUniform(1, 600))
        b.employees = maybe(0.95) { _ in employees }
        let turnover = Int(Double(employees) * rng.logUniform(20_000, 200_000)) * 100
        b.turnover = maybe(0.92) { _ in Money(pence: turnover) }
        b.balanceSheetTotal = maybe(0.85) { p in Money(pence: Int(Double(turnover) * (0.2 + p.rng.unit() * 0.6))) }
        b.tradingStartDate = maybe(0.95) { p in p.rng.chance(0.2) ? p.day(2020, 2023) : p.day(1975, 2019) }
        b.financialYearStart = maybe(0.6) { p in try! Day(year: p.rng.int(2021...2022), month: p.rng.pick([1, 4, 7, 10]), day: 1) }
        b.address = maybe(0.98) { p in
            Address(postcode: "L\(p.rng.int(1...38)) \(p.rng.int(1...9))AB",
                    localAuthority: p.maybe(0.97) { $0.rng.weighted(Population.authorities) },
                    deprivationDecile: p.maybe(0.9) { $0.rng.int(1...10) }, deprivationIndex: "IoD2019",
                    ruralUrban: p.maybe(0.9) { $0.rng.chance(0.2) ? .rural : .urban })
        }
        b.premises = maybe(0.9) { p in
            Premises(tenure: p.maybe(0.95) { $0.rng.weighted([(Tenure.owned, 25), (.leased, 50), (.homeBased, 25)]) },
                     epcBand: p.maybe(0.8) { $0.rng.weighted([(EPCBand.A, 2), (.B, 8), (.C, 25), (.D, 30), (.E, 20), (.F, 10), (.G, 5)]) },
                     rateableValue: p.maybe(0.7) { Money(pence: Int($0.rng.logUniform(3_000, 200_000)) * 100) })
        }
        b.fleet = maybe(0.85) { p in
            guard p.rng.chance(0.35) else { return [] }
            return (0..<p.rng.int(1...3)).map { _ in
                Vehicle(kind: p.maybe(0.98) { $0.rng.weighted([(VehicleKind.van, 55), (.taxi, 15), (.car, 20), (.minibus, 5), (.hgv, 5)]) },
                        fuel: p.maybe(0.97) { $0.rng.weighted([(Fuel.diesel, 70), (.petrol, 12), (.hybrid, 6), (.electric, 10), (.lpg, 2)]) },
                        euroStandard: p.maybe(0.7) { $0.rng.int(3...6) }, co2GramsPerKm: p.maybe(0.6) { $0.rng.int(0...260) },
                        zeroEmissionRangeMiles: nil, grossWeightKg: p.maybe(0.5) { $0.rng.int(1500...7500) },
                        firstRegistered: p.maybe(0.8) { $0.day(2005, 2022) })
            }
        }
        b.connectivity = maybe(0.8) { p in Connectivity(downloadMbps: (p.rng.logUniform(2, 1000) * 10).rounded() / 10) }
        b.workforce = maybe(0.7) { p in
            Workforce(age16To24: p.rng.int(0...max(0, employees / 4)), age25To49: p.rng.int(0...employees), age50Plus: p.rng.int(0...max(0, employees / 3)),
                      paysRealLivingWage: p.maybe(0.8) { $0.rng.chance(0.4) })
        }
        b.covid = maybe(0.75) { p in
            CovidImpact(turnoverDropPercent: p.maybe(0.85) { ($0.rng.unit() * 900).rounded() / 10 }, closedByRestrictions: p.maybe(0.85) { $0.rng.chance(0.3) })
        }
        b.owner = maybe(0.6) { p in Owner(age: p.rng.int(18...75), livesInRegion: p.rng.chance(0.8), previouslyUnemployed: p.rng.chance(0.15)) }
        b.subsidies = maybe(0.8) { p in
            (0..<p.rng.weighted([(0, 70.0), (1, 20), (2, 10)])).map { _ in
                Subsidy(amount: Double(p.rng.chance(0.05) ? p.rng.int(200_000...320_000) : p.rng.int(500...20_000)),
                        date: p.day(2019, 2022), scheme: p.rng.pick(["Small Business Grant", "Restart Grant", "ARG", "Kickstart"]))
            }
        }
        var proposal = Proposal()
        switch rng.int(0...5) {
        case 0:
            let kind = rng.weighted([(VehicleKind.van, 70), (.taxi, 20), (.car, 10)])
            let electric = rng.chance(0.6)
            proposal.vehicle = VehiclePurchase(
                kind: kind, fuel: electric ? .electric : rng.pick([.pluginHybrid, .hybrid, .diesel]),
                priceExVat: Money(pence: rng.int(18_000...60_000) * 100), co2GramsPerKm: electric ? 0 : rng.int(20...180),
                zeroEmissionRangeMiles: electric ? rng.int(60...250) : rng.int(0...40), grossWeightKg: rng.int(1800...4300),
                replacesVehicle: maybe(0.9) { $0.rng.chance(0.6) })
        case 1:
            proposal.retrofit = Retrofit(measures: ["loft insulation", "LED lighting"], costExVat: Money(pence: rng.int(2_000...40_000) * 100),
                                         expectedEpcBand: maybe(0.9) { $0.rng.pick(EPCBand.allCases) })
        case 2:
            proposal.connectivity = ConnectivityUpgrade(costExVat: Money(pence: rng.int(1_000...8_000) * 100), newDownloadMbps: rng.pick([300, 500, 900, 1000]))
        case 3:
            let sockets = rng.int(1...50)
            proposal.chargePoints = ChargePoints(sockets: sockets, costExVat: Money(pence: sockets * rng.int(600...1_500) * 100))
        case 4:
            proposal.hire = Hire(age: rng.int(16...40), hoursPerWeek: rng.int(16...40), startDate: day(2021, 2022),
                                 hourlyWage: Money(pence: rng.int(900...1400)), contractWeeks: rng.pick([12, 26, 52]))
        default: break
        }
        b.proposal = rng.chance(0.9) ? proposal : nil
        return b
    }
}

/// Writes a business as one JSON line (the register format), by hand for speed.
enum BusinessJSONLine {
    static func append(_ b: Business, to out: inout [UInt8]) {
        var w = ObjectWriter(out: out)
        w.begin()
        w.string("id", b.id); w.string("name", b.name); w.string("legalForm", b.legalForm?.rawValue)
        if let codes = b.sicCodes { w.key("sicCodes"); w.raw("[" + codes.map { "\"\($0)\"" }.joined(separator: ",") + "]") }
        w.int("employees", b.employees); w.money("turnover", b.turnover); w.money("balanceSheetTotal", b.balanceSheetTotal)
        w.string("tradingStartDate", b.tradingStartDate?.description); w.string("financialYearStart", b.financialYearStart?.description)
        if let a = b.address {
            w.object("address") { w in
                w.string("postcode", a.postcode); w.string("localAuthority", a.localAuthority); w.int("deprivationDecile", a.deprivationDecile)
                w.string("deprivationIndex", a.deprivationIndex); w.string("ruralUrban", a.ruralUrban?.rawValue)
            }
        }
        if let p = b.premises {
            w.object("premises") { w in w.string("tenure", p.tenure?.rawValue); w.string("epcBand", p.epcBand?.rawValue); w.money("rateableValue", p.rateableValue) }
        }
        if let fleet = b.fleet {
            w.list("fleet", fleet) { w, v in
                w.string("kind", v.kind?.rawValue); w.string("fuel", v.fuel?.rawValue); w.int("euroStandard", v.euroStandard)
                w.int("co2GramsPerKm", v.co2GramsPerKm); w.int("zeroEmissionRangeMiles", v.zeroEmissionRangeMiles)
                w.int("grossWeightKg", v.grossWeightKg); w.string("firstRegistered", v.firstRegistered?.description)
            }
        }
        if let c = b.connectivity { w.object("connectivity") { w in w.double("downloadMbps", c.downloadMbps) } }
        if let f = b.workforce {
            w.object("workforce") { w in
                w.int("age16To24", f.age16To24); w.int("age25To49", f.age25To49); w.int("age50Plus", f.age50Plus); w.bool("paysRealLivingWage", f.paysRealLivingWage)
            }
        }
        if let c = b.covid { w.object("covid") { w in w.double("turnoverDropPercent", c.turnoverDropPercent); w.bool("closedByRestrictions", c.closedByRestrictions) } }
        if let o = b.owner { w.object("owner") { w in w.int("age", o.age); w.bool("livesInRegion", o.livesInRegion); w.bool("previouslyUnemployed", o.previouslyUnemployed) } }
        if let s = b.subsidies {
            w.list("subsidies", s) { w, x in w.double("amount", x.amount); w.string("currency", x.currency.rawValue); w.string("date", x.date.description); w.string("scheme", x.scheme) }
        }
        if let p = b.proposal {
            w.object("proposal") { w in
                if let v = p.vehicle {
                    w.object("vehicle") { w in
                        w.string("kind", v.kind?.rawValue); w.string("fuel", v.fuel?.rawValue); w.money("priceExVat", v.priceExVat)
                        w.int("co2GramsPerKm", v.co2GramsPerKm); w.int("zeroEmissionRangeMiles", v.zeroEmissionRangeMiles)
                        w.int("grossWeightKg", v.grossWeightKg); w.bool("replacesVehicle", v.replacesVehicle)
                    }
                }
                if let r = p.retrofit {
                    w.object("retrofit") { w in
                        if let m = r.measures { w.key("measures"); w.raw("[" + m.map { "\"\($0)\"" }.joined(separator: ",") + "]") }
                        w.money("costExVat", r.costExVat); w.string("expectedEpcBand", r.expectedEpcBand?.rawValue)
                    }
                }
                if let c = p.connectivity { w.object("connectivity") { w in w.money("costExVat", c.costExVat); w.double("newDownloadMbps", c.newDownloadMbps) } }
                if let c = p.chargePoints { w.object("chargePoints") { w in w.int("sockets", c.sockets); w.money("costExVat", c.costExVat) } }
                if let h = p.hire {
                    w.object("hire") { w in
                        w.int("age", h.age); w.int("hoursPerWeek", h.hoursPerWeek); w.string("startDate", h.startDate?.description)
                        w.money("hourlyWage", h.hourlyWage); w.int("contractWeeks", h.contractWeeks)
                    }
                }
            }
        }
        w.end()
        out = w.out
        out.append(0x0A)
    }

    struct ObjectWriter {
        var out: [UInt8]
        var first = true
        mutating func begin() { out.append(0x7B); first = true }
        mutating func end() { out.append(0x7D); first = false }
        mutating func key(_ k: String) {
            if !first { out.append(0x2C) }
            first = false
            out.append(0x22); out.append(contentsOf: k.utf8); out.append(contentsOf: "\":".utf8)
        }
        mutating func raw(_ s: String) { out.append(contentsOf: s.utf8) }
        mutating func string(_ k: String, _ v: String?) { guard let v else { return }; key(k); out.append(0x22); out.append(contentsOf: v.utf8); out.append(0x22) }
        mutating func int(_ k: String, _ v: Int?) { guard let v else { return }; key(k); raw(String(v)) }
        /// Money as people write it in registers: "£1,234.56" (pounds, always).
        mutating func money(_ k: String, _ v: Money?) { guard let v else { return }; key(k); out.append(0x22); raw(v.formatted); out.append(0x22) }
        mutating func double(_ k: String, _ v: Double?) { guard let v else { return }; key(k); raw(String(v)) }
        mutating func bool(_ k: String, _ v: Bool?) { guard let v else { return }; key(k); raw(v ? "true" : "false") }
        mutating func object(_ k: String, _ body: (inout ObjectWriter) -> Void) { key(k); begin(); body(&self); end() }
        mutating func list<T>(_ k: String, _ items: [T], _ body: (inout ObjectWriter, T) -> Void) {
            key(k); out.append(0x5B)
            for (i, item) in items.enumerated() { if i > 0 { out.append(0x2C) }; begin(); body(&self, item); end() }
            out.append(0x5D)
        }
    }
}
