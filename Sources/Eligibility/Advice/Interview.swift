/// An advisor's interview with a business owner: the business's facts so far, every programme
/// decided on them, and the most valuable question still open.
///
/// Each reply (an answer, "does not apply", or "don't know") re-decides every programme and
/// says what changed; `back()` undoes the last reply. A question about a fact that a group
/// given so far requires (a prior subsidy's amount) comes first, so the facts can always be
/// written as a business file; `finish()` leaves out groups still incomplete.
///
/// ```swift
/// var interview = try Interview(facts: facts, evaluator: evaluator, asOf: asOf)
/// while let question = interview.question {
///     print(question.question ?? question.fact, question.why)
///     let changes = try interview.answer(readLine() ?? "")   // a FactPathError: ask again
///     for change in changes { print(change.title, change.after.outcome) }
/// }
/// ```
public struct Interview {
    /// The state before one reply, to go back to.
    private struct Step {
        var question: NextQuestions.Question
        var facts: BusinessFacts
        var skipped: Set<String>
        var advice: Advice
    }

    private let evaluator: Evaluator
    private let descriptions: [ProgrammeInfo]
    /// The instant every programme is decided at.
    public let asOf: AsOf
    /// The programmes decided (nil: all).
    public let selection: Set<String>?
    /// The business's facts so far.
    public private(set) var facts: BusinessFacts
    /// Every programme decided on the facts so far.
    public private(set) var advice: Advice
    /// The facts answered "don't know": not asked again.
    public private(set) var skipped: Set<String> = []
    private var steps: [Step] = []

    /// Starts an interview about `facts`, deciding the programmes in `selection` (nil: all).
    public init(facts: BusinessFacts, evaluator: Evaluator, asOf: AsOf, programmes selection: Set<String>? = nil) throws {
        self.evaluator = evaluator
        self.asOf = asOf
        self.selection = selection
        self.facts = facts
        descriptions = try evaluator.programmes(asOf: asOf)
        advice = try Self.decide(facts, evaluator: evaluator, descriptions: descriptions, asOf: asOf, selection: selection)
    }

    /// The number of replies so far (going back takes one off).
    public var replies: Int { steps.count }

    /// The most valuable question still open: a fact a group given so far requires, else the
    /// first of the advice's next questions not answered "don't know"; nil when none is left.
    public var question: NextQuestions.Question? {
        let vocabulary = facts.vocabulary
        if let path = facts.missingRequiredFacts.first(where: { !skipped.contains($0) }) {
            var question = NextQuestions.question(path, vocabulary: vocabulary, programmes: [], settles: [])
            let group = String(path[..<(path.lastIndex(of: ".") ?? path.endIndex)])
            question.why = "A business file needs it for \(group): without it, \(group) is left out when the answers are saved."
            return question
        }
        return advice.nextQuestions.first { !skipped.contains($0.fact) }
    }

    /// Answers the open question with `text` as typed (`12`, `£38,000`, `yes`, `none`, `does not
    /// apply`; see `BusinessFacts.answer(_:text:)`) and re-decides. Throws a `FactPathError`
    /// saying what a valid answer looks like when `text` is not one (nothing changes).
    public mutating func answer(_ text: String) throws -> [Advice.Change] {
        guard let question else { return [] }
        return try set(question.fact, text: text, question: question)
    }

    /// Gives the fact at `path` (any fact, asked or not) the answer `text` and re-decides.
    public mutating func set(_ path: String, text: String) throws -> [Advice.Change] {
        let question = NextQuestions.question(path, vocabulary: facts.vocabulary, programmes: [], settles: [])
        return try set(path, text: text, question: question)
    }

    private mutating func set(_ path: String, text: String, question: NextQuestions.Question) throws -> [Advice.Change] {
        var updated = facts
        try updated.answer(path, text: text)
        let before = advice
        let decided = try Self.decide(updated, evaluator: evaluator, descriptions: descriptions, asOf: asOf, selection: selection)
        steps.append(Step(question: question, facts: facts, skipped: skipped, advice: advice))
        facts = updated
        advice = decided
        return decided.changes(since: before)
    }

    /// Answers the open question "don't know": it is not asked again (unless going back).
    public mutating func skip() {
        guard let question else { return }
        steps.append(Step(question: question, facts: facts, skipped: skipped, advice: advice))
        skipped.insert(question.fact)
    }

    /// Undoes the last reply; returns the question it replied to (now open again), or nil when
    /// there is nothing to undo.
    @discardableResult
    public mutating func back() -> NextQuestions.Question? {
        guard let step = steps.popLast() else { return nil }
        facts = step.facts
        skipped = step.skipped
        advice = step.advice
        return step.question
    }

    /// Ends the interview: leaves out groups that still lack a required fact (returning their
    /// paths) and re-decides, so `facts` reads back from a business file exactly as decided.
    public mutating func finish() throws -> [String] {
        let removed = facts.removeIncompleteGroups()
        if !removed.isEmpty {
            advice = try Self.decide(facts, evaluator: evaluator, descriptions: descriptions, asOf: asOf, selection: selection)
        }
        return removed
    }

    private static func decide(_ facts: BusinessFacts, evaluator: Evaluator, descriptions: [ProgrammeInfo], asOf: AsOf,
                               selection: Set<String>?) throws -> Advice {
        let decisions = try evaluator.evaluate(facts, asOf: asOf, programmes: selection, explain: true)
        return Advice(decisions: decisions, programmes: descriptions, asOf: asOf, vocabulary: facts.vocabulary)
    }
}
