/// What `eligible check` tells an advisor about one business: every programme's decision, best
/// first, with the reasons spelt out (each failed criterion's sentence and the business's actual
/// values, exactly which facts to ask for), and the next questions to ask.
///
/// It is built from decisions made with `explain: true` (for the facts each criterion read) and
/// the rule book's `ProgrammeInfo` (for titles, sentences and windows). Its `Codable` form is the
/// JSON of `eligible check --format json`: field names are stable; money is integer pence.
public struct Advice: Codable, Hashable, Sendable {
    /// One programme's decision with what an advisor needs to read it.
    public struct Entry: Codable, Hashable, Sendable {
        /// The programme's id.
        public var programme: String
        /// Its title.
        public var title: String
        /// The outcome: eligible, needs-information, ineligible, closed or rule-error.
        public var outcome: Decision.Outcome
        /// The award when eligible, in integer pence.
        public var award: Money?
        /// How the award was worked out, in the programme's words.
        public var awardExplanation: String?
        /// True when the programme's maximum cut the award down.
        public var awardCapped: Bool?
        /// Every failed criterion (ineligible), with its sentence and the values it read.
        public var failed: [CriterionNote]
        /// The facts to ask for (needs-information), with what each means.
        public var missing: [NextQuestions.Question]
        /// For a closed programme: the window as declared ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM").
        public var openFrom: String?
        /// For a closed programme: the last day (or closing instant), nil if open-ended.
        public var openTo: String?
        /// For a rule error: `rules/FILE.lua:LINE: message`.
        public var error: String?
        /// The full decision as the engine made it (with every criterion's result).
        public var decision: Decision
    }

    /// A criterion with its sentence and the facts its test read.
    public struct CriterionNote: Codable, Hashable, Sendable {
        /// The criterion's id.
        public var id: String
        /// The sentence an advisor reads.
        public var text: String
        /// The clause of the scheme it implements, if declared.
        public var clause: String?
        /// The facts the test read and the values found (nil value: absent).
        public var reads: [FactRead]
    }

    /// The as-of instant, as given ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", UK local time).
    public var asOf: String
    /// SHA-256 of the rule files.
    public var rulesDigest: String
    /// The engine version.
    public var engineVersion: String
    /// Every programme's decision, best first: eligible (largest award first), needs-information,
    /// ineligible, closed, rule-error; ties by programme id.
    public var programmes: [Entry]
    /// The missing facts ranked by the money they could settle, then by how many undecided
    /// programmes each would help settle (see `NextQuestions`).
    public var nextQuestions: [NextQuestions.Question]

    /// How decisions are ordered: best outcome first.
    public static func rank(_ outcome: Decision.Outcome) -> Int {
        switch outcome {
        case .eligible: return 0
        case .needsInformation: return 1
        case .ineligible: return 2
        case .closed: return 3
        case .ruleError: return 4
        }
    }

    /// Builds the advice from explained decisions and the rule book's descriptions.
    public init(decisions: [Decision], programmes: [ProgrammeInfo], asOf: AsOf, vocabulary: Vocabulary) {
        let info = Dictionary(programmes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.asOf = asOf.description
        rulesDigest = decisions.first?.rulesDigest ?? ""
        engineVersion = EngineVersion.current
        let questions = NextQuestions.rank(decisions, vocabulary: vocabulary, programmes: programmes)
        let byFact = Dictionary(questions.map { ($0.fact, $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = decisions.sorted { a, b in
            let (ra, rb) = (Self.rank(a.outcome), Self.rank(b.outcome))
            if ra != rb { return ra < rb }
            let (wa, wb) = (a.award?.pence ?? 0, b.award?.pence ?? 0)
            if wa != wb { return wa > wb }
            return a.programme < b.programme
        }
        self.programmes = sorted.map { decision in
            let programme = info[decision.programme]
            let criteria = Dictionary((programme?.criteria ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let results = Dictionary((decision.criteria ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let failed = decision.failed.map { id in
                CriterionNote(id: id, text: criteria[id]?.text ?? id, clause: criteria[id]?.clause,
                              reads: results[id]?.reads ?? [])
            }
            let missing = decision.outcome == .needsInformation ? decision.missing.map { path in
                byFact[path] ?? NextQuestions.question(path, vocabulary: vocabulary, programmes: [decision.programme], settles: [], info: info)
            } : []
            let closed = decision.outcome == .closed
            return Entry(programme: decision.programme, title: programme?.title ?? decision.programme,
                         outcome: decision.outcome, award: decision.award, awardExplanation: decision.awardExplanation,
                         awardCapped: decision.awardCapped, failed: failed, missing: missing,
                         openFrom: closed ? programme?.openFrom : nil, openTo: closed ? programme?.openTo : nil,
                         error: decision.error, decision: decision)
        }
        nextQuestions = questions
    }
}
