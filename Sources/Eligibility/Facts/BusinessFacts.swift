import Foundation

/// The facts about one business, typed by a vocabulary: what the engine decides on.
///
/// Business files, JSON lines and CSV rows become `BusinessFacts` (see `BusinessFile`); Swift
/// callers can also convert the typed `Business` model, and read or set any fact by its path
/// with type checks, including facts the vocabulary adds beyond the Swift model:
///
/// ```swift
/// var facts = try BusinessFacts(business, vocabulary: rules.vocabulary)
/// try facts.set("premises.paysBusinessRates", to: .boolean(true))
/// try facts.set("inPersonServices", text: "yes")
/// facts.value(at: "employees")            // .integer(12)
/// ```
public struct BusinessFacts: Hashable, Sendable {
    /// The vocabulary the facts are typed by.
    public let vocabulary: Vocabulary
    /// The business's own record.
    public internal(set) var record: FactRecord

    /// A business with every fact unknown.
    public init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        record = FactRecord(type: vocabulary.root)
    }

    init(vocabulary: Vocabulary, record: FactRecord) {
        self.vocabulary = vocabulary
        self.record = record
    }

    /// Converts the typed Swift model. Every fact it gives must be in the vocabulary with a
    /// matching type; an `InputErrors` names each one that is not.
    public init(_ business: Business, vocabulary: Vocabulary) throws {
        let encoder = JSONEncoder()
        let object = try JSONSerialization.jsonObject(with: try encoder.encode(business), options: [.fragmentsAllowed])
        var reader = FactReader(vocabulary: vocabulary, file: "Business", moneyNumbers: .pence)
        guard let record = reader.read(RawNode(object: object)) else { throw InputErrors(reader.errors) }
        self.init(vocabulary: vocabulary, record: record)
    }

    /// The business's `id`, if given.
    public var id: String? { if case .text(let s)? = record["id"] { return s }; return nil }
    /// The business's `name`, if given.
    public var name: String? { if case .text(let s)? = record["name"] { return s }; return nil }

    public static func == (a: BusinessFacts, b: BusinessFacts) -> Bool { a.vocabulary === b.vocabulary && a.record == b.record }
    public func hash(into hasher: inout Hasher) { hasher.combine(record) }

    // MARK: - Reading and setting by path

    /// The value at `path` (`employees`, `premises.tenure`, `fleet[0].fuel`); nil when it is not
    /// given (or the path reaches through something not given).
    public func value(at path: String) -> FactValue? {
        guard let steps = try? Self.steps(of: path), !steps.isEmpty else { return nil }
        var current: FactValue = .record(record)
        for step in steps {
            switch (current, step) {
            case (.record(let r), .name(let name)):
                guard let v = r[name] else { return nil }
                current = v
            case (.list(let items), .index(let i)):
                guard items.indices.contains(i) else { return nil }
                current = items[i]
            default: return nil
            }
        }
        return current
    }

    /// Sets the fact at `path` to `value` (nil makes it unknown). The value must have the
    /// fact's type (`.notApplicable` fits any fact; a dated fact takes `.history` or one plain
    /// value, which then holds throughout). Records and list items on the way are created; a
    /// list index may be at most the list's length (which appends).
    public mutating func set(_ path: String, to value: FactValue?) throws(FactPathError) {
        let steps = try Self.steps(of: path)
        guard !steps.isEmpty else { throw FactPathError(path: path, message: "name a fact, e.g. employees") }
        let definition = try self.definition(at: path, steps: steps)
        var value = value
        if let given = value, case .history = given {
            guard definition.dated else { throw FactPathError(path: path, message: "'\(definition.name)' is not dated; give one value") }
        } else if let given = value, definition.dated, given != .notApplicable {
            value = .history([DatedValue(from: nil, value: given)])
        }
        if let value, !Self.conforms(value, to: definition) {
            throw FactPathError(path: path, message: "expected \(definition.expectation), got \(value.displayed(as: nil))")
        }
        var root = FactValue.record(record)
        try Self.assign(&root, steps[...], value, path: path)
        if case .record(let r) = root { record = r }
    }

    /// Sets the fact at `path` from text as a person types it (`yes`, `£12,000`, `2021-06-01`,
    /// `does not apply`; a list as items separated by `;`); an empty text makes it unknown.
    public mutating func set(_ path: String, text: String) throws(FactPathError) {
        let steps = try Self.steps(of: path)
        let definition = try self.definition(at: path, steps: steps)
        let trimmed = text.trimmedBlanks
        if trimmed.isEmpty { try set(path, to: nil); return }
        if ScalarReading.isNotApplicable(trimmed) { try set(path, to: .notApplicable); return }
        let value: FactValue
        switch definition.type {
        case .record, .records:
            throw FactPathError(path: path, message: "'\(definition.name)' is a group of facts; set one of them, e.g. \(path).\(definition.type.recordType?.facts.first?.name ?? "x")")
        case .textList, .severalOf:
            var items = [FactValue]()
            for part in trimmed.split(separator: ";") {
                switch ScalarReading.read(String(part), as: definition.type.itemType ?? .text) {
                case .success(let v): items.append(v)
                case .failure(let e): throw FactPathError(path: path, message: e.message)
                }
            }
            value = .list(items)
        default:
            switch ScalarReading.read(trimmed, as: definition.type, range: definition.range) {
            case .success(let v): value = v
            case .failure(let e): throw FactPathError(path: path, message: e.message)
            }
        }
        try set(path, to: value)
    }

    /// The vocabulary's definition of the fact at `path`, or an error naming what is wrong.
    public func definition(at path: String) throws(FactPathError) -> FactDefinition {
        try definition(at: path, steps: try Self.steps(of: path))
    }

    private func definition(at path: String, steps: [Step]) throws(FactPathError) -> FactDefinition {
        var record: RecordType? = vocabulary.root
        var found: FactDefinition?
        var walked = ""
        for step in steps {
            switch step {
            case .name(let name):
                guard let r = record else { throw FactPathError(path: path, message: "'\(walked)' has no parts") }
                guard let fact = r.fact(named: name) else {
                    throw FactPathError(path: path, message: "\(walked.isEmpty ? "the business" : walked) has no fact '\(FactReader.shown(name))'"
                        + Suggestion.didYouMean(name, among: r.facts.map(\.name)))
                }
                found = fact
                if case .record(let child) = fact.type { record = child } else { record = nil }
                walked = FactPath.join(walked, name)
            case .index(let i):
                guard let fact = found, case .records(let child) = fact.type else {
                    throw FactPathError(path: path, message: "'\(walked)' is not a list of records; it takes no [index]")
                }
                record = child
                walked = FactPath.item(walked, i)
            }
        }
        guard let found else { throw FactPathError(path: path, message: "name a fact, e.g. employees") }
        if case .records = found.type, case .index? = steps.last {
            throw FactPathError(path: path, message: "'\(path)' is a group of facts; set one of them, e.g. \(path).\(found.type.recordType?.facts.first?.name ?? "x")")
        }
        return found
    }

    /// One step of a path: a fact name or a 0-based list index.
    enum Step: Hashable { case name(String), index(Int) }

    static func steps(of path: String) throws(FactPathError) -> [Step] {
        var steps = [Step]()
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            let nameEnd = rest.firstIndex(of: "[") ?? rest.endIndex
            let name = String(rest[..<nameEnd])
            guard !name.isEmpty else { throw FactPathError(path: path, message: "a path is names joined by dots, e.g. premises.tenure or fleet[0].fuel") }
            steps.append(.name(name))
            rest = rest[nameEnd...]
            while rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]"), let i = Int(rest[rest.index(after: rest.startIndex)..<close]), i >= 0, i < 100_000 else {
                    throw FactPathError(path: path, message: "a list index is a number from 0 in brackets, e.g. fleet[0]")
                }
                steps.append(.index(i))
                rest = rest[rest.index(after: close)...]
            }
            guard rest.isEmpty else { throw FactPathError(path: path, message: "unexpected \(String(rest).quotedForMessage) in the path") }
        }
        return steps
    }

    /// Writes `value` at `steps` below `node`. `items` is the record type of a list's items, when
    /// `node` is a list of records.
    private static func assign(_ node: inout FactValue, _ steps: ArraySlice<Step>, _ value: FactValue?,
                               items itemType: RecordType? = nil, path: String) throws(FactPathError) {
        guard let step = steps.first else { return }
        let rest = steps.dropFirst()
        switch (node, step) {
        case (.record(var r), .name(let name)):
            guard let i = r.type.index(of: name) else { return }
            let fact = r.type.facts[i]
            if rest.isEmpty {
                r.values[i] = value
            } else {
                var child = r.values[i] ?? Self.empty(for: fact)
                if child == .notApplicable { child = Self.empty(for: fact) }
                var listItems: RecordType?
                if case .records(let t) = fact.type { listItems = t }
                try assign(&child, rest, value, items: listItems, path: path)
                r.values[i] = child
            }
            node = .record(r)
        case (.list(var list), .index(let i)):
            guard i <= list.count else {
                throw FactPathError(path: path, message: "the list has \(list.count) item\(list.count == 1 ? "" : "s"); the next new one is [\(list.count)]")
            }
            if i == list.count {
                guard value != nil, let itemType else { return }
                list.append(.record(FactRecord(type: itemType)))
            }
            if rest.isEmpty {
                if let value { list[i] = value } else { list.remove(at: i) }
            } else {
                try assign(&list[i], rest, value, path: path)
            }
            node = .list(list)
        default:
            return
        }
    }

    private static func empty(for fact: FactDefinition) -> FactValue {
        switch fact.type {
        case .record(let type): return .record(FactRecord(type: type))
        default: return .list([])
        }
    }

    /// Whether `value` has the type `definition` declares.
    static func conforms(_ value: FactValue, to definition: FactDefinition) -> Bool {
        if value == .notApplicable { return true }
        if definition.dated {
            guard case .history(let entries) = value else { return false }
            return entries.allSatisfy { $0.value == .notApplicable || conforms($0.value, to: definition.type) }
        }
        return conforms(value, to: definition.type)
    }

    private static func conforms(_ value: FactValue, to type: FactType) -> Bool {
        switch (type, value) {
        case (.yesNo, .boolean), (.wholeNumber, .integer), (.decimal, .decimal), (.money, .money), (.day, .day),
             (.minute, .minute), (.text, .text):
            return true
        case (.decimal, .integer): return true
        case (.oneOf(let list), .text(let s)): return list.valueNames.contains(s)
        case (.textList, .list(let items)), (.severalOf, .list(let items)):
            return items.allSatisfy { conforms($0, to: type.itemType ?? .text) }
        case (.record(let t), .record(let r)): return r.type === t
        case (.records(let t), .list(let items)):
            return items.allSatisfy { if case .record(let r) = $0 { return r.type === t } else { return false } }
        default: return false
        }
    }
}

/// A fact path that names no fact, or a value that does not fit it.
public struct FactPathError: Error, CustomStringConvertible, Hashable, Sendable {
    /// The path as given.
    public let path: String
    /// What is wrong and what to write instead.
    public let message: String
    public var description: String { "\(path): \(message)" }
}

/// Several problems with one input, each at its place (a business file with three mistakes).
public struct InputErrors: Error, CustomStringConvertible, Sendable {
    /// The problems, in the order found.
    public let errors: [InputError]

    /// Wraps one or more problems.
    public init(_ errors: [InputError]) { self.errors = errors }

    /// The first problem (every input error has at least one).
    public var first: InputError { errors.first ?? InputError(file: "", message: "invalid input") }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
