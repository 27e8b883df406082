import Foundation
import Testing
@testable import Eligibility

// MARK: - Helpers

/// A business with every fact in the typed Swift model filled in (used for round trips and the
/// model-vocabulary check, so it must stay complete: `everyPropertyOfTheFullBusinessIsSet`).
let fullBusiness = Business(
    id: "LCR-000123",
    name: "Mersey Cabs Ltd",
    legalForm: .limitedCompany,
    sicCodes: ["49320", "49390"],
    employees: 12,
    turnover: .pounds(480_000),
    balanceSheetTotal: Money(pence: 21_000_050),
    tradingStartDate: try! Day(year: 2015, month: 6, day: 1),
    financialYearStart: try! Day(year: 2021, month: 4, day: 1),
    address: Address(postcode: "CH41 1AA", localAuthority: "Wirral", deprivationDecile: 2,
                     deprivationIndex: "IoD2019", ruralUrban: .urban),
    premises: Premises(tenure: .leased, epcBand: .E, rateableValue: .pounds(9_500)),
    fleet: [
        Vehicle(kind: .taxi, fuel: .diesel, euroStandard: 5, co2GramsPerKm: 158,
                zeroEmissionRangeMiles: 0, grossWeightKg: 2_100,
                firstRegistered: try! Day(year: 2013, month: 3, day: 14)),
        Vehicle(kind: .van, fuel: .electric, euroStandard: 6, co2GramsPerKm: 0, zeroEmissionRangeMiles: 150,
                grossWeightKg: 3_500, firstRegistered: try! Day(year: 2021, month: 1, day: 10)),
    ],
    connectivity: Connectivity(downloadMbps: 7.5),
    workforce: Workforce(age16To24: 2, age25To49: 7, age50Plus: 3, paysRealLivingWage: true),
    covid: CovidImpact(turnoverDropPercent: 42.5, closedByRestrictions: false),
    owner: Owner(age: 34, livesInRegion: true, previouslyUnemployed: false),
    subsidies: [Subsidy(amount: 10_000, currency: .GBP, regime: "covidTemporaryFramework", date: try! Day(year: 2020, month: 5, day: 11),
                        scheme: "Small Business Grant Fund")],
    proposal: Proposal(
        vehicle: VehiclePurchase(kind: .taxi, fuel: .electric, priceExVat: .pounds(55_000),
                                 co2GramsPerKm: 0, zeroEmissionRangeMiles: 70, grossWeightKg: 2_200,
                                 replacesVehicle: true),
        retrofit: Retrofit(measures: ["LED lighting", "loft insulation"], costExVat: .pounds(8_000),
                           expectedEpcBand: .C),
        connectivity: ConnectivityUpgrade(costExVat: .pounds(1_200), newDownloadMbps: 900),
        chargePoints: ChargePoints(sockets: 2, costExVat: Money(pence: 350_075)),
        hire: Hire(age: 19, hoursPerWeek: 30, startDate: try! Day(year: 2021, month: 9, day: 6),
                   hourlyWage: Money(pence: 950), contractWeeks: 26)
    )
)

private func decodeJSON(_ text: String, file: String = "business.json") throws -> BusinessFacts {
    try BusinessFile.decode(Data(text.utf8), fileName: file, vocabulary: shippedVocabulary)
}

private func decodeYAML(_ text: String, file: String = "b.yaml") throws -> BusinessFacts {
    try BusinessFile.decode(Data(text.utf8), fileName: file, vocabulary: shippedVocabulary)
}

/// Every problem decoding `text` reports, or nil if it decoded.
func inputErrors(_ text: String, file: String = "business.json", firstLine: Int = 1) -> [InputError]? {
    do {
        _ = try BusinessFile.decode(Data(text.utf8), fileName: file, vocabulary: shippedVocabulary, firstLine: firstLine)
        return nil
    } catch let errors as InputErrors {
        return errors.errors
    } catch {
        Issue.record("expected InputErrors, got \(error)")
        return nil
    }
}

/// The one problem decoding `text` reports (an issue is recorded if there are more), or nil if
/// it decoded.
private func inputError(_ text: String, file: String = "business.json", firstLine: Int = 1,
                        sourceLocation: SourceLocation = #_sourceLocation) -> InputError? {
    guard let errors = inputErrors(text, file: file, firstLine: firstLine) else { return nil }
    #expect(errors.count == 1, "\(errors)", sourceLocation: sourceLocation)
    return errors.first
}

// MARK: - Money

@Suite struct MoneyTests {
    @Test(arguments: [
        ("£3,000.00", 300_000), ("£250", 25_000), ("3000.50", 300_050), ("£1,250.5", 125_050),
        (" £0.05 ", 5), ("0", 0), ("£1,234,567.89", 123_456_789), ("12,345", 1_234_500),
    ])
    func parsesPounds(text: String, pence: Int) throws {
        #expect(try Money(parsing: text).pence == pence)
    }

    @Test(arguments: [
        ("£3,000.001", "fractions of a penny"), ("£3,00", "groups of three"), ("-£5", "negative"),
        ("£-5", "negative"), ("£", "no amount"), ("", "no amount"), ("abc", "only digits"),
        ("£1.2.3", "only digits may follow the decimal point"), ("3 000", "only digits"),
        ("£5.", "no digits after"), ("£.50", "no pounds"), ("£99999999999999999999", "too large"),
    ])
    func rejectsBadText(text: String, why: String) {
        #expect {
            _ = try Money(parsing: text)
        } throws: { error in
            guard let error = error as? ValueError else { return false }
            return error.message.contains(why) && error.message.contains(text.quotedForMessage)
        }
    }

    @Test func formats() {
        #expect(Money(pence: 300_000).formatted == "£3,000.00")
        #expect(Money(pence: 5).formatted == "£0.05")
        #expect(Money(pence: 123_456_789).formatted == "£1,234,567.89")
        #expect(Money(pence: 100_000).formatted == "£1,000.00")
        #expect(Money(pence: 99_999).formatted == "£999.99")
        #expect(Money(pence: -1_250).formatted == "-£12.50")
        #expect(Money.pounds(3000) == Money(pence: 300_000))
        #expect("\(Money.pounds(250))" == "£250.00")
        #expect(Money.pounds(1) < Money.pounds(2))
        #expect(Money.pounds(1) + Money(pence: 5) == Money(pence: 105))
    }

    @Test func codable() throws {
        struct Box: Codable, Equatable { var m: Money }
        let fromInt = try JSONDecoder().decode(Box.self, from: Data(#"{"m": 300000}"#.utf8))
        let fromString = try JSONDecoder().decode(Box.self, from: Data(#"{"m": "£3,000.00"}"#.utf8))
        #expect(fromInt.m.pence == 300_000)
        #expect(fromString == fromInt)
        let encoded = String(decoding: try JSONEncoder().encode(fromString), as: UTF8.self)
        #expect(encoded == #"{"m":300000}"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Box.self, from: Data(#"{"m": -5}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Box.self, from: Data(#"{"m": "£1.001"}"#.utf8)) }
    }
}

// MARK: - Day and AsOf

@Suite struct DayTests {
    @Test func parsesAndPrints() throws {
        let day = try Day(parsing: "2020-02-29")
        #expect(day.year == 2020 && day.month == 2 && day.day == 29)
        #expect(day.description == "2020-02-29")
        #expect(try Day(year: 7, month: 1, day: 2).description == "0007-01-02")
        #expect(try Day(parsing: "2021-03-31") < Day(parsing: "2021-04-01"))
        #expect(try Day(parsing: "2020-12-31") < Day(parsing: "2021-01-01"))
    }

    @Test(arguments: [
        ("2021-02-30", "2021-02-30 is not a real date (February 2021 has 28 days)"),
        ("2100-02-29", "2100-02-29 is not a real date (February 2100 has 28 days)"),
        ("2021-13-01", "2021-13-01 is not a real date (there is no month 13)"),
        ("2021-04-31", "2021-04-31 is not a real date (April 2021 has 30 days)"),
        ("2021-04-00", "2021-04-00 is not a real date (April 2021 has 30 days)"),
        ("21-04-01", "expected a date as YYYY-MM-DD, got \"21-04-01\""),
        ("2021/04/01", "expected a date as YYYY-MM-DD, got \"2021/04/01\""),
        ("2021-4-1", "expected a date as YYYY-MM-DD, got \"2021-4-1\""),
        ("", "expected a date as YYYY-MM-DD, got \"\""),
    ])
    func rejects(text: String, message: String) {
        #expect(throws: ValueError(message)) { try Day(parsing: text) }
    }

    @Test func codable() throws {
        let days = try JSONDecoder().decode([Day].self, from: Data(#"["2021-02-28"]"#.utf8))
        #expect(days == [try Day(year: 2021, month: 2, day: 28)])
        #expect(String(decoding: try JSONEncoder().encode(days), as: UTF8.self) == #"["2021-02-28"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data(#"["2021-02-30"]"#.utf8)) }
    }
}

@Suite struct AsOfTests {
    @Test func parses() throws {
        let dateOnly = try AsOf(parsing: "2021-02-26")
        #expect(dateOnly.time == nil)
        #expect(dateOnly.luaString == "2021-02-26T00:00")
        #expect(dateOnly.description == "2021-02-26")
        let withT = try AsOf(parsing: "2021-02-26T16:59")
        #expect(withT.luaString == "2021-02-26T16:59")
        #expect(withT.time?.hour == 16 && withT.time?.minute == 59)
        #expect(try AsOf(parsing: "2021-02-26 16:59") == withT)
        #expect(dateOnly < withT)
        #expect(withT < (try AsOf(parsing: "2021-02-27")))
        #expect(try AsOf(parsing: "2021-02-26T00:00") == AsOf(day: dateOnly.day, time: AsOf.Time(hour: 0, minute: 0)))
    }

    @Test(arguments: ["2021/02/26", "26-02-2021", "2021-02-26T1659", "2021-02-26T16:5", "2021-02-26X16:59",
                      "", "2021-02-26T16:59:00", "2021-02-26Tab:cd"])
    func rejectsBadForm(text: String) {
        #expect(throws: ValueError("expected YYYY-MM-DD or YYYY-MM-DDTHH:MM, got \(text.quotedForMessage)")) {
            try AsOf(parsing: text)
        }
    }

    @Test func rejectsImpossibleValues() {
        #expect(throws: ValueError("2021-02-30 is not a real date (February 2021 has 28 days)")) {
            try AsOf(parsing: "2021-02-30T10:00")
        }
        #expect(throws: ValueError.self) { try AsOf(parsing: "2021-02-26T24:00") }
        #expect(throws: ValueError.self) { try AsOf(parsing: "2021-02-26T12:60") }
    }

    @Test func ukLocalTime() throws {
        // 12:00 UTC is 12:00 GMT in winter and 13:00 BST in summer.
        let winter = Date(timeIntervalSince1970: 1_609_502_400)  // 2021-01-01T12:00:00Z
        let summer = Date(timeIntervalSince1970: 1_625_140_800)  // 2021-07-01T12:00:00Z
        #expect(AsOf.at(winter).luaString == "2021-01-01T12:00")
        #expect(AsOf.at(summer).luaString == "2021-07-01T13:00")
        let now = AsOf.now()
        #expect(now.time != nil)
    }
}

// MARK: - Business files

/// One fact's history of a single value that holds throughout (how a dated fact given one value reads).
func throughout(_ value: FactValue) -> FactValue { .history([DatedValue(from: nil, value: value)]) }

@Suite struct BusinessFileTests {
    @Test func roundTripsJSONAndYAML() throws {
        let full = facts(fullBusiness)
        for (text, name) in [(full.jsonText(), "full.json"), (full.yamlText(), "full.yaml"), (full.jsonText(), "full.yml")] {
            #expect(try BusinessFile.decode(Data(text.utf8), fileName: name, vocabulary: shippedVocabulary) == full, "\(name)")
        }
        // Files write money in pounds and days as text.
        let json = full.jsonText()
        #expect(json.contains(#""turnover" : 480000"#), "\(json)")
        #expect(json.contains(#""balanceSheetTotal" : 210000.5"#), "\(json)")
        #expect(json.contains(#""tradingStartDate" : "2015-06-01""#), "\(json)")
        let yaml = full.yamlText()
        #expect(yaml.contains("turnover: 480000\n"), "\(yaml)")
        #expect(yaml.contains("hourlyWage: 9.50\n"), "\(yaml)")
    }

    @Test func theSwiftModelsCodableFormIsPenceSoItIsNotABusinessFile() throws {
        // The typed model encodes money as integer pence (its Codable form); a business file's
        // bare numbers are pounds, so read as a file that JSON's money is 100 times larger.
        let data = try JSONEncoder().encode(Business(turnover: .pounds(480_000)))
        #expect(String(decoding: data, as: UTF8.self) == #"{"turnover":48000000}"#)
        let read = try BusinessFile.decode(data, fileName: "model.json", vocabulary: shippedVocabulary)
        #expect(read.value(at: "turnover") == .money(.pounds(48_000_000)))
        #expect(try JSONDecoder().decode(Business.self, from: data) == Business(turnover: .pounds(480_000)))
    }

    @Test func emptyObjectIsAllUnknown() throws {
        #expect(try decodeJSON("{}") == BusinessFacts(vocabulary: shippedVocabulary))
        #expect(try decodeJSON(#"{"employees": null, "premises": {"epcBand": null}}"#) == facts(Business(premises: Premises())))
    }

    @Test func moneyIsPoundsWhetherTextOrNumber() throws {
        let b = try decodeJSON(#"{"turnover": "£3,000.00", "balanceSheetTotal": 250, "premises": {"rateableValue": "12000.5"}}"#)
        #expect(b.value(at: "turnover") == .money(Money(pence: 300_000)))
        #expect(b.value(at: "balanceSheetTotal") == .money(Money(pence: 25_000)))  // 250 is £250, never 250p
        #expect(b.value(at: "premises.rateableValue") == throughout(.money(Money(pence: 1_200_050))))
    }

    @Test func decodesYAML() throws {
        let yaml = """
        # A taxi firm
        name: Mersey Cabs Ltd
        legalForm: limitedCompany
        sicCodes: [49320, "49390"]
        employees: 12
        turnover: £480,000
        tradingStartDate: 2015-06-01
        address:
          postcode: CH41 1AA
          localAuthority: St Helens
          deprivationDecile: 2
        fleet:
          - kind: taxi
            fuel: diesel
            euroStandard: 5
          - {kind: van, fuel: electric}
        workforce:
          paysRealLivingWage: yes
        connectivity:
          downloadMbps: 7
        subsidies:
          - amount: "10,000"
            currency: GBP
            date: 2020-05-11
            scheme: Small Business Grant Fund
        proposal:
          hire: {age: 19, hourlyWage: 9.50}
        """
        for name in ["business.yaml", "business.yml", "business"] {
            let b = try BusinessFile.decode(Data(yaml.utf8), fileName: name, vocabulary: shippedVocabulary)
            #expect(b.name == "Mersey Cabs Ltd")
            #expect(b.value(at: "legalForm") == .text("limitedCompany"))
            #expect(b.value(at: "sicCodes") == .list([.text("49320"), .text("49390")]))
            #expect(b.value(at: "employees") == .integer(12))
            #expect(b.value(at: "turnover") == .money(.pounds(480_000)))
            #expect(b.value(at: "tradingStartDate") == .day(try Day(parsing: "2015-06-01")))
            #expect(b.value(at: "address.localAuthority") == .text("St Helens"))
            #expect(b.value(at: "fleet") == facts(Business(fleet: [Vehicle(kind: .taxi, fuel: .diesel, euroStandard: 5),
                                                                   Vehicle(kind: .van, fuel: .electric)])).value(at: "fleet"))
            #expect(b.value(at: "workforce.paysRealLivingWage") == .boolean(true))
            #expect(b.value(at: "connectivity.downloadMbps") == .decimal(7))
            #expect(b.value(at: "subsidies[0].amount") == .decimal(10_000))
            #expect(b.value(at: "proposal.hire.hourlyWage") == .money(Money(pence: 950)))
        }
    }

    @Test func jsonTextReadAsYAMLGivesTheSameFacts() throws {
        // JSON is YAML: a pretty-printed full business read as YAML gives the same business.
        let full = facts(fullBusiness)
        #expect(try BusinessFile.decode(Data(full.jsonText().utf8), fileName: "full.yaml", vocabulary: shippedVocabulary) == full)
    }

    @Test func decodesFoundationObjectTree() throws {
        let full = facts(fullBusiness)
        let object = try JSONSerialization.jsonObject(with: Data(full.jsonText().utf8))
        #expect(try BusinessFile.decode(object: object, fileName: "fixture.yaml", vocabulary: shippedVocabulary) == full)
        let bad: [String: Any] = ["fleet": [["fuel": "disel"]]]
        #expect {
            _ = try BusinessFile.decode(object: bad, fileName: "cases.yaml", vocabulary: shippedVocabulary, pathPrefix: "cases[2].business")
        } throws: { error in
            (error as? InputErrors)?.errors.map(\.path) == ["cases[2].business.fleet[0].fuel"]
        }
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let text = "\u{FEFF}{\r\n  \"name\": \"A\",\r\n  \"employees\": \"x\"\r\n}\r\n"
        let error = try #require(inputError(text))
        #expect(error.line == 3)  // CRLF counted once
        #expect(error.path == "employees")
        // Lines of syntax errors count CRLF (and a lone CR) once, after the byte-order mark.
        let syntax = try #require(inputError("\u{FEFF}{\r\n  \"name\": \"A\",\r\n  \"employees\": x\r\n}\r\n"))
        #expect(syntax.line == 3)
        #expect(syntax.message.hasPrefix("invalid JSON: unexpected character (column 16)"))
        #expect(try #require(inputError("{\r\"name\": \"A\"\r\r\"employees\": x}")).line == 4)
        #expect(try decodeJSON("\u{FEFF}{\r\n\"employees\": 3\r\n}") == facts(Business(employees: 3)))
        #expect(try decodeYAML("\u{FEFF}employees: 3\r\nname: B\r\n") == facts(Business(name: "B", employees: 3)))
        let yamlError = try #require(inputError("name: B\r\nemployees: lots\r\n", file: "b.yaml"))
        #expect(yamlError.line == 2)
    }

    // MARK: Error messages

    @Test func enumErrorNamesPathAndCases() throws {
        let text = """
        {
          "fleet": [
            { "kind": "taxi", "fuel": "disel" }
          ]
        }
        """
        let error = try #require(inputError(text))
        #expect(error.path == "fleet[0].fuel")
        #expect(error.line == 3)
        #expect(error.message == #"expected one of diesel, petrol, hybrid, pluginHybrid, electric, hydrogen, lpg, got "disel"; did you mean 'diesel'?"#)
        #expect(error.description.hasPrefix(#"business.json:3: fleet[0].fuel: expected one of diesel, petrol, "#))
        let yaml = try #require(inputError("fleet:\n  - kind: taxi\n    fuel: disel\n", file: "b.yaml"))
        #expect(yaml.path == "fleet[0].fuel")
        #expect(yaml.line == 3)
        #expect(yaml.description.hasPrefix(#"b.yaml:3: fleet[0].fuel: expected one of diesel, petrol, "#))
        let second = try #require(inputError(#"{"fleet": [{"fuel": "diesel"}, {"kind": "lorry"}]}"#))
        #expect(second.path == "fleet[1].kind")
    }

    @Test func typeErrors() throws {
        let cases: [(String, String, String)] = [
            (#"{"employees": 2.5}"#, "employees", #"expected a whole number, got "2.5""#),
            (#"{"employees": 3.5e0}"#, "employees", #"expected a whole number, got "3.5e0""#),
            (#"{"employees": 1e400}"#, "employees", #"expected a whole number, got "1e400" (write it without an exponent)"#),
            (#"{"employees": "XII"}"#, "employees", #"expected a whole number, got "XII""#),
            (#"{"workforce": {"paysRealLivingWage": 1}}"#, "workforce.paysRealLivingWage", #"expected yes or no, got "1""#),
            (#"{"workforce": {"paysRealLivingWage": 0.0}}"#, "workforce.paysRealLivingWage", #"expected yes or no, got "0.0""#),
            (#"{"address": "Wirral"}"#, "address", #"expected a group of facts (postcode: ..., localAuthority: ..., country: ...), got a string ("Wirral")"#),
            (#"{"fleet": {"kind": "van"}}"#, "fleet", "expected a list of groups of facts, got an object"),
            (#"{"sicCodes": ["49320", null]}"#, "sicCodes[1]", "expected text, got null"),
            (#"{"connectivity": {"downloadMbps": "fast"}}"#, "connectivity.downloadMbps", #"expected a number, got "fast""#),
            (#"{"tradingStartDate": "2021-02-30"}"#, "tradingStartDate", "2021-02-30 is not a real date (February 2021 has 28 days)"),
            (#"{"tradingStartDate": "01/02/2021"}"#, "tradingStartDate", #"expected a date as YYYY-MM-DD, got "01/02/2021""#),
            (#"{"turnover": "£3,000.001"}"#, "turnover", #"expected an amount of money like "£3,000.00", got "£3,000.001" (fractions of a penny are not allowed)"#),
            (#"{"turnover": 12.505}"#, "turnover", #"expected an amount of money like "£3,000.00", got "12.505" (fractions of a penny are not allowed)"#),
            (#"{"turnover": -5}"#, "turnover", #"negative amounts are not allowed, got "-5""#),
            (#"{"proposal": {"vehicle": {"fuel": "Electrik"}}}"#, "proposal.vehicle.fuel",
             #"expected one of diesel, petrol, hybrid, pluginHybrid, electric, hydrogen, lpg, got "Electrik"; did you mean 'electric'?"#),
        ]
        for (text, path, message) in cases {
            let error = try #require(inputError(text), "\(text)")
            #expect(error.path == path, "\(text)")
            #expect(error.message == message, "\(text): \(error.message)")
            #expect(error.line == 1)
        }
        for (text, path, message) in Self.wordsWithAnE {
            let error = try #require(inputError(text), "\(text)")
            #expect(error.path == path, "\(text)")
            #expect(error.message.hasPrefix(message), "\(text): \(error.message)")
            #expect(error.line == 1)
        }
    }

    static let wordsWithAnE: [(String, String, String)] = [
        (#"{"employees": "twelve"}"#, "employees", #"expected a whole number, got "twelve""#),
        (#"{"employees": true}"#, "employees", "expected a whole number, got true"),
        (#"{"connectivity": {"downloadMbps": false}}"#, "connectivity.downloadMbps", "expected a number, got false"),
    ]

    /// The exponent hint is for numbers written with one, not for words with an 'e' in them.
    @Test
    func wordsWithAnEGetNoExponentHint() throws {
        for (text, _, message) in Self.wordsWithAnE {
            #expect(inputError(text)?.message == message, "\(text)")
        }
        #expect(inputError(#"{"employees": "1e3"}"#)?.message == #"expected a whole number, got "1e3" (write it without an exponent)"#)
    }

    /// Values that once were type errors and are now read on purpose: every input takes a
    /// value as a person writes it (`ScalarReading`): numbers as text, text as numbers, yes/no
    /// as words, listed values in any case, money in pounds with pence.
    @Test func valuesReadAsAPersonWritesThem() throws {
        let cases: [(String, String, FactValue)] = [
            (#"{"employees": "5"}"#, "employees", .integer(5)),
            (#"{"employees": "1,200"}"#, "employees", .integer(1_200)),
            (#"{"employees": 3.0}"#, "employees", .integer(3)),
            (#"{"name": 12}"#, "name", .text("12")),
            (#"{"workforce": {"paysRealLivingWage": "yes"}}"#, "workforce.paysRealLivingWage", .boolean(true)),
            (#"{"workforce": {"paysRealLivingWage": "No"}}"#, "workforce.paysRealLivingWage", .boolean(false)),
            (#"{"turnover": 12.5}"#, "turnover", .money(Money(pence: 1_250))),
            (#"{"proposal": {"vehicle": {"fuel": "Electric"}}}"#, "proposal.vehicle.fuel", .text("electric")),
            (#"{"connectivity": {"downloadMbps": "24.5"}}"#, "connectivity.downloadMbps", .decimal(24.5)),
        ]
        for (text, path, value) in cases {
            #expect(try decodeJSON(text).value(at: path) == value, "\(text)")
        }
    }

    @Test func missingRequiredField() throws {
        let text = """
        {"subsidies": [
          {"amount": 100, "currency": "GBP", "date": "2020-01-01", "scheme": "A"},
          {"amount": 100, "currency": "GBP", "date": "2020-01-01"}
        ]}
        """
        let error = try #require(inputError(text))
        #expect(error.path == "subsidies[1].scheme")
        #expect(error.message == "missing 'scheme' (text), which every item here needs")
        #expect(error.line == 3)  // the line of the subsidy that lacks it
        let yaml = try #require(inputError("""
        subsidies:
          - {amount: 100, currency: GBP, date: 2020-01-01, scheme: A}
          - {amount: 100, currency: GBP, date: 2020-01-01}
        """, file: "b.yaml"))
        #expect(yaml.path == "subsidies[1].scheme")
        #expect(yaml.message == "missing 'scheme' (text), which every item here needs")
        #expect(yaml.line == 3)
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let text = """
        {
          "employes": 3,
          "legalForm": "plc",
          "fleet": [{"fuel": "disel", "euroStandard": 9}],
          "tradingStartDate": "2021-02-30"
        }
        """
        let errors = try #require(inputErrors(text))
        #expect(errors.map(\.path) == ["employes", "legalForm", "fleet[0].fuel", "fleet[0].euroStandard", "tradingStartDate"])
        #expect(errors.map(\.line) == [2, 3, 4, 4, 5])
        #expect(errors.allSatisfy { $0.file == "business.json" })
    }

    @Test func unknownFields() throws {
        let root = try #require(inputError("{\n  \"employes\": 3\n}"))
        #expect(root.path == "employes")
        #expect(root.line == 2)
        #expect(root.message == "the business has no fact 'employes'; did you mean 'employees'?")
        #expect(root.description == "business.json:2: employes: the business has no fact 'employes'; did you mean 'employees'?")
        let oneLine = try #require(inputError(#"{"employes": 3}"#))
        #expect(oneLine.description == "business.json:1: employes: the business has no fact 'employes'; did you mean 'employees'?")

        let nested = try #require(inputError(#"{"fleet": [{"fule": "diesel"}]}"#))
        #expect(nested.path == "fleet[0].fule")
        #expect(nested.message == "fleet[0] has no fact 'fule'; did you mean 'fuel'?")

        let noGuess = try #require(inputError(#"{"premises": {"colour": "red"}}"#))
        let premises = try #require(shippedVocabulary.record(atPath: "premises")).facts.map(\.name)
        #expect(noGuess.message == "premises has no fact 'colour' (facts here: \(premises.joined(separator: ", ")); a new fact is added to rules/facts.yaml)")

        let yaml = try #require(inputError("name: A\naddress:\n  postCode: CH41 1AA\n", file: "b.yaml"))
        #expect(yaml.path == "address.postCode")
        #expect(yaml.line == 3)
        #expect(yaml.message.hasSuffix("did you mean 'postcode'?"))
    }

    @Test func duplicateField() throws {
        // Reported at the repeated key, in YAML and in JSON alike.
        let yaml = try #require(inputError("name: A\nemployees: 1\nemployees: 2\n", file: "b.yaml"))
        #expect(yaml.line == 3)
        #expect(yaml.message == "'employees' is given more than once; keep one")
        // The reader still checks, for trees whose keys collide once made strings.
        let member = RawMember(key: "employees", value: RawNode(value: .number("1"), line: nil), line: nil)
        var reader = FactReader(vocabulary: shippedVocabulary, file: "f.yaml")
        #expect(reader.read(RawNode(value: .object([member, member]), line: nil)) == nil)
        #expect(reader.errors == [InputError(file: "f.yaml", path: "employees", message: "'employees' is given more than once; keep one")])
    }

    @Test func malformedDocuments() throws {
        let unclosed = try #require(inputError("{\n  \"name\": \"A\",\n  \"fleet\": [\n    {\"kind\": \"van\"}\n}"))
        #expect(unclosed.line == 5)
        #expect(unclosed.path == "")
        #expect(unclosed.message == "invalid JSON: expected , or ] after a list item (column 1)")
        #expect(unclosed.description == "business.json:5: invalid JSON: expected , or ] after a list item (column 1)")

        let missingComma = try #require(inputError("{\n  \"name\": \"A\"\n  \"employees\": 3\n}"))
        #expect(missingComma.line == 3)
        #expect(missingComma.message.hasPrefix("invalid JSON: "))
        #expect(missingComma.message.contains("(column 3)"))

        // Columns count characters, not bytes.
        let columns = try #require(inputError("{\n\"café\": 1,\n  \"é\": ]}"))
        #expect(columns.line == 3)
        #expect(columns.message.contains("(column 8)"))

        let unquoted = try #require(inputError("{\"name\": Mersey}"))
        #expect(unquoted.line == 1)
        #expect(unquoted.message.contains("double quotes"))
        let singleQuoted = try #require(inputError("{\n\n  \"name\": 'Mersey'}"))
        #expect(singleQuoted.line == 3)
        #expect(singleQuoted.message.hasSuffix("strings must be in double quotes, not single quotes"))

        let truncated = try #require(inputError("{\n  \"name\": \"A\",\n  \"employees\": 3\n\n"))
        #expect(truncated.line == 3)
        #expect(truncated.message.hasPrefix("invalid JSON: the text ends before the JSON does"))

        let control = try #require(inputError("{\"name\": \"A\nB\"}"))
        #expect(control.line == 1)
        #expect(control.message.hasPrefix("invalid JSON: a string holds a control character"))

        let empty = try #require(inputError("", file: "empty.json"))
        #expect(empty.message == "the file is empty")
        let emptyYAML = try #require(inputError("# nothing\n", file: "empty.yaml"))
        #expect(emptyYAML.message == "the file is empty")

        let list = try #require(inputError("[1, 2]"))
        #expect(list.message == "expected the business's facts (field: value lines), got a list")

        let yaml = try #require(inputError("name: A\nfleet: [\n  - kind: van\n", file: "b.yaml"))
        #expect(yaml.message.hasPrefix("invalid YAML:"))
        #expect(yaml.line != nil)
    }

    @Test func invalidUTF8() throws {
        var bytes = Array("{\n\"name\": \"".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("\"\n}".utf8)
        do {
            _ = try BusinessFile.decode(Data(bytes), fileName: "b.json", vocabulary: shippedVocabulary)
            Issue.record("expected an error")
        } catch let errors as InputErrors {
            #expect(errors.errors.count == 1)
            #expect(errors.first.line == 2)
            #expect(errors.first.message.contains("not UTF-8"))
        }
    }

    @Test func firstLineOffsetForJSONLines() throws {
        do {
            _ = try BusinessFile.decode(Data(#"{"employees": "x"}"#.utf8), fileName: "batch.jsonl", vocabulary: shippedVocabulary, firstLine: 57)
            Issue.record("expected an error")
        } catch let errors as InputErrors {
            #expect(errors.description == #"batch.jsonl:57: employees: expected a whole number, got "x""#)
        }
        let syntax = try #require(inputError(#"{"name": "A", "employees": x}"#, file: "batch.jsonl", firstLine: 57))
        #expect(syntax.line == 57)
        let later = try #require(inputError("{\n\"employees\": x}", file: "batch.json", firstLine: 10))
        #expect(later.line == 11)
    }

    @Test func integersAndReals() throws {
        let b = try decodeJSON(#"{"employees": 30, "connectivity": {"downloadMbps": 30}, "covid": {"turnoverDropPercent": 25}}"#)
        #expect(b.value(at: "employees") == .integer(30))
        #expect(b.value(at: "connectivity.downloadMbps") == .decimal(30))
        #expect(b.value(at: "covid.turnoverDropPercent") == .decimal(25))
        // A whole number written as a real is still accepted where a whole number is expected.
        #expect(try decodeJSON(#"{"employees": 3.0, "owner": {"age": 40.00}}"#) == facts(Business(employees: 3, owner: Owner(age: 40))))
        #expect(try decodeJSON(#"{"workforce": {"paysRealLivingWage": false}}"#).value(at: "workforce.paysRealLivingWage") == .boolean(false))
        #expect(try decodeYAML("employees: 30\nconnectivity: {downloadMbps: 30}\n")
                == facts(Business(employees: 30, connectivity: Connectivity(downloadMbps: 30))))
        // Exponents are JSON numbers, but not how a person writes a fact: they are refused.
        #expect(inputError(#"{"covid": {"turnoverDropPercent": 2.5e1}}"#)?.message == #"expected a number, got "2.5e1""#)
        #expect(inputError(#"{"employees": 1e3}"#)?.message == #"expected a whole number, got "1e3" (write it without an exponent)"#)
        #expect(inputError(#"{"turnover": 1.0e3}"#)?.path == "turnover")
        #expect(BusinessFile.isNumber("-12.5e3") && BusinessFile.isNumber("0"))
        #expect(!BusinessFile.isNumber("true") && !BusinessFile.isNumber(".5") && !BusinessFile.isNumber("12 ") && !BusinessFile.isNumber(""))
    }

    @Test func jsonEscapes() throws {
        let b = try decodeJSON(#"{"name": "Caf\u00e9 \"Ltd\" \ud83d\ude95\n"}"#)
        #expect(b.name == "Café \"Ltd\" 🚕\n")
    }
}

// MARK: - Enumerations and suggestions

@Suite struct ModelEnumTests {
    @Test func enumRawValuesAreExact() {
        #expect(LegalForm.allCases.map(\.rawValue) == ["soleTrader", "partnership", "limitedCompany",
            "limitedLiabilityPartnership", "communityInterestCompany", "charity", "cooperative", "other"])
        #expect(RuralUrban.allCases.map(\.rawValue) == ["rural", "urban"])
        #expect(Tenure.allCases.map(\.rawValue) == ["owned", "leased", "homeBased"])
        #expect(EPCBand.allCases.map(\.rawValue) == ["A", "B", "C", "D", "E", "F", "G"])
        #expect(VehicleKind.allCases.map(\.rawValue) == ["van", "taxi", "car", "minibus", "hgv"])
        #expect(Fuel.allCases.map(\.rawValue) == ["diesel", "petrol", "hybrid", "pluginHybrid", "electric", "hydrogen", "lpg"])
        #expect(Subsidy.Currency.allCases.map(\.rawValue) == ["GBP", "EUR", "SDR"])
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "employes", among: ["employees", "name"]) == "employees")
        #expect(Suggestion.closest(to: "EPCBAND", among: ["epcBand"]) == "epcBand")
        #expect(Suggestion.closest(to: "xyz", among: ["employees", "name"]) == nil)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
        #expect(Suggestion.editDistance("fule", "fuel") == 1)  // a swap of neighbours counts one
        #expect(Suggestion.didYouMean("integr", among: ["integer"]) == "; did you mean 'integer'?")
        #expect(Suggestion.didYouMean("xyz", among: ["integer"]) == "")
    }
}
