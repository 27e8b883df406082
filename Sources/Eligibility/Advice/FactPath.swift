/// Looking facts up by the paths decisions use (`address.localAuthority`, `fleet[0].fuel`) and
/// showing their values the way a person reads them (money in pounds, yes/no, dates as written).
extension FactSchema {
    /// The field a fact path names, ignoring list indexes (`fleet[0].fuel` is Vehicle.fuel);
    /// nil when the path does not name a fact of the model.
    public static func field(atPath path: String) -> FactField? {
        var node = root
        var found: FactField?
        for part in path.split(separator: ".") {
            guard found == nil || isNode(found!.type) else { return nil }
            if let current = found, let name = nodeName(current.type) { node = name }
            let name = part.split(separator: "[", maxSplits: 1).first.map(String.init) ?? String(part)
            guard let field = field(name, of: node) else { return nil }
            found = field
        }
        return found
    }

    private static func isNode(_ type: FactType) -> Bool { nodeName(type) != nil }

    private static func nodeName(_ type: FactType) -> String? {
        switch type {
        case .node(let name), .list(.node(let name)): return name
        default: return nil
        }
    }
}

extension FactValue {
    /// The value as a person reads it, given the fact's type when known: money as `£3,000.00`,
    /// booleans as yes/no, text and dates without quotes.
    public func displayed(as type: FactType?) -> String {
        switch (self, type) {
        case (.integer(let pence), .money?): return Money(pence: pence).formatted
        case (.string(let text), _): return text
        case (.number(let d), _):
            return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case (.list(let items), .list(let element)?):
            return "[" + items.map { $0.displayed(as: element) }.joined(separator: ", ") + "]"
        default: return description
        }
    }

    /// The value of the fact at `path`, displayed by its schema type.
    public func displayed(forFact path: String) -> String {
        displayed(as: FactSchema.field(atPath: path)?.type)
    }
}
