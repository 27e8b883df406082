import Foundation

/// A business to compare under two rule directories: a fixture case's, or one from a batch file.
public struct DiffSubject: Sendable, Hashable {
    /// How reports name it: the case name, or the business's name or id.
    public var name: String
    /// Where it came from: `fixtures/FILE.yaml:LINE` or `businesses.jsonl:LINE`.
    public var location: String
    /// The business's facts (read again with the other side's vocabulary when they differ).
    public var business: BusinessFacts
    /// The instant to decide at.
    public var asOf: AsOf

    /// A business to compare.
    public init(name: String, location: String, business: BusinessFacts, asOf: AsOf) {
        self.name = name
        self.location = location
        self.business = business
        self.asOf = asOf
    }

    /// The business of a fixture case, at its as-of instant.
    public init(_ fixture: FixtureCase) {
        self.init(name: fixture.name, location: fixture.location, business: fixture.business, asOf: fixture.asOf)
    }

    /// The facts typed by `vocabulary`: as they are, or written out and read again.
    func facts(for vocabulary: Vocabulary) throws -> BusinessFacts {
        if business.vocabulary === vocabulary { return business }
        return try BusinessFile.read(business.document, fileName: location, vocabulary: vocabulary)
    }

    /// The businesses of a JSON Lines file (one business per line; blank lines skipped), all
    /// decided at `asOf`. A bad line throws `InputErrors` naming `displayName:LINE`.
    public static func batch(_ url: URL, displayName: String, asOf: AsOf, vocabulary: Vocabulary) throws -> [DiffSubject] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InputError(file: displayName, message: "cannot read the file (\(error.localizedDescription))")
        }
        var subjects: [DiffSubject] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let text = String(decoding: line, as: UTF8.self)
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
            let business = try BusinessFile.decode(Data(line), fileName: displayName.hasSuffix(".jsonl") ? displayName : displayName + ".jsonl",
                                                   vocabulary: vocabulary, firstLine: lineNumber)
            subjects.append(DiffSubject(name: business.name ?? business.id ?? "line \(lineNumber)",
                                        location: "\(displayName):\(lineNumber)", business: business, asOf: asOf))
        }
        return subjects
    }
}

/// What changes between two rule directories for a set of businesses: "what does my edit do?"
public struct RuleDiff: Sendable, Hashable {
    /// One programme's decision for one business that differs between base and head.
    public struct Change: Sendable, Hashable {
        /// How the decision changed.
        public enum Kind: String, Sendable, Hashable {
            /// The outcome or the award differs.
            case decision
            /// Same outcome and award, but different failed criteria or missing facts.
            case reasons
        }
        /// One criterion whose result differs.
        public struct CriterionChange: Sendable, Hashable {
            public var id: String
            /// nil: the criterion was not evaluated (or does not exist) on that side.
            public var base: CriterionResult.Outcome?
            public var head: CriterionResult.Outcome?
        }
        public var subject: String
        public var location: String
        public var programme: String
        public var kind: Kind
        /// nil when the programme does not exist on that side.
        public var baseOutcome: Decision.Outcome?
        public var headOutcome: Decision.Outcome?
        public var baseAward: Money?
        public var headAward: Money?
        public var baseFailed: [String]
        public var headFailed: [String]
        public var baseMissing: [String]
        public var headMissing: [String]
        public var criteria: [CriterionChange]
    }

    /// Every change, in subject order then programme order.
    public var changes: [Change]
    /// How many businesses were compared.
    public var compared: Int

    /// Changes of outcome or award (what `eligible diff` lists first).
    public var decisionChanges: [Change] { changes.filter { $0.kind == .decision } }
    /// The businesses (by location) with at least one outcome or award change.
    public var affectedSubjects: [String] {
        var seen: [String] = []
        for change in decisionChanges where !seen.contains(change.location) { seen.append(change.location) }
        return seen
    }

    /// Runs every subject under both evaluators and compares their decisions programme by programme.
    public static func compare(_ subjects: [DiffSubject], base: Evaluator, head: Evaluator) throws -> RuleDiff {
        var changes: [Change] = []
        for subject in subjects {
            let before = try base.evaluate(subject.facts(for: base.vocabulary), asOf: subject.asOf, explain: true)
            let after = try head.evaluate(subject.facts(for: head.vocabulary), asOf: subject.asOf, explain: true)
            var programmes = before.map(\.programme)
            for decision in after where !programmes.contains(decision.programme) { programmes.append(decision.programme) }
            for programme in programmes {
                let b = before.first { $0.programme == programme }
                let h = after.first { $0.programme == programme }
                if let change = change(subject, programme, b, h) { changes.append(change) }
            }
        }
        return RuleDiff(changes: changes, compared: subjects.count)
    }

    private static func change(_ subject: DiffSubject, _ programme: String, _ b: Decision?, _ h: Decision?) -> Change? {
        let decisionChanged = b?.outcome != h?.outcome || b?.award != h?.award
        let reasonsChanged = Set(b?.failed ?? []) != Set(h?.failed ?? []) || Set(b?.missing ?? []) != Set(h?.missing ?? [])
            || b?.error != h?.error
        guard decisionChanged || reasonsChanged else { return nil }
        var ids: [String] = (b?.criteria ?? []).map(\.id)
        for criterion in h?.criteria ?? [] where !ids.contains(criterion.id) { ids.append(criterion.id) }
        var criteria: [Change.CriterionChange] = []
        for id in ids {
            let before = b?.criteria?.first { $0.id == id }?.outcome
            let after = h?.criteria?.first { $0.id == id }?.outcome
            if before != after { criteria.append(.init(id: id, base: before, head: after)) }
        }
        return Change(subject: subject.name, location: subject.location, programme: programme,
                      kind: decisionChanged ? .decision : .reasons,
                      baseOutcome: b?.outcome, headOutcome: h?.outcome, baseAward: b?.award, headAward: h?.award,
                      baseFailed: b?.failed ?? [], headFailed: h?.failed ?? [],
                      baseMissing: b?.missing ?? [], headMissing: h?.missing ?? [], criteria: criteria)
    }

    /// The report: each business whose outcome or award changes, with the programme, the
    /// change, and the criteria that changed; then (when `reasons`) decisions that changed only
    /// their reasons; then `N of M businesses change outcome or award`.
    public func report(reasons: Bool = true) -> String {
        var lines: [String] = []
        func describe(_ outcome: Decision.Outcome?, _ award: Money?) -> String {
            guard let outcome else { return "(no such programme)" }
            return outcome.rawValue + (award.map { " " + $0.formatted } ?? "")
        }
        func render(_ list: [Change]) {
            var location = ""
            for change in list {
                if change.location != location {
                    location = change.location
                    lines.append("\(change.location) \(change.subject)")
                }
                var text = "  \(change.programme): \(describe(change.baseOutcome, change.baseAward)) -> \(describe(change.headOutcome, change.headAward))"
                if change.kind == .reasons {
                    if Set(change.baseFailed) != Set(change.headFailed) {
                        text += "; failed [\(change.baseFailed.joined(separator: ", "))] -> [\(change.headFailed.joined(separator: ", "))]"
                    }
                    if Set(change.baseMissing) != Set(change.headMissing) {
                        text += "; missing [\(change.baseMissing.joined(separator: ", "))] -> [\(change.headMissing.joined(separator: ", "))]"
                    }
                }
                lines.append(text)
                for criterion in change.criteria {
                    lines.append("    \(criterion.id): \(criterion.base?.rawValue ?? "not run") -> \(criterion.head?.rawValue ?? "not run")")
                }
            }
        }
        render(decisionChanges)
        let reasonChanges = changes.filter { $0.kind == .reasons }
        if reasons && !reasonChanges.isEmpty {
            if !lines.isEmpty { lines.append("") }
            lines.append("Same outcome and award, different reasons:")
            render(reasonChanges)
        }
        if !lines.isEmpty { lines.append("") }
        lines.append("\(affectedSubjects.count) of \(compared) businesses change outcome or award (\(decisionChanges.count) decision\(decisionChanges.count == 1 ? "" : "s"))")
        return lines.joined(separator: "\n")
    }
}
