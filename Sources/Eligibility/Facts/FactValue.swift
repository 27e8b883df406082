/// One value of a fact, typed as the vocabulary declares it. This is what crosses into Lua:
/// booleans, integers, floats, integer pence, day and minute strings, strings, lists, records.
public enum FactValue: Hashable, Sendable {
    /// A yes/no fact.
    case boolean(Bool)
    /// A whole number.
    case integer(Int)
    /// A decimal.
    case decimal(Double)
    /// Money.
    case money(Money)
    /// A calendar day.
    case day(Day)
    /// A day and time to the minute (UK local time).
    case minute(AsOf)
    /// Text, or the value of a `one of` fact.
    case text(String)
    /// A list: of text, of values of a `several of` fact, or of records.
    case list([FactValue])
    /// A group of facts.
    case record(FactRecord)
    /// The history of a dated fact: each entry holds from its day until the next entry's.
    case history([DatedValue])
    /// The answer "does not apply" (no hire planned, no vehicle to buy), which is not "unknown".
    case notApplicable

    /// The value as a person reads it, given its type: money as `£3,000.00`, yes/no, days and
    /// text as they are, lists in brackets, a history as `£12,000.00 from 2017-04-01; ...`.
    public func displayed(as type: FactType?) -> String {
        switch self {
        case .boolean(let b): return b ? "yes" : "no"
        case .integer(let i): return String(i)
        case .decimal(let d): return RangeText.show(d)
        case .money(let m): return m.formatted
        case .day(let d): return d.description
        case .minute(let m): return m.luaString
        case .text(let s): return s
        case .list(let items):
            return "[" + items.map { $0.displayed(as: type?.itemType) }.joined(separator: ", ") + "]"
        case .record(let record):
            let given = record.values.enumerated().compactMap { i, v in
                v.map { "\(record.type.facts[i].name) = \($0.displayed(as: record.type.facts[i].type))" }
            }
            return "{" + given.joined(separator: ", ") + "}"
        case .history(let entries):
            return entries.map { entry in
                entry.value.displayed(as: type) + (entry.from.map { " from \($0)" } ?? "")
            }.joined(separator: "; ")
        case .notApplicable: return "does not apply"
        }
    }
}

/// One entry of a dated fact's history: the value from `from` (nil: from the beginning) until
/// the next entry's day.
public struct DatedValue: Hashable, Sendable {
    /// The first day the value holds; nil for a value that holds from the beginning.
    public var from: Day?
    /// The value (possibly `.notApplicable`).
    public var value: FactValue

    /// An entry holding `value` from `from`.
    public init(from: Day?, value: FactValue) {
        self.from = from
        self.value = value
    }
}

/// The values of one record's facts, in the order its `RecordType` lists them; nil is unknown.
public struct FactRecord: Hashable, Sendable {
    /// The record's type.
    public let type: RecordType
    /// One value per fact of `type` (nil: not given, so unknown).
    public internal(set) var values: [FactValue?]

    /// A record of `type` with every fact unknown.
    public init(type: RecordType) {
        self.type = type
        values = Array(repeating: nil, count: type.facts.count)
    }

    /// The value of the fact called `name` (nil when unknown or when the record has no such fact).
    public subscript(name: String) -> FactValue? {
        type.index(of: name).flatMap { values[$0] }
    }

    /// Whether no fact is given.
    public var isEmpty: Bool { values.allSatisfy { $0 == nil } }
}
