import Eligibility
import Foundation
import Testing

/// The shipped rules' programmes as the library sees them (CLI output is checked against it, so
/// these tests do not depend on which programmes are shipped).
enum Shipped {
    static let rules = try! RuleBook(directory: CLI.root.appendingPathComponent("rules"), displayName: "rules")
    static var ids: [String] { rules.files.map(\.stem) }

    /// The library's advice for an example business, as `eligible check` builds it.
    static func advice(_ example: String, asOf text: String) throws -> Advice {
        let evaluator = try Evaluator(rules: rules)
        let asOf = try AsOf(parsing: text)
        let business = try BusinessFile.load(CLI.root.appendingPathComponent("examples").appendingPathComponent(example), vocabulary: rules.vocabulary)
        let decisions = try evaluator.evaluate(business, asOf: asOf, explain: true)
        return Advice(decisions: decisions, programmes: try evaluator.programmes(asOf: asOf), asOf: asOf, vocabulary: rules.vocabulary)
    }
}

/// End-to-end tests: run the built binary and check stdout, stderr and the exit code.
@Suite struct CheckCommandTests {
    @Test func mixedResultForMerseyVans() throws {
        let r = try CLI.run(["check", "examples/mersey-vans.yaml", "--as-of", "2021-06-01"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        let advice = try Shipped.advice("mersey-vans.yaml", asOf: "2021-06-01")
        let headings: [Decision.Outcome: String] = [.eligible: "Eligible\n", .needsInformation: "Needs information\n",
                                                    .ineligible: "Not eligible\n", .closed: "Closed\n", .ruleError: "Rule errors\n"]
        for (outcome, heading) in headings {
            #expect(r.stdout.contains(heading) == advice.programmes.contains { $0.outcome == outcome }, "\(heading)")
        }
        // Every programme, in the library's order, with its award when eligible.
        var rest = Substring(r.stdout)
        for entry in advice.programmes {
            let line = "\(entry.title) [\(entry.programme)]" + (entry.outcome == .eligible ? ": \(entry.award?.formatted ?? "no amount")" : "")
            let found = try #require(rest.range(of: line), "\(line)")
            rest = rest[found.upperBound...]
            if entry.outcome == .ineligible {
                let n = entry.failed.count
                #expect(rest.hasPrefix(": \(n) thing\(n == 1 ? "" : "s") would have to change\n"), "\(line)")
            }
            for failed in entry.failed { #expect(r.stdout.contains("      needs: \(failed.text)\n")) }
        }
        #expect(advice.programmes.count == Shipped.ids.count)
        if let last = advice.nextQuestions.last {
            #expect(r.stdout.hasSuffix("why: \(last.why)\n"))
        }
        #expect(!r.stdout.contains("\u{1B}["), "NO_COLOR output has no escape codes")
    }

    @Test func jsonIsStableAndDocumented() throws {
        let r = try CLI.run(["check", "examples/mersey-vans.yaml", "--as-of", "2021-06-01", "--format", "json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["asOf", "business", "engineVersion", "file", "nextQuestions", "programmes", "rulesDigest"])
        #expect(json["asOf"] as? String == "2021-06-01")
        let advice = try Shipped.advice("mersey-vans.yaml", asOf: "2021-06-01")
        let programmes = try #require(json["programmes"] as? [[String: Any]])
        #expect(programmes.map { $0["programme"] as? String } == advice.programmes.map(\.programme))
        #expect(programmes.map { $0["outcome"] as? String } == advice.programmes.map(\.outcome.rawValue))
        // Money is integer pence.
        #expect(programmes.map { $0["award"] as? Int } == advice.programmes.map { $0.award?.pence })
        let questions = try #require(json["nextQuestions"] as? [[String: Any]])
        #expect(questions.map { $0["fact"] as? String } == advice.nextQuestions.map(\.fact))
        // Question wording comes from the fact vocabulary.
        #expect(questions.map { $0["question"] as? String } == advice.nextQuestions.map(\.question))
        #expect(questions.allSatisfy { $0["question"] is String && $0["meaning"] is String })
    }

    @Test func markdown() throws {
        let r = try CLI.run(["check", "examples/rural-print.json", "--as-of", "2021-06-01", "--format", "markdown"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("# Halton Rural Print Ltd\n"))
        #expect(r.stdout.contains("## Next questions"))
    }

    /// Text, Markdown and JSON of `check` for the example businesses, as stored snapshots.
    @Test(arguments: ["text", "markdown", "json"])
    func snapshotsInEveryFormat(format: String) throws {
        let suffix = ["text": "txt", "markdown": "md", "json": "json"][format] ?? format
        for example in ["mersey-vans.yaml", "rural-print.json"] {
            let r = try CLI.run(["check", "examples/\(example)", "--as-of", "2021-06-01", "--format", format])
            #expect(r.status == 0)
            #expect(r.stderr == "")
            try expectSnapshot(r.stdout, named: "check-\(example.split(separator: ".")[0]).\(suffix)")
        }
    }

    /// Every question says why it is asked, with the money at stake, in every format; the
    /// questions come most money first.
    @Test func questionsAreRankedByMoneyAndSayWhy() throws {
        let advice = try Shipped.advice("kirkby-founder.yaml", asOf: "2021-06-01")
        let stakes = advice.nextQuestions.map { $0.atStake?.pence ?? 0 }
        #expect(stakes == stakes.sorted(by: >), "most money first: \(stakes)")
        #expect(advice.nextQuestions.count > 1)
        let text = try CLI.run(["check", "examples/kirkby-founder.yaml", "--as-of", "2021-06-01"])
        let markdown = try CLI.run(["check", "examples/kirkby-founder.yaml", "--as-of", "2021-06-01", "--format", "markdown"])
        let json = try CLI.run(["check", "examples/kirkby-founder.yaml", "--as-of", "2021-06-01", "--format", "json"])
        let questions = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["nextQuestions"] as? [[String: Any]])
        #expect(questions.map { $0["fact"] as? String } == advice.nextQuestions.map(\.fact))
        for (q, object) in zip(advice.nextQuestions, questions) {
            #expect(q.why.hasPrefix("It could settle "), "\(q.why)")
            #expect(text.stdout.contains("why: \(q.why)\n"))
            #expect(markdown.stdout.contains("Why: \(q.why)\n"))
            #expect(object["why"] as? String == q.why)
            #expect(object["atStake"] as? Int == q.atStake?.pence)
        }
    }

    /// Business-file questions talk pounds, as files are written, never pence.
    @Test func moneyQuestionsArePounds() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pounds-\(UUID().uuidString).yaml")
        try "name: Corner Cafe\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try CLI.run(["check", file.path, "--as-of", "2021-06-01"])
        #expect(r.status == 0)
        #expect(!r.stdout.lowercased().contains("pence"))
        let turnover = try #require(r.stdout.range(of: "[turnover]\n"), "turnover is asked for")
        #expect(r.stdout[turnover.upperBound...].hasPrefix("     means: Annual turnover in the last financial year (£)\n     answer: an amount in pounds"))
    }

    /// A closed programme says when it was, or will be, open, in words.
    @Test func closedProgrammesSayWhenTheyOpen() throws {
        let r = try CLI.run(["check", "examples/mersey-vans.yaml", "--as-of", "2021-06-01"])
        let advice = try Shipped.advice("mersey-vans.yaml", asOf: "2021-06-01")
        for entry in advice.programmes where entry.outcome == .closed {
            let line = try #require(r.stdout.split(separator: "\n").first { $0.contains("[\(entry.programme)]: ") }, "\(entry.programme)")
            let opens = try AsOf(parsing: entry.openFrom ?? "") > AsOf(parsing: "2021-06-01")
            #expect(line.contains(opens ? "]: will be open from " : "]: was open from "), "\(line)")
            #expect(line.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) == nil, "dates in words: \(line)")
        }
    }

    @Test func readsStdinAndFiltersProgrammes() throws {
        let yaml = try String(contentsOf: CLI.root.appendingPathComponent("examples/mersey-vans.yaml"), encoding: .utf8)
        let r = try CLI.run(["check", "-", "--as-of", "2021-06-01", "--programme", "kickstart"], stdin: yaml)
        #expect(r.status == 0)
        #expect(r.stdout.contains("Kickstart"))
        #expect(!r.stdout.contains("Plug-in Van Grant"))
    }

    @Test func typeErrorNamesTheFieldPath() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml")
        try Data("name: X\nfleet:\n  - kind: van\n    fuel: disel\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try CLI.run(["check", file.path, "--as-of", "2021-06-01"])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("\(file.path):4: fleet[0].fuel:"))
        #expect(r.stderr.contains("diesel"))
    }

    /// A business file with several mistakes gets all of them at once, one a line, in file
    /// order; past 20 the reader stops and says where.
    @Test func everyMistakeInTheFileAtOnce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mistakes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "name: X\nemployees: lots\nturnover: abc\nlegalForm: bogus\nemployes: 3\n".write(to: dir.appendingPathComponent("three.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", "three.yaml", "--as-of", "2021-06-01", "--rules", CLI.root.appendingPathComponent("rules").path], in: dir)
        #expect(r.status == 65)
        #expect(r.stdout == "")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.map { $0.split(separator: ":").prefix(3).joined(separator: ":") }
                == ["eligible: three.yaml:2", "eligible: three.yaml:3", "eligible: three.yaml:4", "eligible: three.yaml:5"], "\(r.stderr)")
        #expect(lines.first?.hasPrefix("eligible: three.yaml:2: employees: expected a whole number") == true)
        #expect(lines.last?.contains("employes: the business has no fact 'employes'; did you mean 'employees'?") == true)

        let many = "name: X\n" + (0..<25).map { "employes\($0): \($0)\n" }.joined()
        try many.write(to: dir.appendingPathComponent("many.yaml"), atomically: true, encoding: .utf8)
        let m = try CLI.run(["check", "many.yaml", "--as-of", "2021-06-01", "--rules", CLI.root.appendingPathComponent("rules").path], in: dir)
        #expect(m.status == 65)
        let reported = m.stderr.split(separator: "\n")
        #expect(reported.count == 21, "\(m.stderr)")
        #expect(reported.last == "eligible: many.yaml:22: stopped after 20 mistakes; the file was not checked from here on")
    }

    @Test func helpDocumentsEveryExitCode() throws {
        for command in [[], ["check"], ["interview"], ["explain"], ["programmes"], ["facts"], ["lint"], ["schema"], ["test"], ["diff"], ["batch"]] {
            let r = try CLI.run(command + ["--help"])
            #expect(r.status == 0)
            for code in ["0   success", "1   lint errors", "64  bad usage", "65  bad input data", "66  an input file", "70  internal error", "74  the output could not be written", "130 eligible batch stopped"] {
                #expect(r.stdout.contains(code), "\(command): \(code)")
            }
        }
    }

    @Test func missingFile() throws {
        let r = try CLI.run(["check", "no/such/business.json"])
        #expect(r.status == 66)
        #expect(r.stdout == "")
        #expect(r.stderr == "eligible: no/such/business.json: no such file\n")
    }

    @Test func unknownProgramme() throws {
        let r = try CLI.run(["check", "examples/mersey-vans.yaml", "--programme", "free-money"])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("unknown programme 'free-money'"))
        #expect(r.stderr.contains("plug-in-van-grant"))
    }

    @Test func badAsOfIsUsage() throws {
        let r = try CLI.run(["check", "examples/mersey-vans.yaml", "--as-of", "2021-02-30"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--as-of"))
    }

    @Test func ruleSyntaxErrorNamesFileAndLine() throws {
        let project = try CLI.copyOfRules()
        defer { try? FileManager.default.removeItem(at: project) }
        let broken = """
            return programme {
              id = "broken-one", title = "Broken", summary = "S", guidance = "G",
              open = { from = "2021-01-01" },
              params = {{{ oops
            }
            """
        try broken.write(to: project.appendingPathComponent("rules/broken-one.lua"), atomically: true, encoding: .utf8)
        let business = CLI.root.appendingPathComponent("examples/mersey-vans.yaml").path
        let r = try CLI.run(["check", business, "--as-of", "2021-06-01"], in: project)
        #expect(r.status == 0, "other programmes are still decided")
        #expect(r.stdout.contains("Rule errors\n  ! broken-one [broken-one]\n      rules/broken-one.lua:5: '}' expected (to close '{' at line 4) near <eof>\n"), "\(r.stdout)")
        #expect(r.stderr.contains("eligible: broken-one could not be decided: rules/broken-one.lua:5:"))
        for id in Shipped.ids { #expect(r.stdout.contains("[\(id)]"), "\(id) is decided") }
        #expect(r.stdout.contains(", 1 rule error\n"))

        let lint = try CLI.run(["lint"], in: project)
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("rules/broken-one.lua:5: error: '}' expected"))
        #expect(lint.stderr.contains("rules: 1 error"))
    }

    @Test func rulesFromEnvironment() throws {
        let r = try CLI.run(["check", "examples/mersey-vans.yaml"], environment: ["ELIGIBLE_RULES": "no-such-rules"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("no-such-rules: no such rules directory"))
    }
}

@Suite struct ExplainCommandTests {
    @Test func snapshots() throws {
        let cases: [(String, [String])] = [
            ("mersey-vans.yaml", ["plug-in-van-grant", "recovery-grant"]),
            ("rural-print.json", ["start-up-loans", "gigabit-voucher"]),
        ]
        for (example, programmes) in cases {
            let r = try CLI.run(["explain", "examples/\(example)", "--as-of", "2021-06-01"] + programmes.flatMap { ["--programme", $0] })
            #expect(r.status == 0)
            #expect(r.stderr == "")
            try expectSnapshot(r.stdout, named: "explain-\(example.split(separator: ".")[0]).txt")
        }
    }

    /// Markdown and JSON of `explain`, as stored snapshots.
    @Test(arguments: ["markdown", "json"])
    func snapshotsInOtherFormats(format: String) throws {
        let r = try CLI.run(["explain", "examples/mersey-vans.yaml", "--as-of", "2021-06-01", "--programme", "plug-in-van-grant",
                             "--programme", "restart-grant", "--format", format])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        try expectSnapshot(r.stdout, named: "explain-mersey-vans.\(format == "json" ? "json" : "md")")
        if format == "markdown" {
            #expect(r.stdout.contains("**Outcome:** eligible: "))
            #expect(!r.stdout.contains("**Outcome:** +"), "no stray mark in Markdown")
        }
    }

    /// Parameters that are money are shown in pounds, never as raw pence or Lua tables; the end
    /// of a list (`fleet[1]` of a one-vehicle fleet) is not shown as a fact read.
    @Test func parametersInPoundsAndNoListEnds() throws {
        let ids = Shipped.ids
        let r = try CLI.run(["explain", "examples/mersey-vans.yaml", "--as-of", "2021-06-01"] + ids.flatMap { ["--programme", $0] })
        #expect(r.status == 0)
        #expect(r.stdout.range(of: #"\[\d+\] = \(not given\)"#, options: .regularExpression) == nil, "no list-end probes")
        #expect(!r.stdout.contains(" = {"), "no Lua tables")
        var money = 0
        for programme in try Evaluator(rules: Shipped.rules).programmes(asOf: AsOf(parsing: "2021-06-01")) where programme.open == true {
            let found = MoneyParameters(programme)
            for parameter in programme.params where found.contains(parameter.name) {
                guard case .integer(let pence)? = parameter.value else { continue }
                #expect(r.stdout.contains("  \(parameter.name) = \(Money(pence: pence).formatted)"), "\(programme.id).\(parameter.name)")
                money += 1
            }
        }
        #expect(money > 10, "money parameters are recognised (\(money))")
    }

    @Test func needsAProgramme() throws {
        let r = try CLI.run(["explain", "examples/mersey-vans.yaml"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--programme"))
    }

    @Test func unknownProgramme() throws {
        let r = try CLI.run(["explain", "examples/mersey-vans.yaml", "--programme", "nope"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("known programmes: \(Shipped.ids.sorted().first ?? "")"))
    }

    @Test func json() throws {
        let ids = Shipped.ids
        let r = try CLI.run(["explain", "examples/mersey-vans.yaml", "--as-of", "2021-12-15T07:00", "--format", "json"] + ids.flatMap { ["--programme", $0] })
        #expect(r.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(list.map { $0["programme"] as? String } == ids, "in the order asked")
        let evaluator = try Evaluator(rules: Shipped.rules)
        let business = try BusinessFile.load(CLI.root.appendingPathComponent("examples/mersey-vans.yaml"), vocabulary: Shipped.rules.vocabulary)
        let decisions = try evaluator.evaluate(business, asOf: AsOf(parsing: "2021-12-15T07:00"), explain: true)
        for (entry, id) in zip(list, ids) {
            let decision = try #require(decisions.first { $0.programme == id })
            #expect(entry["award"] as? Int == decision.award?.pence, "\(id)")
            #expect((entry["criteria"] as? [Any])?.count == decision.criteria?.count, "\(id)")
            #expect(entry["asOf"] as? String == "2021-12-15T07:00")
        }
    }
}

@Suite struct ProgrammesCommandTests {
    @Test func listsOpenAndClosed() throws {
        let r = try CLI.run(["programmes", "--as-of", "2021-06-01"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout.contains("PROGRAMME"))
        #expect(r.stdout.contains("plug-in-van-grant"))
        let programmes = try Evaluator(rules: Shipped.rules).programmes(asOf: AsOf(parsing: "2021-06-01"))
        for programme in programmes {
            let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix(programme.id + " ") }, "\(programme.id)")
            #expect(line.contains(programme.open == true ? "open" : "closed"), "\(line)")
            #expect(line.contains("rules/\(programme.id).lua:\(programme.line)"), "\(line)")
        }
    }

    @Test func json() throws {
        let r = try CLI.run(["programmes", "--as-of", "2021-06-01", "--format", "json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == Shipped.ids.count)
        let programmes = try Evaluator(rules: Shipped.rules).programmes(asOf: AsOf(parsing: "2021-06-01"))
        for programme in programmes {
            let entry = try #require(list.first { $0["id"] as? String == programme.id }, "\(programme.id)")
            #expect(entry["open"] as? Bool == programme.open)
            #expect(entry["maximum"] as? Int == programme.maximum.pence)
            #expect(entry["file"] as? String == "rules/\(programme.id).lua")
            #expect(entry["sources"] as? [String] == programme.sources)
        }
    }

    /// Every programme prints the sources its figures come from, and the last line counts the
    /// open ones.
    @Test func everyProgrammeShowsItsSources() throws {
        let r = try CLI.run(["programmes", "--as-of", "2021-06-01"])
        let programmes = try Evaluator(rules: Shipped.rules).programmes(asOf: AsOf(parsing: "2021-06-01"))
        for programme in programmes {
            #expect(!programme.sources.isEmpty, "\(programme.id) names no source")
            for source in programme.sources { #expect(r.stdout.contains("  source: " + source), "\(programme.id): \(source)") }
        }
        let open = programmes.filter { $0.open == true }.count
        #expect(r.stdout.hasSuffix("\n\(open) of \(programmes.count) programmes are open at 2021-06-01.\n"))
    }

    /// With nothing open, the advisor is told which window was last and what to pass to --as-of.
    @Test func whenNoneIsOpenTheMostRecentWindowIsNamed() throws {
        let project = try CLI.copyOfRules()
        defer { try? FileManager.default.removeItem(at: project) }
        let rules = project.appendingPathComponent("rules")
        for file in try FileManager.default.contentsOfDirectory(atPath: rules.path)
        where file.hasSuffix(".lua") && !["small-business-grant-fund.lua", "restart-grant.lua"].contains(file) {
            try FileManager.default.removeItem(at: rules.appendingPathComponent(file))
        }
        let after = try CLI.run(["programmes", "--as-of", "2022-01-01", "--rules", "rules"], in: project)
        #expect(after.status == 0)
        #expect(after.stdout.hasSuffix("\nNo programme is open at 2022-01-01. The most recent window was restart-grant, "
            + "2021-04-01 to 2021-06-30: try --as-of 2021-06-30.\n"), "\(after.stdout)")
        let before = try CLI.run(["programmes", "--as-of", "2019-01-01", "--rules", "rules", "--format", "markdown"], in: project)
        #expect(before.stdout.hasSuffix("\nNo programme is open at 2019-01-01. The first to open is small-business-grant-fund, "
            + "from 2020-03-24: try --as-of 2020-03-24.\n"), "\(before.stdout)")
    }
}

@Suite struct LintCommandTests {
    @Test func shippedRulesHaveNoErrors() throws {
        let r = try CLI.run(["lint"])
        #expect(r.status == 0)
        #expect(!r.stdout.contains(": error:"))
        #expect(r.stderr.contains("rules: 0 errors"))
    }

    @Test func findsATypoInAFactName() throws {
        let project = try CLI.copyOfRules()
        defer { try? FileManager.default.removeItem(at: project) }
        try """
            return programme {
              id = "typo-check", title = "T", summary = "S", guidance = "G", sources = { "https://example.org" },
              open = { from = "2021-01-01" },
              criteria = {
                { id = "low-co2", text = "A low-emission van", clause = "1",
                  test = function(b, p)
                    return b.proposal.vehicle.co2GramsPerKM < 50
                  end },
              },
              award = { amount = function(b, p) return pounds(100) end, maximum = pounds(100) },
            }
            """.write(to: project.appendingPathComponent("rules/typo-check.lua"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["lint", "rules"], in: project)
        #expect(r.status == 1)
        #expect(r.stdout.contains("rules/typo-check.lua:7: error: criterion \"low-co2\" reads a fact the vocabulary does not have: proposal.vehicle has no fact 'co2GramsPerKM'; did you mean 'co2GramsPerKm'?"), "\(r.stdout)")
        #expect(r.stderr.contains("rules: 1 error"))
    }

    /// `lint` takes `--rules DIR` like the other commands (as well as the directory as an argument).
    @Test func lintTakesRulesLikeTheOtherCommands() throws {
        let project = try CLI.copyOfRules()
        defer { try? FileManager.default.removeItem(at: project) }
        let r = try CLI.run(["lint", "--rules", "rules"], in: project)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("rules: 0 errors"))
    }
}

@Suite struct SchemaCommandTests {
    @Test func jsonSchema() throws {
        let r = try CLI.run(["schema"])
        #expect(r.status == 0)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }

    @Test func luaMatchesTheShippedFile() throws {
        let r = try CLI.run(["schema", "--format", "lua"])
        #expect(r.status == 0)
        let shipped = try String(contentsOf: CLI.root.appendingPathComponent("rules/types/eligible.lua"), encoding: .utf8)
        #expect(r.stdout == shipped, "run: eligible schema --format lua > rules/types/eligible.lua")
        #expect(r.stdout == LuaAnnotations.document(Shipped.rules.vocabulary))
    }

    @Test func jsonSchemaIsTheGeneratorsOutput() throws {
        let r = try CLI.run(["schema", "--format", "json-schema"])
        #expect(r.status == 0)
        #expect(r.stdout == JSONSchema.document(Shipped.rules.vocabulary))
    }

    @Test func aBrokenVocabularyIsBadInput() throws {
        let project = try CLI.copyOfRules()
        defer { try? FileManager.default.removeItem(at: project) }
        let facts = project.appendingPathComponent("rules/facts.yaml")
        let text = try String(contentsOf: facts, encoding: .utf8)
        try text.replacingOccurrences(of: "    employees:\n      type: whole number\n", with: "    employees:\n      type: integer\n")
            .write(to: facts, atomically: true, encoding: .utf8)
        let line = try #require(text.components(separatedBy: "\n").firstIndex(of: "      type: whole number")) + 1
        for command in [["schema", "--rules", "rules"], ["check", CLI.root.appendingPathComponent("examples/mersey-vans.yaml").path, "--rules", "rules"]] {
            let r = try CLI.run(command, in: project)
            #expect(r.status == 65, "\(command)")
            #expect(r.stderr.hasPrefix("eligible: rules/facts.yaml:\(line): fact 'employees': type 'integer' is not a fact type; did you mean 'whole number'?"), "\(r.stderr)")
        }
        let lint = try CLI.run(["lint", "rules"], in: project)
        #expect(lint.status == 1)
        #expect(lint.stdout.hasPrefix("rules/facts.yaml:\(line): error: fact 'employees': type 'integer' is not a fact type"))
    }

    @Test func badFormatIsUsage() throws {
        let r = try CLI.run(["schema", "--format", "xml"])
        #expect(r.status == 64)
    }
}

@Suite struct HelpTests {
    @Test(arguments: ["check", "interview", "explain", "programmes", "facts", "lint", "schema", "test", "diff", "batch"])
    func everyCommandHasAnExampleAndExitCodes(command: String) throws {
        let r = try CLI.run([command, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Example:"))
        #expect(r.stdout.contains("65  bad input data"))
    }
}
