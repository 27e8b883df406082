import LuaBridge

/// What the host keeps of a programme that loaded, to decide it and name its results: read once
/// from the runtime's catalogue.
final class LoadedProgramme {
    /// How an award is rounded before the maximum applies.
    enum Rounding: String {
        case none
        case downToPound = "down-to-pound"
        case nearestPound = "nearest-pound"
    }

    let id: String
    let file: String
    let line: Int
    /// Criterion ids and the lines they are declared on, by criterion number - 1.
    let criteria: [String]
    let criterionLines: [Int]
    /// Criterion numbers run before the award, and those that need it.
    let before: [Int]
    let after: [Int]
    /// The most the award pays, in pence.
    let maximum: Int
    let rounding: Rounding
    /// Whether someone else sets the amount (no amount function).
    let discretionary: Bool
    let awardLine: Int

    init(id: String, file: String, line: Int, criteria: [String], criterionLines: [Int], before: [Int], after: [Int],
         maximum: Int, rounding: Rounding, discretionary: Bool, awardLine: Int) {
        self.id = id
        self.file = file
        self.line = line
        self.criteria = criteria
        self.criterionLines = criterionLines
        self.before = before
        self.after = after
        self.maximum = maximum
        self.rounding = rounding
        self.discretionary = discretionary
        self.awardLine = awardLine
    }

    private static let keys = LuaKeyTable([])

    /// The runtime's catalogue (see describe.catalogue), read raw from the table at `index`.
    static func catalogue(at index: Int32, state: LuaState) throws -> [LoadedProgramme] {
        try state.read(keys: keys) { r in
            (0..<r.count(index)).compactMap { n -> LoadedProgramme? in
                let mark = r.mark
                defer { r.pop(to: mark) }
                guard let entry = r.element(n + 1, of: index) else { return nil }
                func strings(_ position: Int) -> [String] {
                    let inner = r.mark
                    defer { r.pop(to: inner) }
                    guard let list = r.element(position, of: entry) else { return [] }
                    return (0..<r.count(list)).map { r.string(at: $0 + 1, of: list) ?? "" }
                }
                func integers(_ position: Int) -> [Int] {
                    let inner = r.mark
                    defer { r.pop(to: inner) }
                    guard let list = r.element(position, of: entry) else { return [] }
                    return (0..<r.count(list)).map { r.integer(at: $0 + 1, of: list) ?? 1 }
                }
                return LoadedProgramme(
                    id: r.string(at: 1, of: entry) ?? "", file: r.string(at: 2, of: entry) ?? "",
                    line: r.integer(at: 3, of: entry) ?? 1, criteria: strings(4), criterionLines: integers(5),
                    before: integers(6), after: integers(7), maximum: r.integer(at: 8, of: entry) ?? 0,
                    rounding: Rounding(rawValue: r.string(at: 9, of: entry) ?? "") ?? .none,
                    discretionary: r.isTrue(at: 10, of: entry), awardLine: r.integer(at: 11, of: entry) ?? 1)
            }
        }
    }
}
