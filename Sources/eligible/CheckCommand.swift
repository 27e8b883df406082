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
            questions: the missing facts ranked by how many undecided programmes each would settle.

            Example:
              eligible check examples/mersey-vans.yaml --as-of 2021-06-01
              eligible check business.json --programme recovery-grant --format json

            \(ExitCode.documentation)
            """
    )

    @Argument(help: "The business file (JSON or YAML, optionally with its proposal); '-' reads stdin.")
    var file: String

    @OptionGroup var asOf: AsOfOption
    @OptionGroup var only: ProgrammeFilter
    @OptionGroup var rules: RulesOption

    @Option(name: .long, help: "Output format: text (for people), json (stable, documented in the README) or markdown.")
    var format: ReportFormat = .text

    func validate() throws {
        _ = try asOf.instant()
    }

    func run() throws {
        try runCommand {
            let session = try Session(rules: rules, asOf: asOf)
            let business = try loadBusiness(file, vocabulary: session.evaluator.vocabulary)
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

/// Renders `eligible check`'s advice as text or Markdown.
enum CheckText {
    /// "2 eligible, 1 needs information, ..."
    static func summary(_ advice: Advice) -> String {
        let counts = Dictionary(grouping: advice.programmes, by: \.outcome).mapValues(\.count)
        return Decision.Outcome.allCases.sorted { Advice.rank($0) < Advice.rank($1) }.compactMap { outcome in
            guard let n = counts[outcome] else { return nil }
            switch outcome {
            case .eligible: return "\(n) eligible"
            case .needsInformation: return "\(n) \(n == 1 ? "needs" : "need") information"
            case .ineligible: return "\(n) not eligible"
            case .closed: return "\(n) closed"
            case .ruleError: return "\(n) rule \(n == 1 ? "error" : "errors")"
            }
        }.joined(separator: ", ")
    }

    static func text(_ advice: Advice, name: String, asOf: AsOf, vocabulary: Vocabulary) -> String {
        var out = Output.bold("\(name)") + " as at \(advice.asOf): \(summary(advice))\n"
        var section: Decision.Outcome?
        for entry in advice.programmes {
            if entry.outcome != section {
                section = entry.outcome
                out += "\n" + Output.bold(Output.heading(entry.outcome)) + "\n"
            }
            out += "  \(Output.mark(entry.outcome)) \(entry.title) [\(entry.programme)]"
            switch entry.outcome {
            case .eligible:
                out += ": " + Output.bold(entry.award?.formatted ?? "no amount") + (entry.awardCapped == true ? " (capped at the maximum)" : "") + "\n"
                if let how = entry.awardExplanation { out += "      \(Terminal.printable(how))\n" }
            case .needsInformation:
                out += "\n"
                for question in entry.missing {
                    out += "      ask: \(question.fact)" + (question.meaning.map { " (\($0))" } ?? "") + "\n"
                    if let facts = question.facts { out += "        " + Output.dim("facts: " + facts.joined(separator: ", ")) + "\n" }
                }
            case .ineligible:
                out += "\n"
                for criterion in entry.failed {
                    out += "      failed: \(criterion.text)\n"
                    let reads = criterion.reads.map { Output.read($0, vocabulary) }
                    if !reads.isEmpty { out += "        " + Output.dim("has: " + reads.joined(separator: "; ")) + "\n" }
                }
            case .closed:
                out += ": " + Output.closedNote(from: entry.openFrom, to: entry.openTo, asOf: asOf) + "\n"
            case .ruleError:
                out += "\n      \(entry.error ?? "the rule script failed")\n"
            }
        }
        out += "\n" + Output.bold("Next questions") + "\n"
        if advice.nextQuestions.isEmpty {
            out += "  none: every programme checked is decided\n"
        }
        for (i, q) in advice.nextQuestions.enumerated() {
            out += "  \(i + 1). \(q.fact)" + (q.meaning.map { ": \($0)" } ?? "") + "\n"
            if let facts = q.facts { out += "     facts: \(facts.joined(separator: ", "))\n" }
            let n = q.programmes.count
            out += "     " + Output.dim("would help settle \(n) programme\(n == 1 ? "" : "s"): \(q.programmes.joined(separator: ", "))") + "\n"
        }
        return out
    }

    static func markdown(_ advice: Advice, name: String, asOf: AsOf, vocabulary: Vocabulary) -> String {
        var out = "# \(name)\n\nAs at \(advice.asOf): \(summary(advice)).\n"
        var section: Decision.Outcome?
        for entry in advice.programmes {
            if entry.outcome != section {
                section = entry.outcome
                out += "\n## \(Output.heading(entry.outcome))\n\n"
            }
            switch entry.outcome {
            case .eligible:
                out += "- **\(entry.title)** (`\(entry.programme)`): **\(entry.award?.formatted ?? "no amount")**"
                    + (entry.awardExplanation.map { ". \(Terminal.printable($0))" } ?? "") + "\n"
            case .needsInformation:
                out += "- **\(entry.title)** (`\(entry.programme)`): ask for "
                    + entry.missing.map { "`\($0.fact)`" + ($0.meaning.map { " (\($0))" } ?? "") }.joined(separator: ", ") + "\n"
            case .ineligible:
                out += "- **\(entry.title)** (`\(entry.programme)`)\n"
                for criterion in entry.failed {
                    let reads = criterion.reads.map { "`\(Output.read($0, vocabulary))`" }
                    out += "  - failed: \(criterion.text)" + (reads.isEmpty ? "" : " (has \(reads.joined(separator: ", ")))") + "\n"
                }
            case .closed:
                out += "- **\(entry.title)** (`\(entry.programme)`): \(Output.closedNote(from: entry.openFrom, to: entry.openTo, asOf: asOf))\n"
            case .ruleError:
                out += "- **\(entry.title)** (`\(entry.programme)`): `\(entry.error ?? "the rule script failed")`\n"
            }
        }
        out += "\n## Next questions\n\n"
        if advice.nextQuestions.isEmpty { out += "None: every programme checked is decided.\n" }
        for (i, q) in advice.nextQuestions.enumerated() {
            out += "\(i + 1). `\(q.fact)`" + (q.meaning.map { ": \($0)" } ?? "")
                + " (would help settle \(q.programmes.map { "`\($0)`" }.joined(separator: ", ")))\n"
        }
        return out
    }
}
