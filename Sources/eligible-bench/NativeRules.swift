import Eligibility

// The 27 shipped programmes (rules/*.lua) written directly in Swift: the benchmark's baseline,
// what the same decisions cost with no rule scripts, no sandbox and no bridge. Benchmark-only
// code; it mirrors rules/*.lua and rules/lib/*.lua as of this commit, and `eligible-bench agree`
// checks it decides exactly as the engine does (outcome, award, failed criteria, missing facts).
//
// How the engine decides (Sources/Eligibility/Runtime/evaluate.lua, view.lua), mirrored here:
// - A closed programme (the as-of instant outside its window) is `closed`.
// - Every criterion runs, in order. Reading a fact that is not given stops the test as "cannot
//   tell" and names the fact (`Stop.missing`, the path noted first); reading one answered "does
//   not apply" stops it as failed (`Stop.notApplicable`). So a test names only the facts it
//   reached, in the order it reads them.
// - Any failed criterion: `ineligible` (all failed ids, and the facts the others lacked). Else any
//   unknown: `needs-information` with the missing facts, each once, in the order first named.
// - Else the award is worked out (a missing fact there: needs-information), capped at the
//   maximum; then the criteria that need the award (subsidy control) run; then `eligible`.
// - any_of / all_of run each branch as its own test: a branch that stops on a missing fact is
//   "cannot tell", one on a fact that does not apply is false.

/// Why a test stopped.
enum Stop: Error { case missing, notApplicable }

/// Fact paths a test can name, as small codes (a decision keeps them inline, not as strings).
/// Codes from 256 up are a subsidy's fact: 256 + 8 * index + field.
enum Path: UInt16 {
    case address, addressCountry, addressLocalAuthority, addressRuralUrbanClass
    case balanceSheetTotal, businessToBusiness, companyStatus, connectivity, connectivityDownloadMbps, connectivityGigabitBuildPlanned
    case covid, covidHospitalityLeisureSupplyChain, covidImpacted, covidRequiredToClose, covidServesRetailHospitalityLeisure, covidTurnoverDropPercent
    case employees, financialYearStart, grantsReceived, inPersonServices, legalForm
    case owner, ownerAge, ownerFinanceElsewhere, ownerLivesInRegion, ownerUkResident
    case premises, premisesAnnualRentOrMortgage, premisesFixedPropertyCosts, premisesLandlordPermission, premisesOffStreetParking
    case premisesPaysBusinessRates, premisesRateReliefs, premisesRateableValue, premisesTenure, premisesUse
    case proposal, proposalCapitalProject, proposalCapitalProjectCost, proposalCapitalProjectGrantRequested
    case proposalChargePoints, proposalChargePointsCostIncVat, proposalChargePointsSockets
    case proposalConnectivity, proposalConnectivityCostExVat, proposalConnectivityGroupProject, proposalConnectivityNewDownloadMbps, proposalConnectivityRegistered
    case proposalHeating, proposalHeatingCapacityKwth, proposalHeatingInstalled, proposalHeatingSystem
    case proposalHire, proposalHireAge, proposalHireApprentice, proposalHireContractWeeks, proposalHireEmployedInLastSixMonths
    case proposalHireHoursPerWeek, proposalHireNewJob, proposalHireStartDate, proposalHireUniversalCredit
    case proposalLoan, proposalLoanAmount, proposalLoanSecondLoan
    case proposalRecovery, proposalRecoveryAlreadyStarted, proposalRecoveryBusinessAsUsual
    case proposalRetrofit, proposalRetrofitApplicant, proposalRetrofitBuilding, proposalRetrofitCostExVat, proposalRetrofitDeprivationIndex
    case proposalRetrofitEpcBand, proposalRetrofitExpectedEpcBand, proposalRetrofitHeatingFuel, proposalRetrofitHouseholdIncome
    case proposalRetrofitIncomeAfterHousingCosts, proposalRetrofitIncomeDeprivationDecile, proposalRetrofitInsulationRecommendationsOutstanding
    case proposalRetrofitMeansTestedBenefits, proposalRetrofitOccupier, proposalRetrofitPrimaryMeasuresCost, proposalRetrofitSecondaryMeasuresCost
    case proposalVehicle, proposalVehicleCo2GramsPerKm, proposalVehicleGrossWeightKg, proposalVehicleKind, proposalVehicleNew
    case proposalVehicleOrderedAt, proposalVehiclePriceExVat, proposalVehicleZeroEmissionRangeMiles
    case sector, sicCodes, stoppedTrading, subsidies, taxiLicensingAuthority, tradingStartDate, turnover, yearsOfAccounts

    var name: String {
        switch self {
        case .address: "address"
        case .addressCountry: "address.country"
        case .addressLocalAuthority: "address.localAuthority"
        case .addressRuralUrbanClass: "address.ruralUrbanClass"
        case .balanceSheetTotal: "balanceSheetTotal"
        case .businessToBusiness: "businessToBusiness"
        case .companyStatus: "companyStatus"
        case .connectivity: "connectivity"
        case .connectivityDownloadMbps: "connectivity.downloadMbps"
        case .connectivityGigabitBuildPlanned: "connectivity.gigabitBuildPlanned"
        case .covid: "covid"
        case .covidHospitalityLeisureSupplyChain: "covid.hospitalityLeisureSupplyChain"
        case .covidImpacted: "covid.impacted"
        case .covidRequiredToClose: "covid.requiredToClose"
        case .covidServesRetailHospitalityLeisure: "covid.servesRetailHospitalityLeisure"
        case .covidTurnoverDropPercent: "covid.turnoverDropPercent"
        case .employees: "employees"
        case .financialYearStart: "financialYearStart"
        case .grantsReceived: "grantsReceived"
        case .inPersonServices: "inPersonServices"
        case .legalForm: "legalForm"
        case .owner: "owner"
        case .ownerAge: "owner.age"
        case .ownerFinanceElsewhere: "owner.financeElsewhere"
        case .ownerLivesInRegion: "owner.livesInRegion"
        case .ownerUkResident: "owner.ukResident"
        case .premises: "premises"
        case .premisesAnnualRentOrMortgage: "premises.annualRentOrMortgage"
        case .premisesFixedPropertyCosts: "premises.fixedPropertyCosts"
        case .premisesLandlordPermission: "premises.landlordPermission"
        case .premisesOffStreetParking: "premises.offStreetParking"
        case .premisesPaysBusinessRates: "premises.paysBusinessRates"
        case .premisesRateReliefs: "premises.rateReliefs"
        case .premisesRateableValue: "premises.rateableValue"
        case .premisesTenure: "premises.tenure"
        case .premisesUse: "premises.use"
        case .proposal: "proposal"
        case .proposalCapitalProject: "proposal.capitalProject"
        case .proposalCapitalProjectCost: "proposal.capitalProject.cost"
        case .proposalCapitalProjectGrantRequested: "proposal.capitalProject.grantRequested"
        case .proposalChargePoints: "proposal.chargePoints"
        case .proposalChargePointsCostIncVat: "proposal.chargePoints.costIncVat"
        case .proposalChargePointsSockets: "proposal.chargePoints.sockets"
        case .proposalConnectivity: "proposal.connectivity"
        case .proposalConnectivityCostExVat: "proposal.connectivity.costExVat"
        case .proposalConnectivityGroupProject: "proposal.connectivity.groupProject"
        case .proposalConnectivityNewDownloadMbps: "proposal.connectivity.newDownloadMbps"
        case .proposalConnectivityRegistered: "proposal.connectivity.registered"
        case .proposalHeating: "proposal.heating"
        case .proposalHeatingCapacityKwth: "proposal.heating.capacityKwth"
        case .proposalHeatingInstalled: "proposal.heating.installed"
        case .proposalHeatingSystem: "proposal.heating.system"
        case .proposalHire: "proposal.hire"
        case .proposalHireAge: "proposal.hire.age"
        case .proposalHireApprentice: "proposal.hire.apprentice"
        case .proposalHireContractWeeks: "proposal.hire.contractWeeks"
        case .proposalHireEmployedInLastSixMonths: "proposal.hire.employedInLastSixMonths"
        case .proposalHireHoursPerWeek: "proposal.hire.hoursPerWeek"
        case .proposalHireNewJob: "proposal.hire.newJob"
        case .proposalHireStartDate: "proposal.hire.startDate"
        case .proposalHireUniversalCredit: "proposal.hire.universalCredit"
        case .proposalLoan: "proposal.loan"
        case .proposalLoanAmount: "proposal.loan.amount"
        case .proposalLoanSecondLoan: "proposal.loan.secondLoan"
        case .proposalRecovery: "proposal.recovery"
        case .proposalRecoveryAlreadyStarted: "proposal.recovery.alreadyStarted"
        case .proposalRecoveryBusinessAsUsual: "proposal.recovery.businessAsUsual"
        case .proposalRetrofit: "proposal.retrofit"
        case .proposalRetrofitApplicant: "proposal.retrofit.applicant"
        case .proposalRetrofitBuilding: "proposal.retrofit.building"
        case .proposalRetrofitCostExVat: "proposal.retrofit.costExVat"
        case .proposalRetrofitDeprivationIndex: "proposal.retrofit.deprivationIndex"
        case .proposalRetrofitEpcBand: "proposal.retrofit.epcBand"
        case .proposalRetrofitExpectedEpcBand: "proposal.retrofit.expectedEpcBand"
        case .proposalRetrofitHeatingFuel: "proposal.retrofit.heatingFuel"
        case .proposalRetrofitHouseholdIncome: "proposal.retrofit.householdIncome"
        case .proposalRetrofitIncomeAfterHousingCosts: "proposal.retrofit.incomeAfterHousingCosts"
        case .proposalRetrofitIncomeDeprivationDecile: "proposal.retrofit.incomeDeprivationDecile"
        case .proposalRetrofitInsulationRecommendationsOutstanding: "proposal.retrofit.insulationRecommendationsOutstanding"
        case .proposalRetrofitMeansTestedBenefits: "proposal.retrofit.meansTestedBenefits"
        case .proposalRetrofitOccupier: "proposal.retrofit.occupier"
        case .proposalRetrofitPrimaryMeasuresCost: "proposal.retrofit.primaryMeasuresCost"
        case .proposalRetrofitSecondaryMeasuresCost: "proposal.retrofit.secondaryMeasuresCost"
        case .proposalVehicle: "proposal.vehicle"
        case .proposalVehicleCo2GramsPerKm: "proposal.vehicle.co2GramsPerKm"
        case .proposalVehicleGrossWeightKg: "proposal.vehicle.grossWeightKg"
        case .proposalVehicleKind: "proposal.vehicle.kind"
        case .proposalVehicleNew: "proposal.vehicle.new"
        case .proposalVehicleOrderedAt: "proposal.vehicle.orderedAt"
        case .proposalVehiclePriceExVat: "proposal.vehicle.priceExVat"
        case .proposalVehicleZeroEmissionRangeMiles: "proposal.vehicle.zeroEmissionRangeMiles"
        case .sector: "sector"
        case .sicCodes: "sicCodes"
        case .stoppedTrading: "stoppedTrading"
        case .subsidies: "subsidies"
        case .taxiLicensingAuthority: "taxiLicensingAuthority"
        case .tradingStartDate: "tradingStartDate"
        case .turnover: "turnover"
        case .yearsOfAccounts: "yearsOfAccounts"
        }
    }

    /// A subsidy's fact (`subsidies[2].regime`).
    static func subsidy(_ index: Int, _ field: Int) -> UInt16 { UInt16(256 + 8 * min(index, 4000) + field) }
    static let subsidyFields = ["amount", "currency", "regime", "date", "scheme"]

    static func name(of code: UInt16) -> String {
        if code < 256 { return Path(rawValue: code)?.name ?? "?" }
        let n = Int(code) - 256
        return "subsidies[\(n / 8)].\(subsidyFields[n % 8])"
    }
}

/// Up to 16 fact paths, inline (a test names a few; a programme at most a dozen or so).
struct PathList {
    private(set) var count = 0
    private var codes = SIMD16<UInt16>()

    subscript(i: Int) -> UInt16 { codes[i] }

    mutating func append(_ code: UInt16) {
        precondition(count < 16, "NativeRules: more than 16 missing facts in one decision")
        codes[count] = code
        count += 1
    }
    mutating func append(_ path: Path) { append(path.rawValue) }
    mutating func truncate(to n: Int) { count = n }
    func contains(_ code: UInt16) -> Bool {
        for i in 0..<count where codes[i] == code { return true }
        return false
    }
    /// Adds each of `other`'s paths not already here, in order.
    mutating func merge(_ other: PathList) {
        for i in 0..<other.count where !contains(other[i]) { append(other[i]) }
    }
    var names: [String] { (0..<count).map { Path.name(of: codes[$0]) } }
}

extension Fact {
    /// Reads the fact in a test: its value, or a stop (naming `path` when it is not given).
    @inline(__always)
    func get(_ t: inout PathList, _ path: Path) throws(Stop) -> T {
        switch self {
        case .given(let v): return v
        case .unknown: t.append(path); throw .missing
        case .doesNotApply: throw .notApplicable
        }
    }
    @inline(__always)
    func get(_ t: inout PathList, code: UInt16) throws(Stop) -> T {
        switch self {
        case .given(let v): return v
        case .unknown: t.append(code); throw .missing
        case .doesNotApply: throw .notApplicable
        }
    }
    /// The rules' `applies`: true when given, false when it does not apply, else a stop.
    @inline(__always)
    func applies(_ t: inout PathList, _ path: Path) throws(Stop) -> Bool {
        switch self {
        case .given: return true
        case .doesNotApply: return false
        case .unknown: t.append(path); throw .missing
        }
    }
}

/// The rules' `on(fact, day)`: a dated fact's value on a day.
@inline(__always)
func valueOn<T>(_ history: Dated<T>, _ day: NDay, _ t: inout PathList, _ path: Path) throws(Stop) -> T {
    var found = -1
    for (i, entry) in history.entries.enumerated() {
        if let from = entry.from, from > day { break }
        found = i
    }
    guard found >= 0 else { t.append(path); throw .missing }
    guard let value = history.entries[found].value else { throw .notApplicable }
    return value
}

/// One branch of any_of / all_of: nil when it stopped on a missing fact, false on one that
/// does not apply.
@inline(__always)
func branch(_ t: inout PathList, _ test: (inout PathList) throws(Stop) -> Bool?) -> Bool? {
    do { return try test(&t) } catch { return error == .missing ? nil : false }
}

/// any_of: feed each branch's result in order; a true one decides (the others' missing facts
/// are dropped); otherwise false when all were false, else "cannot tell".
struct AnyOf {
    let start: Int
    var unknown = false
    init(_ t: PathList) { start = t.count }
    /// True when this branch decides it (it was true).
    mutating func decides(_ result: Bool?, _ t: inout PathList) -> Bool {
        if result == true { t.truncate(to: start); return true }
        if result == nil { unknown = true }
        return false
    }
    func end(_ t: inout PathList) throws(Stop) -> Bool? {
        if !unknown { t.truncate(to: start); return false }
        if t.count == start { return nil }
        throw .missing
    }
}

/// all_of: a false branch decides it; otherwise true when all were true, else "cannot tell".
struct AllOf {
    let start: Int
    var unknown = false
    init(_ t: PathList) { start = t.count }
    mutating func decides(_ result: Bool?, _ t: inout PathList) -> Bool {
        if result == false { t.truncate(to: start); return true }
        if result == nil { unknown = true }
        return false
    }
    func end(_ t: inout PathList) throws(Stop) -> Bool? {
        if !unknown { t.truncate(to: start); return true }
        if t.count == start { return nil }
        throw .missing
    }
}

/// One programme's decision.
struct NativeDecision {
    var outcome: Decision.Outcome = .closed
    /// Pence, when eligible with an amount (a discretionary award has none).
    var award: Int?
    var capped = false
    /// Bit i: criterion i (0-based, declaration order) failed.
    var failed: UInt32 = 0
    var missing = PathList()
}

/// One programme being decided: its criteria's results so far.
struct Run {
    var failed: UInt32 = 0
    var missing = PathList()
    var unknown = false
    var ruleError = false

    /// Runs criterion `index`.
    @inline(__always)
    mutating func check(_ index: Int, _ test: (inout PathList) throws(Stop) -> Bool?) {
        var notes = PathList()
        do {
            let result = try test(&notes)
            if result == false { failed |= 1 << UInt32(index) }
            else if notes.count > 0 || result == nil { unknown = true; missing.merge(notes) }
        } catch {
            if error == .missing || notes.count > 0 { unknown = true; missing.merge(notes) }
            else { failed |= 1 << UInt32(index) }
        }
    }

    var settled: Bool { failed != 0 || unknown || ruleError }

    /// The decision once settled: ineligible, needs-information, or a rule error.
    var decision: NativeDecision {
        if ruleError { return NativeDecision(outcome: .ruleError) }
        return NativeDecision(outcome: failed != 0 ? .ineligible : .needsInformation, award: nil, failed: failed, missing: missing)
    }

    /// Works out the award (capped at `maximum`), or the decision when that settles it: a
    /// missing fact (needs-information) or a fact that does not apply (a rule error: the engine
    /// reports "the award stopped on a missing fact outside a test").
    @inline(__always)
    mutating func award(maximum: Int, _ amount: (inout PathList) throws(Stop) -> Int) -> (pence: Int, capped: Bool)? {
        var notes = PathList()
        do {
            let pence = try amount(&notes)
            if notes.count > 0 { unknown = true; missing.merge(notes); return nil }
            return pence > maximum ? (maximum, true) : (pence, false)
        } catch {
            if error == .missing || notes.count > 0 { unknown = true; missing.merge(notes) } else { ruleError = true }
            return nil
        }
    }

    /// Works out the award and decides (no criterion needs the award).
    @inline(__always)
    mutating func eligible(maximum: Int, _ amount: (inout PathList) throws(Stop) -> Int) -> NativeDecision {
        let pence = award(maximum: maximum, amount)
        return eligible(pence)
    }

    /// After the award: eligible unless a criterion that needs the award settled it.
    func eligible(_ award: (pence: Int, capped: Bool)?) -> NativeDecision {
        if settled { return decision }
        return NativeDecision(outcome: .eligible, award: award?.pence, capped: award?.capped ?? false)
    }
}

/// The instant decided: its minute and its day (the rules' p.as_of and p.today).
struct At {
    let minute: NMinute
    var day: NDay { minute.day }
    init(_ minute: NMinute) { self.minute = minute }
    init(_ asOf: AsOf) {
        minute = NMinute(NDay(asOf.day.year, asOf.day.month, asOf.day.day), asOf.time?.hour ?? 0, asOf.time?.minute ?? 0)
    }
}

/// A programme's window: open from `from` until (not including) `until`.
struct Window {
    let from: NMinute
    let until: NMinute?
    func open(_ at: At) -> Bool { at.minute >= from && (until.map { at.minute < $0 } ?? true) }
}

private func day(_ y: Int, _ m: Int, _ d: Int) -> NDay { NDay(y, m, d) }
private func minute(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0) -> NMinute { NMinute(NDay(y, m, d), h, min) }
private func pounds(_ n: Int) -> Int { n * 100 }
/// The rules' percent(amount, pct) for integers.
private func percent(_ amount: Int, _ pct: Int) -> Int { amount * pct / 100 }

// MARK: - rules/lib

/// rules/lib/region.lua
enum Region {
    static let authorities = ["Halton", "Knowsley", "Liverpool", "Sefton", "St Helens", "Wirral"]
    static let halton = 0, liverpool = 2
    private static let keys = ["halton", "knowsley", "liverpool", "sefton", "st helens", "wirral"]
    private static let saint = Array("saint ".utf8), st = Array("st ".utf8), cityOf = Array("city of ".utf8)
    private static let suffixes = [" metropolitan borough council", " borough council", " city council", " council"].map { Array($0.utf8) }

    /// The authority's number (0 Halton ... 5 Wirral), or nil when the name is not one of the six.
    static func canonical(_ name: String) -> Int? {
        if let exact = authorities.firstIndex(of: name) { return exact }
        return keys.firstIndex(of: normalise(name))
    }

    /// Lower case (ASCII), runs of '.', '-' and white space as one space, trimmed by one space,
    /// "saint " -> "st ", no leading "city of ", no trailing "council" and its kinds.
    static func normalise(_ name: String) -> String {
        var s = [UInt8]()
        s.reserveCapacity(name.utf8.count)
        var inRun = false
        for var c in name.utf8 {
            if c >= 0x41 && c <= 0x5A { c += 0x20 }
            if c == 0x2E || c == 0x2D || c == 0x20 || (c >= 0x09 && c <= 0x0D) {
                if !inRun { s.append(0x20) }
                inRun = true
            } else {
                s.append(c)
                inRun = false
            }
        }
        if s.first == 0x20 { s.removeFirst() }
        if s.last == 0x20 { s.removeLast() }
        if s.starts(with: saint) { s.replaceSubrange(0..<6, with: st) }
        if s.starts(with: cityOf) { s.removeFirst(cityOf.count) }
        for u in suffixes where s.count > u.count && s.suffix(u.count).elementsEqual(u) {
            s.removeLast(u.count)
            break
        }
        return String(decoding: s, as: UTF8.self)
    }

    /// region.criterion: address.localAuthority is one of the six (but not `except`).
    static func inRegion(_ b: NativeBusiness, except: Int? = nil, _ t: inout PathList) throws(Stop) -> Bool? {
        let name = try b.address.get(&t, .address).localAuthority.get(&t, .addressLocalAuthority)
        guard let n = canonical(name) else { return false }
        return n != except
    }

    /// region.england_criterion.
    static func inEngland(_ b: NativeBusiness, _ t: inout PathList) throws(Stop) -> Bool? {
        try b.address.get(&t, .address).country.get(&t, .addressCountry) == .england
    }
}

/// rules/lib/trading.lua
enum Trading {
    static func notStoppedBy(_ b: NativeBusiness, _ day: NDay, _ t: inout PathList) throws(Stop) -> Bool {
        if try b.stoppedTrading.applies(&t, .stoppedTrading) { return try b.stoppedTrading.get(&t, .stoppedTrading) > day }
        return true
    }

    /// trading.on: started by `day` and not stopped by it.
    static func on(_ b: NativeBusiness, _ day: NDay, _ t: inout PathList) throws(Stop) -> Bool? {
        if let start = b.tradingStartDate.value {
            if start > day { return false }
            return try notStoppedBy(b, day, &t)
        }
        if let stopped = b.stoppedTrading.value, stopped <= day { return false }
        var all = AllOf(t)
        if all.decides(branch(&t, { t throws(Stop) in try b.tradingStartDate.get(&t, .tradingStartDate) <= day }), &t) { return false }
        if all.decides(branch(&t, { t throws(Stop) in try notStoppedBy(b, day, &t) }), &t) { return false }
        return try all.end(&t)
    }

    /// trading.since: started on or before `first` (before it when `strict`), not stopped by `stillOn`.
    static func since(_ b: NativeBusiness, _ first: NDay, _ stillOn: NDay, strict: Bool = false, _ t: inout PathList) throws(Stop) -> Bool? {
        if let start = b.tradingStartDate.value {
            if start > first || (strict && start == first) { return false }
            return try notStoppedBy(b, stillOn, &t)
        }
        if let stopped = b.stoppedTrading.value, stopped <= stillOn { return false }
        var all = AllOf(t)
        if all.decides(branch(&t, { t throws(Stop) in
            let start = try b.tradingStartDate.get(&t, .tradingStartDate)
            return start < first || (!strict && start == first)
        }), &t) { return false }
        if all.decides(branch(&t, { t throws(Stop) in try notStoppedBy(b, stillOn, &t) }), &t) { return false }
        return try all.end(&t)
    }

    /// trading.before: started before `day`, and had not stopped before it.
    static func before(_ b: NativeBusiness, _ day: NDay, _ t: inout PathList) throws(Stop) -> Bool? {
        if let start = b.tradingStartDate.value {
            if start >= day { return false }
            if try b.stoppedTrading.applies(&t, .stoppedTrading) { return try b.stoppedTrading.get(&t, .stoppedTrading) >= day }
            return true
        }
        if let stopped = b.stoppedTrading.value, stopped < day { return false }
        var all = AllOf(t)
        if all.decides(branch(&t, { t throws(Stop) in try b.tradingStartDate.get(&t, .tradingStartDate) < day }), &t) { return false }
        if all.decides(branch(&t, { t throws(Stop) in
            if try b.stoppedTrading.applies(&t, .stoppedTrading) { return try b.stoppedTrading.get(&t, .stoppedTrading) >= day }
            return true
        }), &t) { return false }
        return try all.end(&t)
    }

    /// trading.status_on: the legal status on `day` is not one of `excluded`.
    static func statusOn(_ b: NativeBusiness, _ day: NDay, excluding excluded: [CompanyStatus], _ t: inout PathList) throws(Stop) -> Bool? {
        let status = try valueOn(b.companyStatus.get(&t, .companyStatus), day, &t, .companyStatus)
        return !excluded.contains(status)
    }

    static let insolvencies: [CompanyStatus] = [.inAdministration, .inLiquidation, .insolvent, .dissolved, .struckOff]
    static let liquidations: [CompanyStatus] = [.inLiquidation, .dissolved, .struckOff]
    static let taxiInsolvencies: [CompanyStatus] = [.insolvent, .inLiquidation, .inAdministration]
}

/// rules/lib/exchange_rates.lua: pounds per unit x 10,000 by calendar year.
enum Rates {
    static let scale = 10000
    static let table: [(from: NDay, eur: Int, sdr: Int)] = [
        (day(2018, 1, 1), 8847, 10668), (day(2019, 1, 1), 8778, 10846), (day(2020, 1, 1), 8897, 10906),
        (day(2021, 1, 1), 8596, 10395), (day(2022, 1, 1), 8528, 10995), (day(2023, 1, 1), 8698, 10732),
        (day(2024, 1, 1), 8466, 10406),
    ]

    static func rate(_ currency: Currency, _ on: NDay) -> Int {
        if currency == .GBP { return scale }
        var chosen = table[0]
        for entry in table.dropFirst() { if entry.from <= on { chosen = entry } else { break } }
        return currency == .EUR ? chosen.eur : chosen.sdr
    }

    /// An amount in hundredths of `from` as hundredths of `to`, on `day` (rounded down).
    static func convert(_ minor: Int, _ from: Currency, _ to: Currency, _ on: NDay) -> Int {
        if from == to { return minor }
        let pence = from == .GBP ? minor : minor * rate(from, on) / scale
        if to == .GBP { return pence }
        return pence * scale / rate(to, on)
    }
}

/// rules/lib/company_size.lua
enum CompanySize {
    struct Limits { let turnover: Int; let balanceSheetTotal: Int; let employees: Int }
    enum Class { case micro, small, medium }
    static let newLimitsFrom = day(2025, 4, 6)

    static func old(_ c: Class) -> Limits {
        switch c {
        case .micro: Limits(turnover: pounds(632_000), balanceSheetTotal: pounds(316_000), employees: 10)
        case .small: Limits(turnover: pounds(10_200_000), balanceSheetTotal: pounds(5_100_000), employees: 50)
        case .medium: Limits(turnover: pounds(36_000_000), balanceSheetTotal: pounds(18_000_000), employees: 250)
        }
    }
    static func new(_ c: Class) -> Limits {
        switch c {
        case .micro: Limits(turnover: pounds(1_000_000), balanceSheetTotal: pounds(500_000), employees: 10)
        case .small: Limits(turnover: pounds(15_000_000), balanceSheetTotal: pounds(7_500_000), employees: 50)
        case .medium: Limits(turnover: pounds(54_000_000), balanceSheetTotal: pounds(27_000_000), employees: 250)
        }
    }

    /// The facts a two-of-three test could not read, in the library's fixed order.
    static func noteMissing(_ b: NativeBusiness, _ t: inout PathList) {
        let tg = b.turnover.has, sg = b.balanceSheetTotal.has, eg = b.employees.has
        if !tg && !sg { t.append(.turnover); t.append(.balanceSheetTotal) }
        else if !tg && !eg { t.append(.turnover); t.append(.employees) }
        else if !sg && !eg { t.append(.balanceSheetTotal); t.append(.employees) }
        else if !tg { t.append(.turnover) }
        else if !sg { t.append(.balanceSheetTotal) }
        else { t.append(.employees) }
    }

    /// Two of three against `limits`: true, false, or nil (undecided).
    static func meets(_ b: NativeBusiness, _ limits: Limits) -> Bool? {
        var met = 0, failed = 0
        if let v = b.turnover.value { if v <= limits.turnover { met += 1 } else { failed += 1 } }
        if let v = b.balanceSheetTotal.value { if v <= limits.balanceSheetTotal { met += 1 } else { failed += 1 } }
        if met < 2, let v = b.employees.value { if v <= limits.employees { met += 1 } else { failed += 1 } }
        if met >= 2 { return true }
        if failed >= 2 { return false }
        return nil
    }

    /// size.companies_act: within `c` for the business's financial year, on `today`.
    static func companiesAct(_ b: NativeBusiness, _ c: Class, _ today: NDay, _ t: inout PathList) throws(Stop) -> Bool? {
        if today < newLimitsFrom {
            guard let result = meets(b, old(c)) else { noteMissing(b, &t); throw .missing }
            return result
        }
        if let yearStart = b.financialYearStart.value {
            guard let result = meets(b, yearStart < newLimitsFrom ? old(c) : new(c)) else { noteMissing(b, &t); throw .missing }
            return result
        }
        let o = meets(b, old(c)), n = meets(b, new(c))
        if o != nil && o == n { return o }
        t.append(.financialYearStart)
        if o == nil || n == nil { noteMissing(b, &t) }
        throw .missing
    }

    /// size.staff_and_money: fewer than `staffBelow` AND (turnover OR balance sheet within the
    /// limit: "at most" when `inclusive`, else "under").
    static func staffAndMoney(_ b: NativeBusiness, staffBelow: Int, turnover tl: Int, balanceSheet bl: Int, inclusive: Bool,
                              _ t: inout PathList) throws(Stop) -> Bool? {
        var staff: Bool?
        if let e = b.employees.value {
            staff = e < staffBelow
            if staff == false { return false }
        }
        var tw: Bool?, sw: Bool?
        if let v = b.turnover.value { tw = inclusive ? v <= tl : v < tl }
        if let v = b.balanceSheetTotal.value { sw = inclusive ? v <= bl : v < bl }
        var within: Bool?
        if tw == true || sw == true { within = true } else if tw == false && sw == false { return false }
        if staff == true && within == true { return true }
        if staff == nil && within == nil {
            if tw == nil && sw == nil { t.append(.employees); t.append(.turnover); t.append(.balanceSheetTotal); throw .missing }
            t.append(.employees); t.append(tw == nil ? .turnover : .balanceSheetTotal); throw .missing
        }
        if staff == nil { t.append(.employees); throw .missing }
        if tw == nil && sw == nil { t.append(.turnover); t.append(.balanceSheetTotal); throw .missing }
        t.append(tw == nil ? .turnover : .balanceSheetTotal)
        throw .missing
    }

    /// size.eu("medium"): the EU recommendation, pounds converted to euros at the day's rate.
    static func euMedium(_ b: NativeBusiness, _ today: NDay, _ t: inout PathList) throws(Stop) -> Bool? {
        let rate = Rates.rate(.EUR, today)
        return try staffAndMoney(b, staffBelow: 250, turnover: 50_000_000 * 100 * rate / Rates.scale,
                                 balanceSheet: 43_000_000 * 100 * rate / Rates.scale, inclusive: true, &t)
    }
}

/// rules/lib/subsidy_control.lua
enum SubsidyControl {
    /// The allowance in force on `day`: its currency and limit in whole units.
    static func era(_ day: NDay) -> (currency: Currency, limit: Int) {
        if day >= NDay(2023, 1, 4) { return (.GBP, 315_000) }
        if day >= NDay(2021, 1, 1) { return (.SDR, 325_000) }
        return (.EUR, 200_000)
    }

    /// 1 April two financial years before the one containing `day`.
    static func firstDay(_ day: NDay) -> NDay {
        var year = day.year
        if day.month < 4 { year -= 1 }
        return NDay(year - 2, 4, 1)
    }

    static func counted(_ regime: Regime) -> Bool {
        regime == .deMinimis || regime == .specialDrawingRights || regime == .minimalFinancialAssistance
    }

    /// sc.within: earlier counted subsidies in the three years plus this award stay within the limit.
    static func within(_ b: NativeBusiness, award: Int, _ day: NDay, _ t: inout PathList) throws(Stop) -> Bool? {
        let (currency, limitUnits) = era(day)
        let first = firstDay(day)
        let limit = limitUnits * 100
        var known = Rates.convert(award, .GBP, currency, day)
        var undecided = 0, asking = -1
        for (i, s) in try b.subsidies.get(&t, .subsidies).enumerated() {
            let date = try s.date.get(&t, code: Path.subsidy(i, 3))
            guard date >= first && date <= day else { continue }
            let amount = try s.amount.get(&t, code: Path.subsidy(i, 0))
            let from = try s.currency.get(&t, code: Path.subsidy(i, 1))
            let converted = Rates.convert(Int((amount * 100 + 0.5).rounded(.down)), from, currency, date)
            if let regime = s.regime.value {
                if counted(regime) { known += converted }
            } else {
                undecided += converted
                if asking < 0 { asking = i }
            }
        }
        if known > limit { return false }
        if known + undecided <= limit { return true }
        t.append(Path.subsidy(asking, 2))
        throw .missing
    }
}

/// rules/lib/rateable_value.lua
enum RateableValue {
    static let lowUpTo = pounds(15_000), highFrom = pounds(51_000)
    static let thirdLockdownDay = day(2021, 1, 5)

    /// 0 (low), 1 (middle) or 2 (high).
    static func band(_ value: Int) -> Int { value <= lowUpTo ? 0 : value < highFrom ? 1 : 2 }

    static func onDay(_ b: NativeBusiness, _ day: NDay, _ t: inout PathList) throws(Stop) -> Int {
        try valueOn(b.premises.get(&t, .premises).rateableValue.get(&t, .premisesRateableValue), day, &t, .premisesRateableValue)
    }

    /// rv.award: the grant for the band of the rateable value on `day`.
    static func award(_ b: NativeBusiness, _ day: NDay, _ grants: [Int], _ t: inout PathList) throws(Stop) -> Int {
        grants[band(try onDay(b, day, &t))]
    }
}

/// rules/lib/minimum_wage.lua: pence an hour, by the age bands in force on a day.
enum MinimumWage {
    static let rates: [(from: NDay, bands: [(age: Int, pence: Int)])] = [
        (day(2019, 4, 1), [(25, 821), (21, 770), (18, 615), (16, 435)]),
        (day(2020, 4, 1), [(25, 872), (21, 820), (18, 645), (16, 455)]),
        (day(2021, 4, 1), [(23, 891), (21, 836), (18, 656), (16, 462)]),
        (day(2022, 4, 1), [(23, 950), (21, 918), (18, 683), (16, 481)]),
        (day(2023, 4, 1), [(23, 1042), (21, 1018), (18, 749), (16, 528)]),
        (day(2024, 4, 1), [(21, 1144), (18, 860), (16, 640)]),
        (day(2025, 4, 1), [(21, 1221), (18, 1000), (16, 755)]),
        (day(2026, 4, 1), [(21, 1271), (18, 1085), (16, 800)]),
    ]

    static func hourly(age: Int, on: NDay) -> Int? {
        var year = rates[0]
        for entry in rates.dropFirst() { if entry.from <= on { year = entry } else { break } }
        return year.bands.first { age >= $0.age }?.pence
    }
    static let highest = 1271
}

/// rules/lib/dates.lua: dates.within_months(start, day, n).
func withinMonths(_ start: NDay, _ day: NDay, _ n: Int) -> Bool {
    let index = start.year * 12 + start.month - 1 + n
    let dayIndex = day.year * 12 + day.month - 1
    if dayIndex != index { return dayIndex < index }
    let last = NDay.daysInMonth(index / 12, index % 12 + 1)
    return day.day <= min(start.day, last)
}

// MARK: - The programmes

enum NativeRules {
    /// Each programme's id and criterion ids, in the engine's order (rule files by name).
    static let programmes: [(id: String, criteria: [String])] = [
        ("apprenticeship-incentive-2020", ["apprenticeship", "new-employee", "employment-starts-in-period"]),
        ("apprenticeship-incentive-2021", ["apprenticeship", "new-employee", "employment-starts-in-period"]),
        ("apprenticeship-incentive-2022", ["apprenticeship", "new-employee", "employment-starts-in-period"]),
        ("boiler-upgrade-scheme", ["eligible-system", "capacity", "installed-from", "no-outstanding-insulation", "property-owner"]),
        ("closed-businesses-lockdown-payment", ["in-england", "pays-business-rates", "required-to-close", "trading", "not-insolvent"]),
        ("gigabit-voucher", ["sme", "rural", "slow-now", "no-gigabit-build-planned", "group-project", "speed-gain", "minimum-voucher", "subsidy-control"]),
        ("green-homes-grant-voucher", ["home", "owner-or-landlord", "primary-measure"]),
        ("home-upgrade-grant", ["home", "off-mains-gas", "epc-d-to-g", "owner-or-private-tenant", "low-income", "upgrade-enough"]),
        ("kickstart", ["young-person", "universal-credit", "new-job", "hours", "six-months", "starts-in-time"]),
        ("lcr-capital-grant-fund", ["in-region", "sme", "business-to-business", "not-excluded-sector", "years-of-accounts", "project-size", "grant-at-least-minimum"]),
        ("lcr-hospitality-leisure-retail-grant", ["in-region", "small-business", "trading", "employs-someone", "no-council-grant-since-october-2020", "covid-impact", "eligible-group"]),
        ("lcr-local-business-support-grant", ["in-region", "small-business", "trading", "employs-someone", "eligible-category", "no-excluded-grant"]),
        ("liverpool-taxi-licence-grant", ["licensed-by-liverpool", "lives-in-region", "not-insolvent", "subsidy-control"]),
        ("local-authority-delivery", ["home", "owner-occupier-or-landlord", "epc-e-to-g", "household-income"]),
        ("local-authority-discretionary-grants-fund", ["in-england", "fixed-property-costs", "trading", "property-cost-under-limit", "not-insolvent", "no-sbgf-or-rhlgf"]),
        ("lrsg-closed-february-2021", ["in-england", "pays-business-rates", "required-to-close", "trading", "not-insolvent"]),
        ("lrsg-closed-january-2021", ["in-england", "pays-business-rates", "required-to-close", "trading", "not-insolvent"]),
        ("lrsg-closed-november-2020", ["in-england", "pays-business-rates", "required-to-close", "trading", "not-insolvent"]),
        ("lrsg-closed-tiers-december-2020", ["in-region", "pays-business-rates", "required-to-close", "trading", "not-insolvent"]),
        ("lrsg-open-tiers-december-2020", ["in-region", "hospitality-or-leisure", "pays-business-rates", "open-not-closed", "trading", "not-insolvent"]),
        ("plug-in-van-grant", ["is-van", "new-vehicle", "low-co2", "zero-emission-range", "weight-limit"]),
        ("recovery-grant", ["in-region", "sme", "trading-before-march-2020", "covid-impact", "not-business-as-usual", "not-started"]),
        ("restart-grant", ["in-england", "eligible-sector", "pays-business-rates", "in-person-services", "trading", "not-liquidated"]),
        ("retail-hospitality-leisure-grant-fund", ["in-england", "pays-business-rates", "expanded-retail-discount", "rateable-value-under-limit", "not-excluded-use", "not-liquidated"]),
        ("small-business-grant-fund", ["in-england", "pays-business-rates", "small-business-or-rural-relief", "not-excluded-use", "not-liquidated"]),
        ("start-up-loans", ["founder-age", "uk-resident", "uk-business", "no-finance-elsewhere", "not-excluded-sector", "new-business", "loan-amount", "subsidy-control"]),
        ("workplace-charging", ["eligible-applicant", "off-street-parking", "owns-or-permission", "sockets", "subsidy-control"]),
    ]

    /// Every programme's decision for `b` at `at`, in `programmes` order, into `out` (reused).
    static func decide(_ b: NativeBusiness, at: At, into out: inout [NativeDecision]) {
        out.removeAll(keepingCapacity: true)
        out.append(apprenticeship2020(b, at))
        out.append(apprenticeship2021(b, at))
        out.append(apprenticeship2022(b, at))
        out.append(boilerUpgradeScheme(b, at))
        out.append(closedBusinessesLockdownPayment(b, at))
        out.append(gigabitVoucher(b, at))
        out.append(greenHomesGrantVoucher(b, at))
        out.append(homeUpgradeGrant(b, at))
        out.append(kickstart(b, at))
        out.append(lcrCapitalGrantFund(b, at))
        out.append(lcrHospitalityLeisureRetailGrant(b, at))
        out.append(lcrLocalBusinessSupportGrant(b, at))
        out.append(liverpoolTaxiLicenceGrant(b, at))
        out.append(localAuthorityDelivery(b, at))
        out.append(localAuthorityDiscretionaryGrantsFund(b, at))
        out.append(lrsgClosedFebruary2021(b, at))
        out.append(lrsgClosedJanuary2021(b, at))
        out.append(lrsgClosedNovember2020(b, at))
        out.append(lrsgClosedTiersDecember2020(b, at))
        out.append(lrsgOpenTiersDecember2020(b, at))
        out.append(plugInVanGrant(b, at))
        out.append(recoveryGrant(b, at))
        out.append(restartGrant(b, at))
        out.append(retailHospitalityLeisureGrantFund(b, at))
        out.append(smallBusinessGrantFund(b, at))
        out.append(startUpLoans(b, at))
        out.append(workplaceCharging(b, at))
    }

    static let closed = NativeDecision()

    // Reading the parts of the business every programme shares.
    static func premises(_ b: NativeBusiness, _ t: inout PathList) throws(Stop) -> Premises { try b.premises.get(&t, .premises) }
    static func covid(_ b: NativeBusiness, _ t: inout PathList) throws(Stop) -> Covid { try b.covid.get(&t, .covid) }
    static func owner(_ b: NativeBusiness, _ t: inout PathList) throws(Stop) -> Owner { try b.owner.get(&t, .owner) }
    static func proposal(_ b: NativeBusiness, _ t: inout PathList) throws(Stop) -> Proposal { try b.proposal.get(&t, .proposal) }
    static func hire(_ b: NativeBusiness, _ t: inout PathList) throws(Stop) -> Hire { try proposal(b, &t).hire.get(&t, .proposalHire) }
    static func retrofit(_ b: NativeBusiness, _ t: inout PathList) throws(Stop) -> Retrofit { try proposal(b, &t).retrofit.get(&t, .proposalRetrofit) }
    static func heating(_ b: NativeBusiness, _ t: inout PathList) throws(Stop) -> Heating { try proposal(b, &t).heating.get(&t, .proposalHeating) }
    static func vehicle(_ b: NativeBusiness, _ t: inout PathList) throws(Stop) -> VehiclePurchase { try proposal(b, &t).vehicle.get(&t, .proposalVehicle) }
    static func upgrade(_ b: NativeBusiness, _ t: inout PathList) throws(Stop) -> ConnectivityUpgrade { try proposal(b, &t).connectivity.get(&t, .proposalConnectivity) }
    static func chargePoints(_ b: NativeBusiness, _ t: inout PathList) throws(Stop) -> ChargePoints { try proposal(b, &t).chargePoints.get(&t, .proposalChargePoints) }
    static func capitalProject(_ b: NativeBusiness, _ t: inout PathList) throws(Stop) -> CapitalProject { try proposal(b, &t).capitalProject.get(&t, .proposalCapitalProject) }
    static func recovery(_ b: NativeBusiness, _ t: inout PathList) throws(Stop) -> Recovery { try proposal(b, &t).recovery.get(&t, .proposalRecovery) }
    static func loan(_ b: NativeBusiness, _ t: inout PathList) throws(Stop) -> Loan { try proposal(b, &t).loan.get(&t, .proposalLoan) }
    static func paysBusinessRates(_ b: NativeBusiness, _ t: inout PathList) throws(Stop) -> Bool? {
        try premises(b, &t).paysBusinessRates.get(&t, .premisesPaysBusinessRates) == true
    }
    static func requiredToClose(_ b: NativeBusiness, on day: NDay, _ t: inout PathList) throws(Stop) -> Bool {
        try valueOn(covid(b, &t).requiredToClose.get(&t, .covidRequiredToClose), day, &t, .covidRequiredToClose)
    }

    // MARK: Apprenticeship incentives (rules/apprenticeship-incentive-*.lua)

    private static func apprenticeship(_ b: NativeBusiness, _ at: At, _ window: Window, first: NDay, last: NDay,
                                       _ award: (inout PathList) throws(Stop) -> Int, maximum: Int) -> NativeDecision {
        guard window.open(at) else { return closed }
        var r = Run()
        r.check(0) { t throws(Stop) in try hire(b, &t).apprentice.get(&t, .proposalHireApprentice) == true }
        r.check(1) { t throws(Stop) in try hire(b, &t).employedInLastSixMonths.get(&t, .proposalHireEmployedInLastSixMonths) == false }
        r.check(2) { t throws(Stop) in
            let start = try hire(b, &t).startDate.get(&t, .proposalHireStartDate)
            return start >= first && start <= last
        }
        if r.settled { return r.decision }
        return r.eligible(maximum: maximum, award)
    }

    static func apprenticeship2020(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        apprenticeship(b, at, Window(from: minute(2020, 9, 1), until: minute(2021, 6, 1)), first: day(2020, 8, 1), last: day(2021, 3, 31),
                       { t throws(Stop) in try hire(b, &t).age.get(&t, .proposalHireAge) <= 24 ? pounds(2000) : pounds(1500) },
                       maximum: pounds(2000))
    }

    static func apprenticeship2021(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        apprenticeship(b, at, Window(from: minute(2021, 4, 1), until: minute(2021, 12, 1)), first: day(2021, 4, 1), last: day(2021, 9, 30),
                       { _ throws(Stop) in pounds(3000) }, maximum: pounds(3000))
    }

    static func apprenticeship2022(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        apprenticeship(b, at, Window(from: minute(2022, 1, 11), until: minute(2022, 5, 21)), first: day(2021, 10, 1), last: day(2022, 1, 31),
                       { _ throws(Stop) in pounds(3000) }, maximum: pounds(3000))
    }

    // MARK: Boiler Upgrade Scheme (rules/boiler-upgrade-scheme.lua)

    static func boilerUpgradeScheme(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2022, 4, 1), until: nil).open(at) else { return closed }
        let heatPumpRaise = minute(2023, 10, 23)
        func grant(_ system: HeatingSystem) -> Int? {
            switch system {
            case .airSourceHeatPump: at.minute >= heatPumpRaise ? pounds(7500) : pounds(5000)
            case .groundSourceHeatPump: at.minute >= heatPumpRaise ? pounds(7500) : pounds(6000)
            case .biomassBoiler: pounds(5000)
            case .hybrid: nil
            }
        }
        var r = Run()
        r.check(0) { t throws(Stop) in grant(try heating(b, &t).system.get(&t, .proposalHeatingSystem)) != nil }
        r.check(1) { t throws(Stop) in try heating(b, &t).capacityKwth.get(&t, .proposalHeatingCapacityKwth) < 45 }
        r.check(2) { t throws(Stop) in try heating(b, &t).installed.get(&t, .proposalHeatingInstalled) >= day(2022, 4, 1) }
        r.check(3) { t throws(Stop) in
            try retrofit(b, &t).insulationRecommendationsOutstanding.get(&t, .proposalRetrofitInsulationRecommendationsOutstanding) == false
        }
        r.check(4) { t throws(Stop) in
            let applicant = try retrofit(b, &t).applicant.get(&t, .proposalRetrofitApplicant)
            return applicant == .ownerOccupier || applicant == .landlord
        }
        if r.settled { return r.decision }
        return r.eligible(maximum: pounds(7500)) { t throws(Stop) in
            grant(try heating(b, &t).system.get(&t, .proposalHeatingSystem)) ?? 0
        }
    }

    // MARK: COVID-19 business-rates grants (rules/lrsg-*.lua, closed-businesses-lockdown-payment.lua)

    /// LRSG (Closed) and CBLP: in England (or the region), a ratepayer required to close on
    /// `start`, trading before it, not insolvent now; paid by the rateable value on `rvDay`.
    private static func closedGrant(_ b: NativeBusiness, _ at: At, _ window: Window, regionOnly: Bool, start: NDay, rvDay: NDay,
                                    grants: [Int]) -> NativeDecision {
        guard window.open(at) else { return closed }
        var r = Run()
        r.check(0) { t throws(Stop) in
            if regionOnly { return try Region.inRegion(b, &t) }
            return try Region.inEngland(b, &t)
        }
        r.check(1) { t throws(Stop) in try paysBusinessRates(b, &t) }
        r.check(2) { t throws(Stop) in try requiredToClose(b, on: start, &t) == true }
        r.check(3) { t throws(Stop) in try Trading.before(b, start, &t) }
        r.check(4) { t throws(Stop) in try Trading.statusOn(b, at.day, excluding: Trading.insolvencies, &t) }
        if r.settled { return r.decision }
        return r.eligible(maximum: grants[2]) { t throws(Stop) in try RateableValue.award(b, rvDay, grants, &t) }
    }

    static let cblpGrants = [pounds(4000), pounds(6000), pounds(9000)]
    static let februaryGrants = [pounds(2096), pounds(3143), pounds(4714)]
    static let januaryGrants = [pounds(2001), pounds(3000), pounds(4500)]
    static let novemberGrants = [pounds(1334), pounds(2000), pounds(3000)]
    static let closedTierGrants = [pounds(667), pounds(1000), pounds(1500)]
    static let openTierGrants = [pounds(467), pounds(700), pounds(1050)]
    static let rhlgfGrants = [pounds(10_000), pounds(25_000), 0]
    static let restartRetailGrants = [pounds(2667), pounds(4000), pounds(6000)]
    static let restartHospitalityGrants = [pounds(8000), pounds(12_000), pounds(18_000)]

    static func closedBusinessesLockdownPayment(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        closedGrant(b, at, Window(from: minute(2021, 1, 5), until: minute(2021, 4, 1)), regionOnly: false, start: day(2021, 1, 5),
                    rvDay: RateableValue.thirdLockdownDay, grants: cblpGrants)
    }

    static func lrsgClosedFebruary2021(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        closedGrant(b, at, Window(from: minute(2021, 2, 16), until: minute(2021, 6, 1)), regionOnly: false, start: day(2021, 2, 16),
                    rvDay: RateableValue.thirdLockdownDay, grants: februaryGrants)
    }

    static func lrsgClosedJanuary2021(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        closedGrant(b, at, Window(from: minute(2021, 1, 5), until: minute(2021, 4, 1)), regionOnly: false, start: day(2021, 1, 5),
                    rvDay: RateableValue.thirdLockdownDay, grants: januaryGrants)
    }

    static func lrsgClosedNovember2020(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        closedGrant(b, at, Window(from: minute(2020, 11, 5), until: minute(2021, 4, 1)), regionOnly: false, start: day(2020, 11, 5),
                    rvDay: day(2020, 11, 5), grants: novemberGrants)
    }

    static func lrsgClosedTiersDecember2020(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        closedGrant(b, at, Window(from: minute(2020, 12, 2), until: minute(2021, 4, 1)), regionOnly: true, start: day(2020, 12, 2),
                    rvDay: day(2020, 12, 2), grants: closedTierGrants)
    }

    static func lrsgOpenTiersDecember2020(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2020, 12, 2), until: minute(2021, 4, 1)).open(at) else { return closed }
        let start = day(2020, 12, 2)
        let grants = openTierGrants
        var r = Run()
        r.check(0) { t throws(Stop) in try Region.inRegion(b, &t) }
        r.check(1) { t throws(Stop) in
            switch try b.sector.get(&t, .sector) {
            case .hospitality, .accommodation, .leisure, .gym: true
            default: false
            }
        }
        r.check(2) { t throws(Stop) in try paysBusinessRates(b, &t) }
        r.check(3) { t throws(Stop) in try requiredToClose(b, on: start, &t) == false }
        r.check(4) { t throws(Stop) in try Trading.before(b, start, &t) }
        r.check(5) { t throws(Stop) in try Trading.statusOn(b, at.day, excluding: Trading.insolvencies, &t) }
        if r.settled { return r.decision }
        return r.eligible(maximum: grants[2]) { t throws(Stop) in try RateableValue.award(b, start, grants, &t) }
    }

    // MARK: Gigabit Broadband Voucher (rules/gigabit-voucher.lua)

    static func gigabitVoucher(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2021, 4, 8), until: minute(2028, 4, 1)).open(at) else { return closed }
        var r = Run()
        r.check(0) { t throws(Stop) in
            try CompanySize.staffAndMoney(b, staffBelow: 250, turnover: pounds(36_000_000), balanceSheet: pounds(18_000_000), inclusive: true, &t)
        }
        r.check(1) { t throws(Stop) in
            switch try b.address.get(&t, .address).ruralUrbanClass.get(&t, .addressRuralUrbanClass) {
            case .D1, .D2, .E1, .E2, .F1, .F2: true
            default: false
            }
        }
        r.check(2) { t throws(Stop) in try b.connectivity.get(&t, .connectivity).downloadMbps.get(&t, .connectivityDownloadMbps) < 100 }
        r.check(3) { t throws(Stop) in
            try b.connectivity.get(&t, .connectivity).gigabitBuildPlanned.get(&t, .connectivityGigabitBuildPlanned) == false
        }
        r.check(4) { t throws(Stop) in try upgrade(b, &t).groupProject.get(&t, .proposalConnectivityGroupProject) == true }
        r.check(5) { t throws(Stop) in
            let now = try b.connectivity.get(&t, .connectivity).downloadMbps.get(&t, .connectivityDownloadMbps)
            let new = try upgrade(b, &t).newDownloadMbps.get(&t, .proposalConnectivityNewDownloadMbps)
            if now < 50 { return new >= 2 * now }
            return new >= 100
        }
        r.check(6) { t throws(Stop) in try upgrade(b, &t).costExVat.get(&t, .proposalConnectivityCostExVat) >= pounds(500) }
        if r.settled { return r.decision }
        let award = r.award(maximum: pounds(4500)) { t throws(Stop) in
            let c = try upgrade(b, &t)
            var cap = pounds(3500)
            if try c.registered.get(&t, .proposalConnectivityRegistered) >= day(2022, 12, 5) { cap = pounds(4500) }
            return min(try c.costExVat.get(&t, .proposalConnectivityCostExVat), cap)
        }
        guard let award else { return r.decision }
        r.check(7) { t throws(Stop) in try SubsidyControl.within(b, award: award.pence, at.day, &t) }
        return r.eligible(award)
    }

    // MARK: Green Homes Grant voucher (rules/green-homes-grant-voucher.lua)

    static func greenHomesGrantVoucher(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2020, 9, 30), until: minute(2021, 3, 31, 17, 0)).open(at) else { return closed }
        var r = Run()
        r.check(0) { t throws(Stop) in try retrofit(b, &t).building.get(&t, .proposalRetrofitBuilding) == .home }
        r.check(1) { t throws(Stop) in
            let applicant = try retrofit(b, &t).applicant.get(&t, .proposalRetrofitApplicant)
            return applicant == .ownerOccupier || applicant == .landlord
        }
        r.check(2) { t throws(Stop) in try retrofit(b, &t).primaryMeasuresCost.get(&t, .proposalRetrofitPrimaryMeasuresCost) > 0 }
        if r.settled { return r.decision }
        return r.eligible(maximum: pounds(10_000)) { t throws(Stop) in
            let x = try retrofit(b, &t)
            let primary = try x.primaryMeasuresCost.get(&t, .proposalRetrofitPrimaryMeasuresCost)
            let secondary = try x.secondaryMeasuresCost.get(&t, .proposalRetrofitSecondaryMeasuresCost)
            let counted = primary + min(secondary, primary)
            var lowIncome = false
            if try x.applicant.get(&t, .proposalRetrofitApplicant) == .ownerOccupier {
                lowIncome = try x.meansTestedBenefits.get(&t, .proposalRetrofitMeansTestedBenefits) == true
            }
            if lowIncome { return min(percent(counted, 100), pounds(10_000)) }
            return min(counted * 2 / 3, pounds(5000))
        }
    }

    // MARK: Home Upgrade Grant (rules/home-upgrade-grant.lua)

    static func homeUpgradeGrant(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2023, 4, 1), until: minute(2025, 4, 1)).open(at) else { return closed }
        var r = Run()
        r.check(0) { t throws(Stop) in try retrofit(b, &t).building.get(&t, .proposalRetrofitBuilding) == .home }
        r.check(1) { t throws(Stop) in try retrofit(b, &t).heatingFuel.get(&t, .proposalRetrofitHeatingFuel) != .mainsGas }
        r.check(2) { t throws(Stop) in try retrofit(b, &t).epcBand.get(&t, .proposalRetrofitEpcBand).order >= EPCBand.D.order }
        r.check(3) { t throws(Stop) in
            let occupier = try retrofit(b, &t).occupier.get(&t, .proposalRetrofitOccupier)
            return occupier == .ownerOccupier || occupier == .privateTenant
        }
        r.check(4) { t throws(Stop) in
            let x = try retrofit(b, &t)
            var any = AnyOf(t)
            if any.decides(branch(&t, { t throws(Stop) in try x.householdIncome.get(&t, .proposalRetrofitHouseholdIncome) <= pounds(36_000) }), &t) { return true }
            if any.decides(branch(&t, { t throws(Stop) in
                try x.incomeAfterHousingCosts.get(&t, .proposalRetrofitIncomeAfterHousingCosts) < pounds(20_000)
            }), &t) { return true }
            if any.decides(branch(&t, { t throws(Stop) in try x.meansTestedBenefits.get(&t, .proposalRetrofitMeansTestedBenefits) }), &t) { return true }
            if any.decides(branch(&t, { t throws(Stop) in
                guard try x.deprivationIndex.get(&t, .proposalRetrofitDeprivationIndex) == .IoD2019 else { return false }
                return try x.incomeDeprivationDecile.get(&t, .proposalRetrofitIncomeDeprivationDecile) <= 3
            }), &t) { return true }
            return try any.end(&t)
        }
        r.check(5) { t throws(Stop) in
            let x = try retrofit(b, &t)
            let now = try x.epcBand.get(&t, .proposalRetrofitEpcBand).order
            let after = try x.expectedEpcBand.get(&t, .proposalRetrofitExpectedEpcBand).order
            return after <= (now >= EPCBand.F.order ? EPCBand.D.order : EPCBand.C.order)
        }
        if r.settled { return r.decision }
        return r.eligible(nil)
    }

    // MARK: Kickstart (rules/kickstart.lua)

    static func kickstart(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2020, 9, 2), until: minute(2021, 12, 17, 12, 0)).open(at) else { return closed }
        var r = Run()
        r.check(0) { t throws(Stop) in
            let age = try hire(b, &t).age.get(&t, .proposalHireAge)
            return age >= 16 && age <= 24
        }
        r.check(1) { t throws(Stop) in try hire(b, &t).universalCredit.get(&t, .proposalHireUniversalCredit) == true }
        r.check(2) { t throws(Stop) in try hire(b, &t).newJob.get(&t, .proposalHireNewJob) == true }
        r.check(3) { t throws(Stop) in try hire(b, &t).hoursPerWeek.get(&t, .proposalHireHoursPerWeek) >= 25 }
        r.check(4) { t throws(Stop) in try hire(b, &t).contractWeeks.get(&t, .proposalHireContractWeeks) * 12 >= 6 * 52 }
        r.check(5) { t throws(Stop) in try hire(b, &t).startDate.get(&t, .proposalHireStartDate) <= day(2022, 3, 31) }
        if r.settled { return r.decision }
        let fundedWeeks = 6 * 52 / 12
        return r.eligible(maximum: MinimumWage.highest * 25 * fundedWeeks + pounds(1500)) { t throws(Stop) in
            let h = try hire(b, &t)
            let hourly = MinimumWage.hourly(age: try h.age.get(&t, .proposalHireAge), on: try h.startDate.get(&t, .proposalHireStartDate)) ?? 0
            return percent(hourly * 25 * fundedWeeks, 100) + pounds(1500)
        }
    }

    // MARK: LCR Capital Grant Fund (rules/lcr-capital-grant-fund.lua)

    static func lcrCapitalGrantFund(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2020, 1, 1), until: minute(2024, 1, 1)).open(at) else { return closed }
        var r = Run()
        r.check(0) { t throws(Stop) in try Region.inRegion(b, except: Region.halton, &t) }
        r.check(1) { t throws(Stop) in try CompanySize.euMedium(b, at.day, &t) }
        r.check(2) { t throws(Stop) in try b.businessToBusiness.get(&t, .businessToBusiness) == true }
        r.check(3) { t throws(Stop) in
            switch try b.sector.get(&t, .sector) {
            case .nonEssentialRetail, .essentialRetail, .hospitality, .accommodation, .leisure, .gym, .agriculture, .fishing: false
            default: true
            }
        }
        r.check(4) { t throws(Stop) in try b.yearsOfAccounts.get(&t, .yearsOfAccounts) >= 3 }
        r.check(5) { t throws(Stop) in try capitalProject(b, &t).cost.get(&t, .proposalCapitalProjectCost) >= pounds(50_000) }
        r.check(6) { t throws(Stop) in try capitalProject(b, &t).grantRequested.get(&t, .proposalCapitalProjectGrantRequested) >= pounds(10_000) }
        if r.settled { return r.decision }
        return r.eligible(maximum: pounds(75_000)) { t throws(Stop) in
            let project = try capitalProject(b, &t)
            let share = percent(try project.cost.get(&t, .proposalCapitalProjectCost), 20)
            return min(try project.grantRequested.get(&t, .proposalCapitalProjectGrantRequested), share, pounds(75_000))
        }
    }

    // MARK: LCR Hospitality, Leisure and Retail Grant (rules/lcr-hospitality-leisure-retail-grant.lua)

    static func lcrHospitalityLeisureRetailGrant(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2020, 11, 30, 10, 0), until: minute(2020, 12, 11, 17, 0)).open(at) else { return closed }
        var r = Run()
        r.check(0) { t throws(Stop) in try Region.inRegion(b, &t) }
        r.check(1) { t throws(Stop) in try CompanySize.companiesAct(b, .small, at.day, &t) }
        r.check(2) { t throws(Stop) in try Trading.since(b, day(2020, 3, 11), at.day, &t) }
        r.check(3) { t throws(Stop) in try b.employees.get(&t, .employees) >= 1 }
        r.check(4) { t throws(Stop) in
            for grant in try b.grantsReceived.get(&t, .grantsReceived) {
                switch grant {
                case .lrsgClosed, .lrsgOpen, .closedBusinessesLockdownPayment, .additionalRestrictionsGrant, .restartGrant,
                     .lcrHospitalityLeisureRetail, .lcrLocalBusinessSupport, .taxiDriversGrant, .councilGrantSinceOctober2020:
                    return false
                default: continue
                }
            }
            return true
        }
        r.check(5) { t throws(Stop) in try covid(b, &t).impacted.get(&t, .covidImpacted) == true }
        r.check(6) { t throws(Stop) in
            let c = try covid(b, &t)
            if c.hospitalityLeisureSupplyChain.value == true { return true }
            if c.servesRetailHospitalityLeisure.value == true { return true }
            var any = AnyOf(t)
            if any.decides(branch(&t, { t throws(Stop) in try c.hospitalityLeisureSupplyChain.get(&t, .covidHospitalityLeisureSupplyChain) }), &t) { return true }
            if any.decides(branch(&t, { t throws(Stop) in try c.servesRetailHospitalityLeisure.get(&t, .covidServesRetailHospitalityLeisure) }), &t) { return true }
            if any.decides(branch(&t, { t throws(Stop) in
                guard try b.sector.get(&t, .sector) == .nonEssentialRetail else { return false }
                guard try premises(b, &t).paysBusinessRates.get(&t, .premisesPaysBusinessRates) == false else { return false }
                return try valueOn(c.requiredToClose.get(&t, .covidRequiredToClose), day(2020, 11, 5), &t, .covidRequiredToClose) == true
            }), &t) { return true }
            return try any.end(&t)
        }
        if r.settled { return r.decision }
        return r.eligible(nil)
    }

    // MARK: LCR Local Business Support Grant (rules/lcr-local-business-support-grant.lua)

    static func lcrLocalBusinessSupportGrant(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2021, 2, 10, 10, 0), until: minute(2021, 2, 26, 17, 0)).open(at) else { return closed }
        var r = Run()
        r.check(0) { t throws(Stop) in try Region.inRegion(b, &t) }
        r.check(1) { t throws(Stop) in try CompanySize.companiesAct(b, .small, at.day, &t) }
        r.check(2) { t throws(Stop) in try Trading.since(b, day(2020, 10, 31), day(2021, 2, 1), &t) }
        r.check(3) { t throws(Stop) in try b.employees.get(&t, .employees) >= 1 }
        r.check(4) { t throws(Stop) in
            let c = try covid(b, &t)
            if c.hospitalityLeisureSupplyChain.value == true { return true }
            if c.servesRetailHospitalityLeisure.value == true { return true }
            if let drop = c.turnoverDropPercent.value, drop > 40 { return true }
            var any = AnyOf(t)
            if any.decides(branch(&t, { t throws(Stop) in try c.hospitalityLeisureSupplyChain.get(&t, .covidHospitalityLeisureSupplyChain) }), &t) { return true }
            if any.decides(branch(&t, { t throws(Stop) in try c.servesRetailHospitalityLeisure.get(&t, .covidServesRetailHospitalityLeisure) }), &t) { return true }
            if any.decides(branch(&t, { t throws(Stop) in try c.turnoverDropPercent.get(&t, .covidTurnoverDropPercent) > 40 }), &t) { return true }
            if any.decides(branch(&t, { t throws(Stop) in
                guard try premises(b, &t).paysBusinessRates.get(&t, .premisesPaysBusinessRates) == false else { return false }
                return try valueOn(c.requiredToClose.get(&t, .covidRequiredToClose), RateableValue.thirdLockdownDay, &t, .covidRequiredToClose) == true
            }), &t) { return true }
            return try any.end(&t)
        }
        r.check(5) { t throws(Stop) in
            for grant in try b.grantsReceived.get(&t, .grantsReceived) {
                if grant == .lcrHospitalityLeisureRetail || grant == .taxiDriversGrant || grant == .lrsgClosed { return false }
            }
            return true
        }
        if r.settled { return r.decision }
        return r.eligible(nil)
    }

    // MARK: Liverpool taxi licence grant (rules/liverpool-taxi-licence-grant.lua)

    static func liverpoolTaxiLicenceGrant(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2020, 10, 14), until: minute(2021, 5, 17)).open(at) else { return closed }
        var r = Run()
        r.check(0) { t throws(Stop) in
            Region.canonical(try b.taxiLicensingAuthority.get(&t, .taxiLicensingAuthority)) == Region.liverpool
        }
        r.check(1) { t throws(Stop) in try owner(b, &t).livesInRegion.get(&t, .ownerLivesInRegion) == true }
        r.check(2) { t throws(Stop) in try Trading.statusOn(b, at.day, excluding: Trading.taxiInsolvencies, &t) }
        if r.settled { return r.decision }
        let award = r.award(maximum: pounds(210)) { _ throws(Stop) in pounds(210) }
        guard let award else { return r.decision }
        r.check(3) { t throws(Stop) in try SubsidyControl.within(b, award: award.pence, at.day, &t) }
        return r.eligible(award)
    }

    // MARK: Green Homes Grant Local Authority Delivery (rules/local-authority-delivery.lua)

    static func localAuthorityDelivery(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2020, 10, 1), until: minute(2023, 4, 1)).open(at) else { return closed }
        var r = Run()
        r.check(0) { t throws(Stop) in try retrofit(b, &t).building.get(&t, .proposalRetrofitBuilding) == .home }
        r.check(1) { t throws(Stop) in
            let x = try retrofit(b, &t)
            let applicant = try x.applicant.get(&t, .proposalRetrofitApplicant)
            if applicant == .ownerOccupier { return try x.occupier.get(&t, .proposalRetrofitOccupier) == .ownerOccupier }
            guard applicant == .landlord else { return false }
            return try x.occupier.get(&t, .proposalRetrofitOccupier) == .privateTenant
        }
        r.check(2) { t throws(Stop) in
            switch try retrofit(b, &t).epcBand.get(&t, .proposalRetrofitEpcBand) {
            case .E, .F, .G: true
            default: false
            }
        }
        r.check(3) { t throws(Stop) in try retrofit(b, &t).householdIncome.get(&t, .proposalRetrofitHouseholdIncome) <= pounds(30_000) }
        if r.settled { return r.decision }
        return r.eligible(maximum: pounds(10_000)) { t throws(Stop) in
            let x = try retrofit(b, &t)
            let cost = try x.costExVat.get(&t, .proposalRetrofitCostExVat)
            if try x.applicant.get(&t, .proposalRetrofitApplicant) == .ownerOccupier { return min(cost, pounds(10_000)) }
            return min(cost * 2 / 3, pounds(5000))
        }
    }

    // MARK: Local Authority Discretionary Grants Fund (rules/local-authority-discretionary-grants-fund.lua)

    static func localAuthorityDiscretionaryGrantsFund(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2020, 5, 13), until: minute(2020, 8, 29)).open(at) else { return closed }
        let tradingDay = day(2020, 3, 11)
        var r = Run()
        r.check(0) { t throws(Stop) in try Region.inEngland(b, &t) }
        r.check(1) { t throws(Stop) in try premises(b, &t).fixedPropertyCosts.get(&t, .premisesFixedPropertyCosts) == true }
        r.check(2) { t throws(Stop) in try Trading.on(b, tradingDay, &t) }
        r.check(3) { t throws(Stop) in
            let p = try premises(b, &t)
            if try p.rateableValue.applies(&t, .premisesRateableValue) {
                return try valueOn(p.rateableValue.get(&t, .premisesRateableValue), tradingDay, &t, .premisesRateableValue) < pounds(51_000)
            }
            return try p.annualRentOrMortgage.get(&t, .premisesAnnualRentOrMortgage) < pounds(51_000)
        }
        r.check(4) { t throws(Stop) in try Trading.statusOn(b, at.day, excluding: Trading.insolvencies, &t) }
        r.check(5) { t throws(Stop) in
            for grant in try b.grantsReceived.get(&t, .grantsReceived) {
                if grant == .smallBusinessGrantFund || grant == .retailHospitalityLeisureGrantFund { return false }
            }
            return true
        }
        if r.settled { return r.decision }
        return r.eligible(nil)
    }

    // MARK: Plug-in Van Grant (rules/plug-in-van-grant.lua)

    static let cut1 = minute(2021, 3, 18, 7, 0), cut2 = minute(2021, 12, 15, 7, 0)
    /// The first instant of the 28 days before each cut.
    static let protected1 = minute(2021, 2, 18, 7, 0), protected2 = minute(2021, 11, 17, 7, 0)

    static func co2Below(_ at: NMinute) -> Int { at < cut1 ? 75 : 50 }
    static func minZeroEmissionMiles(_ at: NMinute) -> Int { at < cut1 ? 10 : 60 }
    static func sharePercent(_ at: NMinute) -> Int { at < cut1 ? 20 : 35 }
    static func smallCap(_ at: NMinute) -> Int { at < cut1 ? pounds(8000) : at < cut2 ? pounds(3000) : pounds(2500) }
    static func largeCap(_ at: NMinute) -> Int { at < cut1 ? pounds(8000) : at < cut2 ? pounds(6000) : pounds(5000) }

    /// The instant whose terms apply: now, unless the van was ordered in the 28 days before a cut
    /// that has happened since (orderedAt is read only when the old terms would differ).
    static func termsInstant<V: Equatable>(_ v: VehiclePurchase, _ at: NMinute, _ t: inout PathList, _ f: (NMinute) -> V) throws(Stop) -> NMinute {
        let now = f(at)
        guard (at >= cut1 && f(protected1) != now) || (at >= cut2 && f(protected2) != now) else { return at }
        let ordered = try v.orderedAt.get(&t, .proposalVehicleOrderedAt)
        if at >= cut1 && ordered >= protected1 && ordered < cut1 { return ordered }
        if at >= cut2 && ordered >= protected2 && ordered < cut2 { return ordered }
        return at
    }

    static func plugInVanGrant(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2020, 1, 1), until: minute(2026, 4, 1)).open(at) else { return closed }
        let largeMaxKg = at.minute >= minute(2022, 4, 1) ? 4250 : 3500
        var r = Run()
        r.check(0) { t throws(Stop) in try vehicle(b, &t).kind.get(&t, .proposalVehicleKind) == .van }
        r.check(1) { t throws(Stop) in try vehicle(b, &t).new.get(&t, .proposalVehicleNew) == true }
        r.check(2) { t throws(Stop) in
            let v = try vehicle(b, &t)
            let co2 = try v.co2GramsPerKm.get(&t, .proposalVehicleCo2GramsPerKm)
            let passes = { (at: NMinute) in co2 < co2Below(at) }
            return passes(try termsInstant(v, at.minute, &t, passes))
        }
        r.check(3) { t throws(Stop) in
            let v = try vehicle(b, &t)
            let miles = try v.zeroEmissionRangeMiles.get(&t, .proposalVehicleZeroEmissionRangeMiles)
            let passes = { (at: NMinute) in miles >= minZeroEmissionMiles(at) }
            return passes(try termsInstant(v, at.minute, &t, passes))
        }
        r.check(4) { t throws(Stop) in try vehicle(b, &t).grossWeightKg.get(&t, .proposalVehicleGrossWeightKg) <= largeMaxKg }
        if r.settled { return r.decision }
        return r.eligible(maximum: pounds(8000)) { t throws(Stop) in
            let v = try vehicle(b, &t)
            let price = try v.priceExVat.get(&t, .proposalVehiclePriceExVat)
            let large = try v.grossWeightKg.get(&t, .proposalVehicleGrossWeightKg) >= 2500
            let cap = large ? largeCap : smallCap
            let terms = try termsInstant(v, at.minute, &t) { at in min(percent(price, sharePercent(at)), cap(at)) }
            return min(percent(price, sharePercent(terms)), cap(terms))
        }
    }

    // MARK: Growth Platform Business Recovery Grant (rules/recovery-grant.lua)

    static func recoveryGrant(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2020, 9, 16, 10, 0), until: minute(2021, 1, 16)).open(at) else { return closed }
        var r = Run()
        r.check(0) { t throws(Stop) in try Region.inRegion(b, &t) }
        r.check(1) { t throws(Stop) in
            try CompanySize.staffAndMoney(b, staffBelow: 250, turnover: pounds(45_100_000), balanceSheet: pounds(38_800_000), inclusive: false, &t)
        }
        r.check(2) { t throws(Stop) in try Trading.since(b, day(2020, 3, 1), at.day, strict: true, &t) }
        r.check(3) { t throws(Stop) in try covid(b, &t).impacted.get(&t, .covidImpacted) == true }
        r.check(4) { t throws(Stop) in try recovery(b, &t).businessAsUsual.get(&t, .proposalRecoveryBusinessAsUsual) == false }
        r.check(5) { t throws(Stop) in try recovery(b, &t).alreadyStarted.get(&t, .proposalRecoveryAlreadyStarted) == false }
        if r.settled { return r.decision }
        return r.eligible(nil)
    }

    // MARK: Restart Grant (rules/restart-grant.lua)

    static func restartGrant(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2021, 4, 1), until: minute(2021, 7, 1)).open(at) else { return closed }
        let eligibilityDay = day(2021, 4, 1)
        /// The strand's grants by band: non-essential retail, or hospitality and the like.
        func grants(_ sector: Sector) -> [Int]? {
            switch sector {
            case .nonEssentialRetail: restartRetailGrants
            case .hospitality, .accommodation, .leisure, .personalCare, .gym: restartHospitalityGrants
            default: nil
            }
        }
        var r = Run()
        r.check(0) { t throws(Stop) in try Region.inEngland(b, &t) }
        r.check(1) { t throws(Stop) in grants(try b.sector.get(&t, .sector)) != nil }
        r.check(2) { t throws(Stop) in try paysBusinessRates(b, &t) }
        r.check(3) { t throws(Stop) in try b.inPersonServices.get(&t, .inPersonServices) == true }
        r.check(4) { t throws(Stop) in try Trading.on(b, eligibilityDay, &t) }
        r.check(5) { t throws(Stop) in try Trading.statusOn(b, at.day, excluding: Trading.liquidations, &t) }
        if r.settled { return r.decision }
        return r.eligible(maximum: pounds(18_000)) { t throws(Stop) in
            let strand = grants(try b.sector.get(&t, .sector)) ?? []
            return strand[RateableValue.band(try RateableValue.onDay(b, eligibilityDay, &t))]
        }
    }

    // MARK: Retail, Hospitality and Leisure Grant Fund / Small Business Grant Fund (2020)

    static func notExcludedUse(_ b: NativeBusiness, _ t: inout PathList) throws(Stop) -> Bool? {
        let use = try premises(b, &t).use.get(&t, .premisesUse)
        return use != .personalUse && use != .carPark
    }

    static func retailHospitalityLeisureGrantFund(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2020, 3, 24), until: minute(2020, 8, 29)).open(at) else { return closed }
        let eligibilityDay = day(2020, 3, 11)
        var r = Run()
        r.check(0) { t throws(Stop) in try Region.inEngland(b, &t) }
        r.check(1) { t throws(Stop) in try paysBusinessRates(b, &t) }
        r.check(2) { t throws(Stop) in
            try valueOn(premises(b, &t).rateReliefs.get(&t, .premisesRateReliefs), eligibilityDay, &t, .premisesRateReliefs).contains(.expandedRetail)
        }
        r.check(3) { t throws(Stop) in try RateableValue.onDay(b, eligibilityDay, &t) < RateableValue.highFrom }
        r.check(4) { t throws(Stop) in try notExcludedUse(b, &t) }
        r.check(5) { t throws(Stop) in try Trading.statusOn(b, eligibilityDay, excluding: Trading.liquidations, &t) }
        if r.settled { return r.decision }
        return r.eligible(maximum: pounds(25_000)) { t throws(Stop) in
            // The top band never gets here (the rateable-value criterion refuses it).
            try RateableValue.award(b, eligibilityDay, rhlgfGrants, &t)
        }
    }

    static func smallBusinessGrantFund(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2020, 3, 24), until: minute(2020, 8, 29)).open(at) else { return closed }
        let eligibilityDay = day(2020, 3, 11)
        var r = Run()
        r.check(0) { t throws(Stop) in try Region.inEngland(b, &t) }
        r.check(1) { t throws(Stop) in try paysBusinessRates(b, &t) }
        r.check(2) { t throws(Stop) in
            let reliefs = try valueOn(premises(b, &t).rateReliefs.get(&t, .premisesRateReliefs), eligibilityDay, &t, .premisesRateReliefs)
            return reliefs.contains(.smallBusiness) || reliefs.contains(.rural)
        }
        r.check(3) { t throws(Stop) in try notExcludedUse(b, &t) }
        r.check(4) { t throws(Stop) in try Trading.statusOn(b, eligibilityDay, excluding: Trading.liquidations, &t) }
        if r.settled { return r.decision }
        return r.eligible(maximum: pounds(10_000)) { _ throws(Stop) in pounds(10_000) }
    }

    // MARK: Start Up Loans (rules/start-up-loans.lua)

    static func startUpLoans(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2012, 6, 1), until: nil).open(at) else { return closed }
        let change = day(2022, 9, 26)
        let maxTradingMonths = at.minute >= change.minute ? 36 : 24
        var r = Run()
        r.check(0) { t throws(Stop) in try owner(b, &t).age.get(&t, .ownerAge) >= 18 }
        r.check(1) { t throws(Stop) in try owner(b, &t).ukResident.get(&t, .ownerUkResident) == true }
        r.check(2) { t throws(Stop) in
            _ = try b.address.get(&t, .address).country.get(&t, .addressCountry)
            return true
        }
        r.check(3) { t throws(Stop) in try owner(b, &t).financeElsewhere.get(&t, .ownerFinanceElsewhere) == false }
        r.check(4) { t throws(Stop) in
            switch try b.sector.get(&t, .sector) {
            case .weapons, .gambling, .propertyInvestment, .finance: false
            default: true
            }
        }
        r.check(5) { t throws(Stop) in
            let start = try b.tradingStartDate.get(&t, .tradingStartDate)
            let firstOK = withinMonths(start, at.day, maxTradingMonths)
            let l = try loan(b, &t)
            if let second = l.secondLoan.value, !second { return firstOK }
            let secondPossible = at.day >= change && !firstOK && withinMonths(start, at.day, 60)
            if l.secondLoan.has { return secondPossible }
            // Not said whether it is a second loan: only asked when it matters.
            if firstOK { return true }
            if !secondPossible { return false }
            return try l.secondLoan.get(&t, .proposalLoanSecondLoan) == true
        }
        r.check(6) { t throws(Stop) in
            let amount = try loan(b, &t).amount.get(&t, .proposalLoanAmount)
            return amount >= pounds(500) && amount <= pounds(25_000)
        }
        if r.settled { return r.decision }
        let award = r.award(maximum: pounds(25_000)) { t throws(Stop) in try loan(b, &t).amount.get(&t, .proposalLoanAmount) }
        guard let award else { return r.decision }
        r.check(7) { t throws(Stop) in try SubsidyControl.within(b, award: award.pence, at.day, &t) }
        return r.eligible(award)
    }

    // MARK: Workplace Charging Scheme (rules/workplace-charging.lua)

    static func workplaceCharging(_ b: NativeBusiness, _ at: At) -> NativeDecision {
        guard Window(from: minute(2020, 4, 1), until: minute(2027, 4, 1)).open(at) else { return closed }
        let perSocket = at.minute >= minute(2026, 4, 1) ? pounds(500) : pounds(350)
        func applicantForm(_ form: LegalForm) -> Bool { form != .other }
        var r = Run()
        r.check(0) { t throws(Stop) in
            if let form = b.legalForm.value, applicantForm(form) { return true }
            var any = AnyOf(t)
            if any.decides(branch(&t, { t throws(Stop) in applicantForm(try b.legalForm.get(&t, .legalForm)) }), &t) { return true }
            if any.decides(branch(&t, { t throws(Stop) in
                if at.day < day(2021, 4, 1) { return false }
                var accommodation = false
                for code in try b.sicCodes.get(&t, .sicCodes) {
                    if code == "55100" || code == "55201" || code == "55202" || code == "55209" || code == "55300" { accommodation = true }
                }
                guard accommodation else { return false }
                return try b.employees.get(&t, .employees) <= 249
            }), &t) { return true }
            return try any.end(&t)
        }
        r.check(1) { t throws(Stop) in try premises(b, &t).offStreetParking.get(&t, .premisesOffStreetParking) == true }
        r.check(2) { t throws(Stop) in
            let p = try premises(b, &t)
            if p.tenure.value == .owned { return true }
            var any = AnyOf(t)
            if any.decides(branch(&t, { t throws(Stop) in try p.tenure.get(&t, .premisesTenure) == .owned }), &t) { return true }
            if any.decides(branch(&t, { t throws(Stop) in try p.landlordPermission.get(&t, .premisesLandlordPermission) == true }), &t) { return true }
            return try any.end(&t)
        }
        r.check(3) { t throws(Stop) in try chargePoints(b, &t).sockets.get(&t, .proposalChargePointsSockets) >= 1 }
        if r.settled { return r.decision }
        let award = r.award(maximum: 40 * pounds(500)) { t throws(Stop) in
            let cp = try chargePoints(b, &t)
            let counted = min(try cp.sockets.get(&t, .proposalChargePointsSockets), 40)
            let share = percent(try cp.costIncVat.get(&t, .proposalChargePointsCostIncVat), 75)
            return min(share, counted * perSocket)
        }
        guard let award else { return r.decision }
        r.check(4) { t throws(Stop) in try SubsidyControl.within(b, award: award.pence, at.day, &t) }
        return r.eligible(award)
    }
}
