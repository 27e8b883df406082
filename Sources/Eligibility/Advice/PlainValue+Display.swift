/// Showing values read back from rules the way a person reads them.
extension PlainValue {
    /// The value as a person reads it, given the fact's type when known: money as `£3,000.00`,
    /// yes/no, text and dates without quotes.
    public func displayed(as type: FactType?) -> String {
        switch (self, type) {
        case (.integer(let pence), .money?): return Money(pence: pence).formatted
        case (.boolean(let b), _): return b ? "yes" : "no"
        case (.string(let text), _): return text
        case (.number(let d), _): return RangeText.show(d)
        case (.list(let items), _):
            return "[" + items.map { $0.displayed(as: type?.itemType) }.joined(separator: ", ") + "]"
        default: return description
        }
    }

    /// The value of the fact at `path`, displayed by its type in `vocabulary`.
    public func displayed(forFact path: String, in vocabulary: Vocabulary) -> String {
        displayed(as: vocabulary.fact(atPath: path)?.type)
    }
}
