import Foundation

/// One regression case from a fixture file: a business at an as-of instant and what some (or
/// all) programmes are expected to decide for it.
///
/// Written in YAML (or JSON of the same shape); see `FixtureLoader` for the format.
public struct FixtureCase: Sendable, Hashable, CustomStringConvertible {
    /// The case's name, unique within its file.
    public var name: String
    /// The fixture file as messages name it, e.g. `fixtures/windows.yaml`.
    public var file: String
    /// The line the case starts on.
    public var line: Int
    /// The instant the case is decided at.
    public var asOf: AsOf
    /// The business (inline, from a named base in the file, or from a file), overrides and the
    /// case's own proposal applied.
    public var business: BusinessFacts
    /// What is expected, in the order written.
    public var expectations: [Expectation]
    /// When true, every programme in the rules must be named in `expectations`.
    public var expectAll: Bool
    /// Free labels for `--tag`.
    public var tags: [String]
    /// Why the case is skipped, when it is.
    public var skip: String?

    /// `fixtures/FILE.yaml:LINE`.
    public var location: String { "\(file):\(line)" }

    /// `fixtures/FILE.yaml:LINE name`.
    public var description: String { "\(location) \(name)" }

    /// The expectation for a programme, if the case names it.
    public func expectation(for programme: String) -> Expectation? {
        expectations.first { $0.programme == programme }
    }

    /// Creates a case.
    public init(name: String, file: String, line: Int, asOf: AsOf, business: BusinessFacts,
                expectations: [Expectation], expectAll: Bool = false, tags: [String] = [], skip: String? = nil) {
        self.name = name
        self.file = file
        self.line = line
        self.asOf = asOf
        self.business = business
        self.expectations = expectations
        self.expectAll = expectAll
        self.tags = tags
        self.skip = skip
    }
}

/// What a case expects one programme to decide. Only the fields given are checked.
public struct Expectation: Sendable, Hashable {
    /// An expected award: an amount, or explicitly none (`award: null`).
    public enum Award: Sendable, Hashable, CustomStringConvertible {
        case amount(Money)
        case none
        public var description: String {
            switch self {
            case .amount(let money): return money.formatted
            case .none: return "no award"
            }
        }
    }

    /// The programme id.
    public var programme: String
    /// The line of the expectation in the fixture file.
    public var line: Int
    /// The expected outcome.
    public var outcome: Decision.Outcome?
    /// The expected award.
    public var award: Award?
    /// The exact set of failed criterion ids.
    public var failed: Set<String>?
    /// The exact set of missing fact paths.
    public var missing: Set<String>?

    public init(programme: String, line: Int, outcome: Decision.Outcome? = nil, award: Award? = nil,
                failed: Set<String>? = nil, missing: Set<String>? = nil) {
        self.programme = programme
        self.line = line
        self.outcome = outcome
        self.award = award
        self.failed = failed
        self.missing = missing
    }
}

/// The cases of a set of fixture files, and the problems that kept some from loading.
public struct FixtureSet: Sendable {
    /// Every case that loaded, in file order then case order.
    public var cases: [FixtureCase]
    /// Malformed files or cases: `file:line: what is wrong`.
    public var problems: [InputError]
    /// The fixture files read, as messages name them.
    public var files: [String]

    public init(cases: [FixtureCase] = [], problems: [InputError] = [], files: [String] = []) {
        self.cases = cases
        self.problems = problems
        self.files = files
    }
}
