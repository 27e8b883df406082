/// The kind of value a fact holds, as the fact vocabulary (`rules/facts.yaml`) declares it.
///
/// Every kind has one plain-English name a programme manager writes (`whole number`,
/// `one of fuels`), one form in business files (see `ScalarReading`), and one Lua form rules
/// see: yes/no is a boolean, whole numbers are integers, decimals floats, money integer pence,
/// days `"YYYY-MM-DD"`, minutes `"YYYY-MM-DDTHH:MM"`, text and choices strings, lists 1-based
/// sequences, records read-only tables.
public enum FactType: Hashable, Sendable {
    /// yes or no (a Lua boolean).
    case yesNo
    /// A whole number (a Lua integer).
    case wholeNumber
    /// A number with a fractional part (a Lua float).
    case decimal
    /// An amount in pounds (integer pence inside the engine and in Lua).
    case money
    /// A calendar day, `YYYY-MM-DD`.
    case day
    /// A day and time to the minute, UK local time, `YYYY-MM-DDTHH:MM`.
    case minute
    /// Free text.
    case text
    /// Exactly one of the listed values.
    case oneOf(ChoiceList)
    /// A list of free-text items.
    case textList
    /// Any number of the listed values (a list, each item one of them).
    case severalOf(ChoiceList)
    /// A group of facts.
    case record(RecordType)
    /// A list of groups of facts.
    case records(RecordType)

    /// The name a vocabulary file uses for the type: `whole number`, `one of fuels`.
    public var name: String {
        switch self {
        case .yesNo: return "yes/no"
        case .wholeNumber: return "whole number"
        case .decimal: return "decimal"
        case .money: return "money"
        case .day: return "day"
        case .minute: return "minute"
        case .text: return "text"
        case .oneOf(let list): return list.name.map { "one of \($0)" } ?? "one of"
        case .textList: return "list of text"
        case .severalOf(let list): return list.name.map { "several of \($0)" } ?? "several of"
        case .record: return "record"
        case .records: return "list of records"
        }
    }

    /// What a valid answer looks like, as messages and questions say it.
    public var expectation: String {
        switch self {
        case .yesNo: return "yes or no"
        case .wholeNumber: return "a whole number"
        case .decimal: return "a number"
        case .money: return "an amount in pounds, like 12000, 12000.50 or \"£12,000\""
        case .day: return "a date like 2021-06-30"
        case .minute: return "a date and time like 2021-06-30T17:00"
        case .text: return "text"
        case .oneOf(let list): return "one of " + list.valueNames.joined(separator: ", ")
        case .textList: return "a list of text"
        case .severalOf(let list): return "a list, each one of " + list.valueNames.joined(separator: ", ")
        case .record: return "a group of facts"
        case .records: return "a list of groups of facts"
        }
    }

    /// The record type of a record or list of records.
    public var recordType: RecordType? {
        switch self {
        case .record(let type), .records(let type): return type
        default: return nil
        }
    }

    /// True for the list kinds: lists of text, several of, lists of records.
    public var isList: Bool {
        switch self {
        case .textList, .severalOf, .records: return true
        default: return false
        }
    }

    /// True for whole numbers and decimals, the kinds a range applies to.
    public var isNumber: Bool { self == .wholeNumber || self == .decimal }

    /// The type of one item of a list kind (nil for the others).
    public var itemType: FactType? {
        switch self {
        case .textList: return .text
        case .severalOf(let list): return .oneOf(list)
        case .records(let type): return .record(type)
        default: return nil
        }
    }
}

/// The values a `one of` or `several of` fact may take, each with what it means.
public struct ChoiceList: Hashable, Sendable {
    /// One allowed value.
    public struct Choice: Hashable, Sendable {
        /// The value as files and rules write it (`soleTrader`).
        public let value: String
        /// What it means, in words (`a self-employed individual`), when the vocabulary says.
        public let meaning: String?
    }

    /// The name of a shared list (`fuels`), or nil for values listed on the fact itself.
    public let name: String?
    /// The values, in the vocabulary's order.
    public let choices: [Choice]

    /// The values alone.
    public var valueNames: [String] { choices.map(\.value) }

    /// The listed value equal to `text`, ignoring case, if any.
    public func value(matching text: String) -> String? {
        if let exact = choices.first(where: { $0.value == text }) { return exact.value }
        let lower = text.lowercased()
        return choices.first { $0.value.lowercased() == lower }?.value
    }
}
