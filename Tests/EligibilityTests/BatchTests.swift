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
        if i % 13 == 3 { b.subsidies?.append(Subsidy(amount: 314_000, date: try! Day(year: 2021, month: 6, day: 1), scheme: "Big")) }
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

/// A business as one JSON line (its JSON business file, money in pounds, on one line).
private func jsonLine(_ b: Business) throws -> String {
    let text = facts(b).jsonText()
    return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
}

private func outputLines(_ data: Data) -> [[String: Any]] {
    String(decoding: data, as: UTF8.self).split(separator: "\n").map {
        (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
    }
}

// MARK: - Ways in

/// The typed model, its facts, and those facts written out as JSON and YAML business files and
/// read back, all decide alike (explained or not).
@Test func theTypedModelAndItsBusinessFilesDecideAlike() throws {
    let rules = try shippedRules()
    let evaluator = try Evaluator(rules: rules)
    for b in variedBusinesses(60) + [Business(), fullBusiness] {
        let typed = facts(b, vocabulary: rules.vocabulary)
        let json = try BusinessFile.decode(Data(typed.jsonText().utf8), fileName: "b.json", vocabulary: rules.vocabulary)
        let yaml = try BusinessFile.decode(Data(typed.yamlText().utf8), fileName: "b.yaml", vocabulary: rules.vocabulary)
        #expect(json == typed && yaml == typed, "business \(b.id ?? "-")")
        for explain in [false, true] {
            let a = try evaluator.evaluate(b, asOf: batchAsOf, explain: explain)
            #expect(try evaluator.evaluate(typed, asOf: batchAsOf, explain: explain) == a, "business \(b.id ?? "-") explain=\(explain)")
            #expect(try evaluator.evaluate(json, asOf: batchAsOf, explain: explain) == a, "business \(b.id ?? "-") explain=\(explain)")
            // Facts typed by another vocabulary (another rule book's) are read again with this one's.
            #expect(try evaluator.evaluate(facts(b), asOf: batchAsOf, explain: explain) == a, "business \(b.id ?? "-") explain=\(explain)")
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

private func viaLine(_ text: String) throws -> BusinessFacts {
    try Array(text.utf8).withUnsafeBufferPointer {
        try BusinessFile.decodeJSONLine($0, fileName: "x.jsonl", line: 7, vocabulary: shippedVocabulary)
    }
}

/// The batch reader's JSON line and `BusinessFile` agree on `text`: the same facts, or the same
/// problems (every one on the row's line).
private func expectLineAgreesWithFile(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let file = Result { try BusinessFile.decode(Data(text.utf8), fileName: "x.jsonl", vocabulary: shippedVocabulary, firstLine: 7) }
    let line = Result { try viaLine(text) }
    switch (file, line) {
    case (.failure(let a as InputErrors), .failure(let b as InputErrors)):
        // A row's keys are visited in sorted order, a file's in the order written: the same problems.
        func problems(_ errors: InputErrors) -> [String] { errors.errors.map { "\($0.path): \($0.message)" }.sorted() }
        #expect(problems(a) == problems(b), "\(text): \(a) / \(b)", sourceLocation: sourceLocation)
        #expect(b.errors.allSatisfy { $0.line == 7 }, "\(text): \(b)", sourceLocation: sourceLocation)
    case (.success(let a), .success(let b)):
        #expect(a == b, "\(text)", sourceLocation: sourceLocation)
    default:
        Issue.record("the two paths disagree on \(text): \(file) / \(line)", sourceLocation: sourceLocation)
    }
}

@Test func jsonLineDecodingAgreesWithBusinessFile() throws {
    for b in variedBusinesses(40) + [fullBusiness, Business()] {
        let line = try jsonLine(b)
        #expect(try viaLine(line) == (try BusinessFile.decode(Data(line.utf8), fileName: "x.jsonl", vocabulary: shippedVocabulary)))
        #expect(try viaLine(line) == facts(b))
    }
    // Unusual but valid input decodes the same either way.
    for text in [#"{"employees": 5.0}"#, #"{"name": "A\"B"}"#, #"{"turnover": "£3,000.00"}"#, #" { "employees" : 3 , "address" : { } } "#,
                 #"{"premises": null, "fleet": []}"#, #"{"turnover": 12000.5, "balanceSheetTotal": "12,000"}"#,
                 #"{"proposal": {"hire": "does not apply"}}"#,
                 #"{"premises": {"rateableValue": [{"from": "2017-04-01", "value": 12000}, {"from": "2023-04-01", "value": "does not apply"}]}}"#] {
        expectLineAgreesWithFile(text)
    }
    // Anything the checker refuses is refused with its messages (and the line), never accepted.
    for text in [#"{"employes": 5}"#, #"{"address": {"localAuthorty": "Wirral"}}"#, #"{"fleet": [{"fule": "diesel"}]}"#,
                 #"{"legalForm": "ltd"}"#, #"{"fleet": [null]}"#, #"{"subsidies": [{"amount": 1}]}"#, #"{"employees": -1}"#,
                 #"{"tradingStartDate": "2021-02-30"}"#, "{\"name\": \"a\u{01}\"}", #"{"turnover": 12.345, "employees": "x"}"#] {
        expectLineAgreesWithFile(text)
    }
}

/// JSON Lines rows and business files are read by one reader: the cases where two readers once
/// disagreed (a repeated key, `true` for text, an exponent, booleans' messages) agree.
@Test
func jsonLinesAndFilesAgreeOnEdgeCases() throws {
    for text in [#"{"name": "A", "employees": 3, "name": "B"}"#, #"{"name": true}"#, #"{"employees": true}"#, #"{"turnover": 1e3}"#] {
        expectLineAgreesWithFile(text)
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
    func money(_ m: Money?) -> String { m?.poundsText ?? "" }  // money in a register is pounds
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
        cells["subsidies[\(i)].amount"] = String(s.amount)
        cells["subsidies[\(i)].currency"] = s.currency.rawValue
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
    for i in 0..<3 { columns += ["amount", "currency", "date", "scheme"].map { "subsidies[\(i)].\($0)" } }
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
    let csv = "id,employees,fleet[0].fuel,turnover\nA,3,diesel,\"600,000\"\nB,lots,,600000\nC,4,disel,\n"
    let (output, summary) = try BatchRunner(rules: rules, options: BatchOptions(inputFormat: .csv, jobs: 1, asOf: batchAsOf))
        .run(input: .data(Data(csv.utf8), name: "r.csv"))
    let rows = outputLines(output)
    #expect(rows.count == 3)
    #expect(summary.rejected == 2)
    #expect((rows[1]["rejected"] as? [String: Any])?["path"] as? String == "employees")
    #expect((rows[1]["rejected"] as? [String: Any])?["error"] as? String == "r.csv:3: employees: expected a whole number, got \"lots\"")
    #expect((rows[2]["rejected"] as? [String: Any])?["path"] as? String == "fleet[0].fuel")
    #expect(throws: BatchError.self) {
        try BatchRunner(rules: rules, options: BatchOptions(inputFormat: .csv, asOf: batchAsOf))
            .run(input: .data(Data("id,employes\nA,3\n".utf8), name: "r.csv"))
    }
}

/// A run stopped early (a write failure) frees its pipeline with tickets still taken; libdispatch
/// traps when a semaphore is freed below its starting value (exit 132 instead of 74, seen under
/// AddressSanitizer, where the last worker outlived the writer).
@Suite struct PipelineTests {
    @Test func aPipelineFreedWithTicketsTakenDoesNotTrap() {
        var pipeline: Pipeline? = Pipeline(inFlight: 4)
        #expect(pipeline?.acquireTicket() == true)
        #expect(pipeline?.acquireTicket() == true)
        pipeline = nil
        #expect(pipeline == nil)
    }
}
