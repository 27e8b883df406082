import Foundation

/// The result of running one fixture case (or of a file or case that did not load).
public struct CaseResult: Sendable, Hashable {
    /// PASS / FAIL / SKIP / ERROR.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case pass = "PASS"
        case fail = "FAIL"
        case skip = "SKIP"
        case error = "ERROR"
    }

    /// One field of one programme's decision that differs from what the case expects.
    public struct Mismatch: Sendable, Hashable {
        /// The programme id.
        public var programme: String
        /// `outcome`, `award`, `failed`, `missing` or `programme` (a programme not named under
        /// `expect_all: true`).
        public var field: String
        /// What the case expects, as text.
        public var expected: String
        /// What the programme decided, as text.
        public var actual: String
    }

    /// The case's name (for a load problem: the file's name).
    public var name: String
    /// `fixtures/FILE.yaml:LINE`.
    public var location: String
    /// The fixture file, as messages name it.
    public var file: String
    /// The case's tags.
    public var tags: [String]
    /// The outcome of the run.
    public var status: Status
    /// For FAIL: every field that differs.
    public var mismatches: [Mismatch]
    /// For ERROR: what went wrong; for SKIP: the reason.
    public var message: String?
    /// The decisions made (with criteria), for reports and coverage.
    public var decisions: [Decision]
    /// Programmes whose decisions the case checks (named in expect, or all with expect_all).
    public var checkedProgrammes: [String]
    /// How long it took, in seconds.
    public var duration: Double

    /// The failure text: per programme, each field expected vs actual, and the criteria that
    /// decided it, e.g.
    ///
    ///     clean-vehicle-switch
    ///       outcome   expected eligible, got ineligible
    ///       failed    expected [], got [small-firm]
    ///       decided by: pass in-region (address.localAuthority = "Wirral"); fail small-firm (employees = 50, ...)
    public var details: String {
        switch status {
        case .pass: return ""
        case .skip: return message.map { "skipped: \($0)" } ?? "skipped"
        case .error where mismatches.isEmpty: return message ?? "error"
        default: break
        }
        var lines: [String] = []
        if let message { lines.append(message) }
        var programmes: [String] = []
        for mismatch in mismatches where !programmes.contains(mismatch.programme) { programmes.append(mismatch.programme) }
        for programme in programmes {
            lines.append(programme)
            for mismatch in mismatches where mismatch.programme == programme {
                let label = mismatch.field.padding(toLength: 9, withPad: " ", startingAt: 0)
                lines.append("  \(label) expected \(mismatch.expected), got \(mismatch.actual)")
            }
            if let decision = decisions.first(where: { $0.programme == programme }) {
                lines += Self.decidedBy(decision).map { "  " + $0 }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The lines explaining a decision: its error or award, then every criterion with the
    /// facts it read.
    static func decidedBy(_ decision: Decision) -> [String] {
        var lines: [String] = []
        if let error = decision.error { lines.append("error: \(error)") }
        if let award = decision.award {
            lines.append("award: \(award.formatted)" + (decision.awardExplanation.map { " (\($0))" } ?? ""))
        }
        guard let criteria = decision.criteria, !criteria.isEmpty else { return lines }
        lines.append("decided by:")
        for criterion in criteria {
            // A nil read of `list[n]` is ipairs stepping past the end of a list, not a missing fact.
            var facts = criterion.reads.filter { $0.value != nil || !$0.path.hasSuffix("]") }
                .map { "\($0.path) = \($0.value?.description ?? "unknown")" }
            facts += criterion.missing.filter { path in !criterion.reads.contains { $0.path == path } }.map { "\($0) = unknown" }
            let mark = criterion.outcome.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            lines.append("  \(mark) \(criterion.id)" + (facts.isEmpty ? "" : "  (" + facts.joined(separator: ", ") + ")"))
        }
        return lines
    }
}

/// Runs fixture cases against one evaluator (so one rules directory). Like the evaluator it is
/// not `Sendable`: use one per thread.
public struct FixtureRunner {
    /// The evaluator used.
    public let evaluator: Evaluator
    private let programmeIDs: [String]

    /// A runner over `evaluator`'s rule book.
    public init(evaluator: Evaluator) throws {
        self.evaluator = evaluator
        var ids = evaluator.programmeIDs
        for problem in evaluator.problems where !ids.contains(problem.programme) { ids.append(problem.programme) }
        programmeIDs = ids
    }

    /// Every programme id in the rule book (including ones whose file did not load).
    public var programmes: [String] { programmeIDs }

    /// Runs one case with `explain` on, so criterion results are available.
    public func run(_ fixture: FixtureCase) -> CaseResult {
        let start = Date()
        var result = CaseResult(name: fixture.name, location: fixture.location, file: fixture.file, tags: fixture.tags,
                                status: .pass, mismatches: [], message: nil, decisions: [], checkedProgrammes: [], duration: 0)
        if let reason = fixture.skip {
            result.status = .skip
            result.message = reason
            return result
        }
        let decisions: [Decision]
        do {
            decisions = try evaluator.evaluate(fixture.business, asOf: fixture.asOf, explain: true)
        } catch {
            result.status = .error
            result.message = "the evaluation failed: \(error)"
            result.duration = Date().timeIntervalSince(start)
            return result
        }
        result.decisions = decisions
        let compared = Self.compare(fixture, decisions: decisions, programmes: programmeIDs)
        result.mismatches = compared.mismatches
        result.checkedProgrammes = compared.checked
        if !compared.errors.isEmpty {
            result.status = .error
            result.message = compared.errors.joined(separator: "\n")
        } else if !compared.mismatches.isEmpty {
            result.status = .fail
        }
        result.duration = Date().timeIntervalSince(start)
        return result
    }

    /// Compares decisions with a case's expectations: the mismatches, the programmes checked,
    /// and errors (an unknown programme id; a rule error the case did not expect).
    static func compare(_ fixture: FixtureCase, decisions: [Decision], programmes: [String])
        -> (mismatches: [CaseResult.Mismatch], checked: [String], errors: [String]) {
        var mismatches: [CaseResult.Mismatch] = []
        var errors: [String] = []
        var checked: [String] = []
        func list(_ items: some Collection<String>) -> String { "[" + items.sorted().joined(separator: ", ") + "]" }
        for expectation in fixture.expectations {
            guard let decision = decisions.first(where: { $0.programme == expectation.programme }) else {
                var message = "\(fixture.file):\(expectation.line): no programme '\(expectation.programme)' in the rules"
                message += Suggestion.didYouMean(expectation.programme, among: programmes)
                errors.append(message)
                continue
            }
            checked.append(decision.programme)
            if decision.outcome == .ruleError && expectation.outcome != .ruleError {
                errors.append("\(decision.programme): rule error: \(decision.error ?? "unknown error")")
                continue
            }
            func add(_ field: String, _ expected: String, _ actual: String) {
                mismatches.append(.init(programme: decision.programme, field: field, expected: expected, actual: actual))
            }
            if let outcome = expectation.outcome, outcome != decision.outcome {
                add("outcome", outcome.rawValue, decision.outcome.rawValue)
            }
            if let award = expectation.award {
                let actual: Expectation.Award = decision.award.map { .amount($0) } ?? .none
                if award != actual { add("award", award.description, actual.description) }
            }
            if let failed = expectation.failed, failed != Set(decision.failed) {
                add("failed", list(failed), list(decision.failed))
            }
            if let missing = expectation.missing, missing != Set(decision.missing) {
                add("missing", list(missing), list(decision.missing))
            }
        }
        if fixture.expectAll {
            for decision in decisions where fixture.expectation(for: decision.programme) == nil {
                checked.append(decision.programme)
                mismatches.append(.init(programme: decision.programme, field: "programme",
                                        expected: "to be named under expect (expect_all: true)",
                                        actual: decision.outcome.rawValue))
            }
        }
        return (mismatches, checked, errors)
    }

    /// An ERROR result for a file or case that did not load.
    public static func loadError(_ problem: InputError) -> CaseResult {
        CaseResult(name: problem.path.isEmpty ? problem.file : problem.path,
                   location: problem.line.map { "\(problem.file):\($0)" } ?? problem.file, file: problem.file, tags: [],
                   status: .error, mismatches: [], message: problem.description, decisions: [], checkedProgrammes: [],
                   duration: 0)
    }
}

/// Selecting and running a fixture suite: what `eligible test` and `swift test` share.
public enum FixtureSuite {
    /// Which cases to run.
    public struct Selection: Sendable {
        /// Run only cases whose name (or `file:line name`) matches this regular expression.
        public var filter: String?
        /// Run only cases with at least one of these tags (empty: all).
        public var tags: [String]
        public init(filter: String? = nil, tags: [String] = []) {
            self.filter = filter
            self.tags = tags
        }
    }

    /// The totals of a run. `failed` counts FAIL and ERROR.
    public struct Summary: Sendable, Hashable {
        public var passed = 0
        public var failed = 0
        public var errors = 0
        public var skipped = 0
        public var total: Int { passed + failed + skipped }

        /// Exactly `N passed, N failed`, with `, N skipped` when any were skipped.
        public var line: String {
            "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
        }

        public init(_ results: [CaseResult]) {
            for result in results {
                switch result.status {
                case .pass: passed += 1
                case .fail: failed += 1
                case .error: failed += 1; errors += 1
                case .skip: skipped += 1
                }
            }
        }
    }

    /// Every case under `directory` (relative to the package root when `root` is given), for
    /// `@Test(arguments:)`. Cases that do not load are left out (check `load` for problems).
    public static func allCases(in directory: String, root: URL? = nil, vocabulary: Vocabulary) -> [FixtureCase] {
        FixtureLoader.load(paths: [directory], base: root, vocabulary: vocabulary).cases
    }

    /// The cases of `set` that `selection` picks. An invalid regular expression throws a `ValueError`.
    public static func select(_ cases: [FixtureCase], _ selection: Selection) throws -> [FixtureCase] {
        var regex: Regex<AnyRegexOutput>?
        if let filter = selection.filter {
            do { regex = try Regex(filter) } catch {
                throw ValueError("--filter: \(filter.quotedForMessage) is not a regular expression (\(error))")
            }
        }
        return cases.filter { fixture in
            if let regex, fixture.name.firstMatch(of: regex) == nil, fixture.description.firstMatch(of: regex) == nil {
                return false
            }
            if !selection.tags.isEmpty && !fixture.tags.contains(where: selection.tags.contains) { return false }
            return true
        }
    }

    /// Runs the selected cases of `set` (and reports its load problems as ERRORs, first).
    public static func run(_ set: FixtureSet, selection: Selection = Selection(), runner: FixtureRunner,
                           each: (CaseResult) -> Void = { _ in }) throws -> [CaseResult] {
        var results: [CaseResult] = []
        for problem in set.problems {
            let result = FixtureRunner.loadError(problem)
            each(result)
            results.append(result)
        }
        for fixture in try select(set.cases, selection) {
            let result = runner.run(fixture)
            each(result)
            results.append(result)
        }
        return results
    }
}
