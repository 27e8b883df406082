// The native baseline's own model of a business: plain Swift types mirroring rules/facts.yaml.
// Benchmark-only code.
//
// Every fact is a `Fact<T>`: not given (unknown), answered "does not apply", or given. Records
// (address, premises, the proposal's parts, ...) are final classes so a business is a handful
// of small objects rather than one multi-kilobyte value. Money is integer pence, days are
// `NDay` (yyyymmdd), minutes `NMinute` (yyyymmddhhmm): both compare in time order, as the
// rules' "YYYY-MM-DD" strings do.

/// A fact's three states.
enum Fact<T> {
    /// Not given: a rule that reads it cannot tell, and names it.
    case unknown
    /// Answered "does not apply": a rule that reads it fails.
    case doesNotApply
    case given(T)

    /// The value when given.
    var value: T? { if case .given(let v) = self { return v }; return nil }
    /// Whether it is given (the rules' `has`: "does not apply" is not given).
    var has: Bool { if case .given = self { return true }; return false }
}

/// A day as yyyymmdd (20210301): compares in time order.
struct NDay: Comparable, Hashable {
    var raw: Int32
    init(raw: Int32) { self.raw = raw }
    init(_ y: Int, _ m: Int, _ d: Int) { raw = Int32(y * 10000 + m * 100 + d) }
    var year: Int { Int(raw) / 10000 }
    var month: Int { Int(raw) / 100 % 100 }
    var day: Int { Int(raw) % 100 }
    static func < (a: NDay, b: NDay) -> Bool { a.raw < b.raw }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        if m == 2 { return isLeap(y) ? 29 : 28 }
        return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31
    }
    /// "YYYY-MM-DD" (exactly 10 bytes, a real day), or nil.
    init?(text: String) {
        var s = text
        guard let parsed = s.withUTF8({ NDay.parse($0) }) else { return nil }
        self = parsed
    }
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> NDay? {
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        func digits(_ from: Int, _ to: Int) -> Int? {
            var v = 0
            for i in from..<to {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard let y = digits(0, 4), let m = digits(5, 7), let d = digits(8, 10),
              y >= 1, (1...12).contains(m), d >= 1, d <= daysInMonth(y, m) else { return nil }
        return NDay(y, m, d)
    }

    /// Days since 1970-01-01 (H. Hinnant's days_from_civil), and back; years 1900-2199 from a
    /// table of year starts.
    var serial: Int {
        let y = year, m = month
        if y >= 1900 && y < 2200 {
            return NDay.yearStarts[y - 1900] + NDay.monthStarts[m - 1] + (m > 2 && NDay.isLeap(y) ? 1 : 0) + day - 1
        }
        return NDay.civilSerial(y, m, day)
    }
    private static func civilSerial(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468
    }
    private static let monthStarts = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
    private static let yearStarts: [Int] = (1900..<2201).map { civilSerial($0, 1, 1) }
    init(serial z: Int) {
        if z >= NDay.yearStarts[0] && z < NDay.yearStarts[300] {
            var y = min(2199, max(1900, 1970 + Int((Double(z) / 365.2425).rounded(.down))))
            while NDay.yearStarts[y - 1900] > z { y -= 1 }
            while NDay.yearStarts[y + 1 - 1900] <= z { y += 1 }
            var rest = z - NDay.yearStarts[y - 1900]
            let leap = NDay.isLeap(y)
            var m = 1
            while m < 12 {
                let next = NDay.monthStarts[m] + (m >= 2 && leap ? 1 : 0)
                if rest < next { break }
                m += 1
            }
            rest -= NDay.monthStarts[m - 1] + (m > 2 && leap ? 1 : 0)
            self.init(y, m, rest + 1)
            return
        }
        let z = z + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
    func adding(days n: Int) -> NDay { NDay(serial: serial + n) }

    /// The first minute of the day.
    var minute: NMinute { NMinute(raw: Int64(raw) * 10000) }

    func write(to out: inout [UInt8]) {
        let v = Int(raw)
        let y = v / 10000, m = v / 100 % 100, d = v % 100
        out.append(UInt8(y / 1000 % 10) + 0x30); out.append(UInt8(y / 100 % 10) + 0x30)
        out.append(UInt8(y / 10 % 10) + 0x30); out.append(UInt8(y % 10) + 0x30)
        out.append(0x2D); out.append(UInt8(m / 10) + 0x30); out.append(UInt8(m % 10) + 0x30)
        out.append(0x2D); out.append(UInt8(d / 10) + 0x30); out.append(UInt8(d % 10) + 0x30)
    }
    var text: String { var out = [UInt8](); write(to: &out); return String(decoding: out, as: UTF8.self) }
}

/// A minute as yyyymmddhhmm (202103180700): compares in time order.
struct NMinute: Comparable, Hashable {
    var raw: Int64
    init(raw: Int64) { self.raw = raw }
    init(_ day: NDay, _ hour: Int, _ minute: Int) { raw = Int64(day.raw) * 10000 + Int64(hour * 100 + minute) }
    var day: NDay { NDay(raw: Int32(raw / 10000)) }
    static func < (a: NMinute, b: NMinute) -> Bool { a.raw < b.raw }

    /// "YYYY-MM-DD" (midnight), "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD HH:MM", as the engine reads a minute.
    init?(text: String) {
        var s = text
        guard let parsed = s.withUTF8({ b -> NMinute? in
            if b.count == 10 { return NDay.parse(b).map { $0.minute } }
            guard b.count == 16, b[10] == 0x54 || b[10] == 0x20 || b[10] == 0x74, b[13] == 0x3A,
                  let day = NDay.parse(UnsafeBufferPointer(rebasing: b[0..<10])) else { return nil }
            var h = 0, m = 0
            for i in 11..<13 { guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }; h = h * 10 + Int(b[i] - 0x30) }
            for i in 14..<16 { guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }; m = m * 10 + Int(b[i] - 0x30) }
            guard h < 24, m < 60 else { return nil }
            return NMinute(day, h, m)
        }) else { return nil }
        self = parsed
    }

    func write(to out: inout [UInt8]) {
        day.write(to: &out)
        let hm = Int(raw % 10000)
        out.append(0x54)
        out.append(UInt8(hm / 1000) + 0x30); out.append(UInt8(hm / 100 % 10) + 0x30)
        out.append(0x3A)
        out.append(UInt8(hm / 10 % 10) + 0x30); out.append(UInt8(hm % 10) + 0x30)
    }
}

/// A dated fact's history: each entry holds from its first day (nil: from the beginning) until
/// the next entry's. A nil value is the answer "does not apply".
struct Dated<T> {
    struct Entry {
        var from: NDay?
        var value: T?
    }
    var entries: [Entry]
    /// One value throughout.
    init(_ value: T) { entries = [Entry(from: nil, value: value)] }
    init(entries: [Entry]) { self.entries = entries }
}

// MARK: - Choices

/// A `one of` fact's values: the vocabulary's names, matched in any case as the engine does.
protocol Choice: RawRepresentable, CaseIterable where RawValue == String {}
extension Choice {
    static func matching(_ text: String) -> Self? {
        if let exact = Self(rawValue: text) { return exact }
        let lower = text.lowercased()
        return allCases.first { $0.rawValue.lowercased() == lower }
    }
}

enum LegalForm: String, Choice {
    case soleTrader, partnership, limitedCompany, limitedLiabilityPartnership, communityInterestCompany, charity,
         cooperative, publicBody, other
}
enum CompanyStatus: String, Choice { case active, inAdministration, inLiquidation, insolvent, dissolved, struckOff }
enum Sector: String, Choice {
    case nonEssentialRetail, essentialRetail, hospitality, accommodation, leisure, personalCare, gym, manufacturing,
         construction, transport, professionalServices, digital, creative, health, education, agriculture, fishing,
         finance, propertyInvestment, gambling, weapons, other

    /// Its position in `allCases`.
    var ordinal: Int {
        switch self {
        case .nonEssentialRetail: 0
        case .essentialRetail: 1
        case .hospitality: 2
        case .accommodation: 3
        case .leisure: 4
        case .personalCare: 5
        case .gym: 6
        case .manufacturing: 7
        case .construction: 8
        case .transport: 9
        case .professionalServices: 10
        case .digital: 11
        case .creative: 12
        case .health: 13
        case .education: 14
        case .agriculture: 15
        case .fishing: 16
        case .finance: 17
        case .propertyInvestment: 18
        case .gambling: 19
        case .weapons: 20
        case .other: 21
        }
    }
}
enum Grant: String, Choice {
    case smallBusinessGrantFund, retailHospitalityLeisureGrantFund, discretionaryGrantsFund, lrsgClosed, lrsgOpen,
         closedBusinessesLockdownPayment, additionalRestrictionsGrant, restartGrant, lcrHospitalityLeisureRetail,
         lcrLocalBusinessSupport, taxiDriversGrant, councilGrantSinceOctober2020
}
enum Country: String, Choice { case england, wales, scotland, northernIreland }
enum DeprivationIndex: String, Choice { case IoD2019, IoD2025 }
enum RuralUrban: String, Choice { case rural, urban }
enum RuralUrbanClass: String, Choice { case A1, B1, C1, C2, D1, D2, E1, E2, F1, F2 }
enum Tenure: String, Choice { case owned, leased, homeBased }
enum PremisesUse: String, Choice {
    case shop, office, industrial, hospitalityVenue, leisureVenue, marketStall, home, carPark, personalUse, other
}
enum RateRelief: String, Choice { case smallBusiness, rural, expandedRetail, charitable }
enum EPCBand: String, Choice {
    case A, B, C, D, E, F, G
    /// 1 (A) to 7 (G), as the Home Upgrade Grant orders them.
    var order: Int { switch self { case .A: 1; case .B: 2; case .C: 3; case .D: 4; case .E: 5; case .F: 6; case .G: 7 } }
}
enum VehicleKind: String, Choice { case van, taxi, car, minibus, hgv }
enum Fuel: String, Choice { case diesel, petrol, hybrid, pluginHybrid, electric, hydrogen, lpg }
enum Currency: String, Choice { case GBP, EUR, SDR }
enum Regime: String, Choice { case deMinimis, covidTemporaryFramework, specialDrawingRights, minimalFinancialAssistance, other }
enum Building: String, Choice { case home, nonDomestic }
enum Applicant: String, Choice { case ownerOccupier, landlord, tenant }
enum Occupier: String, Choice { case ownerOccupier, privateTenant, socialTenant, vacant }
enum HeatingFuel: String, Choice { case mainsGas, electricity, oil, lpg, solidFuel, heatPump, other }
enum HeatingSystem: String, Choice { case airSourceHeatPump, groundSourceHeatPump, biomassBoiler, hybrid }

// MARK: - Records

final class NativeBusiness {
    var id: Fact<String> = .unknown
    var name: Fact<String> = .unknown
    var legalForm: Fact<LegalForm> = .unknown
    var companyStatus: Fact<Dated<CompanyStatus>> = .unknown
    var sicCodes: Fact<[String]> = .unknown
    var sector: Fact<Sector> = .unknown
    var businessToBusiness: Fact<Bool> = .unknown
    var inPersonServices: Fact<Bool> = .unknown
    var employees: Fact<Int> = .unknown
    var turnover: Fact<Int> = .unknown
    var balanceSheetTotal: Fact<Int> = .unknown
    var tradingStartDate: Fact<NDay> = .unknown
    var stoppedTrading: Fact<NDay> = .unknown
    var financialYearStart: Fact<NDay> = .unknown
    var yearsOfAccounts: Fact<Int> = .unknown
    var grantsReceived: Fact<[Grant]> = .unknown
    var taxiLicensingAuthority: Fact<String> = .unknown
    var address: Fact<Address> = .unknown
    var premises: Fact<Premises> = .unknown
    var fleet: Fact<[Vehicle]> = .unknown
    var connectivity: Fact<Connectivity> = .unknown
    var workforce: Fact<Workforce> = .unknown
    var covid: Fact<Covid> = .unknown
    var owner: Fact<Owner> = .unknown
    var subsidies: Fact<[Subsidy]> = .unknown
    var proposal: Fact<Proposal> = .unknown
}

final class Address {
    var postcode: Fact<String> = .unknown
    var localAuthority: Fact<String> = .unknown
    var country: Fact<Country> = .unknown
    var deprivationDecile: Fact<Int> = .unknown
    var incomeDeprivationDecile: Fact<Int> = .unknown
    var deprivationIndex: Fact<DeprivationIndex> = .unknown
    var ruralUrban: Fact<RuralUrban> = .unknown
    var ruralUrbanClass: Fact<RuralUrbanClass> = .unknown
}

final class Premises {
    var tenure: Fact<Tenure> = .unknown
    var use: Fact<PremisesUse> = .unknown
    var propertyReference: Fact<String> = .unknown
    var paysBusinessRates: Fact<Bool> = .unknown
    var rateableValue: Fact<Dated<Int>> = .unknown
    var rateReliefs: Fact<Dated<[RateRelief]>> = .unknown
    var fixedPropertyCosts: Fact<Bool> = .unknown
    var annualRentOrMortgage: Fact<Int> = .unknown
    var offStreetParking: Fact<Bool> = .unknown
    var landlordPermission: Fact<Bool> = .unknown
    var epcBand: Fact<EPCBand> = .unknown
}

final class Vehicle {
    var kind: Fact<VehicleKind> = .unknown
    var fuel: Fact<Fuel> = .unknown
    var euroStandard: Fact<Int> = .unknown
    var co2GramsPerKm: Fact<Int> = .unknown
    var zeroEmissionRangeMiles: Fact<Int> = .unknown
    var grossWeightKg: Fact<Int> = .unknown
    var firstRegistered: Fact<NDay> = .unknown
}

final class Connectivity {
    var downloadMbps: Fact<Double> = .unknown
    var gigabitBuildPlanned: Fact<Bool> = .unknown
}

final class Workforce {
    var age16To24: Fact<Int> = .unknown
    var age25To49: Fact<Int> = .unknown
    var age50Plus: Fact<Int> = .unknown
    var paysRealLivingWage: Fact<Bool> = .unknown
}

final class Covid {
    var turnoverDropPercent: Fact<Double> = .unknown
    var closedByRestrictions: Fact<Bool> = .unknown
    var requiredToClose: Fact<Dated<Bool>> = .unknown
    var impacted: Fact<Bool> = .unknown
    var hospitalityLeisureSupplyChain: Fact<Bool> = .unknown
    var servesRetailHospitalityLeisure: Fact<Bool> = .unknown
}

final class Owner {
    var age: Fact<Int> = .unknown
    var livesInRegion: Fact<Bool> = .unknown
    var previouslyUnemployed: Fact<Bool> = .unknown
    var ukResident: Fact<Bool> = .unknown
    var financeElsewhere: Fact<Bool> = .unknown
}

final class Subsidy {
    var amount: Fact<Double> = .unknown
    var currency: Fact<Currency> = .unknown
    var regime: Fact<Regime> = .unknown
    var date: Fact<NDay> = .unknown
    var scheme: Fact<String> = .unknown
}

final class Proposal {
    var vehicle: Fact<VehiclePurchase> = .unknown
    var retrofit: Fact<Retrofit> = .unknown
    var heating: Fact<Heating> = .unknown
    var connectivity: Fact<ConnectivityUpgrade> = .unknown
    var chargePoints: Fact<ChargePoints> = .unknown
    var hire: Fact<Hire> = .unknown
    var capitalProject: Fact<CapitalProject> = .unknown
    var recovery: Fact<Recovery> = .unknown
    var loan: Fact<Loan> = .unknown
}

final class VehiclePurchase {
    var kind: Fact<VehicleKind> = .unknown
    var fuel: Fact<Fuel> = .unknown
    var new: Fact<Bool> = .unknown
    var priceExVat: Fact<Int> = .unknown
    var co2GramsPerKm: Fact<Int> = .unknown
    var zeroEmissionRangeMiles: Fact<Int> = .unknown
    var grossWeightKg: Fact<Int> = .unknown
    var orderedAt: Fact<NMinute> = .unknown
    var replacesVehicle: Fact<Bool> = .unknown
}

final class Retrofit {
    var measures: Fact<[String]> = .unknown
    var costExVat: Fact<Int> = .unknown
    var primaryMeasuresCost: Fact<Int> = .unknown
    var secondaryMeasuresCost: Fact<Int> = .unknown
    var expectedEpcBand: Fact<EPCBand> = .unknown
    var building: Fact<Building> = .unknown
    var applicant: Fact<Applicant> = .unknown
    var occupier: Fact<Occupier> = .unknown
    var epcBand: Fact<EPCBand> = .unknown
    var heatingFuel: Fact<HeatingFuel> = .unknown
    var insulationRecommendationsOutstanding: Fact<Bool> = .unknown
    var householdIncome: Fact<Int> = .unknown
    var incomeAfterHousingCosts: Fact<Int> = .unknown
    var meansTestedBenefits: Fact<Bool> = .unknown
    var incomeDeprivationDecile: Fact<Int> = .unknown
    var deprivationIndex: Fact<DeprivationIndex> = .unknown
}

final class Heating {
    var system: Fact<HeatingSystem> = .unknown
    var capacityKwth: Fact<Double> = .unknown
    var installed: Fact<NDay> = .unknown
}

final class ConnectivityUpgrade {
    var costExVat: Fact<Int> = .unknown
    var newDownloadMbps: Fact<Double> = .unknown
    var groupProject: Fact<Bool> = .unknown
    var registered: Fact<NDay> = .unknown
}

final class ChargePoints {
    var sockets: Fact<Int> = .unknown
    var costExVat: Fact<Int> = .unknown
    var costIncVat: Fact<Int> = .unknown
}

final class Hire {
    var age: Fact<Int> = .unknown
    var hoursPerWeek: Fact<Int> = .unknown
    var startDate: Fact<NDay> = .unknown
    var hourlyWage: Fact<Int> = .unknown
    var contractWeeks: Fact<Int> = .unknown
    var newJob: Fact<Bool> = .unknown
    var universalCredit: Fact<Bool> = .unknown
    var apprentice: Fact<Bool> = .unknown
    var employedInLastSixMonths: Fact<Bool> = .unknown
}

final class CapitalProject {
    var cost: Fact<Int> = .unknown
    var grantRequested: Fact<Int> = .unknown
}

final class Recovery {
    var grantRequested: Fact<Int> = .unknown
    var businessAsUsual: Fact<Bool> = .unknown
    var alreadyStarted: Fact<Bool> = .unknown
}

final class Loan {
    var amount: Fact<Int> = .unknown
    var secondLoan: Fact<Bool> = .unknown
}
