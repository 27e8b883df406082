import LuaBridge

/// Reads the runtime's decisions back: integer outcome codes, awards, criterion numbers and
/// missing-fact paths from tables the runtime reuses, with raw accessors only. Failed criteria
/// cross as numbers and become ids here, from the rule book's own description.
struct DecisionReader {
    private let state: LuaState
    private let digest: String
    private let paths = LuaStringCache()
    private let code, award, capped, explanation, failed, failedCount, missing, missingCount, error, explained: LuaReference
    private static let outcomes: [Decision.Outcome] = [.eligible, .ineligible, .needsInformation, .closed, .ruleError]

    init(state: LuaState, out: LuaReference, digest: String) throws {
        self.state = state
        self.digest = digest
        code = try state.field("code", of: out)
        award = try state.field("award", of: out)
        capped = try state.field("capped", of: out)
        explanation = try state.field("explanation", of: out)
        failed = try state.field("failed", of: out)
        failedCount = try state.field("failed_n", of: out)
        missing = try state.field("missing", of: out)
        missingCount = try state.field("missing_n", of: out)
        error = try state.field("error", of: out)
        explained = try state.field("explained", of: out)
    }

    /// What the reader needs to know of the programmes decided, in the order the runtime decides
    /// them: ids and criterion ids (failed criteria cross as numbers), made once per selection.
    struct Selection {
        let ids: [String]
        let criteria: [[String]]
        let files: [String]
        let lines: [Int]

        init(ids: [String], criteria: [[String]], files: [String], lines: [Int]) {
            self.ids = ids
            self.criteria = criteria
            self.files = files
            self.lines = lines
        }

        /// The runtime's catalogue (`{ {id, file, line, {criterion ids}}, ... }`) at `index`, read raw.
        init(catalogue index: Int32, state: LuaState) throws {
            var ids = [String](), criteria = [[String]](), files = [String](), lines = [Int]()
            try state.read(keys: DecisionReader.keys) { r in
                for n in 0..<r.count(index) {
                    let mark = r.mark
                    defer { r.pop(to: mark) }
                    guard let entry = r.element(n + 1, of: index) else { continue }
                    ids.append(r.string(at: 1, of: entry) ?? "")
                    files.append(r.string(at: 2, of: entry) ?? "")
                    lines.append(r.integer(at: 3, of: entry) ?? 1)
                    var names = [String]()
                    if let list = r.element(4, of: entry) {
                        for i in 0..<r.count(list) { names.append(r.string(at: i + 1, of: list) ?? "") }
                    }
                    criteria.append(names)
                }
            }
            self.init(ids: ids, criteria: criteria, files: files, lines: lines)
        }

        /// The entries whose ids are in `only`, in order.
        func filtered(_ only: Set<String>) -> Selection {
            let keep = ids.indices.filter { only.contains(ids[$0]) }
            return Selection(ids: keep.map { ids[$0] }, criteria: keep.map { criteria[$0] },
                             files: keep.map { files[$0] }, lines: keep.map { lines[$0] })
        }
    }

    /// How a decision's error table names its fields.
    static let keys = LuaKeyTable(["file", "line", "code", "message"])

    /// The decisions of the `count` programmes just decided.
    func read(count: Int, selection: Selection, asOf: String, explain: Bool) throws -> [Decision] {
        var decisions = try state.read(keys: Self.keys) { r -> [Decision] in
            let codes = r.push(code), awards = r.push(award), cappeds = r.push(capped), explanations = r.push(explanation)
            let faileds = r.push(failed), failedCounts = r.push(failedCount)
            let missings = r.push(missing), missingCounts = r.push(missingCount), errors = r.push(error)
            var out = [Decision]()
            out.reserveCapacity(count)
            let engine = EngineVersion.current
            for k in 1...max(count, 1) where k <= count && k <= selection.ids.count {
                let outcome = Self.outcomes[max(0, min(4, (r.integer(at: k, of: codes) ?? 5) - 1))]
                var award: Money?, capped: Bool?, explanation: String?
                var failedIDs = [String](), missingPaths = [String](), diagnostic: RuleDiagnostic?
                switch outcome {
                case .eligible:
                    award = r.integer(at: k, of: awards).map(Money.init(pence:))
                    if r.isTrue(at: k, of: cappeds) { capped = true }
                    explanation = r.string(at: k, of: explanations)
                case .ineligible, .needsInformation:
                    let mark = r.mark
                    if let n = r.integer(at: k, of: failedCounts), n > 0, let list = r.element(k, of: faileds) {
                        let ids = selection.criteria[k - 1]
                        failedIDs.reserveCapacity(n)
                        for i in 0..<n {
                            guard let number = r.integer(at: i + 1, of: list) else { continue }
                            if number >= 1, number <= ids.count { failedIDs.append(ids[number - 1]) }
                        }
                    }
                    if let n = r.integer(at: k, of: missingCounts), n > 0, let list = r.element(k, of: missings) {
                        missingPaths.reserveCapacity(n)
                        for i in 0..<n { if let path = r.string(at: i + 1, of: list, cache: paths) { missingPaths.append(path) } }
                    }
                    r.pop(to: mark)
                case .ruleError:
                    let mark = r.mark
                    if let table = r.element(k, of: errors) {
                        diagnostic = RuleDiagnostic(
                            file: r.string(Self.keys["file"], of: table) ?? selection.files[k - 1],
                            line: r.integer(Self.keys["line"], of: table) ?? selection.lines[k - 1],
                            code: r.string(Self.keys["code"], of: table) ?? "error",
                            message: r.string(Self.keys["message"], of: table) ?? "the rule script failed")
                    }
                    r.pop(to: mark)
                case .closed:
                    break
                }
                out.append(Decision(programme: selection.ids[k - 1], outcome: outcome, award: award,
                                    awardExplanation: explanation, awardCapped: capped, failed: failedIDs,
                                    missing: missingPaths, error: diagnostic?.description, diagnostic: diagnostic,
                                    asOf: asOf, rulesDigest: digest, engineVersion: engine))
            }
            return out
        }
        if explain {
            let details = try state.call(reader: explained, count: count)
            for (k, detail) in details.enumerated() where k < decisions.count {
                decisions[k].criteria = detail.criteria
                decisions[k].parameters = detail.parameters
                decisions[k].awardReads = decisions[k].outcome == .eligible ? detail.awardReads : nil
            }
        }
        return decisions
    }
}

/// What the runtime keeps about one decision when explaining.
struct ExplainedDecision: Decodable {
    var criteria: [CriterionResult]?
    var parameters: [ParameterValue]?
    var awardReads: [FactRead]?
}

extension LuaState {
    /// The first `count` explained decisions, decoded with the `Codable` path.
    fileprivate func call(reader table: LuaReference, count: Int) throws -> [ExplainedDecision] {
        push(table)
        defer { setTop(top - 1) }
        return Array(try decode([ExplainedDecision].self, at: top).prefix(count))
    }
}
