import Eligibility

/// What the interview prints: the opening, each question with why it is asked, what an answer
/// recorded and changed, and how it ended.
enum InterviewText {
    /// The first lines: whose interview, as at when, and the replies there are.
    static func opening(name: String?, file: String?, advice: Advice) -> String {
        let who = name.map { "\($0)" + (file.map { " (\($0))" } ?? "") } ?? file ?? "a new business"
        return Output.bold("Interview: \(who) as at \(advice.asOf)") + "\n"
            + "Answer each question, or type: skip (don't know), n/a (does not apply), back, quit or help.\n"
            + "\nSo far: \(CheckText.summary(advice))\n"
    }

    /// One question: what to ask, what it means, what a valid answer looks like and why it is asked.
    static func question(_ q: NextQuestions.Question, number: Int, facts: BusinessFacts) -> String {
        var out = "\n" + Output.bold("Question \(number)") + " " + Output.dim("[\(q.fact)]") + "\n"
        out += "  \(q.question ?? q.fact)\n"
        if let meaning = q.meaning { out += "  means:  \(meaning)" + (q.facts.map { "; its facts: \($0.joined(separator: ", "))" } ?? "") + "\n" }
        if let definition = try? facts.definition(at: q.fact) { out += "  answer: \(BusinessFacts.answerForm(for: definition))\n" }
        if !q.why.isEmpty { out += "  why:    \(q.why)\n" }
        return out
    }

    /// What was recorded for `path` and what it changed, then where things stand.
    static func recorded(_ path: String, changes: [Advice.Change], advice: Advice, facts: BusinessFacts) -> String {
        var out = "  Recorded \(path): \(value(at: path, in: facts)).\n"
        if changes.isEmpty {
            out += "  Nothing changed yet.\n"
        } else {
            out += "  What changed:\n"
            for change in changes {
                out += "    \(Output.mark(change.after.outcome)) \(change.title): "
                    + (change.before.map(outcome) ?? "not decided") + (Terminal.styled ? " → " : " -> ") + outcome(change.after) + "\n"
            }
        }
        return out + "  Now: \(CheckText.summary(advice))\n"
    }

    /// An answer as recorded: `52`, `£38,000.00`, `does not apply`, `none`, `yes (its questions come next)`.
    static func value(at path: String, in facts: BusinessFacts) -> String {
        guard let value = facts.value(at: path) else { return "not known" }
        let definition = try? facts.definition(at: path)
        switch value {
        case .notApplicable: return "does not apply"
        case .record: return "yes (its questions come next)"
        case .list(let items) where definition?.type.recordType != nil:
            return items.isEmpty ? "none" : "\(items.count) (their questions come next)"
        default: return value.displayed(as: definition?.type)
        }
    }

    /// An outcome in words: `eligible, £5,764.00`, `not eligible (needs: The building is a home)`.
    static func outcome(_ entry: Advice.Entry) -> String {
        switch entry.outcome {
        case .eligible: return "eligible, " + (entry.award?.formatted ?? "no amount")
        case .needsInformation: return "needs information"
        case .ineligible:
            guard let first = entry.failed.first else { return "not eligible" }
            return "not eligible (needs: \(first.text)" + (entry.failed.count > 1 ? ", and \(entry.failed.count - 1) more" : "") + ")"
        case .closed: return "closed"
        case .ruleError: return "rule error"
        }
    }

    /// Why the interview stopped asking.
    static func ending(quit: Bool, open: Int, skipped: Set<String>) -> String {
        if quit { return "\nStopped with \(open) question\(open == 1 ? "" : "s") still open.\n" }
        if !skipped.isEmpty {
            return "\nNo more questions: the rest were answered \"don't know\" (\(skipped.sorted().joined(separator: ", "))).\n"
        }
        return "\nNo more questions: every programme is decided.\n"
    }
}
