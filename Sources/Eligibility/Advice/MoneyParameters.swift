import Foundation

/// Which of a programme's parameters are money, so they can be shown in pounds.
///
/// A rule writes money as `pounds(6000)`, which is the plain integer 600000 by the time the
/// engine reports it: `ProgrammeInfo` does not say which parameters are money. What it does
/// give is the programme's texts rendered from its parameters, where a programme manager writes
/// money as `{large_cap:pounds}`. So a whole-number parameter counts as money when its value, in
/// pounds as those texts write it (`£6,000`, `£2,096`, `£6.56`), appears in the programme's
/// title, summary, criteria or award note at the instant described. A money parameter no text
/// mentions stays a plain number.
public struct MoneyParameters: Sendable {
    /// The parameters found to be money: `large_cap`, or `bands.grant` for a member of a table.
    public let names: Set<String>

    /// Looks for each parameter of `programme` (its values in force, its dated entries and the
    /// members of table values) in its rendered texts.
    public init(_ programme: ProgrammeInfo) {
        let texts = ([programme.title, programme.summary] + programme.criteria.flatMap { [$0.text, $0.clause ?? ""] }
            + [programme.discretionary ?? ""]).joined(separator: "\n")
        var names = Set<String>()
        func visit(_ value: PlainValue?, name: String) {
            switch value {
            case .integer(let pence)?:
                if Self.mentions(texts, pence: pence) { names.insert(name) }
            case .table(let members)?:
                for (key, member) in members { visit(member, name: name + "." + key) }
            case .list(let items)?:
                for item in items { visit(item, name: name) }
            default:
                return
            }
        }
        for parameter in programme.params { visit(parameter.value, name: parameter.name) }
        for parameter in programme.datedParams {
            for entry in parameter.entries { visit(entry.value, name: parameter.name) }
        }
        self.names = names
    }

    /// Whether the parameter called `name` (`large_cap`, or `bands.grant` in a table) is money.
    public func contains(_ name: String) -> Bool { names.contains(name) }

    /// A parameter's value as a person reads it: money in pounds, tables as `grant £1,000.00,
    /// up to £15,000.00` (names with spaces for underscores), lists in brackets.
    public func display(_ value: PlainValue, name: String) -> String {
        switch value {
        case .integer(let pence) where contains(name): return Money(pence: pence).formatted
        case .table(let members):
            return members.keys.sorted().compactMap { key in
                members[key].map { key.replacingOccurrences(of: "_", with: " ") + " " + display($0, name: name + "." + key) }
            }.joined(separator: ", ")
        case .list(let items):
            return "[" + items.map { display($0, name: name) }.joined(separator: "; ") + "]"
        default:
            return value.displayed(as: nil)
        }
    }

    /// Whether `texts` write `pence` in pounds as rendered texts do (`£6,000`, `£6.56`), not as
    /// the start of a longer amount (`£6,000,000`, `£6,000.50`).
    static func mentions(_ texts: String, pence: Int) -> Bool {
        guard pence >= 100 else { return false }
        var pounds = Money(pence: pence).formatted
        if pounds.hasSuffix(".00") { pounds.removeLast(3) }
        let pattern = NSRegularExpression.escapedPattern(for: pounds) + #"(?![0-9]|[,.][0-9])"#
        return texts.range(of: pattern, options: .regularExpression) != nil
    }
}
