import Foundation
import LuaBridge
import Testing
@testable import Eligibility

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shipped fact vocabulary (`rules/facts.yaml`), read once.
let shippedVocabulary: Vocabulary = try! VocabularyLoader.load(
    repositoryRoot.appendingPathComponent("rules").appendingPathComponent(VocabularyLoader.fileName), displayName: "rules/facts.yaml")

/// The typed Swift model as facts of the shipped vocabulary.
func facts(_ business: Business, vocabulary: Vocabulary = shippedVocabulary) -> BusinessFacts {
    do { return try BusinessFacts(business, vocabulary: vocabulary) } catch { fatalError("\(error)") }
}

/// A business read from YAML text with the shipped vocabulary (money in pounds, as in files).
func yamlFacts(_ text: String, vocabulary: Vocabulary = shippedVocabulary) throws -> BusinessFacts {
    try BusinessFile.decode(Data(text.utf8), fileName: "business.yaml", vocabulary: vocabulary)
}

/// A shipped example business (`examples/NAME`), read with `vocabulary`.
func exampleBusiness(_ name: String, vocabulary: Vocabulary = shippedVocabulary) throws -> BusinessFacts {
    try BusinessFile.load(repositoryRoot.appendingPathComponent("examples").appendingPathComponent(name), vocabulary: vocabulary)
}

/// A scratch rules directory: a copy of the shipped `rules/lib` and fact vocabulary (or the
/// vocabulary text given), plus the given programme files.
func scratchRules(_ programmes: [String: String], withShipped: Bool = false, vocabulary: String? = nil) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let shipped = repositoryRoot.appendingPathComponent("rules")
    try FileManager.default.copyItem(at: shipped.appendingPathComponent("lib"), to: folder.appendingPathComponent("lib"))
    if let vocabulary {
        try vocabulary.write(to: folder.appendingPathComponent(VocabularyLoader.fileName), atomically: true, encoding: .utf8)
    } else {
        try FileManager.default.copyItem(at: shipped.appendingPathComponent(VocabularyLoader.fileName),
                                         to: folder.appendingPathComponent(VocabularyLoader.fileName))
    }
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

/// Decisions without the facts each criterion and the award read (a reused evaluator may
/// explain with fewer reads than a fresh one: see `aReusedStateExplainsLikeFreshOnes`).
func withoutReads(_ decisions: [Decision]) -> [Decision] {
    decisions.map { decision in
        var decision = decision
        decision.awardReads = nil
        decision.criteria = decision.criteria?.map { var c = $0; c.reads = []; return c }
        return decision
    }
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
        ("local s = 'x' while true do s = s .. s end", "too much memory"),
        // string.rep charges its work to the instruction budget, so a table of repeated strings
        // runs out of instructions before memory.
        ("local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(100) .. i end", "ran too long"),
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
        ("return 0/0", "the award must be a finite number of pence"),
        ("return 1/0", "the award must be a finite number of pence"),
        ("return '100'", "the award must be a number of pence, got string"),
        ("return nil", "the award must be a number of pence, got nil"),
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
        // A float beyond any integer is capped like any amount over the maximum (it was a rule
        // error, "too large", before the maximum was applied first).
        let huge = try evaluator(["h": programme("h", test: "return true", award: "return 2^63")]).evaluate(small(), asOf: asOf)[0]
        #expect(huge.outcome == .eligible)
        #expect(huge.award == Money(pence: 100_000))
        #expect(huge.awardCapped == true)
        let uncapped = try evaluator(["u": programme("u", test: "return true", award: "return pounds(999)")]).evaluate(small(), asOf: asOf)[0]
        #expect(uncapped.award == .pounds(999))
        #expect(uncapped.awardCapped == nil)  // only a cut award says so
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
        ("return programme { id = \"x\", title = \"T\", summary = \"S\", guidance = \"G\", open = { from = \"2021-01-01\" },\n criteria = { { id = \"a\", test = function() end } },\n award = {} }", "rules/x.lua:2: criterion \"a\"'s text needs text, e.g. text = \"Fewer than 50 employees\" (the sentence an advisor reads)"),
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

    /// The businesses and instants the reuse tests go through, each business twice.
    private func reuseCases(_ rules: RuleBook) throws -> [BusinessFacts] {
        let businesses = try ["mersey-vans.yaml", "rural-print.json"].map { try exampleBusiness($0, vocabulary: rules.vocabulary) }
            + [facts(small(), vocabulary: rules.vocabulary), BusinessFacts(vocabulary: rules.vocabulary)]
        return businesses + businesses.reversed()
    }

    @Test func aReusedStateDecidesLikeFreshOnes() throws {
        let rules = try RuleBook(directory: repositoryRoot.appendingPathComponent("rules"), displayName: "rules")
        let reused = try Evaluator(rules: rules)
        for instant in ["2021-06-01", "2022-05-01T10:00"] {
            let at = try AsOf(parsing: instant)
            for business in try reuseCases(rules) {
                let fresh = try Evaluator(rules: rules).evaluate(business, asOf: at, explain: true)
                #expect(withoutReads(try reused.evaluate(business, asOf: at, explain: true)) == withoutReads(fresh))
                #expect(try reused.evaluate(business, asOf: at) == (try Evaluator(rules: rules).evaluate(business, asOf: at)))
            }
        }
    }

    /// Records and list items first written after an explained evaluation (`subsidies[0]`,
    /// `proposal.connectivity` when the previous business had none) are traced like the rest.
    @Test
    func aReusedStateExplainsLikeFreshOnes() throws {
        let rules = try RuleBook(directory: repositoryRoot.appendingPathComponent("rules"), displayName: "rules")
        let reused = try Evaluator(rules: rules)
        for instant in ["2021-06-01", "2022-05-01T10:00"] {
            let at = try AsOf(parsing: instant)
            for business in try reuseCases(rules) {
                let fresh = try Evaluator(rules: rules).evaluate(business, asOf: at, explain: true)
                #expect(try reused.evaluate(business, asOf: at, explain: true) == fresh)
            }
        }
    }

    /// Writing to a read-only table names the key refused, numbers included.
    @Test(
          arguments: [
        ("local cache = {}\n", "cache[b.employees] = true return true", "rules/leak.lua:8: cannot change '5': this table is read-only"),
        ("local region = require 'region'\n", "region.AUTHORITIES[1] = 'Wigan' return true", "rules/leak.lua:8: cannot change '1': this table is read-only"),
    ])
    func aRefusedNumberKeyIsNamed(prefix: String, test: String, message: String) throws {
        let engine = try evaluator(["leak": prefix + programme("leak", test: test)])
        #expect(try engine.evaluate(small(), asOf: asOf)[0].error == message)
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
        ("local cache = {}\n", "cache[b.employees] = true return true", "this table is read-only"),
        ("local region = require 'region'\n", "region.AUTHORITIES[1] = 'Wigan' return true", "this table is read-only"),
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

    /// Threads made by libdispatch (dispatch queues, Swift concurrency) start with real-time
    /// signals blocked; the watchdog's must still reach an endless rule on one.
    @Test
    func budgetsStopEndlessRulesOnThreadsThatBlockSignals() throws {
        nonisolated(unsafe) let engine = try evaluator(["loop": programme("loop", test: "while true do end")])
        let business = small()
        nonisolated(unsafe) var decision: Decision?
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var signals = sigset_t()
            sigemptyset(&signals)
            sigaddset(&signals, __libc_current_sigrtmin() + 4)
            pthread_sigmask(SIG_BLOCK, &signals, nil)  // as libdispatch's worker threads start
            decision = try? engine.evaluate(business, asOf: asOf)[0]
            done.signal()
        }
        thread.start()
        #expect(done.wait(timeout: .now() + 60) == .success, "the endless rule was never stopped")
        #expect(decision?.outcome == .ruleError)
        #expect(decision?.diagnostic?.code == "budget")
    }

    /// Budgets are per guarded call and per programme: criteria that each stay within the call
    /// budget still stop when together they exceed the programme's.
    @Test func theProgrammeBudgetCountsEveryCriterion() throws {
        let criteria = (1...5).map { i in
            "    { id = \"c\(i)\", text = \"C\", clause = \"1\", test = function(b, p) local n = 0 for i = 1, 1000000 do n = n + i end return n > 0 end },"
        }.joined(separator: "\n")
        let source = """
            return programme {
              id = "busy", title = "T", summary = "S", guidance = "G", open = { from = "2020-01-01" },
              criteria = {
            \(criteria)
              },
              award = { amount = function(b, p) return pounds(1) end, maximum = pounds(1) },
            }
            """
        let tight = try evaluator(["busy": source], limits: LuaLimits(instructionBudget: 5_000_000, programmeBudget: 6_000_000))
        let stopped = try tight.evaluate(small(), asOf: asOf)[0]
        #expect(stopped.outcome == .ruleError)
        #expect(stopped.diagnostic?.code == "budget")
        #expect(stopped.error?.contains("ran too long (an endless loop?) and was stopped") == true, "\(stopped.error ?? "")")
        let roomy = try evaluator(["busy": source], limits: LuaLimits(instructionBudget: 5_000_000, programmeBudget: 60_000_000))
        #expect(try roomy.evaluate(small(), asOf: asOf)[0].outcome == .eligible)
        #expect(LuaLimits(instructionBudget: 5, programmeBudget: 1).programmeBudget == 5)  // never below the call budget
    }

    @Test func onlyTheProgrammesAskedForAreEvaluated() throws {
        let engine = try evaluator(["a": programme("a", test: "return true"), "b": programme("b", test: "return true")])
        #expect(try engine.evaluate(small(), asOf: asOf, programmes: ["b"]).map(\.programme) == ["b"])
    }
}

/// The rule language's newer parts: any_of/all_of, criteria that need the award, subsidy control
/// as a library criterion, discretionary awards, sources, and texts rendered from parameters.
@Suite struct RuleLanguageTests {
    @Test func anyOfAndAllOfAreThreeValued() throws {
        let either = programme("either", test: "return any_of(function() return b.employees < 10 end, function() return b.turnover < pounds(100000) end)")
        let both = programme("both", test: "return all_of(function() return b.employees < 10 end, function() return b.turnover < pounds(100000) end)")
        let engine = try evaluator(["either": either, "both": both])
        func decide(_ text: String) throws -> [String: Decision] {
            Dictionary(uniqueKeysWithValues: try engine.evaluate(yamlFacts(text), asOf: asOf).map { ($0.programme, $0) })
        }
        // A true branch makes the other's missing fact moot for any_of; a false one for all_of.
        var d = try decide("employees: 3\n")
        #expect(d["either"]?.outcome == .eligible && d["either"]?.missing == [])
        #expect(d["both"]?.outcome == .needsInformation && d["both"]?.missing == ["turnover"])
        d = try decide("employees: 30\n")
        #expect(d["either"]?.outcome == .needsInformation && d["either"]?.missing == ["turnover"])
        #expect(d["both"]?.outcome == .ineligible && d["both"]?.missing == [])
        d = try decide("{}\n")
        #expect(d["either"]?.missing == ["employees", "turnover"] && d["both"]?.missing == ["employees", "turnover"])
        d = try decide("employees: 30\nturnover: 200000\n")
        #expect(d["either"]?.outcome == .ineligible && d["both"]?.outcome == .ineligible)
        d = try decide("employees: 3\nturnover: 2000\n")
        #expect(d["either"]?.outcome == .eligible && d["both"]?.outcome == .eligible)
        let bad = try evaluator(["bad": programme("bad", test: "local r = any_of(function() return 'yes' end) return r")]).evaluate(small(), asOf: asOf)[0]
        #expect(bad.error == "rules/bad.lua:7: a branch of any_of/all_of returned a string; it must return true, false or nil")
    }

    /// A helper that raises at its caller's level (any_of, all_of, on, applies, has) called in a
    /// tail call (`return any_of(...)`, the usual way to write a test) names the rule file and
    /// the line its test starts on (the tail call leaves no frame for the line itself), never
    /// the engine's own code.
    @Test
    func helperErrorsInATailCallNameTheRuleFile() throws {
        let engine = try evaluator([
            "bad": programme("bad", test: "return any_of(function() return 'yes' end)"),
            "onplain": programme("onplain", test: "return on(b.employees, p.today)"),
        ])
        let errors = Dictionary(uniqueKeysWithValues: try engine.evaluate(small(), asOf: asOf).map { ($0.programme, $0.error ?? "") })
        #expect(errors["bad"] == "rules/bad.lua:6: a branch of any_of/all_of returned a string; it must return true, false or nil")
        #expect(errors["onplain"] == "rules/onplain.lua:6: on(fact, day) needs a dated fact, e.g. on(b.premises.rateableValue, \"2020-03-11\")")
    }

    @Test func aCriterionCanNeedTheAward() throws {
        let source = """
            return programme {
              id = "capped", title = "T", summary = "S", guidance = "G", open = { from = "2020-01-01" },
              criteria = {
                { id = "small", text = "Small", clause = "1", test = function(b, p) return b.employees < 10 end },
                { id = "within-budget", text = "The award fits the budget", clause = "2", needs_award = true,
                  test = function(b, p, award) return award <= pounds(500) end },
              },
              award = { amount = function(b, p) return b.turnover // 10 end, maximum = pounds(1000) },
            }
            """
        let engine = try evaluator(["capped": source])
        let within = try engine.evaluate(yamlFacts("employees: 3\nturnover: 4000\n"), asOf: asOf, explain: true)[0]
        #expect(within.outcome == .eligible && within.award == .pounds(400))
        #expect(within.criteria?.map(\.id) == ["small", "within-budget"])
        let over = try engine.evaluate(yamlFacts("employees: 3\nturnover: 6000\n"), asOf: asOf)[0]
        #expect(over.outcome == .ineligible && over.failed == ["within-budget"] && over.award == nil)
        // It runs only once the others pass and the award is known.
        let unknown = try engine.evaluate(yamlFacts("employees: 3\n"), asOf: asOf)[0]
        #expect(unknown.outcome == .needsInformation && unknown.missing == ["turnover"])
        let failed = try engine.evaluate(yamlFacts("employees: 30\nturnover: 6000\n"), asOf: asOf)[0]
        #expect(failed.failed == ["small"])
    }

    @Test func subsidyControlIsALibraryCriterion() throws {
        let source = """
            local subsidy_control = require "subsidy_control"
            return programme {
              id = "grant", title = "T", summary = "S", guidance = "G", open = { from = "2020-01-01" },
              criteria = { subsidy_control.criterion() },
              award = { amount = function(b, p) return pounds(1000) end, maximum = pounds(1000) },
            }
            """
        let engine = try evaluator(["grant": source])
        let at = try AsOf(parsing: "2023-06-01")
        func decide(_ text: String) throws -> Decision { try engine.evaluate(yamlFacts(text), asOf: at)[0] }
        #expect(try decide("subsidies: []\n").outcome == .eligible)
        #expect(try decide("{}\n").missing == ["subsidies"])
        let prior = "subsidies:\n  - { amount: AMOUNT, currency: GBP, regime: minimalFinancialAssistance, date: 2022-05-01, scheme: Restart Grant }\n"
        #expect(try decide(prior.replacingOccurrences(of: "AMOUNT", with: "314000")).outcome == .eligible)  // exactly £315,000 is allowed
        #expect(try decide(prior.replacingOccurrences(of: "AMOUNT", with: "314000.01")).failed == ["subsidy-control"])
        // Subsidies before the window (1 April two financial years back) do not count.
        #expect(try decide(prior.replacingOccurrences(of: "AMOUNT", with: "314500").replacingOccurrences(of: "2022-05-01", with: "2021-03-31")).outcome == .eligible)
        let info = try #require(try engine.programmes().first)
        #expect(info.criteria.map(\.id) == ["subsidy-control"])
        #expect(info.criteria.first?.clause?.contains("Subsidy Control Act 2022 s.36 (Minimal Financial Assistance)") == true)
    }

    @Test func discretionaryAwardsAndRenderedTexts() throws {
        let source = """
            return programme {
              id = "council", title = "Council Grant up to {cap:pounds}",
              summary = "Trading before {start:day}, with fewer than {max_staff} staff and at most {units:number} units.",
              guidance = "G", sources = { "https://example.org/a.pdf", "https://example.org/b.pdf" },
              open = { from = "2020-01-01" },
              params = { cap = pounds(5000), start = "2020-03-01", max_staff = 50, units = 1234567 },
              criteria = {
                { id = "small", text = "Fewer than {max_staff} employees", clause = "1",
                  test = function(b, p) return b.employees < p.max_staff end },
              },
              award = { discretionary = "The council sets the amount, up to {cap:pounds}", maximum = pounds(5000) },
            }
            """
        let engine = try evaluator(["council": source])
        #expect(engine.problems == [])
        let decision = try engine.evaluate(small(), asOf: asOf)[0]
        #expect(decision.outcome == .eligible)
        #expect(decision.award == nil)
        #expect(decision.awardExplanation == "The council sets the amount, up to £5,000")
        let info = try #require(try engine.programmes(asOf: asOf).first)
        #expect(info.title == "Council Grant up to £5,000")
        #expect(info.summary == "Trading before 1 March 2020, with fewer than 50 staff and at most 1,234,567 units.")
        #expect(info.criteria.first?.text == "Fewer than 50 employees")
        #expect(info.discretionary == "The council sets the amount, up to £5,000")
        #expect(info.sources == ["https://example.org/a.pdf", "https://example.org/b.pdf"])
        #expect(info.maximum == .pounds(5000))
    }

    @Test(arguments: [
        (programme("x", test: "return true").replacingOccurrences(of: "text = \"A criterion\"", with: "text = \"Fewer than {max_staf}\""),
         "rules/x.lua:6: criterion \"c\"'s text names {max_staf}, which is not a parameter"),
        (programme("x", test: "return true", extra: "\n  params = { max_staff = 5 },").replacingOccurrences(of: "text = \"A criterion\"", with: "text = \"Fewer than {max_staf}\""),
         "rules/x.lua:7: criterion \"c\"'s text names {max_staf}, which is not a parameter; did you mean 'max_staff'?"),
        (programme("x", test: "return true", extra: "\n  params = { cap = 5 },").replacingOccurrences(of: "text = \"A criterion\"", with: "text = \"Up to {cap:euros}\""),
         "rules/x.lua:7: criterion \"c\"'s text: {name:euros} is not a format; use {name:pounds}, {name:day} or {name:number}"),
        (programme("y", test: "return true"),
         "rules/x.lua:1: id \"y\" differs from the file name x.lua; a programme's id is its file's name: write id = \"x\" or rename the file"),
        (programme("x", test: "return true").replacingOccurrences(of: "award = { amount = function(b, p) return pounds(100) end, maximum = pounds(1000) }",
                                                                  with: "award = { amount = function(b, p) return 1 end, discretionary = \"D\", maximum = pounds(1000) }"),
         "rules/x.lua:10: award has both amount and discretionary; a discretionary award has no amount to work out"),
        (programme("x", test: "return true").replacingOccurrences(of: "clause = \"1\",", with: "clause = \"1\", needs_award = 1,"),
         "rules/x.lua:6: criterion \"c\": needs_award must be true or false"),
    ])
    func declarationMistakes(source: String, message: String) throws {
        let engine = try evaluator(["x": source])
        let problem = try #require(engine.problems.first)
        #expect(problem.message == message)
        #expect(problem.diagnostic.code == "declaration")
        let decision = try engine.evaluate(small(), asOf: asOf)[0]
        #expect(decision.outcome == .ruleError)
        #expect(decision.diagnostic == problem.diagnostic)
    }

    @Test func ruleErrorsCarryADiagnostic() throws {
        let decision = try evaluator(["bad": programme("bad", test: "error('deliberate')")]).evaluate(small(), asOf: asOf)[0]
        #expect(decision.diagnostic == RuleDiagnostic(file: "rules/bad.lua", line: 7, code: "error", message: "deliberate"))
        #expect(decision.error == "rules/bad.lua:7: deliberate")
        let json = String(decoding: try JSONEncoder().encode(decision.diagnostic), as: UTF8.self)
        #expect(json.contains(#""code":"error""#) && json.contains(#""line":7"#))
    }
}
