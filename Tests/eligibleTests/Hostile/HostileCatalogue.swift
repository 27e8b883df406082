/// Issue 12's hostile rule files, by class: each case is one rule file that tries to hang a run,
/// crash it, or change another programme's decision, and where its own rule error must point.
enum HostileCatalogue {
    /// Every case, numbered from 1 in this order.
    static let all: [HostileCase] = metamethods + cFunctions + readOnly + budgets + output + arithmetic + identity
        + locations + memory + escapes

    /// The cases with their numbers.
    static let numbered: [(number: Int, case: HostileCase)] = all.enumerated().map { ($0.offset + 1, $0.element) }
}
