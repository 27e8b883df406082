import Foundation
import Testing
@testable import Eligibility

/// One hostile business file and the error it must get (or, for the few inputs that are
/// accepted on purpose, nil).
struct HostileInput: CustomTestStringConvertible, Sendable {
    let name: String
    let fileName: String
    let bytes: Data
    /// The error's line (nil: none is known, e.g. a file too large to read).
    let line: Int?
    /// The error's fact path ("" for the whole document).
    let path: String
    /// A part of the error's message.
    let message: String
    var testDescription: String { name }

    init(_ name: String, _ fileName: String, _ text: String, line: Int?, path: String = "", _ message: String) {
        self.init(name, fileName, Data(text.utf8), line: line, path: path, message)
    }

    init(_ name: String, _ fileName: String, _ bytes: Data, line: Int?, path: String = "", _ message: String) {
        self.name = name
        self.fileName = fileName
        self.bytes = bytes
        self.line = line
        self.path = path
        self.message = message
    }
}

private let bom = "\u{FEFF}"

/// Ten levels of lists, each of ten aliases of the one before: 10^10 values once expanded.
private let billionLaughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    + (1...9).map { "a\($0): &a\($0) [" + Array(repeating: "*a\($0 - 1)", count: 10).joined(separator: ", ") + "]\n" }.joined()
    + "sicCodes: *a9\n"

private let aliasMessage = "YAML anchors and aliases (&name, *name) are not supported in business files; write the values out"

/// YAML anchors and aliases, which `BusinessFile` documents as refused (at the anchor).
let hostileAliasInputs: [HostileInput] = [
    .init("YAML alias", "b.yaml", "name: &n A\nid: *n\n", line: 1, aliasMessage),
    .init("a billion laughs", "b.yaml", billionLaughs, line: 1, aliasMessage),
    .init("an aliased key", "b.yaml", "a: &k [1, 2]\n? *k\n: 1\n", line: 1, aliasMessage),
]

let hostileInputs: [HostileInput] = [
    // Malformed syntax.
    .init("JSON missing a value", "b.json", #"{"name": "A", "employees": }"#, line: 1, "invalid JSON"),
    .init("JSON missing a comma, line 3", "b.json", "{\n  \"name\": \"A\"\n  \"employees\": 5\n}\n", line: 3, "invalid JSON"),
    .init("JSON with single quotes", "b.json", "{'name': 'A'}", line: 1, "strings must be in double quotes"),
    .init("JSON cut short", "b.json", "{\n  \"name\": \"A\",\n", line: 2, "invalid JSON"),
    .init("JSON with a control character in a string", "b.json", "{\"name\": \"A\u{1}B\"}", line: 1, "invalid JSON"),
    .init("YAML with an unclosed list", "b.yaml", "name: A\nemployees: [1,\n", line: 3, "invalid YAML"),
    .init("YAML with a bad indent", "b.yaml", "address:\n  postcode: L1 1AA\n localAuthority: Wirral\n", line: 3, "invalid YAML"),
    // (YAML anchors and aliases: see `hostileAliasInputs`.)
    // Encodings and line ends.
    .init("not UTF-8 on line 2", "b.yaml", Data("name: A\nid: ".utf8) + Data([0xFF, 0xFE]) + Data("\n".utf8), line: 2, "not UTF-8"),
    .init("CRLF YAML, error on line 2", "b.yaml", "name: A\r\nemployees: five\r\n", line: 2, path: "employees", "expected a whole number, got \"five\""),
    .init("CRLF JSON, error on line 3", "b.json", "{\r\n\"name\": \"A\",\r\n\"employees\": \"V\"\r\n}\r\n", line: 3, path: "employees", "expected a whole number, got \"V\""),
    .init("CR-only YAML, error on line 3", "b.yaml", "name: A\rid: B\remployees: [1]\r", line: 3, path: "employees", "expected a whole number, got a list"),
    .init("BOM and CRLF, error on line 2", "b.yaml", bom + "name: A\r\nlegalForm: plc\r\n", line: 2, path: "legalForm", "expected one of soleTrader"),
    .init("BOM only", "b.json", bom, line: 1, "the file is empty"),
    // Empty input.
    .init("an empty JSON file", "b.json", "", line: 1, "the file is empty"),
    .init("an empty YAML file", "b.yaml", "", line: 1, "the file is empty"),
    .init("blank lines only", "b.yaml", "  \n\n   \n", line: 1, "the file is empty"),
    .init("a YAML comment only", "b.yaml", "# nothing here\n", line: 1, "the file is empty"),
    .init("JSON null", "b.json", "null", line: 1, "expected the business's facts (field: value lines), got null"),
    .init("a top-level list", "b.json", "[1, 2]", line: 1, "expected the business's facts (field: value lines), got a list"),
    // Wrong types.
    .init("employees as words", "b.json", #"{"employees": "XV"}"#, line: 1, path: "employees", #"expected a whole number, got "XV""#),
    .init("employees as true", "b.json", #"{"employees": true}"#, line: 1, path: "employees", "expected a whole number, got true"),
    .init("fractional employees", "b.json", #"{"employees": 5.5}"#, line: 1, path: "employees", #"expected a whole number, got "5.5""#),
    .init("address as text", "b.yaml", "address: 1 Dale St, Liverpool\n", line: 1, path: "address", #"expected a group of facts (postcode: ..., localAuthority: ..., country: ...), got a string ("1 Dale St, Liverpool")"#),
    .init("fleet as an object", "b.json", "{\n\"fleet\": {\"kind\": \"van\"}\n}", line: 2, path: "fleet", "expected a list of groups of facts, got an object"),
    .init("a null list item", "b.json", "{\"sicCodes\": [\"49320\", null]}", line: 1, path: "sicCodes[1]", "expected text, got null"),
    .init("a field name that is a list", "b.yaml", "[a]: 1\n", line: 1, "field names must be plain text"),
    // Unknown names and values.
    .init("an unknown field", "b.json", #"{"employes": 3}"#, line: 1, path: "employes", "did you mean 'employees'?"),
    .init("an unknown enum value", "b.json", #"{"legalForm": "plc"}"#, line: 1, path: "legalForm", #"got "plc""#),
    .init("a misspelt listed value", "b.yaml", "fleet:\n  - kind: van\n    fuel: Deisel\n", line: 3, path: "fleet[0].fuel", "got \"Deisel\"; did you mean 'diesel'?"),
    .init("an unknown enum value deep in JSON", "b.json", "{\n  \"fleet\": [\n    {\"kind\": \"van\"},\n    {\"kind\": \"van\",\n     \"fuel\": \"coal\"}\n  ]\n}\n", line: 5, path: "fleet[1].fuel", #"got "coal""#),
    .init("a missing required field", "b.json", "{\n \"subsidies\": [\n  {\"amount\": 5, \"currency\": \"GBP\", \"scheme\": \"X\"}\n ]\n}\n", line: 3, path: "subsidies[0].date", "missing 'date' (a date like 2021-06-30), which every item here needs"),
    // Negative and absurd numbers.
    .init("employees -5", "b.json", #"{"employees": -5}"#, line: 1, path: "employees", "must not be negative, got -5"),
    .init("employees 10^30", "b.json", #"{"employees": 1000000000000000000000000000000}"#, line: 1, path: "employees", #""1000000000000000000000000000000" is too large"#),
    .init("employees past Int.max", "b.yaml", "employees: 9223372036854775808\n", line: 1, path: "employees", #""9223372036854775808" is too large"#),
    .init("turnover £-3", "b.json", #"{"turnover": "£-3"}"#, line: 1, path: "turnover", #"negative amounts are not allowed, got "£-3""#),
    .init("turnover -300", "b.json", #"{"turnover": -300}"#, line: 1, path: "turnover", #"negative amounts are not allowed, got "-300""#),
    .init("turnover 10^30 with an exponent", "b.yaml", "turnover: 1e30\n", line: 1, path: "turnover", #"expected an amount of money like "£3,000.00", got "1e30""#),
    .init("turnover of £1 trillion and a penny", "b.json", #"{"turnover": 1000000000000.01}"#, line: 1, path: "turnover", "the amount is too large (at most £1,000,000,000,000.00)"),
    .init("turnover £2 trillion", "b.json", #"{"turnover": "£2,000,000,000,000"}"#, line: 1, path: "turnover", "the amount is too large"),
    .init("turnover past Int.max in pounds", "b.json", #"{"turnover": "£99999999999999999999"}"#, line: 1, path: "turnover", "too large"),
    .init("fractions of a penny", "b.json", #"{"turnover": "£3.001"}"#, line: 1, path: "turnover", "fractions of a penny"),
    .init("money in words", "b.yaml", "turnover: three thousand\n", line: 1, path: "turnover", "expected an amount of money"),
    .init("a decile of 11", "b.yaml", "address:\n  deprivationDecile: 11\n", line: 2, path: "address.deprivationDecile", "must be from 1 to 10, got 11"),
    .init("Euro 0", "b.yaml", "fleet:\n  - euroStandard: 0\n", line: 2, path: "fleet[0].euroStandard", "must be from 1 to 6, got 0"),
    .init("a 150% drop in turnover", "b.json", #"{"covid": {"turnoverDropPercent": 150}}"#, line: 1, path: "covid.turnoverDropPercent", "must be from 0 to 100, got 150"),
    .init("a negative download speed", "b.json", #"{"connectivity": {"downloadMbps": -0.5}}"#, line: 1, path: "connectivity.downloadMbps", "must not be negative"),
    .init("NaN as text", "b.yaml", "connectivity:\n  downloadMbps: .nan\n", line: 2, path: "connectivity.downloadMbps", "expected a number"),
    // Impossible dates.
    .init("2021-02-30 in JSON", "b.json", #"{"tradingStartDate": "2021-02-30"}"#, line: 1, path: "tradingStartDate", "2021-02-30 is not a real date (February 2021 has 28 days)"),
    .init("2021-02-30 unquoted in YAML", "b.yaml", "tradingStartDate: 2021-02-30\n", line: 1, path: "tradingStartDate", "is not a real date"),
    .init("month 13", "b.json", #"{"financialYearStart": "2021-13-01"}"#, line: 1, path: "financialYearStart", "there is no month 13"),
    .init("year 0", "b.json", #"{"tradingStartDate": "0000-01-01"}"#, line: 1, path: "tradingStartDate", "the year must be 0001 to 9999"),
    .init("a British date", "b.json", #"{"tradingStartDate": "01/02/2021"}"#, line: 1, path: "tradingStartDate", "expected a date as YYYY-MM-DD"),
    .init("a date as a number", "b.json", #"{"tradingStartDate": 20210201}"#, line: 1, path: "tradingStartDate", #"expected a date as YYYY-MM-DD, got "20210201""#),
    // Duplicate keys (YAML: an error; JSON: see `jsonDuplicateKeysAreAcceptedAsDocumented`).
    .init("a YAML key twice", "b.yaml", "name: A\nemployees: 3\nname: B\n", line: 3, "'name' is given more than once; keep one"),
    .init("a nested YAML key twice", "b.yaml", "address:\n  postcode: L1\n  postcode: L2\n", line: 3, "'postcode' is given more than once; keep one"),
    .init("a JSON key twice", "b.json", #"{"name": "A", "employees": 3, "name": "B"}"#, line: 1, "'name' is given more than once; keep one"),
    // Deep nesting: a clear error, not a stack overflow.
    .init("100,000 nested JSON arrays", "b.json", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), line: 1, "lists and groups are nested too deeply (more than 100 levels)"),
    .init("100,000 nested JSON objects", "b.json", String(repeating: #"{"a":"#, count: 100_000) + "1" + String(repeating: "}", count: 100_000), line: 1, "lists and groups are nested too deeply (more than 100 levels)"),
    .init("deep nesting in a fact", "b.json", #"{"fleet": "# + String(repeating: "[", count: 100_000), line: 1, "lists and groups are nested too deeply"),
    .init("100,000 nested YAML lists", "b.yaml", "fleet: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), line: 1, "lists and groups are nested too deeply"),
    .init("2,000 nested YAML blocks", "b.yaml", (0..<2_000).map { String(repeating: " ", count: $0) + "a:\n" }.joined(), line: 101, "lists and groups are nested too deeply"),
    // Size.
    .init("a file over 16 MiB", "b.json", Data(repeating: 0x20, count: BusinessFile.maximumBytes + 1), line: nil, "the file is 16384 KiB; a business file may be at most 16384 KiB"),
]

/// Decodes a hostile input, checking the error (the first of them) against what it must be.
private func expectRefused(_ input: HostileInput) {
    do {
        let business = try BusinessFile.decode(input.bytes, fileName: input.fileName, vocabulary: shippedVocabulary)
        Issue.record("\(input.name): accepted as \(business.jsonText())")
    } catch let errors as InputErrors {
        let error = errors.first
        #expect(errors.errors.count == 1, "\(input.name): \(errors)")
        #expect(error.file == input.fileName, "\(error)")
        #expect(error.line == input.line, "\(input.name): \(error)")
        #expect(error.path == input.path, "\(input.name): \(error)")
        #expect(error.message.contains(input.message), "\(input.name): \(error)")
        #expect(error.description.hasPrefix(input.fileName + (input.line.map { ":\($0)" } ?? "") + ": "), "\(error)")
    } catch {
        Issue.record("\(input.name): expected InputErrors, got \(error)")
    }
}

@Suite struct HostileInputTests {
    @Test(arguments: hostileInputs)
    func aHostileFileGetsAClearError(input: HostileInput) throws {
        expectRefused(input)
    }

    /// Anchors and aliases are refused where they appear: a billion laughs never expands.
    @Test(arguments: hostileAliasInputs)
    func yamlAnchorsAndAliasesAreRefused(input: HostileInput) throws {
        expectRefused(input)
    }

    @Test func thereAreAtLeastThirtyCases() {
        #expect(hostileInputs.count >= 30)
    }

    /// A UTF-8 byte-order mark and CRLF or CR line ends are accepted, in JSON and in YAML.
    @Test(arguments: [
        ("b.json", bom + "{\r\n  \"name\": \"A\",\r\n  \"employees\": 5\r\n}\r\n"),
        ("b.yaml", bom + "name: A\r\nemployees: 5\r\n"),
        ("b.yaml", "name: A\remployees: 5\r"),
        ("b", bom + "  {\"name\": \"A\", \"employees\": 5}"),
    ])
    func byteOrderMarksAndLineEndsAreAccepted(fileName: String, text: String) throws {
        let business = try BusinessFile.decode(Data(text.utf8), fileName: fileName, vocabulary: shippedVocabulary)
        #expect(business == facts(Business(name: "A", employees: 5)))
    }

    /// Stars in quoted text, comments and mid-scalar are not aliases.
    @Test func starsThatAreNotAliasesAreAccepted() throws {
        let text = "name: \"Stars, *and* stripes\" # a *comment\nid: 'x, *y'\nsicCodes: [\"*1\"]\n"
        let business = try BusinessFile.decode(Data(text.utf8), fileName: "b.yaml", vocabulary: shippedVocabulary)
        #expect(business.name == "Stars, *and* stripes")
        #expect(business.id == "x, *y")
        #expect(business.value(at: "sicCodes") == .list([.text("*1")]))
    }

    /// Values at the edges of the ranges are accepted.
    @Test func boundaryValuesAreAccepted() throws {
        let text = """
        {"employees": 0, "turnover": "£1,000,000,000,000", "balanceSheetTotal": 1000000000000,
         "address": {"deprivationDecile": 1}, "fleet": [{"euroStandard": 6}],
         "covid": {"turnoverDropPercent": 100}, "tradingStartDate": "2020-02-29"}
        """
        let business = try BusinessFile.decode(Data(text.utf8), fileName: "b.json", vocabulary: shippedVocabulary)
        #expect(business.value(at: "employees") == .integer(0))
        #expect(business.value(at: "turnover") == .money(Money.maximumInFile))
        #expect(business.value(at: "balanceSheetTotal") == .money(Money.maximumInFile))
        #expect(business.value(at: "address.deprivationDecile") == .integer(1))
        #expect(business.value(at: "fleet[0].euroStandard") == .integer(6))
        #expect(business.value(at: "covid.turnoverDropPercent") == .decimal(100))
        #expect(business.value(at: "tradingStartDate") == .day(try Day(year: 2020, month: 2, day: 29)))
    }

    /// A 1 GB file is refused by its size, before anything is read into memory.
    @Test func aOneGigabyteFileIsRefusedBeforeReading() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eligible-huge-\(UUID().uuidString).json")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 1 << 30) // sparse: no disk used
        try handle.close()
        #expect {
            try BusinessFile.load(url, vocabulary: shippedVocabulary)
        } throws: { error in
            (error as? InputErrors)?.errors == [InputError(file: url.lastPathComponent, message: "the file is 1048576 KiB; a business file may be at most 16384 KiB")]
        }
    }

    /// JSON errors name the line of their field, through keys with escapes and lists of objects.
    @Test func jsonErrorsNameTheLineOfTheirField() throws {
        let text = "{\n  \"na\\u006de\": \"A\",\n  \"subsidies\": [\n    {\"amount\": 1, \"currency\": \"GBP\", \"date\": \"2020-01-01\", \"scheme\": \"X\"},\n    {\"amount\": 1, \"currency\": \"GBP\",\n     \"date\": \"2020-02-30\", \"scheme\": \"X\"}\n  ],\n  \"owner\": {\"age\": 20}\n}\n"
        func errors(_ text: String) -> [InputError]? {
            do { _ = try BusinessFile.decode(Data(text.utf8), fileName: "b.json", vocabulary: shippedVocabulary); return nil }
            catch { return (error as? InputErrors)?.errors }
        }
        #expect(errors(text)?.first == InputError(file: "b.json", line: 6, path: "subsidies[1].date", message: "2020-02-30 is not a real date (February 2020 has 29 days)"))
        let later = text.replacingOccurrences(of: "2020-02-30", with: "2020-02-28").replacingOccurrences(of: "20}", with: "200}")
        #expect(errors(later) == [InputError(file: "b.json", line: 8, path: "owner.age", message: "must be from 0 to 150, got 200")])
    }

    /// A required fact given with a bad value is reported once, for its value (not also as
    /// missing).
    @Test
    func aBadRequiredValueIsReportedOnce() throws {
        let text = "{\"subsidies\": [{\"amount\": 1, \"currency\": \"GBP\", \"date\": \"2020-02-30\", \"scheme\": \"X\"}]}"
        #expect {
            _ = try BusinessFile.decode(Data(text.utf8), fileName: "b.json", vocabulary: shippedVocabulary)
        } throws: { error in
            (error as? InputErrors)?.errors == [InputError(file: "b.json", line: 1, path: "subsidies[0].date",
                                                           message: "2020-02-30 is not a real date (February 2020 has 29 days)")]
        }
    }
}

// MARK: - Batch rows

/// Hostile rows in a JSON Lines register: each bad row is rejected with its line and field and
/// counted; the rows around it are decided as they would be alone.
@Suite struct HostileBatchTests {
    static let rules = try! RuleBook(directory: repositoryRoot.appendingPathComponent("rules"), displayName: "rules")
    static let asOf = try! AsOf(parsing: "2021-06-01")

    /// (row text, the rejected path, a part of the message), or a good row (nil path).
    static let rows: [(text: String, path: String?, message: String)] = [
        (bom + #"{"id": "good-1", "employees": 3, "address": {"localAuthority": "Wirral"}}"#, nil, ""),
        (#"{"id": "neg", "employees": -5}"#, "employees", "must not be negative, got -5"),
        (#"{"id": "huge", "employees": 1000000000000000000000000000000}"#, "employees", "is too large"),
        (#"{"id": "money", "turnover": "£-3"}"#, "turnover", "negative amounts are not allowed"),
        (#"{"id": "pence", "turnover": 1e30}"#, "turnover", "expected an amount of money"),
        ("", nil, "blank"),
        (#"{"id": "date", "tradingStartDate": "2021-02-30"}"#, "tradingStartDate", "is not a real date"),
        (#"{"id": "good-2", "legalForm": "charity"}"#, nil, ""),
        (#"{"id": "enum", "fleet": [{"kind": "van", "fuel": "coal"}]}"#, "fleet[0].fuel", #"got "coal""#),
        (#"{"id": "type", "address": "Liverpool"}"#, "address", "expected a group of facts"),
        (#"{"id": "typo", "employes": 3}"#, "employes", "did you mean 'employees'?"),
        (#"{"id": "broken", "employees": "#, "", "invalid JSON"),
        (String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), "", "nested too deeply"),
        (#"{"fleet": "# + String(repeating: "[", count: 100_000), "", "nested too deeply"),
        ("[1, 2]", "", "expected the business's facts (field: value lines), got a list"),
        ("null", "", "got null"),
        ("{\"id\": \"bytes\", \"name\": \"\u{1}\"}", "", "invalid JSON"),
        ("   \t ", nil, "blank"),
        (#"{"id": "long", "name": ""# + String(repeating: "x", count: 4 << 20), "", "invalid JSON"),
        (#"{"id": "good-3", "employees": 250, "turnover": "£1,000,000,000,000"}"#, nil, ""),
    ]

    func run(_ text: String, jobs: Int = 2) throws -> (rows: [[String: Any]], summary: BatchSummary) {
        let runner = try BatchRunner(rules: Self.rules, options: BatchOptions(jobs: jobs, asOf: Self.asOf, chunkSize: 3))
        let (output, summary) = try runner.run(input: .data(Data(text.utf8), name: "register.jsonl"))
        let rows = String(decoding: output, as: UTF8.self).split(separator: "\n").map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
        }
        return (rows, summary)
    }

    @Test(arguments: ["\n", "\r\n"])
    func badRowsAreRejectedWithLineAndFieldAndTheRestDecided(lineEnd: String) throws {
        let (rows, summary) = try run(Self.rows.map(\.text).joined(separator: lineEnd) + lineEnd)
        let expected = Self.rows.enumerated().filter { $0.element.message != "blank" }
        #expect(rows.count == expected.count)
        #expect(summary.rowsRead == expected.count)
        #expect(summary.rejected == expected.filter { $0.element.path != nil }.count)
        #expect(summary.decided == 3)
        let engine = try Evaluator(rules: Self.rules)
        for (row, (index, want)) in zip(rows, expected) {
            let line = index + 1
            #expect(row["line"] as? Int == line)
            let rejected = row["rejected"] as? [String: Any]
            if let path = want.path {
                #expect(rejected?["path"] as? String == path, "line \(line): \(rejected ?? [:])")
                #expect((rejected?["message"] as? String)?.contains(want.message) == true, "line \(line): \(rejected ?? [:])")
                #expect((rejected?["error"] as? String)?.hasPrefix("register.jsonl:\(line): ") == true, "\(rejected ?? [:])")
            } else {
                #expect(rejected == nil, "line \(line)")
                // Decided as the same business alone would be.
                let alone = try BusinessFile.decode(Data(want.text.utf8), fileName: "b.json", vocabulary: Self.rules.vocabulary)
                let decisions = try engine.evaluate(alone, asOf: Self.asOf)
                let outcomes = (row["decisions"] as? [[String: Any]])?.map { $0["outcome"] as? String }
                #expect(outcomes == decisions.map { $0.outcome.rawValue }, "line \(line)")
            }
        }
    }

    @Test func aRowLongerThanAFileMayBeIsRejectedWithoutBeingHeld() throws {
        let huge = #"{"id": "huge", "name": ""# + String(repeating: "x", count: BusinessFile.maximumBytes + (4 << 20)) + #""}"#
        let text = [Self.rows[0].text, huge, Self.rows[0].text].joined(separator: "\n") + "\n"
        let (rows, summary) = try run(text, jobs: 1)
        #expect(rows.map { $0["line"] as? Int } == [1, 2, 3])
        #expect(summary.rejected == 1 && summary.decided == 2)
        let rejected = rows[1]["rejected"] as? [String: Any]
        #expect((rejected?["message"] as? String)?.hasPrefix("the row is 20480 KiB; a row may be at most 16384 KiB") == true, "\(rejected ?? [:])")
    }

    @Test(arguments: ["", "\n\n", bom, bom + "\r\n  \r\n"])
    func emptyInputGivesNoRows(text: String) throws {
        let (rows, summary) = try run(text)
        #expect(rows.isEmpty)
        #expect(summary.rowsRead == 0 && summary.rejected == 0 && summary.decided == 0)
    }
}
