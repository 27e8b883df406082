/// The missing facts an advisor should ask for next, ranked by the money they could settle.
///
/// Only `needs-information` decisions count: an ineligible programme is already decided, however
/// many facts it lacks. A fact's rank is, in order: the money at stake (the largest maximum
/// award among the undecided programmes that need it; a discretionary award, whose amount is
/// set case by case, counts as unknown); then the number of those programmes; then the number it
/// would settle on its own (it is the only fact they lack); then the order in which the
/// decisions first asked for it (so the ranking is stable).
///
/// ```swift
/// let questions = NextQuestions.rank(decisions, vocabulary: rules.vocabulary, programmes: try evaluator.programmes(asOf: asOf))
/// for q in questions { print(q.fact, q.why) }   // "covid" "It could settle Restart Grant (up to £18,000.00). ..."
/// ```
public enum NextQuestions {
    /// One fact to ask for.
    public struct Question: Codable, Hashable, Sendable {
        /// The fact's path, e.g. `premises.epcBand` (list elements 0-based: `fleet[0].fuel`).
        public var fact: String
        /// What the fact means, with its unit (from the vocabulary); nil if it has no such path.
        public var meaning: String?
        /// The question to ask, from the vocabulary.
        public var question: String?
        /// What a valid answer looks like, e.g. "one of A, B, C, D, E, F, G".
        public var expected: String?
        /// When the fact is a group (e.g. `covid`), the facts it holds, so an advisor can ask for them.
        public var facts: [String]?
        /// The undecided programmes that need this fact, in decision order.
        public var programmes: [String]
        /// Of those, the ones this fact alone would settle (it is the only fact they lack).
        public var settles: [String]
        /// The most the programmes that need it could pay: the largest maximum award among them
        /// (integer pence); nil when none has a known amount.
        public var atStake: Money? = nil
        /// Why the question is asked, in plain English: the programmes it could settle and the
        /// money at stake.
        public var why: String = ""
    }

    /// Ranks the facts missing from the `needs-information` decisions among `decisions`;
    /// `programmes` (the rule book's descriptions) give the titles and maximum awards.
    public static func rank(_ decisions: [Decision], vocabulary: Vocabulary, programmes: [ProgrammeInfo] = []) -> [Question] {
        var order = [String]()
        var needing = [String: [String]]()
        var settling = [String: [String]]()
        for decision in decisions where decision.outcome == .needsInformation {
            let alone = Set(decision.missing).count == 1
            for path in decision.missing {
                if needing[path] == nil { order.append(path) }
                if needing[path, default: []].contains(decision.programme) == false { needing[path, default: []].append(decision.programme) }
                if alone { settling[path, default: []].append(decision.programme) }
            }
        }
        let info = Dictionary(programmes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let questions = order.map { path in
            question(path, vocabulary: vocabulary, programmes: needing[path] ?? [], settles: settling[path] ?? [], info: info)
        }
        let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return questions.sorted { a, b in
            let (ma, mb) = (a.atStake?.pence ?? 0, b.atStake?.pence ?? 0)
            if ma != mb { return ma > mb }
            if a.programmes.count != b.programmes.count { return a.programmes.count > b.programmes.count }
            if a.settles.count != b.settles.count { return a.settles.count > b.settles.count }
            return position[a.fact, default: 0] < position[b.fact, default: 0]
        }
    }

    /// A question about the fact at `path`, described from the vocabulary, with why it is asked
    /// (from `info`, the rule book's descriptions by programme id).
    public static func question(_ path: String, vocabulary: Vocabulary, programmes: [String], settles: [String],
                                info: [String: ProgrammeInfo] = [:]) -> Question {
        let fact = vocabulary.fact(atPath: path)
        var facts: [String]?
        if case .record(let record)? = fact?.type { facts = record.facts.map(\.name) }
        let stakes = programmes.map { Stake(id: $0, info: info[$0]) }
        let atStake = stakes.compactMap(\.amount).max()
        return Question(fact: path, meaning: fact?.meaningWithUnit, question: fact?.question,
                        expected: fact?.expectation, facts: facts,
                        programmes: programmes, settles: settles, atStake: atStake,
                        why: why(stakes, settles: settles.map { Stake(id: $0, info: info[$0]) }, atStake: atStake))
    }

    /// One programme a question could settle, and what it could pay.
    private struct Stake {
        var title: String
        /// Its maximum award; nil for a discretionary award (set case by case) or when the
        /// programme's description is not at hand.
        var amount: Money?
        /// True when the programme's description is at hand (so a nil amount is discretionary).
        var described: Bool

        init(id: String, info: ProgrammeInfo?) {
            title = info?.title ?? id
            amount = info.flatMap { $0.discretionary == nil ? $0.maximum : nil }
            described = info != nil
        }

        /// "Restart Grant (up to £18,000.00)"; a programme without a description: its id alone.
        var text: String {
            guard described else { return title }
            return title + " (" + (amount.map { "up to \($0.formatted)" } ?? "an amount set case by case") + ")"
        }
    }

    /// "It could settle Restart Grant (up to £18,000.00) and Kickstart Scheme (up to £9,761.50):
    /// up to £18,000.00 is at stake. It is the only fact Kickstart Scheme lacks so far." ("So
    /// far": once it is given, a criterion or award further on may still ask for another.)
    private static func why(_ stakes: [Stake], settles: [Stake], atStake: Money?) -> String {
        guard !stakes.isEmpty else { return "" }
        let shown = 3
        let ordered = stakes.enumerated().sorted { a, b in
            let (ma, mb) = (a.element.amount?.pence ?? -1, b.element.amount?.pence ?? -1)
            return ma != mb ? ma > mb : a.offset < b.offset
        }.map(\.element)
        var names = ordered.prefix(shown).map(\.text)
        if ordered.count > shown { names.append("\(ordered.count - shown) more") }
        var text = "It could settle " + (stakes.count > 1 ? "\(stakes.count) programmes: " : "") + list(names)
        if let atStake { text += stakes.count > 1 ? "; up to \(atStake.formatted) is at stake." : "." } else { text += "." }
        switch settles.count {
        case 0: break
        case 1: text += " It is the only fact \(settles[0].title) lacks so far."
        default: text += " It is the only fact \(settles.count) of them lack so far."
        }
        return text
    }

    /// "A", "A and B", "A, B and C".
    private static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }
}
