/// The fact vocabulary: every fact a rule may read about a business, read from the rules
/// directory's `facts.yaml`.
///
/// It is the one description of the facts. Validation of business files and CSV rows, the
/// read-only view rules see, lint's fact check, the JSON Schema, the LuaLS annotations, CSV
/// columns, next-question wording and `eligible facts` all derive from it. Load one with
/// `VocabularyLoader`; a `RuleBook` loads its directory's.
public final class Vocabulary: Sendable {
    /// The business itself: the root record.
    public let root: RecordType
    /// How messages name the file (`rules/facts.yaml`).
    public let file: String
    /// The shared value lists (`choices:`), by name.
    public let choiceLists: [String: ChoiceList]
    /// Every fact, depth first in the file's order.
    public let facts: [FactDefinition]
    /// Every distinct fact name, in first-seen order (the keys rules index with).
    public let names: [String]
    private let byPath: [String: FactDefinition]

    /// Creates a vocabulary from its root record.
    init(root: RecordType, file: String, choiceLists: [String: ChoiceList]) {
        self.root = root
        self.file = file
        self.choiceLists = choiceLists
        var facts = [FactDefinition]()
        func walk(_ record: RecordType) {
            for fact in record.facts {
                facts.append(fact)
                if let child = fact.type.recordType { walk(child) }
            }
        }
        walk(root)
        self.facts = facts
        var seen = Set<String>()
        names = facts.map(\.name).filter { seen.insert($0).inserted }
        byPath = Dictionary(facts.map { (FactPath.key(of: $0.path), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The fact at `path`, written with dots and list indexes (`fleet[0].fuel`) or without
    /// indexes (`fleet.fuel`, `fleet[].fuel`); nil when the vocabulary has no such fact.
    public func fact(atPath path: String) -> FactDefinition? {
        byPath[FactPath.key(of: path)]
    }

    /// The record type whose facts a node at `path` holds (`""` is the business; `fleet[2]` a
    /// vehicle); nil when `path` names no record.
    public func record(atPath path: String) -> RecordType? {
        if FactPath.key(of: path).isEmpty { return root }
        guard let fact = fact(atPath: path), let type = fact.type.recordType else { return nil }
        if case .records = fact.type, !path.hasSuffix("]") { return nil }
        return type
    }
}

/// A group of facts: the business itself, or a record inside it (`premises`, an item of
/// `fleet`).
public final class RecordType: Hashable, Sendable {
    /// The template path of the record (`""` for the business, `premises`, `fleet[]`).
    public let path: String
    /// What the record describes.
    public let meaning: String
    /// What to ask to learn about it as a whole.
    public let question: String?
    /// Its facts, in the vocabulary's order.
    public let facts: [FactDefinition]
    /// The line of the record in the vocabulary file.
    public let line: Int
    /// The positions of the facts every record of this type must give.
    let requiredIndices: [Int]
    private let indexByName: [String: Int]

    init(path: String, meaning: String, question: String?, facts: [FactDefinition], line: Int) {
        self.path = path
        self.meaning = meaning
        self.question = question
        self.facts = facts
        self.line = line
        requiredIndices = facts.indices.filter { facts[$0].required }
        indexByName = Dictionary(facts.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The position of the fact called `name`, if the record has one.
    public func index(of name: String) -> Int? { indexByName[name] }

    /// The fact called `name`, if the record has one.
    public func fact(named name: String) -> FactDefinition? { index(of: name).map { facts[$0] } }

    /// The name the JSON Schema and LuaLS annotations give the record's type: `Business`,
    /// `Premises`, `FleetItem`, `ProposalVehicle`.
    public var typeName: String {
        if path.isEmpty { return "Business" }
        var name = ""
        for part in path.split(separator: ".") {
            let list = part.hasSuffix("[]")
            let word = list ? part.dropLast(2) : part
            name += word.prefix(1).uppercased() + word.dropFirst()
            if list { name += "Item" }
        }
        return name
    }

    public static func == (a: RecordType, b: RecordType) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// One fact of the vocabulary.
public struct FactDefinition: Hashable, Sendable {
    /// Its name: the key in business files and in rules (`rateableValue`).
    public let name: String
    /// Its template path (`premises.rateableValue`, `fleet[].fuel`).
    public let path: String
    /// What kind of value it holds.
    public let type: FactType
    /// The sentence an advisor reads.
    public let meaning: String
    /// What to ask to learn it.
    public let question: String
    /// What its number counts (`people`, `kg`), when the vocabulary says.
    public let unit: String?
    /// The values a whole number or decimal may take.
    public let range: ClosedRange<Double>?
    /// True when the fact changes over time: files give a history, rules read it as at a day.
    public let dated: Bool
    /// True when it must be given whenever its record is.
    public let required: Bool
    /// A typical value, as a file would write it.
    public let example: String?
    /// Its line in the vocabulary file.
    public let line: Int

    /// The meaning with its unit: `Gross vehicle weight (kg)`.
    public var meaningWithUnit: String {
        switch (unit, type) {
        case (let unit?, _): return "\(meaning) (\(unit))"
        case (nil, .money): return "\(meaning) (£)"
        default: return meaning
        }
    }

    /// What a valid answer looks like, with the range when there is one.
    public var expectation: String {
        var text = type.expectation
        if let range { text += " " + RangeText.describe(range) }
        if dated { text += ", or its history: a list of { from: a date like 2021-04-01, value: ... }" }
        return text
    }
}
