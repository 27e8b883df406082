import Foundation
import Testing
@testable import Eligibility

private func decision(_ programme: String, _ outcome: Decision.Outcome, missing: [String] = []) -> Decision {
    Decision(programme: programme, outcome: outcome, failed: [], missing: missing, asOf: "2021-06-01T00:00",
             rulesDigest: "sha256:x", engineVersion: EngineVersion.current)
}

/// A small vocabulary for the advice tests: what they assert does not move with the shipped one.
let adviceVocabulary: Vocabulary = try! VocabularyLoader.parse("""
    business:
      meaning: A business.
      facts:
        employees:
          type: whole number
          unit: people
          range: 0 to 1000
          meaning: Headcount
          question: How many people work there?
        turnover:
          type: money
          meaning: Annual turnover
          question: What is the turnover?
        premises:
          type: record
          meaning: The premises
          question: What premises does it use?
          facts:
            epcBand: { type: one of, values: [A, B, C, D, E, F, G], meaning: EPC band, question: What is the EPC band? }
        covid:
          type: record
          meaning: How COVID-19 affected the business
          question: How did COVID-19 affect it?
          facts:
            turnoverDropPercent: { type: decimal, unit: "%", range: 0 to 100, meaning: Fall in turnover, question: By how much did turnover fall? }
            closedByRestrictions: { type: yes/no, meaning: Closed by restrictions, question: Was it closed by restrictions? }
        owner:
          type: record
          meaning: The owner
          question: Who owns it?
          facts:
            age: { type: whole number, unit: years, range: 0 to 150, meaning: Age, question: How old is the owner? }
    """, file: "advice/facts.yaml")

@Suite struct NextQuestionsTests {
    @Test func ranksByHowManyUndecidedProgrammesNeedAFact() {
        let questions = NextQuestions.rank([
            decision("a", .needsInformation, missing: ["premises.epcBand", "employees"]),
            decision("b", .needsInformation, missing: ["employees"]),
            decision("c", .needsInformation, missing: ["covid"]),
            decision("d", .ineligible, missing: ["owner.age"]),
            decision("e", .eligible),
        ], vocabulary: adviceVocabulary)
        #expect(questions.map(\.fact) == ["employees", "covid", "premises.epcBand"])
        #expect(questions[0].programmes == ["a", "b"])
        #expect(questions[0].settles == ["b"])
        #expect(questions[0].meaning == "Headcount (people)")
        #expect(questions[0].question == "How many people work there?")
        #expect(questions[0].expected == "a whole number from 0 to 1000")
        #expect(questions[0].facts == nil)
        #expect(questions[1].facts == ["turnoverDropPercent", "closedByRestrictions"])
        #expect(questions[1].meaning == "How COVID-19 affected the business")
        #expect(questions[1].question == "How did COVID-19 affect it?")
        #expect(questions[2].expected == "one of A, B, C, D, E, F, G")
    }

    @Test func questionsComeFromTheVocabulary() {
        let q = NextQuestions.question("turnover", vocabulary: adviceVocabulary, programmes: ["a"], settles: [])
        #expect(q == NextQuestions.Question(fact: "turnover", meaning: "Annual turnover (£)", question: "What is the turnover?",
                                            expected: #"an amount in pounds, like 12000, 12000.50 or "£12,000""#, facts: nil,
                                            programmes: ["a"], settles: [], why: "It could settle a."))
        // A fact the vocabulary does not have is still asked for, without words.
        let unknown = NextQuestions.question("nope", vocabulary: adviceVocabulary, programmes: ["a"], settles: ["a"])
        #expect(unknown.meaning == nil && unknown.question == nil && unknown.expected == nil)
    }

    @Test func settlingAloneBreaksTies() {
        let questions = NextQuestions.rank([
            decision("a", .needsInformation, missing: ["turnover", "employees"]),
            decision("b", .needsInformation, missing: ["employees"]),
            decision("c", .needsInformation, missing: ["turnover", "premises.epcBand"]),
        ], vocabulary: adviceVocabulary)
        #expect(questions.map(\.fact) == ["employees", "turnover", "premises.epcBand"])
    }

    @Test func nothingUndecidedNothingToAsk() {
        #expect(NextQuestions.rank([decision("a", .eligible), decision("b", .closed)], vocabulary: adviceVocabulary).isEmpty)
    }

    @Test func factPathsResolveThroughListsAndRecords() throws {
        let vocabulary = shippedVocabulary
        for path in ["fleet[0].fuel", "fleet[].fuel", "fleet.fuel", "fleet[12].fuel"] {
            #expect(vocabulary.fact(atPath: path)?.path == "fleet[].fuel", "\(path)")
        }
        #expect(vocabulary.fact(atPath: "proposal.vehicle.priceExVat")?.type == .money)
        #expect(vocabulary.fact(atPath: "employees.nope") == nil)
        #expect(vocabulary.fact(atPath: "nope") == nil)
        #expect(vocabulary.record(atPath: "") === vocabulary.root)
        #expect(vocabulary.record(atPath: "fleet[2]")?.typeName == "FleetItem")
        #expect(vocabulary.record(atPath: "fleet") == nil)
        #expect(vocabulary.record(atPath: "proposal.vehicle")?.typeName == "ProposalVehicle")
        #expect(vocabulary.record(atPath: "employees") == nil)
        #expect(PlainValue.integer(4_200_000).displayed(forFact: "proposal.vehicle.priceExVat", in: vocabulary) == "£42,000.00")
        #expect(PlainValue.boolean(false).displayed(forFact: "workforce.paysRealLivingWage", in: vocabulary) == "no")
        #expect(PlainValue.string("2021-06-01").displayed(forFact: "tradingStartDate", in: vocabulary) == "2021-06-01")
        #expect(PlainValue.number(24.5).displayed(forFact: "connectivity.downloadMbps", in: vocabulary) == "24.5")
        let history = FactValue.history([DatedValue(from: try Day(parsing: "2017-04-01"), value: .money(.pounds(12_000))),
                                         DatedValue(from: try Day(parsing: "2023-04-01"), value: .notApplicable)])
        #expect(history.displayed(as: .money) == "£12,000.00 from 2017-04-01; does not apply from 2023-04-01")
        #expect(FactValue.list([.text("A"), .text("B")]).displayed(as: nil) == "[A, B]")
    }

    @Test func adviceOrdersBestFirst() throws {
        var big = decision("big", .eligible); big.award = .pounds(5000)
        var small = decision("small", .eligible); small.award = .pounds(10)
        let advice = Advice(decisions: [decision("x", .ruleError), decision("c", .closed), small,
                                        decision("n", .needsInformation, missing: ["employees"]), decision("i", .ineligible), big],
                            programmes: [], asOf: try AsOf(parsing: "2021-06-01"), vocabulary: adviceVocabulary)
        #expect(advice.programmes.map(\.programme) == ["big", "small", "n", "i", "c", "x"])
        #expect(advice.nextQuestions.map(\.fact) == ["employees"])
        #expect(advice.programmes[2].missing.map(\.meaning) == ["Headcount (people)"])
    }
}

/// A temporary rules directory: the shipped lib and fact vocabulary plus the given files.
private func rulesDirectory(_ files: [String: String]) throws -> URL {
    let dir = try scratchRules([:])
    for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    return dir
}

private let sample = """
    return programme {
      id = "sample",
      title = "Sample",
      summary = "A sample programme.",
      guidance = "Guidance 1",
      open = { from = "2021-04-01", to = "2022-03-31" },
      params = {
        max_staff = 50,
        forgotten = 7,
        cap = dated {
          { from = "2021-05-01", to = "2021-09-30", value = pounds(100) },
          { from = "2021-11-01", value = pounds(200) },
        },
      },
      criteria = {
        { id = "small", text = "Fewer than 50 employees",
          test = function(b, p) return b.employes < p.max_staff end },
        { id = "list", text = "Fleet", clause = "1.2",
          test = function(b, p) return b.fleet.fuel == "diesel" end },
      },
      award = { amount = function(b, p) return p.cap end, maximum = pounds(200) },
    }
    """

@Suite struct LinterTests {
    @Test func findsEachKindOfProblem() throws {
        let dir = try rulesDirectory(["sample.lua": sample, "other.lua": sample.replacingOccurrences(of: "id = \"sample\"", with: "id = \"renamed\"")])
        defer { try? FileManager.default.removeItem(at: dir) }
        let findings = try Linter.lint(directory: dir, displayName: "r")
        let text = findings.map(\.description)
        func has(_ prefix: String, _ fragment: String) -> Bool { text.contains { $0.hasPrefix(prefix) && $0.contains(fragment) } }
        #expect(has("r/sample.lua:17: error:", "criterion \"small\" reads a fact the vocabulary does not have: the business has no fact 'employes'; did you mean 'employees'?"))
        #expect(has("r/sample.lua:19: error:", "'fleet' is a list"))
        #expect(has("r/sample.lua:17: warning:", "criterion \"small\" has no clause"))
        #expect(has("r/sample.lua:9: warning:", "parameter 'forgotten' is never used"))
        #expect(!text.contains { $0.contains("'max_staff' is never used") })
        #expect(has("r/sample.lua:10: error:", "no value from 2021-04-01"))
        #expect(has("r/sample.lua:10: error:", "has a gap: no value from 2021-10-01T00:00 until 2021-11-01T00:00"))
        #expect(has("r/other.lua:1: error:", "id \"renamed\" differs from the file name other.lua; a programme's id is its file's name: write id = \"other\" or rename the file"))
        #expect(has("r/sample.lua:1: warning:", "programme \"sample\" names no sources"))
        #expect(findings == findings.sorted())
    }

    @Test func reportsSyntaxAndDeclarationErrorsWithLines() throws {
        let dir = try rulesDirectory([
            "broken.lua": "return programme {\n  id = \"broken\",\n  title = = 1,\n}\n",
            "unknown-key.lua": sample.replacingOccurrences(of: "id = \"sample\"", with: "id = \"unknown-key\", colour = 1"),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try Linter.lint(directory: dir, displayName: "r").map(\.description)
        #expect(text.contains { $0.hasPrefix("r/broken.lua:3: error: unexpected symbol near '='") })
        #expect(text.contains { $0.hasPrefix("r/unknown-key.lua:1: error: unknown key 'colour' in programme") })
    }

    @Test func overlappingDatedEntries() throws {
        let overlapping = sample.replacingOccurrences(of: "{ from = \"2021-05-01\", to = \"2021-09-30\"", with: "{ from = \"2021-04-01\", to = \"2021-12-31\"")
        let dir = try rulesDirectory(["sample.lua": overlapping])
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try Linter.lint(directory: dir, displayName: "r").map(\.description)
        #expect(text.contains { $0.contains("overlapping entries: one runs until 2022-01-01T00:00 but the next starts 2021-11-01T00:00") })
    }

    @Test func shippedRulesHaveNoErrors() throws {
        let findings = try Linter.lint(directory: repositoryRoot.appendingPathComponent("rules"), displayName: "rules")
        #expect(findings.filter { $0.severity == .error }.map(\.description) == [])
        // The same through a rule book already read.
        let book = try RuleBook(directory: repositoryRoot.appendingPathComponent("rules"), displayName: "rules")
        #expect(try Linter.lint(book) == findings)
    }

    @Test func missingDirectory() throws {
        let findings = try Linter.lint(directory: URL(fileURLWithPath: "/no/such/rules"), displayName: "nowhere")
        #expect(findings.count == 1)
        #expect(findings[0].severity == .error)
        #expect(findings[0].description.contains("no such rules directory (use --rules DIR or set ELIGIBLE_RULES)"))
    }

    /// The rules directory's name is given once (it was twice: `nowhere:1: error: nowhere: no such ...`).
    @Test func missingDirectoryIsNamedOnce() throws {
        let findings = try Linter.lint(directory: URL(fileURLWithPath: "/no/such/rules"), displayName: "nowhere")
        #expect(findings.map(\.description) == ["nowhere:1: error: no such rules directory (use --rules DIR or set ELIGIBLE_RULES)"])
    }

    @Test func vocabularyMistakesAreLintErrorsAtTheirLines() throws {
        let dir = try scratchRules(["ok": programme("ok", test: "return true")], vocabulary: """
            business:
              meaning: A business.
              facts:
                employees:
                  type: integer
                  meaning: Headcount
                  question: How many?
            """)
        defer { try? FileManager.default.removeItem(at: dir) }
        let findings = try Linter.lint(directory: dir, displayName: "r")
        #expect(findings.map(\.description) == [
            "r/facts.yaml:5: error: fact 'employees': type 'integer' is not a fact type; did you mean 'whole number'? (types: yes/no, whole number, decimal, money, day, minute, text, one of, several of, list of text, record, list of records)",
        ])
    }

    @Test func probeBusinessesComeFromTheVocabulary() throws {
        let typical = ProbeBusiness.make(.typical, vocabulary: shippedVocabulary)
        let boundary = ProbeBusiness.make(.boundary, vocabulary: shippedVocabulary)
        #expect(ProbeBusiness.make(.empty, vocabulary: shippedVocabulary) == BusinessFacts(vocabulary: shippedVocabulary))
        // Every fact is given (lists hold one item), typical ones with the vocabulary's example.
        for fact in shippedVocabulary.facts {
            let path = fact.path.replacingOccurrences(of: "[]", with: "[0]")
            #expect(typical.value(at: path) != nil, "\(path)")
            #expect(boundary.value(at: path) != nil, "\(path)")
        }
        for fact in shippedVocabulary.facts where fact.type.recordType == nil && !fact.type.isList {
            let path = fact.path.replacingOccurrences(of: "[]", with: "[0]")
            func given(_ value: FactValue) -> FactValue { fact.dated ? .history([DatedValue(from: nil, value: value)]) : value }
            if let example = fact.example, case .success(let value) = ScalarReading.read(example, as: fact.type, range: fact.range) {
                #expect(typical.value(at: path) == given(value), "\(path): the example \(example)")
            }
            switch fact.type {
            case .yesNo: #expect(boundary.value(at: path) == given(.boolean(false)), "\(path)")
            case .wholeNumber: #expect(boundary.value(at: path) == given(.integer(max(Int(fact.range?.lowerBound ?? 0), 0))), "\(path)")
            case .money: #expect(boundary.value(at: path) == given(.money(.zero)), "\(path)")
            case .oneOf(let list): #expect(boundary.value(at: path) == given(.text(list.valueNames.last ?? "")), "\(path): the last value")
            default: break
            }
        }
    }

    @Test func outOfDateAnnotationsAreAWarning() throws {
        let dir = try scratchRules([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let types = dir.appendingPathComponent("types")
        try FileManager.default.createDirectory(at: types, withIntermediateDirectories: true)
        let book = try RuleBook(directory: dir, displayName: "r")
        try LuaAnnotations.document(book.vocabulary).write(to: types.appendingPathComponent("eligible.lua"), atomically: true, encoding: .utf8)
        #expect(!(try Linter.lint(directory: dir, displayName: "r")).contains { $0.file == "r/types/eligible.lua" })
        try "---@meta\n".write(to: types.appendingPathComponent("eligible.lua"), atomically: true, encoding: .utf8)
        #expect(try Linter.lint(directory: dir, displayName: "r").contains(LintFinding(file: "r/types/eligible.lua", line: 1, severity: .warning,
            message: "the editor annotations do not match r/facts.yaml; run: eligible schema --format lua --rules r > r/types/eligible.lua")))
    }
}

/// Every record of a vocabulary, depth first.
func records(_ vocabulary: Vocabulary) -> [RecordType] {
    var out = [RecordType]()
    func walk(_ r: RecordType) { out.append(r); for fact in r.facts { if let child = fact.type.recordType { walk(child) } } }
    walk(vocabulary.root)
    return out
}

@Suite struct SchemaGeneratorTests {
    @Test func jsonSchemaCoversEveryRecordAndFact() throws {
        let vocabulary = shippedVocabulary
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONSchema.document(vocabulary).utf8)) as? [String: Any])
        #expect(object["$ref"] as? String == "#/$defs/Business")
        let defs = try #require(object["$defs"] as? [String: Any])
        for record in records(vocabulary) {
            let def = try #require(defs[record.typeName] as? [String: Any], "record \(record.typeName)")
            #expect(def["additionalProperties"] as? Bool == false)
            let properties = try #require(def["properties"] as? [String: Any])
            #expect(Set(properties.keys) == Set(record.facts.map(\.name)), "\(record.typeName)")
            #expect(Set(def["required"] as? [String] ?? []) == Set(record.facts.filter(\.required).map(\.name)), "\(record.typeName)")
            // Numbers carry the ranges BusinessFile enforces, so integrators see them too.
            for fact in record.facts where fact.type.isNumber && !fact.dated {
                let property = try #require(properties[fact.name] as? [String: Any])
                let value = fact.required ? property : try #require((property["anyOf"] as? [[String: Any]])?.first)
                let range = try #require(fact.range)
                #expect((value["minimum"] as? NSNumber)?.doubleValue == range.lowerBound, "\(fact.path)")
                #expect((value["maximum"] as? NSNumber)?.doubleValue == range.upperBound, "\(fact.path)")
            }
        }
        #expect(Set(defs.keys) == Set(records(vocabulary).map(\.typeName) + ["Money", "Day", "Minute", "DoesNotApply"]))
        #expect(JSONSchema.document(vocabulary).contains("\"soleTrader\""))
    }

    @Test func jsonSchemaOfASmallVocabulary() throws {
        let vocabulary = try VocabularyLoader.parse("""
            business:
              meaning: A business.
              facts:
                employees: { type: whole number, range: 1 to 250, meaning: Headcount, question: How many? }
                rateableValue: { type: money, dated: yes, meaning: Rateable value, question: What is it? }
                grants:
                  type: list of records
                  meaning: Grants
                  question: Which grants?
                  facts:
                    amount: { type: money, required: yes, meaning: Amount, question: How much? }
                    scheme: { type: one of, values: [a, b], meaning: Scheme, question: Which? }
            """, file: "s/facts.yaml")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONSchema.document(vocabulary).utf8)) as? [String: Any])
        let defs = try #require(object["$defs"] as? [String: Any])
        let business = try #require((defs["Business"] as? [String: Any])?["properties"] as? [String: Any])
        let employees = try #require(business["employees"] as? [String: Any])
        #expect(employees["description"] as? String == "Headcount")
        let choices = try #require(employees["anyOf"] as? [[String: Any]])
        #expect(choices.count == 3)  // the number, "does not apply", null (unknown)
        #expect(choices[0]["type"] as? String == "integer")
        #expect(choices[0]["minimum"] as? Int == 1 && choices[0]["maximum"] as? Int == 250)
        #expect(choices[1]["$ref"] as? String == "#/$defs/DoesNotApply")
        #expect(choices[2]["type"] as? String == "null")
        let rateable = try #require(business["rateableValue"] as? [String: Any])
        #expect(rateable["description"] as? String == "Rateable value (£) (dated: one value, or its history)")
        let item = try #require(defs["GrantsItem"] as? [String: Any])
        #expect(item["required"] as? [String] == ["amount"])
        let amount = try #require((item["properties"] as? [String: Any])?["amount"] as? [String: Any])
        #expect(amount["$ref"] as? String == "#/$defs/Money")
        let money = try #require(defs["Money"] as? [String: Any])
        let forms = try #require(money["oneOf"] as? [[String: Any]])
        #expect(forms[0]["maximum"] as? Int == 1_000_000_000_000)  // pounds, never pence
    }

    @Test func luaAnnotationsCoverEveryRecordAndFact() {
        let text = LuaAnnotations.document(shippedVocabulary)
        #expect(text.hasPrefix("---@meta\n"))
        for record in records(shippedVocabulary) {
            #expect(text.contains("---@class (exact) \(record.typeName)\n"), "\(record.typeName)")
            for fact in record.facts { #expect(text.contains("---@field \(fact.name) "), "\(fact.path)") }
        }
        #expect(text.contains("---@field fleet FleetItem[] "))
        #expect(text.contains("---@field turnover Money "))
        #expect(text.contains("---@field rateableValue Dated<Money> "))
        #expect(text.contains("---@alias EpcBands \"A\"|\"B\""))
        #expect(text.contains("function programme(declaration) end"))
        #expect(text.contains("function on(fact, day) end"))
        #expect(text.contains("GENERATED from rules/facts.yaml"))
    }

    @Test func shippedAnnotationsAreUpToDate() throws {
        let rules = try RuleBook(directory: repositoryRoot.appendingPathComponent("rules"), displayName: "rules")
        let shipped = try String(contentsOf: repositoryRoot.appendingPathComponent("rules").appendingPathComponent(LuaAnnotations.shippedPath), encoding: .utf8)
        #expect(shipped == LuaAnnotations.document(rules.vocabulary), "regenerate: eligible schema --format lua > rules/\(LuaAnnotations.shippedPath)")
    }

    @Test func ruleBookIgnoresTheAnnotations() throws {
        let book = try RuleBook(directory: repositoryRoot.appendingPathComponent("rules"))
        #expect(!book.files.contains { $0.displayName.contains("types") })
    }
}
