import ArgumentParser
import Eligibility
import Foundation

/// `eligible interview [FILE]`: asks the business owner, one question at a time, what would
/// settle the most money, re-deciding after every answer.
struct InterviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interview",
        abstract: "Ask a business, question by question, what would settle the most money, re-deciding after each answer.",
        discussion: """
            Decides every programme for the business in FILE (JSON or YAML; with no FILE, a new \
            business with nothing known), then asks the most valuable open question: what it \
            means, what a valid answer looks like, and why it is asked (the programmes it could \
            settle and the money at stake). Each answer is checked against the fact vocabulary \
            at once (an invalid one is asked again, with what is wrong), every programme is \
            decided again, and what changed is shown. Replies: an answer; skip (don't know); \
            n/a (does not apply); back (undo the last reply); quit; help; PATH = VALUE for any \
            fact.

            At the end (no questions left, quit, or the end of the input) the answers are saved \
            and the result is printed as `eligible check` prints it. FILE itself is not changed \
            unless --save is given: the answers go to --out, else to FILE.interview.yaml beside \
            it (a .json FILE gives .interview.json), else new-business.yaml; that file is \
            overwritten. Ctrl-C stops without saving.

            Replies are read line by line from standard input: a person at a terminal, or a \
            script through a pipe (each reply is then echoed, so the output reads as a transcript).

            Example:
              eligible interview examples/mersey-vans.yaml --as-of 2021-06-01
              eligible interview --as-of 2021-06-01 --out corner-cafe.yaml
              printf '3\\nn/a\\nskip\\nquit\\n' | eligible interview examples/kirkby-founder.yaml --out answers.yaml

            \(ExitCode.documentation)
            """
    )

    @Argument(help: "The business file (JSON or YAML); none starts a new business with nothing known.")
    var file: String?

    @Option(name: .long, help: "Save the answers to this file (YAML, or JSON when it ends in .json).")
    var out: String?

    @Flag(name: .long, help: "Save the answers back to FILE itself (its comments are not kept).")
    var save = false

    @OptionGroup var asOf: AsOfOption
    @OptionGroup var only: ProgrammeFilter
    @OptionGroup var rules: RulesOption

    func validate() throws {
        _ = try asOf.instant()
        if save && out != nil { throw ValidationError("give --save (write FILE) or --out FILE, not both") }
        if save && file == nil { throw ValidationError("--save writes the answers back to FILE; a new business needs --out FILE") }
        if file == "-" { throw ValidationError("the answers are read from standard input, so the business must come from a file (or give none to start a new one)") }
    }

    func run() throws {
        try runCommand {
            let session = try Session(rules: rules, asOf: asOf)
            let vocabulary = session.evaluator.vocabulary
            let facts = try file.map { try loadBusiness($0, vocabulary: vocabulary) } ?? BusinessFacts(vocabulary: vocabulary)
            let selection = try only.selection(known: session.knownIds)
            let destination = self.destination
            var interview = try Interview(facts: facts, evaluator: session.evaluator, asOf: session.asOf, programmes: selection)
            let console = InterviewConsole()
            try Output.write(InterviewText.opening(name: facts.name ?? facts.id, file: file, advice: interview.advice))

            var quit = false
            while !quit, let question = interview.question {
                try Output.write(InterviewText.question(question, number: interview.replies + 1, facts: interview.facts))
                quit = try reply(to: question, interview: &interview, console: console)
            }
            let open = interview.advice.nextQuestions.filter { !interview.skipped.contains($0.fact) }.count
            try Output.write(InterviewText.ending(quit: quit && interview.question != nil, open: open, skipped: interview.skipped))

            let removed = try interview.finish()
            if !removed.isEmpty {
                try Output.write("Left out of the saved answers, for want of a fact they need: \(removed.joined(separator: ", ")).\n")
            }
            try saveAnswers(interview.facts, to: destination, asOf: session.asOf)
            try Output.write("Saved the answers to \(destination)" + (file.map { $0 != destination ? " (\($0) is unchanged)" : "" } ?? "") + ".\n\n")
            try Output.write(CheckText.text(interview.advice, name: Output.businessName(interview.facts, file: destination),
                                        asOf: session.asOf, vocabulary: vocabulary))
        }
    }

    /// Reads replies to `question` until one moves the interview on; true when the advisor quits
    /// (or the input ends).
    private func reply(to question: NextQuestions.Question, interview: inout Interview, console: InterviewConsole) throws -> Bool {
        while true {
            guard let line = try console.read() else { return true }
            let reply = InterviewReply(line) { path in (try? interview.facts.definition(at: path)) != nil }
            do {
                switch reply {
                case .answer(let text):
                    let changes = try interview.answer(text)
                    try Output.write(InterviewText.recorded(question.fact, changes: changes, advice: interview.advice, facts: interview.facts))
                case .set(let path, let value):
                    let changes = try interview.set(path, text: value)
                    try Output.write(InterviewText.recorded(path, changes: changes, advice: interview.advice, facts: interview.facts))
                case .skip:
                    interview.skip()
                    try Output.write("  Skipped: \(question.fact) stays unknown.\n")
                case .back:
                    guard let reopened = interview.back() else {
                        try Output.write("  Nothing to go back to.\n")
                        continue
                    }
                    try Output.write("  Back to question \(interview.replies + 1) [\(reopened.fact)]: the reply is undone.\n")
                case .quit:
                    return true
                case .help:
                    try Output.write(InterviewReply.guide)
                    continue
                case .empty:
                    try Output.write("  Type an answer, or skip, n/a, back, quit or help.\n")
                    continue
                }
                return false
            } catch let error as FactPathError {
                try Output.write("  Not a valid answer: \(error.message). Try again, or type skip, n/a, back, quit or help.\n")
            }
        }
    }

    /// Where the answers are saved (see the discussion).
    private var destination: String {
        if let out { return out }
        guard let file else { return "new-business.yaml" }
        if save { return file }
        let json = (file as NSString).pathExtension.lowercased() == "json"
        return (file as NSString).deletingPathExtension + ".interview." + (json ? "json" : "yaml")
    }

    /// Writes the facts as a business file (JSON for a `.json` name, else YAML); bad input (65)
    /// when it cannot be written.
    private func saveAnswers(_ facts: BusinessFacts, to path: String, asOf: AsOf) throws {
        let text = path.lowercased().hasSuffix(".json") ? facts.jsonText()
            : "# Recorded by `eligible interview` as at \(asOf).\n" + facts.yamlText()
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw Failure.badInput("\(path): cannot save the answers (\(error.localizedDescription))")
        }
    }
}
