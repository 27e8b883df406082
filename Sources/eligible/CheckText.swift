import Eligibility

/// Renders `eligible check`'s advice as text or Markdown, in words an advisor can read aloud:
/// what each eligible programme pays and how, what to ask for the undecided ones, what would have
/// to change for the ineligible ones, when the closed ones were or will be open, and the next
/// questions with why each is worth asking.
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

    /// "1 thing would have to change", "3 things would have to change".
    static func changeCount(_ entry: Advice.Entry) -> String {
        let n = entry.failed.count
        return "\(n) \(n == 1 ? "thing" : "things") would have to change"
    }

    /// What an answer to `question` looks like, as `--set` and the interview take it.
    static func answerForm(_ question: NextQuestions.Question, _ vocabulary: Vocabulary) -> String? {
        vocabulary.fact(atPath: question.fact).map(BusinessFacts.answerForm(for:))
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
                out += ": \(changeCount(entry))\n"
                for criterion in entry.failed {
                    out += "      needs: \(criterion.text)\n"
                    for read in Output.shown(criterion.reads) { out += "        " + Output.dim("has: " + Output.has(read, vocabulary)) + "\n" }
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
            out += "  \(i + 1). \(q.question ?? q.fact) [\(q.fact)]\n"
            let indent = String(repeating: " ", count: "  \(i + 1). ".count)
            if let meaning = q.meaning { out += indent + "means: \(meaning)" + (q.facts.map { "; its facts: \($0.joined(separator: ", "))" } ?? "") + "\n" }
            if let form = answerForm(q, vocabulary) { out += indent + Output.dim("answer: \(form)") + "\n" }
            out += indent + "why: \(q.why)\n"
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
                out += "- **\(entry.title)** (`\(entry.programme)`): \(changeCount(entry))\n"
                for criterion in entry.failed {
                    let reads = Output.shown(criterion.reads).map { Output.has($0, vocabulary) }
                    out += "  - needs: \(criterion.text)" + (reads.isEmpty ? "" : "; has: \(reads.joined(separator: "; "))") + "\n"
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
            out += "\(i + 1). **\(q.question ?? q.fact)** (`\(q.fact)`)" + (q.meaning.map { ": \($0)." } ?? "")
                + (answerForm(q, vocabulary).map { " Answer: \($0)." } ?? "") + " Why: \(q.why)\n"
        }
        return out
    }
}
