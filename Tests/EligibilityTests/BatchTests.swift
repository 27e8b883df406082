import Foundation
import LuaBridge
import Testing
@testable import Eligibility

// MARK: - Helpers

/// The shipped rules.
private func shippedRules() throws -> RuleBook {
    try RuleBook(directory: repositoryRoot.appendingPathComponent("rules"), displayName: "rules")
}

private let batchAsOf = try! AsOf(parsing: "2022-06-01")

/// A deterministic spread of businesses: the full example and variations of it that reach every
/// outcome (facts removed, other regions, other proposals, fleets and subsidies).
private func variedBusinesses(_ count: Int) -> [Business] {
    let authorities: [String?] = ["Wirral", "St. Helens", "Liverpool", "Manchester", nil, "Sefton", "Halton", "Knowsley"]
    var out = [Business]()
    for i in 0..<count {
        var b = fullBusiness
        b.id = "B-\(i)"
        b.address?.localAuthority = authorities[i % authorities.count]
        b.address?.deprivationDecile = i % 10 + 1
        b.address?.ruralUrban = i % 3 == 0 ? .rural : .urban
        b.employees = i % 7 == 0 ? nil : [1, 5, 12, 49, 60, 300][i % 6]
        if i % 5 == 0 { b.legalForm = .soleTrader }
        if i % 11 == 0 { b.legalForm = .charity }
        if i % 4 == 1 { b.premises?.epcBand = nil }
        if i % 9 == 0 { b.premises = nil }
        b.tradingStartDate = try! Day(year: 2010 + i % 13, month: i % 12 + 1, day: 1)
        if i % 6 == 2 { b.fleet = [] }
        if i % 6 == 3 { b.fleet = nil }
        if i % 8 == 4 { b.fleet?.append(Vehicle(kind: .van, fuel: .diesel, firstRegistered: try! Day(year: 2016, month: 1, day: 5))) }
        if i % 10 == 7 { b.subsidies = nil }
        if i % 13 == 3 { b.subsidies?.append(Subsidy(amount: .pounds(314_000), date: try! Day(year: 2021, month: 6, day: 1), scheme: "Big")) }
        b.connectivity?.downloadMbps = [3.5, 7.5, 49.9, 80, 150][i % 5]
        var p = b.proposal ?? Proposal()
        switch i % 6 {
        case 0: p.retrofit = nil; p.connectivity = nil; p.chargePoints = nil; p.hire = nil
        case 1: p.vehicle = nil
        case 2: p.vehicle?.kind = .van; p.vehicle?.co2GramsPerKm = 40; p.vehicle?.grossWeightKg = 2_600 + i
        case 3: p.hire?.age = 16 + i % 15; p.vehicle?.fuel = nil
        case 4: p.chargePoints?.sockets = i % 50
        default: p = Proposal()
        }
        b.proposal = i % 17 == 0 ? nil : p
        if i % 19 == 0 { b.covid = nil; b.workforce = nil; b.owner = nil; b.turnover = nil }
        out.append(b)
    }
    return out
}

/// A business as one JSON line.
private func jsonLine(_ b: Business) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(b), as: UTF8.self)
}

private func outputLines(_ data: Data) -> [[String: Any]] {
    String(decoding: data, as: UTF8.self).split(separator: "\n").map {
        (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
    }
}

// MARK: - Fast paths

@Test func fastPushDecidesLikeCodablePush() throws {
    let rules = try shippedRules()
    let fast = try Evaluator(rules: rules)
    let codable = try Evaluator(rules: rules)
    codable.businessPush = .codable
    for b in variedBusinesses(60) + [Business(), fullBusiness] {
        for explain in [false, true] {
            let a = try fast.evaluate(b, asOf: batchAsOf, explain: explain)
            let c = try codable.evaluate(b, asOf: batchAsOf, explain: explain)
            #expect(a == c, "business \(b.id ?? "-") explain=\(explain)")
        }
    }
}

@Test func fastDecisionReaderMatchesCodableDecoder() throws {
    // explain=false reads decisions with raw accessors; explain=true decodes them with Codable.
    // Apart from the explanation-only fields they must agree.
    let evaluator = try Evaluator(rules: shippedRules())
    for b in variedBusinesses(40) {
        let quick = try evaluator.evaluate(b, asOf: batchAsOf)
        let full = try evaluator.evaluate(b, asOf: batchAsOf, explain: true).map { d -> Decision in
            var d = d
            d.criteria = nil; d.awardReads = nil; d.parameters = nil
            return d
        }
        #expect(quick == full)
    }
}

@Test func jsonLineDecodingAgreesWithBusinessFile() throws {
    func viaLine(_ text: String) throws -> Business {
        try Array(text.utf8).withUnsafeBufferPointer { try BusinessFile.decodeJSONLine($0, fileName: "x.jsonl", line: 7) }
    }
    for b in variedBusinesses(40) + [fullBusiness, Business()] {
        let line = try jsonLine(b)
        #expect(try viaLine(line) == (try BusinessFile.decode(Data(line.utf8), fileName: "x.jsonl")))
        #expect(try viaLine(line) == b)
    }
    // Unusual but valid input decodes the same either way.
    for text in [#"{"employees": 5.0}"#, #"{"name": "A\"B"}"#, #"{"turnover": "£3,000.00"}"#, #" { "employees" : 3 , "address" : { } } "#,
                 #"{"premises": null, "fleet": []}"#] {
        #expect(try viaLine(text) == (try BusinessFile.decode(Data(text.utf8), fileName: "x.jsonl")), "\(text)")
    }
    // Anything the checker refuses is refused with its message (and the line), never accepted.
    for text in [#"{"employes": 5}"#, #"{"address": {"localAuthorty": "Wirral"}}"#, #"{"fleet": [{"fule": "diesel"}]}"#,
                 #"{"legalForm": "ltd"}"#, #"{"fleet": [null]}"#, #"{"subsidies": [{"amount": 1}]}"#, #"{"employees": -1}"#,
                 #"{"tradingStartDate": "2021-02-30"}"#, "{\"name\": \"a\u{01}\"}"] {
        let checker = Result { try BusinessFile.decode(Data(text.utf8), fileName: "x.jsonl", firstLine: 7) }
        let line = Result { try viaLine(text) }
        switch (checker, line) {
        case (.failure(let a as InputError), .failure(let b as InputError)):
            #expect(a.path == b.path && a.message == b.message && b.line == 7, "\(text): \(a) / \(b)")
        case (.success(let a), .success(let b)):
            #expect(a == b, "\(text)")
        default:
            Issue.record("the two paths disagree on \(text): \(checker) / \(line)")
        }
    }
}

// MARK: - Batch runs

/// A register with bad rows interleaved: broken JSON, an unknown field, a bad enum, a blank line.
private func registerWithBadRows() throws -> (text: String, expected: [(line: Int, rejectedPath: String?)]) {
    var lines = [String]()
    var expected = [(line: Int, rejectedPath: String?)]()
    for (i, b) in variedBusinesses(30).enumerated() {
        lines.append(try jsonLine(b)); expected.append((lines.count, nil))
        switch i % 7 {
        case 1: lines.append(#"{"employees": 3,"#); expected.append((lines.count, ""))
        case 3: lines.append(#"{"employes": 3}"#); expected.append((lines.count, "employes"))
        case 4: lines.append("")
        case 5: lines.append(#"{"fleet": [{"kind": "van", "fuel": "disel"}]}"#); expected.append((lines.count, "fleet[0].fuel"))
        default: break
        }
    }
    return (lines.joined(separator: "\n") + "\n", expected)
}

@Test func batchKeepsOrderAndOneRowPerInputRowWithBadRowsInterleaved() throws {
    let (text, expected) = try registerWithBadRows()
    let runner = try BatchRunner(rules: shippedRules(), options: BatchOptions(jobs: 3, asOf: batchAsOf, chunkSize: 2))
    let (output, summary) = try runner.run(input: .data(Data(text.utf8), name: "register.jsonl"))
    let rows = outputLines(output)
    #expect(rows.count == expected.count)
    #expect(summary.rowsRead == expected.count)
    #expect(summary.rejected == expected.filter { $0.rejectedPath != nil }.count)
    for (row, want) in zip(rows, expected) {
        #expect(row["line"] as? Int == want.line)
        let rejected = row["rejected"] as? [String: Any]
        if let path = want.rejectedPath {
            #expect(rejected?["path"] as? String == path, "line \(want.line)")
            #expect((rejected?["error"] as? String)?.hasPrefix("register.jsonl:\(want.line):") == true, "\(rejected ?? [:])")
        } else {
            #expect(rejected == nil)
            #expect((row["decisions"] as? [Any])?.count == runner.programmeIDs.count)
        }
    }
}

@Test func oneJobAndManyJobsWriteIdenticalBytes() throws {
    let (text, _) = try registerWithBadRows()
    let rules = try shippedRules()
    let input = BatchInput.data(Data(text.utf8), name: "register.jsonl")
    let one = try BatchRunner(rules: rules, options: BatchOptions(jobs: 1, asOf: batchAsOf)).run(input: input)
    let many = try BatchRunner(rules: rules, options: BatchOptions(jobs: 4, asOf: batchAsOf, chunkSize: 3)).run(input: input)
    #expect(one.output == many.output)
    #expect(one.summary.programmes == many.summary.programmes)
    for format in [BatchFormat.csv] {
        let a = try BatchRunner(rules: rules, options: BatchOptions(outputFormat: format, jobs: 1, asOf: batchAsOf)).run(input: input)
        let b = try BatchRunner(rules: rules, options: BatchOptions(outputFormat: format, jobs: 3, asOf: batchAsOf, chunkSize: 1)).run(input: input)
        #expect(a.output == b.output)
    }
}

/// The CSV cells of a business under the documented layout.
private func csvRow(_ b: Business, columns: [String]) -> [String] {
    func day(_ d: Day?) -> String { d?.description ?? "" }
    func money(_ m: Money?) -> String { m.map { String($0.pence) } ?? "" }
    func int(_ i: Int?) -> String { i.map(String.init) ?? "" }
    func bool(_ x: Bool?) -> String { x.map { $0 ? "true" : "false" } ?? "" }
    func dbl(_ x: Double?) -> String { x.map { String($0) } ?? "" }
    var cells = [String: String]()
    cells["id"] = b.id ?? ""
    cells["name"] = b.name ?? ""
    cells["legalForm"] = b.legalForm?.rawValue ?? ""
    cells["sicCodes"] = b.sicCodes.map { $0.isEmpty ? "[]" : $0.joined(separator: ";") } ?? ""
    cells["employees"] = int(b.employees)
    cells["turnover"] = money(b.turnover)
    cells["balanceSheetTotal"] = money(b.balanceSheetTotal)
    cells["tradingStartDate"] = day(b.tradingStartDate)
    cells["financialYearStart"] = day(b.financialYearStart)
    cells["address.postcode"] = b.address?.postcode ?? ""
    cells["address.localAuthority"] = b.address?.localAuthority ?? ""
    cells["address.deprivationDecile"] = int(b.address?.deprivationDecile)
    cells["address.ruralUrban"] = b.address?.ruralUrban?.rawValue ?? ""
    cells["premises.tenure"] = b.premises?.tenure?.rawValue ?? ""
    cells["premises.epcBand"] = b.premises?.epcBand?.rawValue ?? ""
    cells["premises.rateableValue"] = money(b.premises?.rateableValue)
    cells["fleet"] = b.fleet?.isEmpty == true ? "[]" : ""
    for (i, v) in (b.fleet ?? []).enumerated() {
        cells["fleet[\(i)].kind"] = v.kind?.rawValue ?? ""
        cells["fleet[\(i)].fuel"] = v.fuel?.rawValue ?? ""
        cells["fleet[\(i)].euroStandard"] = int(v.euroStandard)
        cells["fleet[\(i)].firstRegistered"] = day(v.firstRegistered)
    }
    cells["connectivity.downloadMbps"] = dbl(b.connectivity?.downloadMbps)
    cells["workforce.paysRealLivingWage"] = bool(b.workforce?.paysRealLivingWage)
    cells["covid.turnoverDropPercent"] = dbl(b.covid?.turnoverDropPercent)
    cells["covid.closedByRestrictions"] = bool(b.covid?.closedByRestrictions)
    cells["subsidies"] = b.subsidies?.isEmpty == true ? "[]" : ""
    for (i, s) in (b.subsidies ?? []).enumerated() {
        cells["subsidies[\(i)].amount"] = money(s.amount)
        cells["subsidies[\(i)].date"] = day(s.date)
        cells["subsidies[\(i)].scheme"] = s.scheme
    }
    let v = b.proposal?.vehicle
    cells["proposal.vehicle.kind"] = v?.kind?.rawValue ?? ""
    cells["proposal.vehicle.fuel"] = v?.fuel?.rawValue ?? ""
    cells["proposal.vehicle.priceExVat"] = money(v?.priceExVat)
    cells["proposal.vehicle.co2GramsPerKm"] = int(v?.co2GramsPerKm)
    cells["proposal.vehicle.zeroEmissionRangeMiles"] = int(v?.zeroEmissionRangeMiles)
    cells["proposal.vehicle.grossWeightKg"] = int(v?.grossWeightKg)
    cells["proposal.vehicle.replacesVehicle"] = bool(v?.replacesVehicle)
    cells["proposal.retrofit.measures"] = b.proposal?.retrofit?.measures?.joined(separator: ";") ?? ""
    cells["proposal.retrofit.costExVat"] = money(b.proposal?.retrofit?.costExVat)
    cells["proposal.retrofit.expectedEpcBand"] = b.proposal?.retrofit?.expectedEpcBand?.rawValue ?? ""
    cells["proposal.connectivity.costExVat"] = money(b.proposal?.connectivity?.costExVat)
    cells["proposal.connectivity.newDownloadMbps"] = dbl(b.proposal?.connectivity?.newDownloadMbps)
    cells["proposal.chargePoints.sockets"] = int(b.proposal?.chargePoints?.sockets)
    cells["proposal.chargePoints.costExVat"] = money(b.proposal?.chargePoints?.costExVat)
    cells["proposal.hire.age"] = int(b.proposal?.hire?.age)
    cells["proposal.hire.hoursPerWeek"] = int(b.proposal?.hire?.hoursPerWeek)
    cells["proposal.hire.startDate"] = day(b.proposal?.hire?.startDate)
    cells["proposal.hire.hourlyWage"] = money(b.proposal?.hire?.hourlyWage)
    cells["proposal.hire.contractWeeks"] = int(b.proposal?.hire?.contractWeeks)
    return columns.map { cells[$0] ?? "" }
}

@Test func csvAndJSONLinesGiveIdenticalDecisions() throws {
    // Businesses restricted to the facts the CSV test writes (no workforce age bands, owner, ...).
    let businesses = variedBusinesses(40).map { b -> Business in
        var b = b
        b.address?.deprivationIndex = nil
        b.workforce = b.workforce.map { Workforce(paysRealLivingWage: $0.paysRealLivingWage) }
        b.owner = nil
        b.fleet = b.fleet?.map { Vehicle(kind: $0.kind, fuel: $0.fuel, euroStandard: $0.euroStandard, firstRegistered: $0.firstRegistered) }
        // In CSV a group whose cells are all empty is absent, so JSON gets no empty groups either.
        if b.proposal == Proposal() { b.proposal = nil }
        if b.workforce == Workforce() { b.workforce = nil }
        if b.premises == Premises() { b.premises = nil }
        return b
    }
    var columns = ["id", "name", "legalForm", "sicCodes", "employees", "turnover", "balanceSheetTotal", "tradingStartDate",
                   "financialYearStart", "address.postcode", "address.localAuthority", "address.deprivationDecile",
                   "address.ruralUrban", "premises.tenure", "premises.epcBand", "premises.rateableValue", "fleet"]
    for i in 0..<3 { columns += ["kind", "fuel", "euroStandard", "firstRegistered"].map { "fleet[\(i)].\($0)" } }
    columns += ["connectivity.downloadMbps", "workforce.paysRealLivingWage", "covid.turnoverDropPercent",
                "covid.closedByRestrictions", "subsidies"]
    for i in 0..<3 { columns += ["amount", "date", "scheme"].map { "subsidies[\(i)].\($0)" } }
    columns += ["kind", "fuel", "priceExVat", "co2GramsPerKm", "zeroEmissionRangeMiles", "grossWeightKg", "replacesVehicle"].map { "proposal.vehicle.\($0)" }
    columns += ["proposal.retrofit.measures", "proposal.retrofit.costExVat", "proposal.retrofit.expectedEpcBand",
                "proposal.connectivity.costExVat", "proposal.connectivity.newDownloadMbps", "proposal.chargePoints.sockets",
                "proposal.chargePoints.costExVat", "proposal.hire.age", "proposal.hire.hoursPerWeek", "proposal.hire.startDate",
                "proposal.hire.hourlyWage", "proposal.hire.contractWeeks"]
    func csvLine(_ fields: [String]) -> String {
        fields.map { $0.contains(",") || $0.contains("\"") ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
            .joined(separator: ",")
    }
    let csv = ([csvLine(columns)] + businesses.map { csvLine(csvRow($0, columns: columns)) }).joined(separator: "\n") + "\n"
    let jsonl = try businesses.map(jsonLine).joined(separator: "\n") + "\n"

    let rules = try shippedRules()
    let fromCSV = try BatchRunner(rules: rules, options: BatchOptions(inputFormat: .csv, jobs: 2, asOf: batchAsOf))
        .run(input: .data(Data(csv.utf8), name: "register.csv"))
    let fromJSONL = try BatchRunner(rules: rules, options: BatchOptions(inputFormat: .jsonl, jobs: 2, asOf: batchAsOf))
        .run(input: .data(Data(jsonl.utf8), name: "register.jsonl"))
    let a = outputLines(fromCSV.output), b = outputLines(fromJSONL.output)
    #expect(a.count == businesses.count)
    #expect(fromCSV.summary.rejected == 0, "\(a.first { $0["rejected"] != nil } ?? [:])")
    for (x, y) in zip(a, b) {
        #expect(x["line"] as? Int == (y["line"] as? Int).map { $0 + 1 }) // the CSV header is line 1
        #expect(NSArray(array: x["decisions"] as? [Any] ?? []) == NSArray(array: y["decisions"] as? [Any] ?? []), "\(x["id"] ?? "")")
    }
    #expect(fromCSV.summary.programmes == fromJSONL.summary.programmes)
}

@Test func csvRejectsBadRowsAndBadHeaders() throws {
    let rules = try shippedRules()
    let csv = "id,employees,fleet[0].fuel\nA,3,diesel\nB,three,\nC,4,disel\n"
    let (output, summary) = try BatchRunner(rules: rules, options: BatchOptions(inputFormat: .csv, jobs: 1, asOf: batchAsOf))
        .run(input: .data(Data(csv.utf8), name: "r.csv"))
    let rows = outputLines(output)
    #expect(rows.count == 3)
    #expect(summary.rejected == 2)
    #expect((rows[1]["rejected"] as? [String: Any])?["path"] as? String == "employees")
    #expect((rows[1]["rejected"] as? [String: Any])?["error"] as? String == "r.csv:3: employees: expected an integer, got a string (\"three\")")
    #expect((rows[2]["rejected"] as? [String: Any])?["path"] as? String == "fleet[0].fuel")
    #expect(throws: BatchError.self) {
        try BatchRunner(rules: rules, options: BatchOptions(inputFormat: .csv, asOf: batchAsOf))
            .run(input: .data(Data("id,employes\nA,3\n".utf8), name: "r.csv"))
    }
}
