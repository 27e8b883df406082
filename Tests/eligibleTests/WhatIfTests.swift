import Eligibility
import Foundation
import Testing

/// `check --set PATH=VALUE` and `explain --set`: what-ifs on top of a business file.
@Suite struct WhatIfTests {
    /// The library's advice for Mersey Vans with these answers given, as `--set` gives them.
    static func advice(_ answers: [(String, String)]) throws -> Advice {
        var facts = try BusinessFile.load(CLI.root.appendingPathComponent("examples/mersey-vans.yaml"), vocabulary: Shipped.rules.vocabulary)
        for (path, text) in answers { try facts.answer(path, text: text) }
        let evaluator = try Evaluator(rules: Shipped.rules)
        let asOf = try AsOf(parsing: "2021-06-01")
        return Advice(decisions: try evaluator.evaluate(facts, asOf: asOf, explain: true), programmes: try evaluator.programmes(asOf: asOf),
                      asOf: asOf, vocabulary: Shipped.rules.vocabulary)
    }

    /// Each programme's outcome and award (pence), from the library's advice.
    static func outcomes(_ advice: Advice) -> [String: String] {
        Dictionary(uniqueKeysWithValues: advice.programmes.map { ($0.programme, "\($0.outcome.rawValue)/\($0.award.map { String($0.pence) } ?? "-")") })
    }

    /// Each programme's outcome and award (pence), from `check --format json`.
    static func outcomes(_ json: String) throws -> [String: String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let programmes = try #require(object["programmes"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: programmes.compactMap { p in
            (p["programme"] as? String).map { ($0, "\(p["outcome"] ?? "")/\(p["award"] ?? "-")") }
        })
    }

    @Test func setsFactsForOneRunOnly() throws {
        let answers = [("proposal.hire", "does not apply"), ("proposal.vehicle.priceExVat", "£10,000"), ("employees", "52")]
        let r = try CLI.run(["check", "examples/mersey-vans.yaml", "--as-of", "2021-06-01", "--format", "json"]
                            + answers.flatMap { ["--set", "\($0.0)=\($0.1)"] })
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.outcomes(r.stdout) == Self.outcomes(Self.advice(answers)))
        // The what-if changed something, and the file did not change.
        let plain = try CLI.run(["check", "examples/mersey-vans.yaml", "--as-of", "2021-06-01", "--format", "json"])
        #expect(try Self.outcomes(plain.stdout) != Self.outcomes(r.stdout))
        #expect(try Self.outcomes(plain.stdout) == Self.outcomes(Self.advice([])))
    }

    @Test func explainTakesThemToo() throws {
        let r = try CLI.run(["explain", "examples/mersey-vans.yaml", "--as-of", "2021-06-01", "--programme", "plug-in-van-grant",
                             "--set", "proposal.vehicle.priceExVat=10000"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("proposal.vehicle.priceExVat = £10,000.00"), "\(r.stdout)")
    }

    @Test func everyBadSetIsReportedNamingIt() throws {
        let r = try CLI.run(["check", "examples/mersey-vans.yaml", "--as-of", "2021-06-01",
                             "--set", "employees=lots", "--set", "employes=3", "--set", "turnover"])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(r.stderr)")
        #expect(lines[0].hasPrefix("eligible: --set 'employees=lots': employees: expected a whole number"), "\(lines[0])")
        #expect(lines[1].hasPrefix("eligible: --set 'employes=3': employes: the business has no fact 'employes'; did you mean 'employees'?"), "\(lines[1])")
        #expect(lines[2] == "eligible: --set 'turnover': write PATH=VALUE, e.g. employees=12 or premises.epcBand=C")
    }
}
