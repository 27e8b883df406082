import Foundation
import LuaBridge
import Testing
@testable import Eligibility

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A scratch rules directory: a copy of the shipped `rules/lib`, plus the given programme files.
func scratchRules(_ programmes: [String: String], withShipped: Bool = false) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let shipped = repositoryRoot.appendingPathComponent("rules")
    try FileManager.default.copyItem(at: shipped.appendingPathComponent("lib"), to: folder.appendingPathComponent("lib"))
    if withShipped {
        for name in try FileManager.default.contentsOfDirectory(atPath: shipped.path) where name.hasSuffix(".lua") {
            try FileManager.default.copyItem(at: shipped.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
    }
    for (name, source) in programmes {
        try source.write(to: folder.appendingPathComponent(name + ".lua"), atomically: true, encoding: .utf8)
    }
    return folder
}

/// A minimal valid programme whose single criterion's test body is `test`.
func programme(_ id: String, test: String, award: String = "return pounds(100)", extra: String = "") -> String {
    """
    return programme {
      id = "\(id)", title = "T", summary = "S", guidance = "G",
      open = { from = "2020-01-01", to = "2030-12-31" },\(extra)
      criteria = {
        { id = "c", text = "A criterion", clause = "1",
          test = function(b, p)
            \(test)
          end },
      },
      award = { amount = function(b, p) \(award) end, maximum = pounds(1000) },
    }
    """
}

func evaluator(_ programmes: [String: String], limits: LuaLimits = LuaLimits(instructionBudget: 200_000, memoryCapBytes: 32 << 20)) throws -> Evaluator {
    try Evaluator(rules: RuleBook(directory: scratchRules(programmes), displayName: "rules"), limits: limits)
}

let asOf = try! AsOf(parsing: "2021-06-01T12:00")

func small(_ employees: Int? = 5) -> Business {
    Business(employees: employees, address: Address(localAuthority: "Wirral"))
}

func outcomes(_ decisions: [Decision]) -> [String: Decision.Outcome] {
    Dictionary(uniqueKeysWithValues: decisions.map { ($0.programme, $0.outcome) })
}

@Suite struct EvaluatorTests {
    @Test func threeValuedOutcomesWithReasons() throws {
        let engine = try evaluator(["small": programme("small", test: "return b.employees < 10")])
        #expect(try engine.evaluate(small(5), asOf: asOf).first?.outcome == .eligible)
        #expect(try engine.evaluate(small(5), asOf: asOf).first?.award == Money(pence: 10_000))
        let ineligible = try engine.evaluate(small(14), asOf: asOf, explain: true)[0]
        #expect(ineligible.outcome == .ineligible)
        #expect(ineligible.failed == ["c"])
        #expect(ineligible.criteria?.first?.reads == [FactRead(path: "employees", value: .integer(14))])
        let unknown = try engine.evaluate(small(nil), asOf: asOf)[0]
        #expect(unknown.outcome == .needsInformation)
        #expect(unknown.missing == ["employees"])
    }

    @Test func anAbsentNestedFactIsUnknownNotACrash() throws {
        let engine = try evaluator(["epc": programme("epc", test: "return b.premises.epcBand == 'D'")])
        let decision = try engine.evaluate(Business(), asOf: asOf)[0]
        #expect(decision.outcome == .needsInformation)
        #expect(decision.missing == ["premises"])
        let partial = try engine.evaluate(Business(premises: Premises(tenure: .owned)), asOf: asOf)[0]
        #expect(partial.missing == ["premises.epcBand"])
    }

    @Test func everyFailedCriterionIsListed() throws {
        let source = """
            return programme {
              id = "two", title = "T", summary = "S", guidance = "G", open = { from = "2020-01-01" },
              criteria = {
                { id = "a", text = "A", test = function(b) return b.employees < 2 end },
                { id = "b", text = "B", test = function(b) return b.address.localAuthority == "Halton" end },
                { id = "c", text = "C", test = function(b) return b.turnover > 0 end },
              },
              award = { amount = function() return 1 end, maximum = 1 },
            }
            """
        let decision = try evaluator(["two": source]).evaluate(small(5), asOf: asOf)[0]
        #expect(decision.outcome == .ineligible)
        #expect(decision.failed == ["a", "b"])
        #expect(decision.missing == ["turnover"])
    }

    @Test(arguments: [
        ("error('deliberate')", "rules/bad.lua:7: deliberate"),
        ("while true do end", "ran too long"),
        ("local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(100) .. i end", "too much memory"),
        ("return 'yes'", "returned a string"),
        ("return b.employes < 3", "no fact 'employes'; did you mean 'employees'?"),
        ("b.employees = 1 return true", "the business is read-only"),
        ("x = 1 return true", "cannot set global 'x'"),
    ])
    func aFailingProgrammeIsARuleErrorAndTheOthersDecide(test: String, message: String) throws {
        let limits = LuaLimits(instructionBudget: 2_000_000, memoryCapBytes: 16 << 20)
        let engine = try evaluator(["bad": programme("bad", test: test), "good": programme("good", test: "return b.employees < 10")], limits: limits)
        for _ in 0..<2 { // and the state stays usable
            let decisions = try engine.evaluate(small(5), asOf: asOf)
            let bad = try #require(decisions.first { $0.programme == "bad" })
            #expect(bad.outcome == .ruleError)
            #expect(bad.error?.contains(message) == true, "\(bad.error ?? "")")
            #expect(bad.error?.hasPrefix("rules/bad.lua:") == true, "\(bad.error ?? "")")
            #expect(outcomes(decisions)["good"] == .eligible)
        }
    }

    @Test(arguments: [
        ("return 12.5", "not a whole number of pence"),
        ("return -100", "negative"),
        ("return 0/0", "must be a number of pence"),
        ("return 2^63", "too large"),
        ("return '100'", "must be a number of pence"),
    ])
    func badAwardsAreRuleErrors(award: String, message: String) throws {
        let decision = try evaluator(["a": programme("a", test: "return true", award: award)]).evaluate(small(), asOf: asOf)[0]
        #expect(decision.outcome == .ruleError)
        #expect(decision.error?.contains(message) == true, "\(decision.error ?? "")")
    }

    @Test func awardsAreCappedAndRounded() throws {
        let extra = "\n  params = { rate = 35 },"
        let source = programme("r", test: "return true", award: "return percent(123456, p.rate)", extra: extra)
            .replacingOccurrences(of: "maximum = pounds(1000) }", with: "maximum = pounds(1000), rounding = \"down-to-pound\" }")
        let decision = try evaluator(["r": source]).evaluate(small(), asOf: asOf)[0]
        #expect(decision.award == Money(pence: 43_200)) // 35% of £1,234.56 = £432.09 -> £432
        let capped = try evaluator(["c": programme("c", test: "return true", award: "return pounds(5000)")]).evaluate(small(), asOf: asOf)[0]
        #expect(capped.award == Money(pence: 100_000))
        #expect(capped.awardCapped == true)
    }

    @Test func windowsOpenAndCloseToTheMinute() throws {
        let source = programme("w", test: "return true")
            .replacingOccurrences(of: "open = { from = \"2020-01-01\", to = \"2030-12-31\" }", with: "open = { from = \"2021-01-04T09:00\", to = \"2021-02-26T17:00\" }")
        let engine = try evaluator(["w": source])
        for (instant, expected) in [("2021-01-04T08:59", Decision.Outcome.closed), ("2021-01-04T09:00", .eligible),
                                    ("2021-02-26T16:59", .eligible), ("2021-02-26T17:00", .closed)] {
            #expect(try engine.evaluate(small(), asOf: AsOf(parsing: instant))[0].outcome == expected, "\(instant)")
        }
        let dateOnly = try evaluator(["d": programme("d", test: "return true").replacingOccurrences(of: "to = \"2030-12-31\"", with: "to = \"2021-03-31\"")])
        #expect(try dateOnly.evaluate(small(), asOf: AsOf(parsing: "2021-03-31T23:59"))[0].outcome == .eligible)
        #expect(try dateOnly.evaluate(small(), asOf: AsOf(parsing: "2021-04-01T00:00"))[0].outcome == .closed)
    }

    @Test func effectiveDatedParametersChangeAtTheirInstant() throws {
        let extra = """

              params = { cap = dated {
                { from = "2020-01-01", value = pounds(3000) },
                { from = "2021-12-15T07:00", value = pounds(2500) },
              } },
            """
        let engine = try evaluator(["d": programme("d", test: "return true", award: "return p.cap", extra: extra)
            .replacingOccurrences(of: "maximum = pounds(1000)", with: "maximum = pounds(9000)")])
        #expect(try engine.evaluate(small(), asOf: AsOf(parsing: "2021-12-15T06:59"))[0].award == .pounds(3000))
        #expect(try engine.evaluate(small(), asOf: AsOf(parsing: "2021-12-15T07:00"))[0].award == .pounds(2500))
    }

    @Test(arguments: [
        ("return programme { id = \"x\", titel = \"T\" }", "rules/x.lua:1: unknown key 'titel' in programme; did you mean 'title'?"),
        ("return programme {\n id = \"x\", title = \"T\", summary = \"S\", guidance = \"G\", open = { from = \"2021-02-30\" },\n criteria = {}, award = {} }", "rules/x.lua:1: open.from must be a date"),
        ("return programme { id = \"x\", title = \"T\", summary = \"S\", guidance = \"G\", open = { from = \"2021-01-01\" },\n criteria = { { id = \"a\", text = \"A\" } },\n award = {} }", "criterion \"a\" needs test = function(b, p)"),
        ("return programme { id = \"x\", title = \"T\", summary = \"S\", guidance = \"G\", open = { from = \"2021-01-01\" },\n criteria = { { id = \"a\", test = function() end } },\n award = {} }", "rules/x.lua:2: criterion \"a\" needs text = \"...\""),
        ("return programme { id = \"x\", title = \"T\", summary = \"S\", guidance = \"G\", open = { from = \"2021-01-01\" },\n criteria = {\n { id = \"a\", text = \"A\", test = function() end },\n { id = \"a\", text = \"B\", test = function() end } },\n award = {} }", "rules/x.lua:4: criterion id \"a\" is used twice"),
        ("return programme { id = \"x\"", "rules/x.lua:1: '}' expected"),
        ("local x = 1", "rules/x.lua:1: the file must end with: return programme { ... }"),
    ])
    func declarationErrorsNameFileLineAndTheFix(source: String, message: String) throws {
        let engine = try evaluator(["x": source, "ok": programme("ok", test: "return true")])
        let problem = try #require(engine.problems.first)
        #expect(problem.programme == "x")
        #expect(problem.message.contains(message), "\(problem.message)")
        #expect(problem.message.hasPrefix("rules/x.lua:"), "\(problem.message)")
        let decisions = try engine.evaluate(small(), asOf: asOf)
        #expect(outcomes(decisions) == ["ok": .eligible, "x": .ruleError])
    }

    @Test func aReusedStateDecidesLikeFreshOnes() throws {
        let rules = try RuleBook(directory: repositoryRoot.appendingPathComponent("rules"), displayName: "rules")
        let businesses = try ["mersey-vans.yaml", "rural-print.json"].map {
            try BusinessFile.load(repositoryRoot.appendingPathComponent("examples").appendingPathComponent($0))
        } + [small(), Business()]
        let reused = try Evaluator(rules: rules)
        for instant in ["2021-06-01", "2022-05-01T10:00"] {
            let at = try AsOf(parsing: instant)
            for business in businesses + businesses.reversed() {
                let fresh = try Evaluator(rules: rules).evaluate(business, asOf: at, explain: true)
                #expect(try reused.evaluate(business, asOf: at, explain: true) == fresh)
            }
        }
    }

    @Test func decisionsCarryTheirAuditTrail() throws {
        let engine = try evaluator(["a": programme("a", test: "return true")])
        let decision = try engine.evaluate(small(), asOf: asOf)[0]
        #expect(decision.asOf == "2021-06-01T12:00")
        #expect(decision.engineVersion == EngineVersion.current)
        #expect(decision.rulesDigest.hasPrefix("sha256:") && decision.rulesDigest.count == 71)
        let edited = try evaluator(["a": programme("a", test: "return true ")])
        #expect(try edited.evaluate(small(), asOf: asOf)[0].rulesDigest != decision.rulesDigest)
    }

    @Test(arguments: [
        ("local seen = 0\n", "seen = seen + 1 return seen == 1", "the rule changed 'seen'"),
        ("local cache = {}\n", "cache[b.employees] = true return true", "cannot change '5'"),
        ("local region = require 'region'\n", "region.AUTHORITIES[1] = 'Wigan' return true", "cannot change '1'"),
        ("local helper = function() return true end\n", "helper = nil return true", "the rule changed 'helper'"),
    ])
    func rulesCannotRememberAnythingBetweenBusinesses(prefix: String, test: String, message: String) throws {
        let engine = try evaluator(["leak": prefix + programme("leak", test: test), "good": programme("good", test: "return b.employees < 10")])
        let fresh = try evaluator(["leak": prefix + programme("leak", test: test), "good": programme("good", test: "return b.employees < 10")])
        for _ in 0..<3 {
            let decisions = try engine.evaluate(small(), asOf: asOf)
            let leak = try #require(decisions.first { $0.programme == "leak" })
            #expect(leak.outcome == .ruleError)
            #expect(leak.error?.contains(message) == true, "\(leak.error ?? "")")
            #expect(outcomes(decisions)["good"] == .eligible)
            #expect(decisions == (try fresh.evaluate(small(), asOf: asOf)))
        }
    }

    @Test func onlyTheProgrammesAskedForAreEvaluated() throws {
        let engine = try evaluator(["a": programme("a", test: "return true"), "b": programme("b", test: "return true")])
        #expect(try engine.evaluate(small(), asOf: asOf, programmes: ["b"]).map(\.programme) == ["b"])
    }
}
