/// The missing facts an advisor should ask for next, ranked by how many undecided programmes
/// each would help settle.
///
/// Only `needs-information` decisions count: an ineligible programme is already decided, however
/// many facts it lacks. A fact's rank is, in order: the number of undecided programmes that need
/// it; then the number it would settle on its own (it is the only fact they lack); then the
/// order in which the decisions first asked for it (so the ranking is stable).
///
/// ```swift
/// let questions = NextQuestions.rank(decisions)
/// for q in questions { print(q.path, q.programmes) }   // "covid.turnoverDropPercent" ["recovery-grant", ...]
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
    }

    /// Ranks the facts missing from the `needs-information` decisions among `decisions`.
    public static func rank(_ decisions: [Decision], vocabulary: Vocabulary) -> [Question] {
        var order = [String]()
        var needing = [String: [String]]()
        var settling = [String: [String]]()
        for decision in decisions where decision.outcome == .needsInformation {
            for path in decision.missing {
                if needing[path] == nil { order.append(path); needing[path] = [] }
                if !needing[path]!.contains(decision.programme) { needing[path]!.append(decision.programme) }
                if Set(decision.missing).count == 1 { settling[path, default: []].append(decision.programme) }
            }
        }
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return order.sorted { a, b in
            let (na, nb) = (needing[a]!.count, needing[b]!.count)
            if na != nb { return na > nb }
            let (sa, sb) = (settling[a]?.count ?? 0, settling[b]?.count ?? 0)
            if sa != sb { return sa > sb }
            return position[a]! < position[b]!
        }.map { path in
            question(path, vocabulary: vocabulary, programmes: needing[path] ?? [], settles: settling[path] ?? [])
        }
    }

    /// A question about the fact at `path`, described from the vocabulary.
    public static func question(_ path: String, vocabulary: Vocabulary, programmes: [String], settles: [String]) -> Question {
        let fact = vocabulary.fact(atPath: path)
        var facts: [String]?
        if case .record(let record)? = fact?.type { facts = record.facts.map(\.name) }
        return Question(fact: path, meaning: fact?.meaningWithUnit, question: fact?.question, expected: fact?.expectation, facts: facts,
                        programmes: programmes, settles: settles)
    }
}
