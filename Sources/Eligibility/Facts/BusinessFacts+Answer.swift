/// Answers to questions about facts, as an advisor types them: the rule shared by
/// `eligible check --set PATH=VALUE` and `eligible interview`.
///
/// A plain fact takes its value as `set(_:text:)` reads it (`12`, `£38,000`, `yes`,
/// `2021-06-01`, `does not apply`). A question about a whole group or list has answers of its
/// own, so that "no hire planned" or "no vehicles" can be said instead of being asked forever:
///
/// - a group of facts (`proposal.hire`): `yes` opens it (its facts are then asked one by one);
///   `no` or `does not apply` means there is none;
/// - a list of groups (`fleet`): how many there are (`2`), or `none` (`0`, `no`);
/// - a list of values (`sicCodes`): the items separated by `;`, or `none`.
extension BusinessFacts {
    /// The most list items one answer may open (`fleet` answered `12`).
    public static let maximumItemsInAnswer = 50

    /// Records `text` as the answer about the fact at `path`; an empty text makes it unknown.
    public mutating func answer(_ path: String, text: String) throws(FactPathError) {
        let definition = try self.definition(at: path)
        let word = text.trimmedBlanks.lowercased()
        switch definition.type {
        case .record(let type):
            switch word {
            case "yes", "y": try set(path, to: .record(FactRecord(type: type)))
            case "no", "n", "none": try set(path, to: .notApplicable)
            default:
                if ScalarReading.isNotApplicable(word) { try set(path, to: .notApplicable); return }
                throw FactPathError(path: path, message: "expected \(Self.answerForm(for: definition)), got \(text.trimmedBlanks.quotedForMessage)")
            }
        case .records(let type):
            if ScalarReading.isNotApplicable(word) { try set(path, to: .notApplicable); return }
            let count: Int
            switch word {
            case "none", "no", "n", "[]": count = 0
            case "yes", "y": count = 1
            default:
                guard let n = Int(word), (0...Self.maximumItemsInAnswer).contains(n) else {
                    throw FactPathError(path: path, message: "expected \(Self.answerForm(for: definition)), got \(text.trimmedBlanks.quotedForMessage)")
                }
                count = n
            }
            try set(path, to: .list(Array(repeating: .record(FactRecord(type: type)), count: count)))
        case .textList, .severalOf:
            if word == "none" || word == "[]" { try set(path, to: .list([])); return }
            try set(path, text: text)
        default:
            try set(path, text: text)
        }
    }

    /// What an answer about `definition` looks like, as a question says it: the fact's own form
    /// (`a whole number from 0 to 1000`), or for groups and lists the answers `answer` takes.
    public static func answerForm(for definition: FactDefinition) -> String {
        switch definition.type {
        case .record: return "yes to answer its questions one by one, or no if there is none"
        case .records: return "how many there are (a whole number), or none"
        case .textList: return "the items separated by ';' (like A; B), or none"
        case .severalOf(let list): return "any of \(list.valueNames.joined(separator: ", ")), separated by ';', or none"
        default:
            var text = definition.type.expectation
            if let range = definition.range { text += " " + RangeText.describe(range) }
            return definition.dated ? text + " (one value, taken to hold on every day)" : text
        }
    }
}
