/// What an answer changed: the programmes whose outcome or award differ between two pieces of
/// advice about the same business (before and after a fact was given).
extension Advice {
    /// One programme whose outcome or award changed.
    public struct Change: Hashable, Sendable {
        /// The programme's id.
        public var programme: String
        /// Its title.
        public var title: String
        /// Its entry before (nil when it was not decided then).
        public var before: Entry?
        /// Its entry now.
        public var after: Entry
    }

    /// The programmes whose outcome or award is not what it was in `earlier`, in this advice's
    /// order (best first).
    public func changes(since earlier: Advice) -> [Change] {
        let previous = Dictionary(earlier.programmes.map { ($0.programme, $0) }, uniquingKeysWith: { a, _ in a })
        return programmes.compactMap { entry in
            let before = previous[entry.programme]
            if let before, before.outcome == entry.outcome, before.award == entry.award { return nil }
            return Change(programme: entry.programme, title: entry.title, before: before, after: entry)
        }
    }
}
