import Foundation
import Testing
@testable import Eligibility

private func decision(_ programme: String, _ outcome: Decision.Outcome, missing: [String] = []) -> Decision {
    Decision(programme: programme, outcome: outcome, failed: [], missing: missing, asOf: "2021-06-01T00:00",
             rulesDigest: "sha256:x", engineVersion: EngineVersion.current)
}

@Suite struct NextQuestionsTests {
    @Test func ranksByHowManyUndecidedProgrammesNeedAFact() {
        let questions = NextQuestions.rank([
            decision("a", .needsInformation, missing: ["premises.epcBand", "employees"]),
            decision("b", .needsInformation, missing: ["employees"]),
            decision("c", .needsInformation, missing: ["covid"]),
            decision("d", .ineligible, missing: ["owner.age"]),
            decision("e", .eligible),
        ])
        #expect(questions.map(\.fact) == ["employees", "covid", "premises.epcBand"])
        #expect(questions[0].programmes == ["a", "b"])
        #expect(questions[0].settles == ["b"])
        #expect(questions[0].meaning == FactSchema.field("employees", of: "Business")?.doc)
        #expect(questions[1].facts == ["turnoverDropPercent", "closedByRestrictions"])
        #expect(questions[2].expected == "one of A, B, C, D, E, F, G")
    }

    @Test func settlingAloneBreaksTies() {
        let questions = NextQuestions.rank([
            decision("a", .needsInformation, missing: ["turnover", "employees"]),
            decision("b", .needsInformation, missing: ["employees"]),
            decision("c", .needsInformation, missing: ["turnover", "premises.epcBand"]),
        ])
        #expect(questions.map(\.fact) == ["employees", "turnover", "premises.epcBand"])
    }

    @Test func nothingUndecidedNothingToAsk() {
        #expect(NextQuestions.rank([decision("a", .eligible), decision("b", .closed)]).isEmpty)
    }

    @Test func factPathsResolveThroughListsAndNodes() {
        #expect(FactSchema.field(atPath: "fleet[0].fuel")?.name == "fuel")
        #expect(FactSchema.field(atPath: "proposal.vehicle.priceExVat")?.type == .money)
        #expect(FactSchema.field(atPath: "employees.nope") == nil)
        #expect(FactSchema.field(atPath: "nope") == nil)
        #expect(FactValue.integer(4_200_000).displayed(forFact: "proposal.vehicle.priceExVat") == "£42,000.00")
        #expect(FactValue.boolean(false).displayed(forFact: "workforce.paysRealLivingWage") == "no")
    }

    @Test func adviceOrdersBestFirst() throws {
        var big = decision("big", .eligible); big.award = .pounds(5000)
        var small = decision("small", .eligible); small.award = .pounds(10)
        let advice = Advice(decisions: [decision("x", .ruleError), decision("c", .closed), small,
                                        decision("n", .needsInformation, missing: ["employees"]), decision("i", .ineligible), big],
                            programmes: [], asOf: try AsOf(parsing: "2021-06-01"))
        #expect(advice.programmes.map(\.programme) == ["big", "small", "n", "i", "c", "x"])
        #expect(advice.nextQuestions.map(\.fact) == ["employees"])
    }
}

/// A temporary rules directory: the shipped lib plus the given programme files.
private func rulesDirectory(_ files: [String: String]) throws -> URL {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lint-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: root.appendingPathComponent("rules/lib"), to: dir.appendingPathComponent("lib"))
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
        #expect(has("r/sample.lua:17: error:", "no fact 'employes'; did you mean 'employees'?"))
        #expect(has("r/sample.lua:19: error:", "'fleet' is a list"))
        #expect(has("r/sample.lua:17: warning:", "criterion \"small\" has no clause"))
        #expect(has("r/sample.lua:9: warning:", "parameter 'forgotten' is never used"))
        #expect(!text.contains { $0.contains("'max_staff' is never used") })
        #expect(has("r/sample.lua:10: error:", "no value from 2021-04-01"))
        #expect(has("r/sample.lua:10: error:", "has a gap: no value from 2021-10-01T00:00 until 2021-11-01T00:00"))
        #expect(has("r/other.lua:1: error:", "programme id \"renamed\" differs from the file name other.lua"))
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
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let findings = try Linter.lint(directory: root.appendingPathComponent("rules"), displayName: "rules")
        #expect(findings.filter { $0.severity == .error }.map(\.description) == [])
    }

    @Test func missingDirectory() throws {
        let findings = try Linter.lint(directory: URL(fileURLWithPath: "/no/such/rules"), displayName: "nowhere")
        #expect(findings.count == 1)
        #expect(findings[0].severity == .error)
        #expect(findings[0].description.hasPrefix("nowhere:1: error: no such rules directory"))
    }
}

@Suite struct SchemaGeneratorTests {
    @Test func jsonSchemaCoversEveryNodeAndField() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONSchema.document().utf8)) as? [String: Any])
        let defs = try #require(object["$defs"] as? [String: Any])
        for node in FactSchema.nodeOrder {
            let def = try #require(defs[node] as? [String: Any], "node \(node)")
            #expect(def["additionalProperties"] as? Bool == false)
            let properties = try #require(def["properties"] as? [String: Any])
            #expect(Set(properties.keys) == Set(FactSchema.fields(of: node).map(\.name)))
        }
        let subsidy = try #require(defs["Subsidy"] as? [String: Any])
        #expect(Set(subsidy["required"] as? [String] ?? []) == ["amount", "date", "scheme"])
        #expect(JSONSchema.document().contains("\"soleTrader\""))
        // Numbers carry the bounds BusinessFile enforces, so integrators see them too.
        func bounds(_ node: String, _ field: String) throws -> (Int?, Int?) {
            let def = try #require(defs[node] as? [String: Any])
            let property = try #require((def["properties"] as? [String: Any])?[field] as? [String: Any])
            let value = (property["anyOf"] as? [[String: Any]])?.first ?? property
            return (value["minimum"] as? Int, value["maximum"] as? Int)
        }
        #expect(try bounds("Address", "deprivationDecile") == (1, 10))
        #expect(try bounds("Business", "employees") == (0, 1_000_000_000))
        #expect(try bounds("CovidImpact", "turnoverDropPercent") == (0, 100))
    }

    @Test func luaAnnotationsCoverEveryNodeAndField() {
        let text = LuaAnnotations.document()
        #expect(text.hasPrefix("---@meta\n"))
        for node in FactSchema.nodeOrder {
            #expect(text.contains("---@class (exact) \(node)\n"))
            for field in FactSchema.fields(of: node) { #expect(text.contains("---@field \(field.name) "), "\(node).\(field.name)") }
        }
        #expect(text.contains("---@field fleet Vehicle[] "))
        #expect(text.contains("---@field turnover Money "))
        #expect(text.contains("---@alias EPCBand \"A\"|\"B\""))
        #expect(text.contains("function programme(declaration) end"))
    }

    @Test func shippedAnnotationsAreUpToDate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shipped = try String(contentsOf: root.appendingPathComponent("rules").appendingPathComponent(LuaAnnotations.shippedPath), encoding: .utf8)
        #expect(shipped == LuaAnnotations.document(), "regenerate: eligible schema --format lua > rules/\(LuaAnnotations.shippedPath)")
    }

    @Test func ruleBookIgnoresTheAnnotations() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let book = try RuleBook(directory: root.appendingPathComponent("rules"))
        #expect(!book.files.contains { $0.displayName.contains("types") })
    }
}
