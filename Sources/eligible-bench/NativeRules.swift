import Eligibility

/// The shipped programmes' logic written directly in Swift: the benchmark's baseline (what the
/// same work costs with no rule scripts, no sandbox and no bridge). Benchmark-only code; it
/// mirrors rules/*.lua at the time of writing, including "cannot tell" for absent facts, and
/// the benchmark reports how often it agrees with the engine.
enum NativeRules {
    enum T { case yes, no, unknown }
    struct Result: Equatable { var programme: String; var outcome: Decision.Outcome; var award: Int? }

    static func tri(_ b: Bool?) -> T { b.map { $0 ? .yes : .no } ?? .unknown }

    static let region: Set<String> = ["halton", "knowsley", "liverpool", "sefton", "st helens", "wirral"]

    static func normalise(_ name: String) -> String {
        var out = [UInt8]()
        var space = false
        for c in name.lowercased().utf8 {
            if c == 0x2E || c == 0x20 || c == 0x2D || c == 0x09 { space = true; continue }
            if space && !out.isEmpty { out.append(0x20) }
            space = false
            out.append(c)
        }
        var s = String(decoding: out, as: UTF8.self)
        if s.hasPrefix("saint ") { s = "st " + s.dropFirst(6) }
        if s.hasPrefix("city of ") { s = String(s.dropFirst(8)) }
        for suffix in [" metropolitan borough council", " borough council", " city council", " council"] where s.hasSuffix(suffix) {
            s = String(s.dropLast(suffix.count))
        }
        return s
    }

    static func inRegion(_ b: Business) -> T {
        guard let la = b.address?.localAuthority else { return .unknown }
        return region.contains(normalise(la)) ? .yes : .no
    }

    static func sme(_ b: Business) -> T {
        var met = 0, failed = 0
        for (value, limit) in [(b.turnover?.pence, 3_600_000_000), (b.balanceSheetTotal?.pence, 1_800_000_000), (b.employees, 250)] {
            guard let value else { continue }
            if value <= limit { met += 1 } else { failed += 1 }
        }
        return met >= 2 ? .yes : failed >= 2 ? .no : .unknown
    }

    static func addMonths(_ day: Day, _ n: Int) -> Day {
        let index = day.year * 12 + (day.month - 1) + n
        let y = index / 12, m = index % 12 + 1
        return try! Day(year: y, month: m, day: min(day.day, Day.daysInMonth(year: y, month: m)))
    }

    /// Subsidy control: prior subsidies in this and the two previous financial years plus the award.
    static func withinAllowance(_ b: Business, _ award: Int, today: Day) -> T {
        guard let subsidies = b.subsidies else { return .unknown }
        let fy = today.month >= 4 ? today.year : today.year - 1
        let first = try! Day(year: fy - 2, month: 4, day: 1), after = try! Day(year: fy + 1, month: 4, day: 1)
        var total = 0
        for s in subsidies where s.date >= first && s.date < after { total += Int((s.amount * 100).rounded()) }
        return total + award <= 31_500_000 ? .yes : .no
    }

    struct Programme {
        var id: String
        var from: String, until: String // instants; open when from <= at < until
        var mfa: Bool
        var maximum: Int
        var roundDownToPound: Bool
        var criteria: [(Business, String) -> T]
        var award: (Business, String) -> Int?
    }

    static let programmes: [Programme] = [
        Programme(id: "clean-vehicle-switch", from: "2021-04-01T00:00", until: "2024-04-01T00:00", mfa: true, maximum: 1_000_000, roundDownToPound: false, criteria: [
            { b, _ in inRegion(b) },
            { b, _ in
                if let e = b.employees, e < 50 { return .yes }
                if b.legalForm == .soleTrader { return .yes }
                if b.employees != nil && b.legalForm != nil { return .no }
                return .unknown
            },
            { b, _ in
                guard let fleet = b.fleet else { return .unknown }
                var undecided = false
                for v in fleet {
                    guard let kind = v.kind, let fuel = v.fuel else { undecided = true; continue }
                    guard kind == .van || kind == .taxi, fuel == .diesel else { continue }
                    if let e = v.euroStandard { if e < 6 { return .yes }; continue }
                    if let r = v.firstRegistered?.description {
                        if r < "2015-09-01" { return .yes }
                        if r >= "2016-09-01" { continue }
                    }
                    undecided = true
                }
                return undecided ? .unknown : .no
            },
            { b, _ in guard let k = b.proposal?.vehicle?.kind else { return .unknown }; return k == .van || k == .taxi ? .yes : .no },
            { b, _ in
                guard let f = b.proposal?.vehicle?.fuel else { return .unknown }
                if f == .electric || f == .hydrogen { return .yes }
                guard let co2 = b.proposal?.vehicle?.co2GramsPerKm else { return .unknown }
                return co2 < 75 ? .yes : .no
            },
            { b, _ in tri(b.proposal?.vehicle?.replacesVehicle) },
        ], award: { b, _ in
            guard let v = b.proposal?.vehicle, let price = v.priceExVat?.pence else { return nil }
            return min(price * 50 / 100, v.kind == .taxi ? 1_000_000 : 450_000)
        }),
        Programme(id: "fair-employment-hiring", from: "2021-06-01T00:00", until: "2023-04-01T00:00", mfa: true, maximum: 150_000, roundDownToPound: false, criteria: [
            { b, _ in inRegion(b) },
            { b, _ in guard let a = b.proposal?.hire?.age else { return .unknown }; return a >= 16 && a <= 24 ? .yes : .no },
            { b, _ in guard let w = b.workforce?.paysRealLivingWage else { return .unknown }; return w ? .yes : .no },
            { b, at in
                guard let w = b.proposal?.hire?.hourlyWage?.pence else { return .unknown }
                let rlw = at >= "2024-05-01" ? 1200 : at >= "2023-05-01" ? 1090 : at >= "2022-05-01" ? 990 : at >= "2021-05-01" ? 950 : 930
                return w >= rlw ? .yes : .no
            },
            { b, _ in guard let h = b.proposal?.hire?.hoursPerWeek else { return .unknown }; return h >= 25 ? .yes : .no },
            { b, _ in guard let c = b.proposal?.hire?.contractWeeks else { return .unknown }; return c >= 26 ? .yes : .no },
            { b, _ in guard let s = b.proposal?.hire?.startDate?.description else { return .unknown }; return s >= "2021-06-01" ? .yes : .no },
        ], award: { _, _ in 150_000 }),
        Programme(id: "gigabit-voucher", from: "2021-04-08T00:00", until: "2025-04-01T00:00", mfa: true, maximum: 450_000, roundDownToPound: false, criteria: [
            { b, _ in sme(b) },
            { b, _ in guard let r = b.address?.ruralUrban else { return .unknown }; return r == .rural ? .yes : .no },
            { b, _ in guard let d = b.connectivity?.downloadMbps else { return .unknown }; return d < 100 ? .yes : .no },
            { b, _ in
                guard let now = b.connectivity?.downloadMbps, let new = b.proposal?.connectivity?.newDownloadMbps else { return .unknown }
                return (now < 50 ? new >= 2 * now : new >= 100) ? .yes : .no
            },
        ], award: { b, at in
            guard let cost = b.proposal?.connectivity?.costExVat?.pence else { return nil }
            return min(cost, at >= "2022-12-05T00:00" ? 450_000 : 350_000)
        }),
        Programme(id: "plug-in-van-grant", from: "2021-03-18T00:00", until: "2025-04-01T00:00", mfa: false, maximum: 600_000, roundDownToPound: false, criteria: [
            { b, _ in guard let k = b.proposal?.vehicle?.kind else { return .unknown }; return k == .van ? .yes : .no },
            { b, _ in guard let c = b.proposal?.vehicle?.co2GramsPerKm else { return .unknown }; return c < 50 ? .yes : .no },
            { b, _ in guard let r = b.proposal?.vehicle?.zeroEmissionRangeMiles else { return .unknown }; return r >= 60 ? .yes : .no },
            { b, at in guard let w = b.proposal?.vehicle?.grossWeightKg else { return .unknown }; return w <= (at >= "2022-04-01T00:00" ? 4250 : 3500) ? .yes : .no },
        ], award: { b, at in
            guard let v = b.proposal?.vehicle, let w = v.grossWeightKg, let price = v.priceExVat?.pence else { return nil }
            let late = at >= "2021-12-15T07:00"
            let cap = w >= 2500 ? (late ? 500_000 : 600_000) : (late ? 250_000 : 300_000)
            return min(price * 35 / 100, cap)
        }),
        Programme(id: "premises-retrofit", from: "2022-04-01T00:00", until: "2025-04-01T00:00", mfa: true, maximum: 1_000_000, roundDownToPound: true, criteria: [
            { b, _ in inRegion(b) },
            { b, _ in sme(b) },
            { b, _ in guard let e = b.premises?.epcBand else { return .unknown }; return [.D, .E, .F, .G].contains(e) ? .yes : .no },
            { b, _ in
                guard let now = b.premises?.epcBand, let after = b.proposal?.retrofit?.expectedEpcBand else { return .unknown }
                let order = EPCBand.allCases
                return order.firstIndex(of: after)! < order.firstIndex(of: now)! ? .yes : .no
            },
        ], award: { b, _ in
            guard let band = b.premises?.epcBand, let cost = b.proposal?.retrofit?.costExVat?.pence else { return nil }
            let cap = band == .D ? 500_000 : band == .E ? 750_000 : 1_000_000
            return min(cost * 50 / 100, cap)
        }),
        // Closed at the benchmark's as-of date; its criteria are not mirrored.
        Programme(id: "recovery-grant", from: "2020-11-02T00:00", until: "2022-04-01T00:00", mfa: true, maximum: 300_000, roundDownToPound: false,
                  criteria: [{ _, _ in .unknown }], award: { _, _ in nil }),
        Programme(id: "start-up-grant", from: "2021-04-01T00:00", until: "2024-04-01T00:00", mfa: true, maximum: 250_000, roundDownToPound: false, criteria: [
            { b, _ in inRegion(b) },
            { b, at in
                guard let start = b.tradingStartDate else { return .unknown }
                return String(at.prefix(10)) < addMonths(start, 24).description ? .yes : .no
            },
            { b, _ in guard let d = b.address?.deprivationDecile else { return .unknown }; return d <= 3 ? .yes : .no },
        ], award: { _, _ in 250_000 }),
        Programme(id: "workplace-charging", from: "2020-04-01T00:00", until: "2026-04-01T00:00", mfa: true, maximum: 1_400_000, roundDownToPound: true, criteria: [
            { b, _ in
                if b.legalForm == .charity { return .yes }
                switch sme(b) {
                case .unknown: return .unknown
                case .yes: return .yes
                case .no: return b.legalForm == nil ? .unknown : .no
                }
            },
            { b, _ in guard let t = b.premises?.tenure else { return .unknown }; return t == .owned || t == .leased ? .yes : .no },
            { b, _ in guard let s = b.proposal?.chargePoints?.sockets else { return .unknown }; return s >= 1 ? .yes : .no },
        ], award: { b, _ in
            guard let cp = b.proposal?.chargePoints, let sockets = cp.sockets, let cost = cp.costExVat?.pence else { return nil }
            return min(cost * 75 / 100, min(sockets, 40) * 35_000)
        }),
    ]

    static func evaluate(_ b: Business, at: String) -> [Result] {
        let today = try! Day(parsing: String(at.prefix(10)))
        return programmes.map { p in
            guard p.from <= at, at < p.until else { return Result(programme: p.id, outcome: .closed, award: nil) }
            var failed = false, unknown = false
            for c in p.criteria {
                switch c(b, at) {
                case .no: failed = true
                case .unknown: unknown = true
                case .yes: break
                }
            }
            if failed { return Result(programme: p.id, outcome: .ineligible, award: nil) }
            if unknown { return Result(programme: p.id, outcome: .needsInformation, award: nil) }
            guard var award = p.award(b, at) else { return Result(programme: p.id, outcome: .needsInformation, award: nil) }
            if p.roundDownToPound { award = award / 100 * 100 }
            award = min(award, p.maximum)
            if p.mfa {
                switch withinAllowance(b, award, today: today) {
                case .no: return Result(programme: p.id, outcome: .ineligible, award: nil)
                case .unknown: return Result(programme: p.id, outcome: .needsInformation, award: nil)
                case .yes: break
                }
            }
            return Result(programme: p.id, outcome: .eligible, award: award)
        }
    }
}
