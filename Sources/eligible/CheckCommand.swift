import ArgumentParser
import Eligibility
import Foundation

/// `eligible check FILE`: every programme's decision for one business, best first, with what to
/// ask next.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Which programmes can this business get, how much, and why not the others?",
        discussion: """
            Decides every programme (or those named with --programme) for the business in FILE \
            (JSON or YAML; '-' reads stdin) and prints them best first: eligible with the award, \
            needs-information with exactly what to ask, not eligible with each failed criterion \
            and the business's actual values, closed, rule errors. It ends with the next \
            questions: the missing facts ranked by the money they could settle (the largest \
            award of the programmes each could decide), each with why it is asked. --set gives a \
            fact another value for this run (a what-if), read like a value in the file.

            Example:
              eligible check examples/mersey-vans.yaml --as-of 2021-06-01
              eligible check examples/mersey-vans.yaml --as-of 2021-06-01 --set employees=52 --set proposal.hire='does not apply'
              eligible check business.json --programme recovery-grant --format json

            \(ExitCode.documentation)
            """
    )

    @Argument(help: "The business file (JSON or YAML, optionally with its proposal); '-' reads stdin.")
    var file: String

    @OptionGroup var asOf: AsOfOption
    @OptionGroup var only: ProgrammeFilter
    @OptionGroup var rules: RulesOption
    @OptionGroup var whatIf: WhatIfOption

    @Option(name: .long, help: "Output format: text (for people), json (stable, documented in the README) or markdown.")
    var format: ReportFormat = .text

    func validate() throws {
        _ = try asOf.instant()
    }

    func run() throws {
        try runCommand {
            let session = try Session(rules: rules, asOf: asOf)
            var business = try loadBusiness(file, vocabulary: session.evaluator.vocabulary)
            try whatIf.apply(to: &business)
            let selection = try only.selection(known: session.knownIds)
            let decisions = try session.evaluator.evaluate(business, asOf: session.asOf, programmes: selection, explain: true)
            let advice = Advice(decisions: decisions, programmes: session.programmes, asOf: session.asOf, vocabulary: session.evaluator.vocabulary)
            let name = Output.businessName(business, file: file)
            switch format {
            case .json: try Output.write(try Output.json(CheckJSON(business: name, file: file, advice: advice)) + "\n")
            case .text: try Output.write(CheckText.text(advice, name: name, asOf: session.asOf, vocabulary: session.evaluator.vocabulary))
            case .markdown: try Output.write(CheckText.markdown(advice, name: name, asOf: session.asOf, vocabulary: session.evaluator.vocabulary))
            }
            for entry in advice.programmes where entry.outcome == .ruleError {
                Terminal.error("\(entry.programme) could not be decided: \(entry.error ?? "its rule script failed"); run `eligible lint`")
            }
        }
    }
}

/// The JSON of `eligible check`: the business's name and file, then the advice.
struct CheckJSON: Encodable {
    var business: String
    var file: String
    var advice: Advice

    func encode(to encoder: any Encoder) throws {
        try advice.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(business, forKey: .business)
        try container.encode(file, forKey: .file)
    }

    enum Key: String, CodingKey { case business, file }
}
