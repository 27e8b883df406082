import Foundation
import Eligibility
let evaluator = try Evaluator(rules: RuleBook(directory: URL(fileURLWithPath: "rules"), displayName: "rules"))
for p in evaluator.problems { print("PROBLEM", p) }
for file in CommandLine.arguments.dropFirst(2) {
    let b = try BusinessFile.load(URL(fileURLWithPath: file))
    for d in try evaluator.evaluate(b, asOf: AsOf(parsing: CommandLine.arguments[1]), explain: true) {
        print(d.programme, d.outcome.rawValue, d.award?.formatted ?? "", d.failed, d.missing, d.error ?? "", d.awardExplanation ?? "")
    }
}
