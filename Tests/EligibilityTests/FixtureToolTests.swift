import Foundation
import Testing
@testable import Eligibility
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Two small programmes for the fixture tools, so these tests do not depend on the shipped ones.
let fixtureProgrammes: [String: String] = [
    "small-grant": """
        return programme {
          id = "small-grant", title = "Small Grant", summary = "A flat grant for small firms in Sefton or Wirral.",
          guidance = "Guidance", sources = { "https://example.org/small-grant" },
          open = { from = "2021-04-01", to = "2024-03-31" },
          params = { max_staff = 10, grant = pounds(2500) },
          criteria = {
            { id = "in-region", text = "Based in Sefton or Wirral", clause = "1.1",
              test = function(b, p) return b.address.localAuthority == "Sefton" or b.address.localAuthority == "Wirral" end },
            { id = "small", text = "Fewer than {max_staff} employees", clause = "1.2",
              test = function(b, p) return b.employees < p.max_staff end },
          },
          award = { amount = function(b, p) return p.grant, "A flat grant." end, maximum = pounds(2500) },
        }
        """,
    "other-grant": programme("other-grant", test: "return b.legalForm == 'charity'"),
]

/// A scratch rules directory with `fixtureProgrammes` (one edit applied, when given).
func fixtureRules(editing edit: (from: String, to: String)? = nil) throws -> URL {
    var programmes = fixtureProgrammes
    if let edit {
        #expect(programmes["small-grant"]!.contains(edit.from))
        programmes["small-grant"] = programmes["small-grant"]!.replacingOccurrences(of: edit.from, with: edit.to)
    }
    return try scratchRules(programmes)
}

func fixtureEvaluator() throws -> Evaluator {
    try Evaluator(rules: RuleBook(directory: fixtureRules(), displayName: "rules"))
}

private func parse(_ yaml: String, name: String = "fixtures/t.yaml") -> FixtureSet {
    FixtureLoader.parse(Data(yaml.utf8), displayName: name, directory: packageRoot.appendingPathComponent("fixtures"),
                        vocabulary: shippedVocabulary)
}

private let goodCase = """
- name: sole trader bakery
  as_of: 2021-06-01
  business:
    legalForm: soleTrader
    employees: 3
    address: { localAuthority: Sefton, deprivationDecile: 2 }
  expect:
    small-grant: { outcome: eligible, award: "£2,500.00" }
"""

@Suite("Fixture loader")
struct FixtureLoaderTests {
    @Test func readsACase() throws {
        let set = parse(goodCase)
        #expect(set.problems.isEmpty)
        let fixture = try #require(set.cases.first)
        #expect(fixture.name == "sole trader bakery")
        #expect(fixture.location == "fixtures/t.yaml:1")
        #expect(fixture.expectation(for: "small-grant")?.award == .amount(.pounds(2500)))
        #expect(fixture.business.value(at: "address.localAuthority") == .text("Sefton"))
    }

    @Test func awardsArePounds() throws {
        let text = goodCase.replacingOccurrences(of: #"award: "£2,500.00""#, with: "award: 2500")
        #expect(try #require(parse(text).cases.first).expectation(for: "small-grant")?.award == .amount(.pounds(2500)))
        let pence = goodCase.replacingOccurrences(of: #"award: "£2,500.00""#, with: "award: 2500.5")
        #expect(try #require(parse(pence).cases.first).expectation(for: "small-grant")?.award == .amount(Money(pence: 250_050)))
    }

    @Test func aProposalReplacesTheBusinesssOwn() throws {
        let yaml = """
        - name: with a proposal
          as_of: 2021-06-01
          business: { employees: 3, proposal: { hire: { age: 30 } } }
          proposal: { chargePoints: { sockets: 2 } }
          expect: { small-grant: needs-information }
        """
        let fixture = try #require(parse(yaml).cases.first)
        #expect(fixture.business.value(at: "proposal.chargePoints.sockets") == .integer(2))
        #expect(fixture.business.value(at: "proposal.hire") == nil)
    }

    @Test func jsonOfTheSameShapeHasLines() throws {
        let json = """
        [
          {
            "name": "json case",
            "as_of": "2021-06-01",
            "business": { "employees": 3 },
            "expect": { "start-up-grant": { "outcome": "bogus" } }
          }
        ]
        """
        let set = parse(json, name: "fixtures/t.json")
        let problem = try #require(set.problems.first)
        #expect(problem.line == 6)
        #expect(problem.message.contains("unknown outcome \"bogus\""))
    }

    @Test(arguments: [
        // (fixture text, expected line, expected words in the message)
        ("- name: a\n  as_of: 2021-06-01\n  busines: {}\n  expect: { x: eligible }\n", 3, "did you mean 'business'"),
        ("- name: a\n  as_of: 2021-02-30\n  business: {}\n  expect: { x: eligible }\n", 2, "2021-02-30"),
        ("- name: a\n  business: {}\n  expect: { x: eligible }\n", 1, "no `as_of:`"),
        ("- name: a\n  as_of: 2021-06-01\n  business:\n    employes: 3\n  expect: { x: eligible }\n", 4, "did you mean 'employees'"),
        ("- name: a\n  as_of: 2021-06-01\n  business: {}\n  expect:\n    x: { outcome: eligble }\n", 5, "did you mean 'eligible'"),
        ("- name: a\n  as_of: 2021-06-01\n  business: {}\n  expect:\n    x: { award: \"£3,000.005\" }\n", 5, "fractions of a penny"),
        ("- name: a\n  as_of: 2021-06-01\n  business: {}\n  expect:\n    x: { awrd: 5 }\n", 5, "did you mean 'award'"),
        ("- name: a\n  as_of: 2021-06-01\n  business: {}\n", 1, "checks nothing"),
        ("- name: a\n  as_of: 2021-06-01\n  business: { base: nope }\n  expect: { x: eligible }\n", 3, "no business named \"nope\""),
        ("- name: a\n  as_of: 2021-06-01\n  business: { file: businesses/none.yaml }\n  expect: { x: eligible }\n", 3, "no such business file"),
        ("- name: a\n  as_of: [2021\n", 3, "invalid YAML"),
        ("- name: a\n  as_of: 2021-06-01\n  business: {}\n  expect: { x: eligible }\n- name: a\n  as_of: 2021-06-01\n  business: {}\n  expect: { x: eligible }\n", 5, "already used on line 1"),
    ])
    func malformedFixturesNameTheLine(text: String, line: Int, words: String) throws {
        let set = parse(text)
        let problem = try #require(set.problems.first, "expected a problem for:\n\(text)")
        #expect(problem.file == "fixtures/t.yaml")
        #expect(problem.line == line, "\(problem)")
        #expect(problem.description.contains(words), "\(problem)")
    }

    @Test func oneBadCaseDoesNotStopTheOthers() {
        let set = parse(goodCase + "\n- name: bad\n  as_of: nope\n  business: {}\n  expect: { x: eligible }\n")
        #expect(set.cases.count == 1)
        #expect(set.problems.count == 1)
    }

    @Test func basesAndOverridesMergeAndNullMakesAFactUnknown() throws {
        let yaml = """
        businesses:
          shop: { employees: 3, address: { localAuthority: Wirral, deprivationDecile: 2 } }
        cases:
          - name: merged
            as_of: 2021-06-01
            business: { base: shop, address: { deprivationDecile: null, ruralUrban: rural } }
            expect: { small-grant: needs-information }
        """
        let fixture = try #require(parse(yaml).cases.first)
        #expect(fixture.business.value(at: "employees") == .integer(3))
        #expect(fixture.business.value(at: "address.localAuthority") == .text("Wirral"))
        #expect(fixture.business.value(at: "address.deprivationDecile") == nil)
        #expect(fixture.business.value(at: "address.ruralUrban") == .text("rural"))
    }
}

@Suite("Fixture runner, JUnit, coverage")
struct FixtureRunnerTests {
    static let mixed = goodCase + """

    - name: wrong award
      as_of: 2021-06-01
      business: { legalForm: soleTrader, employees: 3, address: { localAuthority: Sefton, deprivationDecile: 2 } }
      expect:
        small-grant: { award: 100, failed: [in-region] }
    - name: skipped <for now> & "quoted"
      as_of: 2021-06-01
      business: {}
      skip: waiting for guidance
    - name: unknown programme
      as_of: 2021-06-01
      business: {}
      expect: { smal-grant: eligible }
    """

    func results() throws -> [CaseResult] {
        let runner = try FixtureRunner(evaluator: fixtureEvaluator())
        return try FixtureSuite.run(parse(Self.mixed), runner: runner)
    }

    @Test func statusesAndDetails() throws {
        let results = try results()
        #expect(results.map(\.status) == [.pass, .fail, .skip, .error])
        let fail = results[1]
        #expect(Set(fail.mismatches.map(\.field)) == ["award", "failed"])
        #expect(fail.details.contains("award     expected £100.00, got £2,500.00"))
        #expect(fail.details.contains("pass    in-region"))
        let line = try #require(Self.mixed.components(separatedBy: "\n").firstIndex { $0.contains("smal-grant") }) + 1
        #expect(results[3].details.contains("fixtures/t.yaml:\(line): no programme 'smal-grant' in the rules; did you mean 'small-grant'?"))
        let summary = FixtureSuite.Summary(results)
        #expect(summary.line == "1 passed, 2 failed, 1 skipped")
    }

    @Test func filterAndTags() throws {
        let cases = parse(Self.mixed).cases
        #expect(try FixtureSuite.select(cases, .init(filter: "^wrong")).map(\.name) == ["wrong award"])
        #expect(try FixtureSuite.select(cases, .init(tags: ["none"])).isEmpty)
        #expect(throws: ValueError.self) { try FixtureSuite.select(cases, .init(filter: "(")) }
    }

    @Test func junitParsesBackAndCountsMatchTheSummary() throws {
        let results = try results()
        let text = JUnitReport.xml(results: results)
        let document = try XMLDocument(xmlString: text, options: [])
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        func count(_ name: String) -> Int { Int(root.attribute(forName: name)?.stringValue ?? "") ?? -1 }
        let summary = FixtureSuite.Summary(results)
        #expect(count("tests") == results.count)
        #expect(count("failures") + count("errors") == summary.failed)
        #expect(count("skipped") == summary.skipped)
        #expect(count("tests") - count("failures") - count("errors") - count("skipped") == summary.passed)
        let testcases = try root.nodes(forXPath: "//testcase") as? [XMLElement] ?? []
        #expect(testcases.count == results.count)
        #expect(testcases.contains { $0.attribute(forName: "name")?.stringValue == "skipped <for now> & \"quoted\"" })
        #expect(try root.nodes(forXPath: "//failure").count == 1)
        #expect(try root.nodes(forXPath: "//error").count == 1)
        #expect(try root.nodes(forXPath: "//skipped").count == 1)
    }

    @Test func coverageCountsOnlyCheckedDecisions() throws {
        let evaluator = try fixtureEvaluator()
        let runner = try FixtureRunner(evaluator: evaluator)
        let results = try FixtureSuite.run(parse(goodCase), runner: runner)
        let coverage = CriterionCoverage(programmes: try evaluator.programmes(), results: results)
        let inRegion = try #require(coverage.criteria.first { $0.programme == "small-grant" && $0.criterion == "in-region" })
        #expect(inRegion.pass == 1 && inRegion.gaps == [.fail, .unknown])
        // Other programmes were evaluated but not checked: they do not count.
        #expect(coverage.criteria.filter { $0.programme != "small-grant" }.allSatisfy { $0.pass + $0.fail + $0.unknown == 0 })
        #expect(coverage.criteria.contains { $0.programme == "other-grant" })
        #expect(coverage.programmes.first { $0.programme == "small-grant" }?.gaps == [.ineligible, .needsInformation, .closed])
        #expect(coverage.percentage < 100)
        #expect(coverage.table().contains("criterion coverage: "))
    }
}

@Suite("Rule diff")
struct RuleDiffTests {
    /// Fixture cases for `small-grant` around its staff limit, in a scratch fixtures folder.
    func cases() throws -> [FixtureCase] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eligible-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let text = """
            businesses:
              shop: { employees: 3, address: { localAuthority: Wirral } }
            cases:
            """ + "\n" + [3, 9, 10, 11, 40].map { staff in
            """
              - name: \(staff) employees
                as_of: 2021-06-01
                business: { base: shop, employees: \(staff) }
                expect: { small-grant: \(staff < 10 ? "eligible" : "ineligible") }
            """
        }.joined(separator: "\n") + "\n"
        try text.write(to: dir.appendingPathComponent("small.yaml"), atomically: true, encoding: .utf8)
        let set = FixtureLoader.load(paths: [dir.path], vocabulary: shippedVocabulary)
        #expect(set.problems.isEmpty, "\(set.problems)")
        #expect(set.cases.count == 5)
        return set.cases
    }

    @Test func oneThresholdEditListsExactlyTheAffectedCases() throws {
        let head = try fixtureRules(editing: ("max_staff = 10,", "max_staff = 11,"))
        defer { try? FileManager.default.removeItem(at: head) }
        let cases = try cases()
        let diff = try RuleDiff.compare(cases.map(DiffSubject.init), base: fixtureEvaluator(),
                                        head: Evaluator(rules: RuleBook(directory: head, displayName: "head")))
        #expect(diff.compared == cases.count)
        #expect(diff.decisionChanges.map(\.subject) == ["10 employees"])
        let change = try #require(diff.decisionChanges.first)
        #expect(change.programme == "small-grant")
        #expect(change.baseOutcome == .ineligible && change.headOutcome == .eligible)
        #expect(change.headAward == .pounds(2500))
        #expect(change.criteria.map(\.id) == ["small"])
        #expect(diff.report().contains("small: fail -> pass"))
        #expect(diff.report().hasSuffix("1 of \(cases.count) businesses change outcome or award (1 decision)"))
    }

    @Test func identicalRulesChangeNothing() throws {
        let cases = try cases()
        let diff = try RuleDiff.compare(cases.map(DiffSubject.init), base: fixtureEvaluator(), head: fixtureEvaluator())
        #expect(diff.compared == cases.count)
        #expect(diff.changes.isEmpty)
    }

    @Test func batchFileOfBusinesses() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("diff-\(UUID().uuidString).jsonl")
        try Data("{\"name\":\"A\",\"employees\":50}\n\n{\"name\":\"B\"}\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let subjects = try DiffSubject.batch(url, displayName: "b.jsonl", asOf: AsOf(parsing: "2022-06-01"), vocabulary: shippedVocabulary)
        #expect(subjects.map(\.location) == ["b.jsonl:1", "b.jsonl:3"])
        #expect(subjects.map(\.name) == ["A", "B"])
        #expect(subjects[0].business.value(at: "employees") == .integer(50))
        try Data("{\"name\":\"A\"}\n{\"name\":\"A\",\"employes\":50}\n".utf8).write(to: url)
        #expect {
            try DiffSubject.batch(url, displayName: "b.jsonl", asOf: AsOf(parsing: "2022-06-01"), vocabulary: shippedVocabulary)
        } throws: { error in
            (error as? InputErrors)?.errors.map(\.description) == ["b.jsonl:2: employes: the business has no fact 'employes'; did you mean 'employees'?"]
        }
    }
}
