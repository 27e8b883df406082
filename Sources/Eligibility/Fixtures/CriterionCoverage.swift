import Foundation

/// Criterion-level coverage of a fixture run: for every criterion of every programme, how many
/// checked decisions saw it pass, fail and be unknown; and for every programme, how many saw
/// each outcome it can reach (eligible, ineligible, needs-information, closed; a rule error is
/// a fault, not an outcome to cover).
///
/// Only decisions a case checks count (programmes named in its `expect`, or all of them with
/// `expect_all: true`): a criterion that some case exercised but nobody looked at is not covered.
public struct CriterionCoverage: Sendable, Hashable {
    /// One criterion's counts.
    public struct CriterionRow: Sendable, Hashable {
        public var programme: String
        public var criterion: String
        public var pass = 0
        public var fail = 0
        public var unknown = 0

        /// The count for one criterion outcome.
        public func count(_ outcome: CriterionResult.Outcome) -> Int {
            switch outcome {
            case .pass: return pass
            case .fail: return fail
            case .unknown: return unknown
            }
        }

        /// The criterion outcomes no checked decision saw.
        public var gaps: [CriterionResult.Outcome] { CriterionResult.Outcome.allCases.filter { count($0) == 0 } }
    }

    /// One programme's outcome counts.
    public struct OutcomeRow: Sendable, Hashable {
        public var programme: String
        public var counts: [Decision.Outcome: Int]

        /// The outcomes to cover that no checked decision reached.
        public var gaps: [Decision.Outcome] { CriterionCoverage.outcomes.filter { (counts[$0] ?? 0) == 0 } }
    }

    /// The outcomes every programme should be seen to reach.
    public static let outcomes: [Decision.Outcome] = [.eligible, .ineligible, .needsInformation, .closed]

    /// Per criterion, in the rule book's order.
    public var criteria: [CriterionRow]
    /// Per programme.
    public var programmes: [OutcomeRow]

    /// Counts the checked decisions of `results` against the programmes of a rule book.
    public init(programmes info: [ProgrammeInfo], results: [CaseResult]) {
        var criteria: [CriterionRow] = []
        var index: [String: Int] = [:]
        var outcomeRows: [OutcomeRow] = []
        var outcomeIndex: [String: Int] = [:]
        for programme in info {
            outcomeIndex[programme.id] = outcomeRows.count
            outcomeRows.append(OutcomeRow(programme: programme.id, counts: [:]))
            for criterion in programme.criteria {
                index[programme.id + "\u{0}" + criterion.id] = criteria.count
                criteria.append(CriterionRow(programme: programme.id, criterion: criterion.id))
            }
        }
        for result in results where result.status != .skip {
            for decision in result.decisions where result.checkedProgrammes.contains(decision.programme) {
                if let row = outcomeIndex[decision.programme] { outcomeRows[row].counts[decision.outcome, default: 0] += 1 }
                for criterion in decision.criteria ?? [] {
                    guard let row = index[decision.programme + "\u{0}" + criterion.id] else { continue }
                    switch criterion.outcome {
                    case .pass: criteria[row].pass += 1
                    case .fail: criteria[row].fail += 1
                    case .unknown: criteria[row].unknown += 1
                    }
                }
            }
        }
        self.criteria = criteria
        self.programmes = outcomeRows
    }

    /// Items to cover: three per criterion, four per programme.
    public var total: Int { criteria.count * 3 + programmes.count * Self.outcomes.count }
    /// Items covered.
    public var covered: Int {
        criteria.reduce(0) { $0 + 3 - $1.gaps.count } + programmes.reduce(0) { $0 + Self.outcomes.count - $1.gaps.count }
    }
    /// Covered items as a percentage (100 when there is nothing to cover).
    public var percentage: Double { total == 0 ? 100 : Double(covered) * 100 / Double(total) }

    /// The percentage as printed: one decimal place, never rounded up to 100 while gaps remain.
    public var percentageText: String {
        let tenths = (percentage * 10).rounded(.down) / 10
        return String(format: "%.1f%%", tenths)
    }

    /// The report: a table of every criterion (counts of pass / fail / unknown, with the gaps),
    /// the outcomes per programme, and the summary line
    /// `criterion coverage: 98.5% (197/200)`. With `gapsOnly`, rows without gaps are left out.
    public func table(gapsOnly: Bool = false) -> String {
        var lines: [String] = []
        let criterionWidth = max(9, criteria.map { $0.programme.count + 1 + $0.criterion.count }.max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
        func right(_ n: Int, _ width: Int) -> String { String(repeating: " ", count: max(0, width - String(n).count)) + String(n) }
        lines.append(pad("criterion", criterionWidth) + "   pass   fail  unknown  gaps")
        for row in criteria where !gapsOnly || !row.gaps.isEmpty {
            let gaps = row.gaps.isEmpty ? "-" : row.gaps.map(\.rawValue).joined(separator: ", ")
            lines.append(pad("\(row.programme)/\(row.criterion)", criterionWidth) + " " + right(row.pass, 6) + " "
                         + right(row.fail, 6) + " " + right(row.unknown, 8) + "  " + gaps)
        }
        lines.append("")
        let programmeWidth = max(9, programmes.map(\.programme.count).max() ?? 0)
        lines.append(pad("programme", programmeWidth) + "  eligible  ineligible  needs-information  closed  gaps")
        for row in programmes where !gapsOnly || !row.gaps.isEmpty {
            let gaps = row.gaps.isEmpty ? "-" : row.gaps.map(\.rawValue).joined(separator: ", ")
            lines.append(pad(row.programme, programmeWidth) + "  " + right(row.counts[.eligible] ?? 0, 8) + "  "
                         + right(row.counts[.ineligible] ?? 0, 10) + "  " + right(row.counts[.needsInformation] ?? 0, 17)
                         + "  " + right(row.counts[.closed] ?? 0, 6) + "  " + gaps)
        }
        lines.append("")
        lines.append("criterion coverage: \(percentageText) (\(covered)/\(total))")
        return lines.joined(separator: "\n")
    }
}
