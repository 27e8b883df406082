import Foundation
import Testing
@testable import Eligibility
#if canImport(FoundationXML)
import FoundationXML
#endif

private func parse(_ yaml: String, name: String = "fixtures/t.yaml") -> FixtureSet {
    FixtureLoader.parse(Data(yaml.utf8), displayName: name, directory: packageRoot.appendingPathComponent("fixtures"))
}

private let goodCase = """
- name: sole trader bakery
  as_of: 2021-06-01
  business:
    legalForm: soleTrader
    tradingStartDate: 2020-06-01
    address: { localAuthority: Sefton, deprivationDecile: 2 }
    subsidies: []
  expect:
    start-up-grant: { outcome: eligible, award: "£2,500.00" }
"""

@Suite("Fixture loader")
struct FixtureLoaderTests {
    @Test func readsACase() throws {
        let set = parse(goodCase)
        #expect(set.problems.isEmpty)
        let fixture = try #require(set.cases.first)
        #expect(fixture.name == "sole trader bakery")
        #expect(fixture.location == "fixtures/t.yaml:1")
        #expect(fixture.expectation(for: "start-up-grant")?.award == .amount(.pounds(2500)))
        #expect(fixture.business.address?.localAuthority == "Sefton")
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
            expect: { start-up-grant: needs-information }
        """
        let fixture = try #require(parse(yaml).cases.first)
        #expect(fixture.business.employees == 3)
        #expect(fixture.business.address?.localAuthority == "Wirral")
        #expect(fixture.business.address?.deprivationDecile == nil)
        #expect(fixture.business.address?.ruralUrban == .rural)
    }
}

@Suite("Fixture runner, JUnit, coverage")
struct FixtureRunnerTests {
    static let mixed = goodCase + """

    - name: wrong award
      as_of: 2021-06-01
      business: { legalForm: soleTrader, tradingStartDate: 2020-06-01, address: { localAuthority: Sefton, deprivationDecile: 2 }, subsidies: [] }
      expect:
        start-up-grant: { award: 100, failed: [in-region] }
    - name: skipped <for now> & "quoted"
      as_of: 2021-06-01
      business: {}
      skip: waiting for guidance
    - name: unknown programme
      as_of: 2021-06-01
      business: {}
      expect: { start-up-grnat: eligible }
    """

    func results() throws -> [CaseResult] {
        let runner = try FixtureRunner(evaluator: realRulesEvaluator())
        return try FixtureSuite.run(parse(Self.mixed), runner: runner)
    }

    @Test func statusesAndDetails() throws {
        let results = try results()
        #expect(results.map(\.status) == [.pass, .fail, .skip, .error])
        let fail = results[1]
        #expect(Set(fail.mismatches.map(\.field)) == ["award", "failed"])
        #expect(fail.details.contains("award     expected £1.00, got £2,500.00"))
        #expect(fail.details.contains("pass    in-region"))
        #expect(results[3].details.contains("did you mean 'start-up-grant'"))
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
        let evaluator = try realRulesEvaluator()
        let runner = try FixtureRunner(evaluator: evaluator)
        let results = try FixtureSuite.run(parse(goodCase), runner: runner)
        let coverage = CriterionCoverage(programmes: try evaluator.programmes(), results: results)
        let inRegion = try #require(coverage.criteria.first { $0.programme == "start-up-grant" && $0.criterion == "in-region" })
        #expect(inRegion.pass == 1 && inRegion.gaps == [.fail, .unknown])
        // Other programmes were evaluated but not checked: they do not count.
        #expect(coverage.criteria.filter { $0.programme != "start-up-grant" }.allSatisfy { $0.pass + $0.fail + $0.unknown == 0 })
        #expect(coverage.programmes.first { $0.programme == "start-up-grant" }?.gaps == [.ineligible, .needsInformation, .closed])
        #expect(coverage.percentage < 100)
        #expect(coverage.table().contains("criterion coverage: "))
    }
}

@Suite("Rule diff")
struct RuleDiffTests {
    /// A copy of rules/ with one edit.
    func editedRules(_ file: String, _ from: String, _ to: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eligible-diff-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("rules"), to: dir)
        let url = dir.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(from))
        try text.replacingOccurrences(of: from, with: to).write(to: url, atomically: true, encoding: .utf8)
        return dir
    }

    @Test func oneThresholdEditListsExactlyTheAffectedFixtures() throws {
        let head = try editedRules("clean-vehicle-switch.lua", "max_employees = 50,", "max_employees = 51,")
        defer { try? FileManager.default.removeItem(at: head) }
        let cases = FixtureSuite.allCases(in: "fixtures", root: packageRoot)
        let diff = try RuleDiff.compare(cases.map(DiffSubject.init), base: realRulesEvaluator(),
                                        head: Evaluator(rules: RuleBook(directory: head, displayName: "head")))
        #expect(diff.compared == cases.count)
        #expect(diff.decisionChanges.map(\.subject) == ["50 employees is not fewer than 50"])
        let change = try #require(diff.decisionChanges.first)
        #expect(change.programme == "clean-vehicle-switch")
        #expect(change.baseOutcome == .ineligible && change.headOutcome == .eligible)
        #expect(change.headAward == .pounds(4000))
        #expect(change.criteria.map(\.id) == ["small-firm", "subsidy-control"])
        #expect(diff.report().contains("small-firm: fail -> pass"))
        #expect(diff.report().hasSuffix("1 of \(cases.count) businesses change outcome or award (1 decision)"))
    }

    @Test func identicalRulesChangeNothing() throws {
        let cases = Array(FixtureSuite.allCases(in: "fixtures", root: packageRoot).prefix(20))
        let diff = try RuleDiff.compare(cases.map(DiffSubject.init), base: realRulesEvaluator(), head: realRulesEvaluator())
        #expect(diff.changes.isEmpty)
    }

    @Test func batchFileOfBusinesses() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("diff-\(UUID().uuidString).jsonl")
        try Data("{\"name\":\"A\",\"employees\":50}\n\n{\"name\":\"B\"}\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let subjects = try DiffSubject.batch(url, displayName: "b.jsonl", asOf: AsOf(parsing: "2022-06-01"))
        #expect(subjects.map(\.location) == ["b.jsonl:1", "b.jsonl:3"])
        try Data("{\"name\":\"A\",\"employes\":50}\n".utf8).write(to: url)
        #expect(throws: InputError.self) { try DiffSubject.batch(url, displayName: "b.jsonl", asOf: AsOf(parsing: "2022-06-01")) }
    }
}
