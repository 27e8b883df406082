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

        let shipped = try String(contentsOf: repositoryRoot.appendingPathComponent("rules/plug-in-van-grant.lua"), encoding: .utf8)
        let documented = try Evaluator(rules: RuleBook(directory: scratchRules(["plug-in-van-grant": example]), displayName: "rules"))
        let real = try Evaluator(rules: RuleBook(directory: scratchRules(["plug-in-van-grant": shipped]), displayName: "rules"))
        #expect(documented.problems.isEmpty)
        let van = try exampleBusiness("mersey-vans.yaml")
        for instant in ["2021-06-01", "2021-12-15T06:59", "2021-12-15T07:00", "2022-04-01", "2025-04-01"] {
            let at = try AsOf(parsing: instant)
            for business in [van, BusinessFacts(vocabulary: shippedVocabulary)] {
                let a = try documented.evaluate(business, asOf: at, explain: true).map(strippingAudit)
                let b = try real.evaluate(business, asOf: at, explain: true).map(strippingAudit)
                #expect(a == b, "\(instant)")
            }
        }
        #expect(try documented.evaluate(van, asOf: AsOf(parsing: "2021-06-01"))[0].award == .pounds(6000))
    }
}

/// A decision without the rules digest, which differs between rule directories by design.
func strippingAudit(_ decision: Decision) -> Decision {
    var decision = decision
    decision.rulesDigest = ""
    return decision
}
