import Eligibility
import Foundation
import Testing

/// `eligible interview` driven end to end: through a pseudo-terminal and through a pipe,
/// with the same replies: an invalid answer, does not apply, a valid answer, don't know, back,
/// another valid answer, quit. The questions expected are the library's own (`Interview`), so the
/// test follows the shipped rules as they change.
@Suite struct InterviewCommandTests {
    static let asOf = "2021-06-01"

    /// Mersey Vans without its hire: the capital project and the hire are then open questions.
    static func business() throws -> String {
        let text = try String(contentsOf: CLI.root.appendingPathComponent("examples/mersey-vans.yaml"), encoding: .utf8)
        return text.replacingOccurrences(of: #"\n  hire:\n(    .*\n)+"#, with: "\n", options: .regularExpression)
    }

    /// A fresh directory holding the business as `business.yaml`.
    static func directory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("interview-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try business().write(to: dir.appendingPathComponent("business.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    static let arguments = ["interview", "business.yaml", "--as-of", asOf, "--rules", CLI.root.appendingPathComponent("rules").path,
                            "--out", "saved.yaml"]

    /// The questions the library asks for the same replies, and the valid answers used.
    struct Plan {
        var first, second, third, fourth, fifth: NextQuestions.Question
        var secondAnswer, thirdAnswer: String
        /// The replies, in order.
        var replies: [String] { ["lots", "n/a", secondAnswer, "skip", "back", thirdAnswer, "quit"] }
    }

    /// A valid answer to the question about `path`: `yes` opens a group, `1` a list of groups,
    /// else the vocabulary's example.
    static func validAnswer(_ path: String) throws -> String {
        let fact = try #require(Shipped.rules.vocabulary.fact(atPath: path), "\(path) is in the vocabulary")
        switch fact.type {
        case .record: return "yes"
        case .records: return "1"
        default: return try #require(fact.example, "\(path) has an example")
        }
    }

    static func plan() throws -> Plan {
        let facts = try BusinessFile.decode(Data(business().utf8), fileName: "business.yaml", vocabulary: Shipped.rules.vocabulary)
        var interview = try Interview(facts: facts, evaluator: Evaluator(rules: Shipped.rules), asOf: AsOf(parsing: asOf))
        let first = try #require(interview.question)
        #expect(throws: FactPathError.self, "\"lots\" is not an answer to \(first.fact)") { try interview.answer("lots") }
        _ = try interview.answer("n/a")
        let second = try #require(interview.question)
        let secondAnswer = try validAnswer(second.fact)
        _ = try interview.answer(secondAnswer)
        let third = try #require(interview.question)
        interview.skip()
        let fourth = try #require(interview.question)
        #expect(interview.back()?.fact == third.fact)
        let thirdAnswer = try validAnswer(third.fact)
        _ = try interview.answer(thirdAnswer)
        let fifth = try #require(interview.question)
        return Plan(first: first, second: second, third: third, fourth: fourth, fifth: fifth, secondAnswer: secondAnswer, thirdAnswer: thirdAnswer)
    }

    /// What `eligible check` says about the saved answers.
    static func checkSaved(in dir: URL) throws -> String {
        let check = try CLI.run(["check", "saved.yaml", "--as-of", asOf, "--rules", CLI.root.appendingPathComponent("rules").path], in: dir)
        #expect(check.status == 0, "\(check.stderr)")
        return check.stdout
    }

    @Test func inAPseudoTerminal() throws {
        let plan = try Self.plan()
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let terminal = try TerminalSession(Self.arguments, in: dir)

        var screen = try terminal.waitFor("Question 1 [\(plan.first.fact)]")
        #expect(screen.hasPrefix("Interview: Mersey Vans (business.yaml) as at 2021-06-01\n"), "\(screen)")
        #expect(screen.contains("So far: "))
        #expect(screen.contains("  \(try #require(plan.first.question))\n"))
        #expect(screen.contains("  why:    \(plan.first.why)\n"))
        #expect(plan.first.why.contains("up to £"), "why names the money at stake: \(plan.first.why)")

        // Invalid: asked again with what is wrong; the terminal echoes the reply once.
        try terminal.type("lots")
        screen = try terminal.waitFor("Not a valid answer:")
        #expect(screen.contains("> lots\n  Not a valid answer: expected "), "\(screen)")
        #expect(screen.contains("got \"lots\". Try again, or type skip, n/a, back, quit or help.\n> "))
        #expect(!screen.contains("Question 2"))

        // Does not apply: recorded, the programme it settles is decided, the next question comes.
        try terminal.type("n/a")
        screen = try terminal.waitFor("Question 2 [\(plan.second.fact)]")
        #expect(screen.contains("> n/a\n  Recorded \(plan.first.fact): does not apply.\n  What changed:\n"), "\(screen)")
        #expect(screen.contains("needs information -> not eligible"))

        // A valid answer.
        try terminal.type(plan.secondAnswer)
        screen = try terminal.waitFor("Question 3 [\(plan.third.fact)]")
        #expect(screen.contains("> \(plan.secondAnswer)\n  Recorded \(plan.second.fact): "), "\(screen)")

        // Don't know: the next question.
        try terminal.type("skip")
        screen = try terminal.waitFor("Question 4 [\(plan.fourth.fact)]")
        #expect(screen.contains("> skip\n  Skipped: \(plan.third.fact) stays unknown.\n"))

        // Back: the skipped question is asked again.
        try terminal.type("back")
        screen = try terminal.waitFor("Question 3 [\(plan.third.fact)]", count: 2)
        #expect(screen.contains("> back\n  Back to question 3 [\(plan.third.fact)]: the reply is undone.\n"), "\(screen)")

        // A valid answer to it this time.
        try terminal.type(plan.thirdAnswer)
        let fifthHeader = "Question 4 [\(plan.fifth.fact)]"
        screen = try terminal.waitFor(fifthHeader, count: plan.fifth.fact == plan.fourth.fact ? 2 : 1)
        #expect(screen.contains("> \(plan.thirdAnswer)\n  Recorded \(plan.third.fact): "), "\(screen)")

        // Quit: saved, and the result printed as `check` prints it for the saved file.
        try terminal.type("quit")
        screen = try terminal.waitFor("[exit 0]")
        #expect(screen.contains("> quit\n\nStopped with "), "\(screen)")
        #expect(screen.contains("Saved the answers to saved.yaml (business.yaml is unchanged).\n"))
        #expect(try String(contentsOf: dir.appendingPathComponent("business.yaml"), encoding: .utf8) == Self.business())
        let check = try Self.checkSaved(in: dir)
        #expect(screen.hasSuffix("\n\n" + check + "[exit 0]\n"), "the interview ends with `eligible check saved.yaml`:\n\(check)\n---\n\(screen)")
    }

    @Test func fromAPipe() throws {
        let plan = try Self.plan()
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(Self.arguments, stdin: plan.replies.joined(separator: "\n") + "\n", in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "")
        // The transcript, in order: each reply is echoed after its prompt.
        var rest = Substring(r.stdout)
        for expected in ["Question 1 [\(plan.first.fact)]", "> lots\n  Not a valid answer: ", "> n/a\n  Recorded \(plan.first.fact): does not apply.",
                         "Question 2 [\(plan.second.fact)]", "> \(plan.secondAnswer)\n  Recorded \(plan.second.fact): ",
                         "Question 3 [\(plan.third.fact)]", "> skip\n  Skipped: \(plan.third.fact) stays unknown.",
                         "Question 4 [\(plan.fourth.fact)]", "> back\n  Back to question 3 [\(plan.third.fact)]",
                         "Question 3 [\(plan.third.fact)]", "> \(plan.thirdAnswer)\n  Recorded \(plan.third.fact): ",
                         "Question 4 [\(plan.fifth.fact)]", "> quit\n\nStopped with ", "Saved the answers to saved.yaml"] {
            let found = try #require(rest.range(of: expected), "\(expected) in order in:\n\(r.stdout)")
            rest = rest[found.upperBound...]
        }
        #expect(r.stdout.hasSuffix("\n\n" + (try Self.checkSaved(in: dir))))
        // The answers are in the saved file, in the file's own words.
        let saved = try String(contentsOf: dir.appendingPathComponent("saved.yaml"), encoding: .utf8)
        let capital = try #require(plan.first.fact.split(separator: ".").last)
        #expect(saved.contains("\(capital): does not apply\n"), "\(saved)")
    }

    @Test func theEndOfTheInputSavesLikeQuit() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(Self.arguments, stdin: "", in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("> \n\nStopped with "))
        #expect(r.stdout.hasSuffix("\n\n" + (try Self.checkSaved(in: dir))))
    }

    @Test func aNewBusinessFromNothing() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["interview", "--as-of", Self.asOf, "--rules", CLI.root.appendingPathComponent("rules").path],
                            stdin: "help\n\nquit\n", in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Interview: a new business as at 2021-06-01\n"))
        #expect(r.stdout.contains("> help\n" + "  An answer is checked against the fact vocabulary"))
        #expect(r.stdout.contains("> \n  Type an answer, or skip, n/a, back, quit or help.\n"))
        #expect(r.stdout.contains("Saved the answers to new-business.yaml.\n"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("new-business.yaml").path))
    }

    @Test func saveWritesTheFileItselfAndAnyFactCanBeGiven() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["interview", "business.yaml", "--save", "--as-of", Self.asOf, "--rules", CLI.root.appendingPathComponent("rules").path],
                            stdin: "employees = 52\nemployees = lots\nquit\n", in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("> employees = 52\n  Recorded employees: 52.\n"), "\(r.stdout)")
        #expect(r.stdout.contains("> employees = lots\n  Not a valid answer: expected a whole number"))
        #expect(r.stdout.contains("Saved the answers to business.yaml.\n"))
        let saved = try String(contentsOf: dir.appendingPathComponent("business.yaml"), encoding: .utf8)
        #expect(saved.contains("\nemployees: 52\n"))
    }

    @Test(arguments: [
        (["interview", "business.yaml", "--save", "--out", "x.yaml"], "not both"),
        (["interview", "--save"], "a new business needs --out FILE"),
        (["interview", "-"], "the answers are read from standard input"),
    ])
    func badUsage(arguments: [String], message: String) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 64)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func aBadBusinessFileIsBadInput() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "employees: lots\n".write(to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["interview", "bad.yaml", "--rules", CLI.root.appendingPathComponent("rules").path], stdin: "quit\n", in: dir)
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(r.stderr.hasPrefix("eligible: bad.yaml:1: employees: expected a whole number"), "\(r.stderr)")
    }
}
