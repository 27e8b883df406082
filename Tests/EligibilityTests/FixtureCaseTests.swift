import Foundation
import Testing
@testable import Eligibility

/// The package root, found from this file's path (Tests/EligibilityTests/FixtureCaseTests.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// An evaluator over the real rules/ (one per test: evaluators are not Sendable).
func realRulesEvaluator() throws -> Evaluator {
    try Evaluator(rules: RuleBook(directory: packageRoot.appendingPathComponent("rules"), displayName: "rules"))
}

/// Every case in fixtures/ is its own test, named `fixtures/FILE.yaml:LINE name`.
@Suite("Fixture cases")
struct FixtureCaseTests {
    @Test("fixture case", arguments: FixtureSuite.allCases(in: "fixtures", root: packageRoot, vocabulary: shippedVocabulary))
    func fixtureCase(_ fixture: FixtureCase) throws {
        let runner = try FixtureRunner(evaluator: realRulesEvaluator())
        let result = runner.run(fixture)
        #expect(result.status == .pass || result.status == .skip, "\(result.location) \(result.name)\n\(result.details)")
    }

    @Test("every fixture file loads, and there are at least 80 cases")
    func fixturesLoad() {
        let set = FixtureLoader.load(paths: ["fixtures"], base: packageRoot, vocabulary: shippedVocabulary)
        #expect(set.problems.isEmpty, "\(set.problems.map(\.description).joined(separator: "\n"))")
        #expect(set.cases.count >= 80)
    }

    @Test("criterion coverage of the suite is 100%")
    func fullCoverage() throws {
        let evaluator = try realRulesEvaluator()
        let runner = try FixtureRunner(evaluator: evaluator)
        let set = FixtureLoader.load(paths: ["fixtures"], base: packageRoot, vocabulary: evaluator.vocabulary)
        let results = try FixtureSuite.run(set, runner: runner)
        let coverage = CriterionCoverage(programmes: try evaluator.programmes(), results: results)
        #expect(coverage.covered == coverage.total, "\(coverage.table(gapsOnly: true))")
        #expect(coverage.programmes.count == evaluator.rules.files.count)
    }
}

extension FixtureCase: CustomTestStringConvertible {
    public var testDescription: String { description }
}
