import LuaBridge

// The fast path for the business: every part pushes itself as a presized table with interned
// keys and raw sets, giving exactly the table the `Codable` path (`push(encoding:)`) builds:
// money as integer pence, days as "YYYY-MM-DD", enums as their raw strings, doubles as floats,
// lists as 1-based sequences, absent facts left out. A test checks the two paths decide alike.

/// The interned keys of the fact tree: every field name of every node, once.
enum FactKeys {
    /// The key table, interned once per Lua state.
    static let table = LuaKeyTable({
        var seen = Set<String>()
        var names = [String]()
        for node in FactSchema.nodeOrder {
            for field in FactSchema.fields(of: node) where seen.insert(field.name).inserted { names.append(field.name) }
        }
        return names
    }())

    static let id = table["id"], name = table["name"], legalForm = table["legalForm"], sicCodes = table["sicCodes"]
    static let employees = table["employees"], turnover = table["turnover"], balanceSheetTotal = table["balanceSheetTotal"]
    static let tradingStartDate = table["tradingStartDate"], financialYearStart = table["financialYearStart"]
    static let address = table["address"], premises = table["premises"], fleet = table["fleet"]
    static let connectivity = table["connectivity"], workforce = table["workforce"], covid = table["covid"]
    static let owner = table["owner"], subsidies = table["subsidies"], proposal = table["proposal"]
    static let postcode = table["postcode"], localAuthority = table["localAuthority"]
    static let deprivationDecile = table["deprivationDecile"], deprivationIndex = table["deprivationIndex"]
    static let ruralUrban = table["ruralUrban"]
    static let tenure = table["tenure"], epcBand = table["epcBand"], rateableValue = table["rateableValue"]
    static let kind = table["kind"], fuel = table["fuel"], euroStandard = table["euroStandard"]
    static let co2GramsPerKm = table["co2GramsPerKm"], zeroEmissionRangeMiles = table["zeroEmissionRangeMiles"]
    static let grossWeightKg = table["grossWeightKg"], firstRegistered = table["firstRegistered"]
    static let downloadMbps = table["downloadMbps"]
    static let age16To24 = table["age16To24"], age25To49 = table["age25To49"], age50Plus = table["age50Plus"]
    static let paysRealLivingWage = table["paysRealLivingWage"]
    static let turnoverDropPercent = table["turnoverDropPercent"], closedByRestrictions = table["closedByRestrictions"]
    static let age = table["age"], livesInRegion = table["livesInRegion"], previouslyUnemployed = table["previouslyUnemployed"]
    static let amount = table["amount"], date = table["date"], scheme = table["scheme"]
    static let vehicle = table["vehicle"], retrofit = table["retrofit"], chargePoints = table["chargePoints"], hire = table["hire"]
    static let priceExVat = table["priceExVat"], replacesVehicle = table["replacesVehicle"]
    static let measures = table["measures"], costExVat = table["costExVat"], expectedEpcBand = table["expectedEpcBand"]
    static let newDownloadMbps = table["newDownloadMbps"], sockets = table["sockets"]
    static let hoursPerWeek = table["hoursPerWeek"], startDate = table["startDate"], hourlyWage = table["hourlyWage"]
    static let contractWeeks = table["contractWeeks"]
}

extension Business: LuaTablePushable {
    /// The key table `push(to:)` writes with; pass it to `LuaState.push(_:keys:)`.
    public static var luaKeys: LuaKeyTable { FactKeys.table }

    public func push(to w: LuaTableWriter) {
        typealias K = FactKeys
        w.table(fields: 18)
        w.set(K.id, id)
        w.set(K.name, name)
        w.set(K.legalForm, legalForm?.rawValue)
        w.set(K.sicCodes, strings: sicCodes)
        w.set(K.employees, employees)
        w.set(K.turnover, turnover?.pence)
        w.set(K.balanceSheetTotal, balanceSheetTotal?.pence)
        w.set(K.tradingStartDate, tradingStartDate?.description)
        w.set(K.financialYearStart, financialYearStart?.description)
        w.set(K.address, address)
        w.set(K.premises, premises)
        w.set(K.fleet, list: fleet)
        w.set(K.connectivity, connectivity)
        w.set(K.workforce, workforce)
        w.set(K.covid, covid)
        w.set(K.owner, owner)
        w.set(K.subsidies, list: subsidies)
        w.set(K.proposal, proposal)
    }
}

extension Address: LuaTablePushable {
    public func push(to w: LuaTableWriter) {
        typealias K = FactKeys
        w.table(fields: 5)
        w.set(K.postcode, postcode)
        w.set(K.localAuthority, localAuthority)
        w.set(K.deprivationDecile, deprivationDecile)
        w.set(K.deprivationIndex, deprivationIndex)
        w.set(K.ruralUrban, ruralUrban?.rawValue)
    }
}

extension Premises: LuaTablePushable {
    public func push(to w: LuaTableWriter) {
        typealias K = FactKeys
        w.table(fields: 3)
        w.set(K.tenure, tenure?.rawValue)
        w.set(K.epcBand, epcBand?.rawValue)
        w.set(K.rateableValue, rateableValue?.pence)
    }
}

extension Vehicle: LuaTablePushable {
    public func push(to w: LuaTableWriter) {
        typealias K = FactKeys
        w.table(fields: 7)
        w.set(K.kind, kind?.rawValue)
        w.set(K.fuel, fuel?.rawValue)
        w.set(K.euroStandard, euroStandard)
        w.set(K.co2GramsPerKm, co2GramsPerKm)
        w.set(K.zeroEmissionRangeMiles, zeroEmissionRangeMiles)
        w.set(K.grossWeightKg, grossWeightKg)
        w.set(K.firstRegistered, firstRegistered?.description)
    }
}

extension Connectivity: LuaTablePushable {
    public func push(to w: LuaTableWriter) {
        w.table(fields: 1)
        w.set(FactKeys.downloadMbps, downloadMbps)
    }
}

extension Workforce: LuaTablePushable {
    public func push(to w: LuaTableWriter) {
        typealias K = FactKeys
        w.table(fields: 4)
        w.set(K.age16To24, age16To24)
        w.set(K.age25To49, age25To49)
        w.set(K.age50Plus, age50Plus)
        w.set(K.paysRealLivingWage, paysRealLivingWage)
    }
}

extension CovidImpact: LuaTablePushable {
    public func push(to w: LuaTableWriter) {
        w.table(fields: 2)
        w.set(FactKeys.turnoverDropPercent, turnoverDropPercent)
        w.set(FactKeys.closedByRestrictions, closedByRestrictions)
    }
}

extension Owner: LuaTablePushable {
    public func push(to w: LuaTableWriter) {
        typealias K = FactKeys
        w.table(fields: 3)
        w.set(K.age, age)
        w.set(K.livesInRegion, livesInRegion)
        w.set(K.previouslyUnemployed, previouslyUnemployed)
    }
}

extension Subsidy: LuaTablePushable {
    public func push(to w: LuaTableWriter) {
        typealias K = FactKeys
        w.table(fields: 3)
        w.set(K.amount, amount.pence)
        w.set(K.date, date.description)
        w.set(K.scheme, scheme)
    }
}

extension Proposal: LuaTablePushable {
    public func push(to w: LuaTableWriter) {
        typealias K = FactKeys
        w.table(fields: 5)
        w.set(K.vehicle, vehicle)
        w.set(K.retrofit, retrofit)
        w.set(K.connectivity, connectivity)
        w.set(K.chargePoints, chargePoints)
        w.set(K.hire, hire)
    }
}

extension VehiclePurchase: LuaTablePushable {
    public func push(to w: LuaTableWriter) {
        typealias K = FactKeys
        w.table(fields: 7)
        w.set(K.kind, kind?.rawValue)
        w.set(K.fuel, fuel?.rawValue)
        w.set(K.priceExVat, priceExVat?.pence)
        w.set(K.co2GramsPerKm, co2GramsPerKm)
        w.set(K.zeroEmissionRangeMiles, zeroEmissionRangeMiles)
        w.set(K.grossWeightKg, grossWeightKg)
        w.set(K.replacesVehicle, replacesVehicle)
    }
}

extension Retrofit: LuaTablePushable {
    public func push(to w: LuaTableWriter) {
        typealias K = FactKeys
        w.table(fields: 3)
        w.set(K.measures, strings: measures)
        w.set(K.costExVat, costExVat?.pence)
        w.set(K.expectedEpcBand, expectedEpcBand?.rawValue)
    }
}

extension ConnectivityUpgrade: LuaTablePushable {
    public func push(to w: LuaTableWriter) {
        w.table(fields: 2)
        w.set(FactKeys.costExVat, costExVat?.pence)
        w.set(FactKeys.newDownloadMbps, newDownloadMbps)
    }
}

extension ChargePoints: LuaTablePushable {
    public func push(to w: LuaTableWriter) {
        w.table(fields: 2)
        w.set(FactKeys.sockets, sockets)
        w.set(FactKeys.costExVat, costExVat?.pence)
    }
}

extension Hire: LuaTablePushable {
    public func push(to w: LuaTableWriter) {
        typealias K = FactKeys
        w.table(fields: 5)
        w.set(K.age, age)
        w.set(K.hoursPerWeek, hoursPerWeek)
        w.set(K.startDate, startDate?.description)
        w.set(K.hourlyWage, hourlyWage?.pence)
        w.set(K.contractWeeks, contractWeeks)
    }
}
