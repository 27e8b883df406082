import Foundation
import Testing
@testable import Eligibility

// MARK: - Helpers

/// A business with every fact in the model filled in (used for round trips and the schema
/// drift check, so it must stay complete).
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
        Vehicle(kind: .van, fuel: .electric),
    ],
    connectivity: Connectivity(downloadMbps: 7.5),
    workforce: Workforce(age16To24: 2, age25To49: 7, age50Plus: 3, paysRealLivingWage: true),
    covid: CovidImpact(turnoverDropPercent: 42.5, closedByRestrictions: false),
    owner: Owner(age: 34, livesInRegion: true, previouslyUnemployed: false),
    subsidies: [Subsidy(amount: Money(pence: 1_000_000), date: try! Day(year: 2020, month: 5, day: 11),
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

private func decodeJSON(_ text: String, file: String = "business.json") throws -> Business {
    try BusinessFile.decode(Data(text.utf8), fileName: file)
}

/// The InputError thrown by decoding `text`, or nil if it decoded.
private func inputError(_ text: String, file: String = "business.json", firstLine: Int = 1) -> InputError? {
    do {
        _ = try BusinessFile.decode(Data(text.utf8), fileName: file, firstLine: firstLine)
        return nil
    } catch let error as InputError {
        return error
    } catch {
        Issue.record("expected an InputError, got \(error)")
        return nil
    }
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

@Suite struct BusinessFileTests {
    @Test func roundTripsJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(fullBusiness)
        #expect(try JSONDecoder().decode(Business.self, from: data) == fullBusiness)
        #expect(try BusinessFile.decode(data, fileName: "full.json") == fullBusiness)
        // Money encodes as integer pence, days as strings.
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""turnover" : 48000000"#))
        #expect(text.contains(#""tradingStartDate" : "2015-06-01""#))
    }

    @Test func emptyObjectIsAllUnknown() throws {
        #expect(try decodeJSON("{}") == Business())
        #expect(try decodeJSON(#"{"employees": null, "premises": {"epcBand": null}}"#) == Business(premises: Premises()))
    }

    @Test func moneyStringsAndIntegers() throws {
        let b = try decodeJSON(#"{"turnover": "£3,000.00", "balanceSheetTotal": 250, "premises": {"rateableValue": "12000.5"}}"#)
        #expect(b.turnover == Money(pence: 300_000))
        #expect(b.balanceSheetTotal == Money(pence: 250))
        #expect(b.premises?.rateableValue == Money(pence: 1_200_050))
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
          - amount: "£10,000"
            date: 2020-05-11
            scheme: Small Business Grant Fund
        proposal:
          hire: {age: 19, hourlyWage: 950}
        """
        for name in ["business.yaml", "business.yml", "business"] {
            let b = try BusinessFile.decode(Data(yaml.utf8), fileName: name)
            #expect(b.name == "Mersey Cabs Ltd")
            #expect(b.legalForm == .limitedCompany)
            #expect(b.sicCodes == ["49320", "49390"])
            #expect(b.employees == 12)
            #expect(b.turnover == .pounds(480_000))
            #expect(b.tradingStartDate == (try Day(parsing: "2015-06-01")))
            #expect(b.address?.localAuthority == "St Helens")
            #expect(b.fleet == [Vehicle(kind: .taxi, fuel: .diesel, euroStandard: 5), Vehicle(kind: .van, fuel: .electric)])
            #expect(b.workforce?.paysRealLivingWage == true)
            #expect(b.connectivity?.downloadMbps == 7)
            #expect(b.subsidies?.first?.amount == .pounds(10_000))
            #expect(b.proposal?.hire?.hourlyWage == Money(pence: 950))
        }
    }

    @Test func yamlRoundTripOfFullBusiness() throws {
        // JSON is YAML: a pretty-printed full business read as YAML gives the same business.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        let data = try encoder.encode(fullBusiness)
        #expect(try BusinessFile.decode(data, fileName: "full.yaml") == fullBusiness)
    }

    @Test func decodesFoundationObjectTree() throws {
        let data = try JSONEncoder().encode(fullBusiness)
        let object = try JSONSerialization.jsonObject(with: data)
        #expect(try BusinessFile.decode(object: object, fileName: "fixture.yaml") == fullBusiness)
        let bad: [String: Any] = ["fleet": [["fuel": "disel"]]]
        #expect {
            _ = try BusinessFile.decode(object: bad, fileName: "cases.yaml", pathPrefix: "cases[2].business")
        } throws: { error in
            (error as? InputError)?.path == "cases[2].business.fleet[0].fuel"
        }
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let text = "\u{FEFF}{\r\n  \"name\": \"A\",\r\n  \"employees\": \"x\"\r\n}\r\n"
        let error = try #require(inputError(text))
        #expect(error.line == 3)  // found by JSONLineLocator, CRLF counted once
        #expect(error.path == "employees")
        // Lines of syntax errors count CRLF (and a lone CR) once, after the byte-order mark.
        let syntax = try #require(inputError("\u{FEFF}{\r\n  \"name\": \"A\",\r\n  \"employees\": x\r\n}\r\n"))
        #expect(syntax.line == 3)
        #expect(syntax.message.hasPrefix("invalid JSON: invalid value (column 16)"))
        #expect(try #require(inputError("{\r\"name\": \"A\"\r\r\"employees\": x}")).line == 4)
        #expect(try decodeJSON("\u{FEFF}{\r\n\"employees\": 3\r\n}") == Business(employees: 3))
        #expect(try BusinessFile.decode(Data("\u{FEFF}employees: 3\r\nname: B\r\n".utf8), fileName: "b.yaml")
                == Business(name: "B", employees: 3))
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
        #expect(error.message.hasPrefix(#"expected one of diesel, petrol, hybrid, pluginHybrid, electric, hydrogen, lpg, got "disel""#))
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
            (#"{"employees": "twelve"}"#, "employees", #"expected an integer, got a string ("twelve")"#),
            (#"{"employees": 2.5}"#, "employees", "expected an integer, got 2.5"),
            (#"{"employees": 3.5e0}"#, "employees", "expected an integer, got 3.5"),
            (#"{"employees": true}"#, "employees", "expected an integer, got true"),
            (#"{"employees": 1e400}"#, "", "invalid JSON: number 1e400 is not representable"),
            (#"{"connectivity": {"downloadMbps": false}}"#, "connectivity.downloadMbps", "expected a number, got false"),
            (#"{"workforce": {"paysRealLivingWage": 1}}"#, "workforce.paysRealLivingWage", "expected true or false, got a number (1)"),
            (#"{"workforce": {"paysRealLivingWage": 0.0}}"#, "workforce.paysRealLivingWage", "expected true or false, got a number (0.0)"),
            (#"{"name": 12}"#, "name", "expected a string, got a number (12)"),
            (#"{"address": "Wirral"}"#, "address", #"expected an object (Address), got a string ("Wirral")"#),
            (#"{"fleet": {"kind": "van"}}"#, "fleet", "expected a list, got an object"),
            (#"{"sicCodes": ["49320", null]}"#, "sicCodes[1]", "expected a string, got null"),
            (#"{"workforce": {"paysRealLivingWage": "yes"}}"#, "workforce.paysRealLivingWage",
             #"expected true or false, got a string ("yes")"#),
            (#"{"connectivity": {"downloadMbps": "fast"}}"#, "connectivity.downloadMbps",
             #"expected a number, got a string ("fast")"#),
            (#"{"tradingStartDate": "2021-02-30"}"#, "tradingStartDate",
             "2021-02-30 is not a real date (February 2021 has 28 days)"),
            (#"{"tradingStartDate": "01/02/2021"}"#, "tradingStartDate",
             #"expected a date as YYYY-MM-DD, got "01/02/2021""#),
            (#"{"turnover": "£3,000.001"}"#, "turnover", "fractions of a penny are not allowed"),
            (#"{"turnover": -5}"#, "turnover", "negative amounts are not allowed, got -5"),
            (#"{"turnover": 12.5}"#, "turnover", "expected an amount of money in whole pence, got 12.5"),
            (#"{"proposal": {"vehicle": {"fuel": "Electric"}}}"#, "proposal.vehicle.fuel", "did you mean 'electric'?"),
        ]
        for (text, path, message) in cases {
            let error = try #require(inputError(text), "\(text)")
            #expect(error.path == path, "\(text)")
            #expect(error.message.contains(message), "\(text): \(error.message)")
            #expect(error.line == 1)
        }
    }

    @Test func missingRequiredField() throws {
        let text = """
        {"subsidies": [
          {"amount": 100, "date": "2020-01-01", "scheme": "A"},
          {"amount": 100, "date": "2020-01-01"}
        ]}
        """
        let error = try #require(inputError(text))
        #expect(error.path == "subsidies[1].scheme")
        #expect(error.message.hasPrefix("missing required field 'scheme'"))
        #expect(error.line == 3)  // the line of the subsidy that lacks it
        let yaml = try #require(inputError("""
        subsidies:
          - {amount: 100, date: 2020-01-01, scheme: A}
          - {amount: 100, date: 2020-01-01}
        """, file: "b.yaml"))
        #expect(yaml.path == "subsidies[1].scheme")
        #expect(yaml.message.hasPrefix("missing required field 'scheme'"))
        #expect(yaml.line == 3)
    }

    @Test func unknownFields() throws {
        let root = try #require(inputError("{\n  \"employes\": 3\n}"))
        #expect(root.path == "employes")
        #expect(root.line == 2)
        #expect(root.message == "unknown field 'employes' in business; did you mean 'employees'?")
        #expect(root.description == "business.json:2: employes: unknown field 'employes' in business; did you mean 'employees'?")
        let oneLine = try #require(inputError(#"{"employes": 3}"#))
        #expect(oneLine.description == "business.json:1: employes: unknown field 'employes' in business; did you mean 'employees'?")

        let nested = try #require(inputError(#"{"fleet": [{"fule": "diesel"}]}"#))
        #expect(nested.path == "fleet[0].fule")
        #expect(nested.message == "unknown field 'fule' in fleet[0] (Vehicle); did you mean 'fuel'?")

        let noGuess = try #require(inputError(#"{"premises": {"colour": "red"}}"#))
        #expect(noGuess.message == "unknown field 'colour' in premises (Premises); known fields are tenure, epcBand, rateableValue")

        let yaml = try #require(inputError("name: A\naddress:\n  postCode: CH41 1AA\n", file: "b.yaml"))
        #expect(yaml.path == "address.postCode")
        #expect(yaml.line == 3)
        #expect(yaml.message.hasSuffix("did you mean 'postcode'?"))
    }

    @Test func duplicateField() throws {
        // JSON: `JSONSerialization` keeps one of the values without reporting the repetition,
        // so only YAML (Yams) and inline object trees are checked.
        let yaml = try #require(inputError("name: A\nemployees: 1\nemployees: 2\n", file: "b.yaml"))
        #expect(yaml.line == 2)
        #expect(yaml.message == "field 'employees' is given more than once")
        // The validator still checks, for trees whose keys collide once made strings.
        let member = RawMember(key: "employees", value: RawNode(value: .number("1"), line: nil), line: nil)
        #expect(throws: InputError(file: "f.yaml", path: "employees", message: "field 'employees' is given more than once")) {
            _ = try FactValidator(file: "f.yaml").normalizeRoot(RawNode(value: .object([member, member]), line: nil))
        }
    }

    @Test func malformedDocuments() throws {
        // (Foundation on Linux accepts a trailing comma, so that is not an error any more.)
        let unclosed = try #require(inputError("{\n  \"name\": \"A\",\n  \"fleet\": [\n    {\"kind\": \"van\"}\n}"))
        #expect(unclosed.line == 5)
        #expect(unclosed.path == "")
        #expect(unclosed.message == "invalid JSON: invalid value (column 1)")
        #expect(unclosed.description == "business.json:5: invalid JSON: invalid value (column 1)")

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
        #expect(truncated.message.hasPrefix("invalid JSON: unexpected end of file"))

        let control = try #require(inputError("{\"name\": \"A\nB\"}"))
        #expect(control.line == 1)
        #expect(control.message.hasPrefix("invalid JSON: unescaped control character"))

        let empty = try #require(inputError("", file: "empty.json"))
        #expect(empty.message == "the file is empty")
        let emptyYAML = try #require(inputError("# nothing\n", file: "empty.yaml"))
        #expect(emptyYAML.message == "the file is empty")

        let list = try #require(inputError("[1, 2]"))
        #expect(list.message == "expected an object with the business's facts, got a list")

        let yaml = try #require(inputError("name: A\nfleet: [\n  - kind: van\n", file: "b.yaml"))
        #expect(yaml.message.hasPrefix("invalid YAML:"))
        #expect(yaml.line != nil)

    }

    @Test func invalidUTF8() throws {
        var bytes = Array("{\n\"name\": \"".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("\"\n}".utf8)
        do {
            _ = try BusinessFile.decode(Data(bytes), fileName: "b.json")
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.line == 2)
            #expect(error.message.contains("not UTF-8"))
        }
    }

    @Test func firstLineOffsetForJSONLines() throws {
        do {
            _ = try BusinessFile.decode(Data(#"{"employees": "x"}"#.utf8), fileName: "batch.jsonl", firstLine: 57)
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.description == #"batch.jsonl:57: employees: expected an integer, got a string ("x")"#)
        }
        let syntax = try #require(inputError(#"{"name": "A", "employees": x}"#, file: "batch.jsonl", firstLine: 57))
        #expect(syntax.line == 57)
        let later = try #require(inputError("{\n\"employees\": x}", file: "batch.json", firstLine: 10))
        #expect(later.line == 11)
    }

    @Test func integersAndReals() throws {
        let b = try decodeJSON(#"{"employees": 30, "connectivity": {"downloadMbps": 30}, "covid": {"turnoverDropPercent": 2.5e1}}"#)
        #expect(b.employees == 30)
        #expect(b.connectivity?.downloadMbps == 30)
        #expect(b.covid?.turnoverDropPercent == 25)
        // A whole number written as a real is still accepted where an integer is expected.
        #expect(try decodeJSON(#"{"employees": 3.0, "owner": {"age": 4e1}}"#) == Business(employees: 3, owner: Owner(age: 40)))
        #expect(try decodeJSON(#"{"turnover": 1.0e3}"#).turnover == Money(pence: 1_000))
        #expect(try decodeJSON(#"{"workforce": {"paysRealLivingWage": false}}"#).workforce?.paysRealLivingWage == false)
        #expect(try BusinessFile.decode(Data("employees: 30\nconnectivity: {downloadMbps: 30}\n".utf8), fileName: "b.yaml")
                == Business(employees: 30, connectivity: Connectivity(downloadMbps: 30)))
        #expect(BusinessFile.isJSONNumber("-12.5e3") && BusinessFile.isJSONNumber("0"))
        #expect(!BusinessFile.isJSONNumber("012") && !BusinessFile.isJSONNumber("true") && !BusinessFile.isJSONNumber(".5")
                && !BusinessFile.isJSONNumber("12 ") && !BusinessFile.isJSONNumber(""))
    }

    @Test func jsonEscapes() throws {
        let b = try decodeJSON(#"{"name": "Caf\u00e9 \"Ltd\" \ud83d\ude95\n"}"#)
        #expect(b.name == "Café \"Ltd\" 🚕\n")
    }
}

// MARK: - Schema

@Suite struct FactSchemaTests {
    /// Walks an encoded value against the schema, collecting type problems and, per node, the
    /// union of the keys the model encoded there.
    private func check(_ value: Any, against node: String, path: String, problems: inout [String], keys: inout [String: Set<String>]) {
        guard let object = value as? [String: Any] else {
            problems.append("\(path): not an object")
            return
        }
        keys[node, default: []].formUnion(object.keys)
        for field in FactSchema.fields(of: node) {
            guard let child = object[field.name] else { continue }
            checkType(child, field.type, path: path.isEmpty ? field.name : "\(path).\(field.name)",
                      problems: &problems, keys: &keys)
        }
    }

    private func checkType(_ value: Any, _ type: FactType, path: String, problems: inout [String], keys: inout [String: Set<String>]) {
        switch type {
        case .node(let name):
            check(value, against: name, path: path, problems: &problems, keys: &keys)
        case .list(let element):
            guard let items = value as? [Any], !items.isEmpty else {
                problems.append("\(path): expected a non-empty list in the full business")
                return
            }
            for (i, item) in items.enumerated() {
                checkType(item, element, path: "\(path)[\(i)]", problems: &problems, keys: &keys)
            }
        case .string, .day, .enumeration:
            if !(value is String) { problems.append("\(path): expected a string") }
            if case .enumeration(_, let cases) = type, let s = value as? String, !cases.contains(s) {
                problems.append("\(path): \(s) not among \(cases)")
            }
            if case .day = type, let s = value as? String, (try? Day(parsing: s)) == nil {
                problems.append("\(path): not a day")
            }
        case .integer, .money, .number:
            if !(value is NSNumber) || value is String { problems.append("\(path): expected a number") }
        case .boolean:
            if (value as? NSNumber).map({ String(cString: $0.objCType) }) != "c" { problems.append("\(path): expected a boolean") }
        }
    }

    @Test func schemaMatchesTheCodableModel() throws {
        let data = try JSONEncoder().encode(fullBusiness)
        let object = try JSONSerialization.jsonObject(with: data)
        var problems: [String] = []
        var keys: [String: Set<String>] = [:]
        check(object, against: FactSchema.root, path: "", problems: &problems, keys: &keys)
        #expect(problems == [])
        // Every node is reached, and on each the model encodes exactly the schema's fields.
        #expect(Set(keys.keys) == Set(FactSchema.nodes.keys))
        for (node, fields) in FactSchema.nodes {
            #expect(keys[node] == Set(fields.map(\.name)), "\(node)")
        }
        #expect(Set(FactSchema.nodeOrder) == Set(FactSchema.nodes.keys))
        #expect(FactSchema.nodeOrder.count == FactSchema.nodes.count)
        #expect(Set(FactSchema.nodeDocs.keys) == Set(FactSchema.nodes.keys))
        #expect(FactSchema.nodeOrder.first == FactSchema.root)
    }

    @Test func everyFieldIsDocumentedAndNamesAreUnique() {
        for (node, fields) in FactSchema.nodes {
            #expect(Set(fields.map(\.name)).count == fields.count, "\(node) has a repeated field")
            for field in fields {
                #expect(!field.doc.isEmpty, "\(node).\(field.name)")
            }
        }
        #expect(FactSchema.fields(of: "Subsidy").allSatisfy { $0.required })
        #expect(FactSchema.field("fuel", of: "Vehicle")?.type == .enumeration(Fuel.self))
        #expect(FactSchema.field("fuel", of: "Vehicle")?.type
                == .enumeration(name: "Fuel", cases: ["diesel", "petrol", "hybrid", "pluginHybrid", "electric", "hydrogen", "lpg"]))
        #expect(FactSchema.field("nope", of: "Vehicle") == nil)
    }

    @Test func enumRawValuesAreExact() {
        #expect(LegalForm.allCases.map(\.rawValue) == ["soleTrader", "partnership", "limitedCompany",
            "limitedLiabilityPartnership", "communityInterestCompany", "charity", "cooperative", "other"])
        #expect(RuralUrban.allCases.map(\.rawValue) == ["rural", "urban"])
        #expect(Tenure.allCases.map(\.rawValue) == ["owned", "leased", "homeBased"])
        #expect(EPCBand.allCases.map(\.rawValue) == ["A", "B", "C", "D", "E", "F", "G"])
        #expect(VehicleKind.allCases.map(\.rawValue) == ["van", "taxi", "car", "minibus", "hgv"])
        #expect(Fuel.allCases.map(\.rawValue) == ["diesel", "petrol", "hybrid", "pluginHybrid", "electric", "hydrogen", "lpg"])
    }

    @Test func suggestions() {
        #expect(FactValidator.suggestion(for: "employes", among: ["employees", "name"]) == "employees")
        #expect(FactValidator.suggestion(for: "EPCBAND", among: ["epcBand"]) == "epcBand")
        #expect(FactValidator.suggestion(for: "xyz", among: ["employees", "name"]) == nil)
        #expect(FactValidator.editDistance("kitten", "sitting") == 3)
    }
}
