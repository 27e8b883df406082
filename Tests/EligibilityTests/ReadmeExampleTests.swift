import Foundation
import Testing
@testable import Eligibility

/// The README's annotated programme is real: it loads and decides like the shipped file.
@Suite struct ReadmeExampleTests {
    @Test func theAnnotatedProgrammeLoadsAndDecidesLikeTheShippedOne() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "A complete programme, annotated"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```lua\n"))
        let close = try #require(rest[open.upperBound...].range(of: "\n```"))
        let example = String(rest[open.upperBound..<close.lowerBound])

        let shipped = try String(contentsOf: repositoryRoot.appendingPathComponent("rules/small-business-grant-fund.lua"), encoding: .utf8)
        let documented = try Evaluator(rules: RuleBook(directory: scratchRules(["small-business-grant-fund": example]), displayName: "rules"))
        let real = try Evaluator(rules: RuleBook(directory: scratchRules(["small-business-grant-fund": shipped]), displayName: "rules"))
        #expect(documented.problems.isEmpty)
        // Every business and instant of the programme's fixtures, explained: the same decisions,
        // criterion by criterion, with the same reads, parameters and award explanations.
        let fixtures = FixtureLoader.load(paths: ["fixtures/small-business-grant-fund.yaml"], base: repositoryRoot,
                                          vocabulary: shippedVocabulary)
        #expect(fixtures.problems.isEmpty)
        #expect(fixtures.cases.count >= 10)
        for fixture in fixtures.cases {
            let a = try documented.evaluate(fixture.business, asOf: fixture.asOf, explain: true).map(strippingAudit)
            let b = try real.evaluate(fixture.business, asOf: fixture.asOf, explain: true).map(strippingAudit)
            #expect(a == b, "\(fixture.name)")
        }
        let eligible = try #require(fixtures.cases.first)
        #expect(try documented.evaluate(eligible.business, asOf: eligible.asOf)[0].award == .pounds(10000))
    }
}
