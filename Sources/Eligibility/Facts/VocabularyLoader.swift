import Foundation

/// Reads a fact vocabulary file (`rules/facts.yaml`) and checks it, reporting every mistake at
/// its line with what to write instead:
///
///     rules/facts.yaml:14: fact 'employees': type 'integer' is not a fact type; did you mean 'whole number'? (types: yes/no, ...)
public enum VocabularyLoader {
    /// The file name inside a rules directory.
    public static let fileName = "facts.yaml"

    /// The type names a vocabulary may use, as `eligible facts` and messages list them.
    public static let typeNames = ["yes/no", "whole number", "decimal", "money", "day", "minute", "text",
                                   "one of", "several of", "list of text", "record", "list of records"]

    /// Names people reach for, mapped to the vocabulary's word for them.
    private static let synonyms = ["integer": "whole number", "int": "whole number", "number": "decimal",
                                   "float": "decimal", "double": "decimal", "boolean": "yes/no", "bool": "yes/no",
                                   "yes or no": "yes/no", "date": "day", "datetime": "minute", "time": "minute",
                                   "string": "text", "enum": "one of", "object": "record", "group": "record",
                                   "list": "list of records", "array": "list of records", "pounds": "money",
                                   "currency": "money", "list of strings": "list of text"]

    private static let factKeys = ["type", "meaning", "question", "unit", "range", "values", "dated", "required", "example", "facts"]
    private static let recordKeys = ["meaning", "question", "facts"]

    /// Reads the vocabulary at `url`; `displayName` is how messages name the file.
    public static func load(_ url: URL, displayName: String) throws(VocabularyError) -> Vocabulary {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw VocabularyError([Problem(file: displayName, line: 1, message: "no fact vocabulary: create \(displayName) (see README, \"Adding a fact\")")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw VocabularyError([Problem(file: displayName, line: 1, message: "the file is not UTF-8 text; save it as UTF-8")])
        }
        return try parse(text, file: displayName)
    }

    /// Reads a vocabulary from its text.
    public static func parse(_ text: String, file: String) throws(VocabularyError) -> Vocabulary {
        var reader = Reader(file: file)
        let document: RawNode?
        do {
            document = try YAMLReader.read(text, fileName: file, maximumValues: 1_000_000, what: "the vocabulary")
        } catch {
            throw VocabularyError(error.errors.map { Problem(file: file, line: $0.line ?? 1, message: $0.message) })
        }
        guard let document, case .object(let top) = document.value else {
            throw VocabularyError([Problem(file: file, line: 1, message: "the vocabulary must be a mapping with business: and choices:")])
        }
        var businessNode: RawNode?
        for member in top {
            switch member.key {
            case "business": businessNode = member.value
            case "choices": reader.readChoices(member.value)
            default:
                reader.report(member.line, "unknown section '\(member.key)'" + Suggestion.didYouMean(member.key, among: ["business", "choices"])
                    + " (the vocabulary has business: and choices:)")
            }
        }
        guard let businessNode else {
            reader.problems.append(Problem(file: file, line: 1, message: "the vocabulary needs business: with meaning: and facts:"))
            throw VocabularyError(reader.problems)
        }
        let business = reader.readRecord(businessNode, path: "", what: "business")
        guard reader.problems.isEmpty, let business else { throw VocabularyError(reader.problems) }
        return Vocabulary(root: business, file: file, choiceLists: reader.choiceLists)
    }

    /// One mistake in a vocabulary file.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        /// The file as messages name it.
        public var file: String
        /// The 1-based line.
        public var line: Int
        /// What is wrong and what to write instead.
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// The reading state: the file, the shared lists read so far and the problems found.
    private struct Reader {
        let file: String
        var problems: [Problem] = []
        var choiceLists: [String: ChoiceList] = [:]

        init(file: String) { self.file = file }

        mutating func report(_ line: Int?, _ message: String) {
            problems.append(Problem(file: file, line: line ?? 1, message: message))
        }

        mutating func report(_ node: RawNode, _ message: String) { report(node.line, message) }

        mutating func readChoices(_ node: RawNode) {
            guard case .object(let lists) = node.value else {
                report(node, "choices: must list named value lists, e.g. fuels: [diesel, petrol, electric]")
                return
            }
            for member in lists {
                if let list = readValues(member.value, name: member.key, what: "value list '\(member.key)'") { choiceLists[member.key] = list }
            }
        }

        /// A list of values: `[A, B]`, or a mapping of value to meaning.
        mutating func readValues(_ node: RawNode, name: String?, what: String) -> ChoiceList? {
            var choices = [ChoiceList.Choice]()
            switch node.value {
            case .array(let items):
                for item in items {
                    guard let value = item.text, isValue(value) else {
                        report(item, "\(what): a value is one word of letters, digits, '-' or '_', got \(item.text?.quotedForMessage ?? item.gotDescription)")
                        continue
                    }
                    choices.append(.init(value: value, meaning: nil))
                }
            case .object(let pairs):
                for pair in pairs {
                    guard isValue(pair.key) else {
                        report(pair.line, "\(what): a value is one word of letters, digits, '-' or '_', got \(pair.key.quotedForMessage)")
                        continue
                    }
                    guard let text = pair.value.text, !text.isEmpty else {
                        report(pair.line, "\(what): value '\(pair.key)' needs a meaning in words, e.g. \(pair.key): what it means")
                        continue
                    }
                    choices.append(.init(value: pair.key, meaning: text))
                }
            default:
                report(node, "\(what) needs values: a list like [A, B, C] or value: meaning lines")
                return nil
            }
            let values = choices.map(\.value)
            if Set(values).count != values.count { report(node, "\(what) lists a value twice") }
            if choices.isEmpty { report(node, "\(what) needs at least one value"); return nil }
            return ChoiceList(name: name, choices: choices)
        }

        private func isValue(_ text: String) -> Bool {
            !text.isEmpty && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F }
        }

        private func isName(_ text: String) -> Bool {
            guard let first = text.utf8.first, first >= 0x61, first <= 0x7A else { return false }
            return text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
        }

        /// A record: `meaning:`, `question:` and `facts:` (`fields` when a fact's own keys hold them).
        mutating func readRecord(_ node: RawNode, path: String, what: String, fields given: [String: RawNode]? = nil) -> RecordType? {
            var fields = given ?? [:]
            if given == nil {
                guard case .object(let members) = node.value else {
                    report(node, "\(what) needs meaning: and facts:")
                    return nil
                }
                for member in members {
                    if recordKeys.contains(member.key) { fields[member.key] = member.value } else {
                        report(member.line, "\(what): unknown key '\(member.key)'" + Suggestion.didYouMean(member.key, among: recordKeys) + " (a record has meaning:, question: and facts:)")
                    }
                }
            }
            let meaning = fields["meaning"].flatMap { text($0, "\(what): meaning") }
            let question = fields["question"].flatMap { text($0, "\(what): question") }
            if fields["meaning"] == nil { report(node, "\(what) needs meaning: \"...\" (what the group of facts describes)") }
            guard let factsNode = fields["facts"], case .object(let factMembers) = factsNode.value else {
                report(node, "\(what) needs facts: with at least one fact, e.g. facts: { name: { type: text, meaning: ..., question: ... } }")
                return nil
            }
            var facts = [FactDefinition]()
            for member in factMembers {
                guard isName(member.key) else {
                    report(member.line, "fact name \(member.key.quotedForMessage) must be a camelCase word: letters and digits, starting with a lower-case letter (e.g. rateableValue)")
                    continue
                }
                if let fact = readFact(member.value, name: member.key, path: FactPath.join(path, member.key)) { facts.append(fact) }
            }
            if facts.isEmpty && problems.isEmpty { report(factsNode, "\(what) needs at least one fact") }
            return RecordType(path: path, meaning: meaning ?? "", question: question, facts: facts, line: node.line ?? 1)
        }

        mutating func text(_ node: RawNode, _ what: String) -> String? {
            guard let s = node.text, !s.trimmedBlanks.isEmpty else {
                report(node, "\(what) must be text")
                return nil
            }
            return s
        }

        mutating func yes(_ node: RawNode, _ what: String) -> Bool {
            switch node.text?.lowercased() {
            case "yes", "true": return true
            case "no", "false": return false
            default:
                report(node, "\(what) must be yes or no")
                return false
            }
        }

        mutating func readFact(_ node: RawNode, name: String, path: String) -> FactDefinition? {
            let what = "fact '\(path)'"
            guard case .object(let pairs) = node.value else {
                report(node, "\(what) needs type:, meaning: and question:, e.g. { type: whole number, meaning: ..., question: ... }")
                return nil
            }
            var fields = [String: RawNode]()
            for pair in pairs {
                if factKeys.contains(pair.key) { fields[pair.key] = pair.value } else {
                    report(pair.line, "\(what): unknown key '\(pair.key)'" + Suggestion.didYouMean(pair.key, among: factKeys) + " (keys: \(factKeys.joined(separator: ", ")))")
                }
            }
            let line = node.line ?? 1
            guard let typeNode = fields["type"], let typeText = typeNode.text else {
                report(node, "\(what) needs type: (one of \(typeNames.joined(separator: ", ")))")
                return nil
            }
            guard let meaning = fields["meaning"].flatMap({ text($0, "\(what): meaning") }) else {
                if fields["meaning"] == nil { report(node, "\(what) needs meaning: \"...\" (the sentence an advisor reads)") }
                return nil
            }
            guard let question = fields["question"].flatMap({ text($0, "\(what): question") }) else {
                if fields["question"] == nil { report(node, "\(what) needs question: \"...?\" (what to ask the business to learn it)") }
                return nil
            }
            guard let type = readType(typeText, typeNode, fields: fields, path: path, what: what) else { return nil }
            if let values = fields["values"], !isChoiceWithInlineValues(type) {
                report(values, "\(what): values: belongs to a 'one of' or 'several of' fact without a list name")
            }
            if let factsNode = fields["facts"], type.recordType == nil {
                report(factsNode, "\(what): facts: belongs to a record or a list of records; make it type: record")
            }
            var range: ClosedRange<Double>?
            if let rangeNode = fields["range"] {
                if !type.isNumber {
                    report(rangeNode, "\(what): range: applies to whole numbers and decimals only")
                } else if let parsed = rangeNode.text.flatMap(RangeText.parse) {
                    range = parsed
                } else {
                    report(rangeNode, "\(what): range must read like \"0 to 100\", \"at least 1\" or \"at most 250\", got \(rangeNode.text?.quotedForMessage ?? rangeNode.gotDescription)")
                }
            }
            if type.isNumber && range == nil { range = 0...1_000_000_000_000 }
            let unit = fields["unit"].flatMap { text($0, "\(what): unit") }
            if let unitNode = fields["unit"], !type.isNumber {
                report(unitNode, "\(what): unit: applies to whole numbers and decimals (money is always pounds)")
            }
            let dated = fields["dated"].map { yes($0, "\(what): dated") } ?? false
            if dated, type.recordType != nil, let datedNode = fields["dated"] { report(datedNode, "\(what): a record cannot be dated; date the facts inside it") }
            let required = fields["required"].map { yes($0, "\(what): required") } ?? false
            var example: String?
            if let exampleNode = fields["example"] {
                example = exampleNode.text
                if let e = example, type.recordType == nil {
                    if case .failure(let error) = ScalarReading.read(e, as: type.itemType ?? type, range: range) {
                        report(exampleNode, "\(what): example \(e.quotedForMessage) is not a valid value: \(error.message)")
                    }
                } else {
                    report(exampleNode, "\(what): example: is one value, written as in a business file")
                }
            }
            return FactDefinition(name: name, path: path, type: type, meaning: meaning, question: question, unit: unit,
                                  range: range, dated: dated, required: required, example: example, line: line)
        }

        private func isChoiceWithInlineValues(_ type: FactType) -> Bool {
            switch type {
            case .oneOf(let list), .severalOf(let list): return list.name == nil
            default: return false
            }
        }

        mutating func readType(_ text: String, _ node: RawNode, fields: [String: RawNode], path: String, what: String) -> FactType? {
            let words = text.lowercased().split(separator: " ").joined(separator: " ")
            switch words {
            case "yes/no": return .yesNo
            case "whole number": return .wholeNumber
            case "decimal": return .decimal
            case "money": return .money
            case "day": return .day
            case "minute": return .minute
            case "text": return .text
            case "list of text": return .textList
            case "record", "list of records":
                let listed = words == "list of records"
                guard let child = readRecord(node, path: listed ? path + "[]" : path, what: what, fields: fields) else { return nil }
                return listed ? .records(child) : .record(child)
            default: break
            }
            for (prefix, several) in [("one of", false), ("several of", true)] where words.hasPrefix(prefix) {
                let listName = text.split(separator: " ").dropFirst(2).joined(separator: " ")
                let list: ChoiceList?
                if listName.isEmpty {
                    guard let values = fields["values"] else {
                        report(node, "\(what) is '\(prefix)' but lists no values: add values: [A, B, C], or name a list, e.g. type: \(prefix) fuels")
                        return nil
                    }
                    list = readValues(values, name: nil, what: what)
                } else {
                    list = choiceLists[listName]
                    if list == nil {
                        report(node, "\(what): there is no value list '\(listName)' under choices:" + Suggestion.didYouMean(listName, among: Array(choiceLists.keys))
                            + " (lists: \(choiceLists.keys.sorted().joined(separator: ", ")))")
                    }
                }
                guard let list else { return nil }
                return several ? .severalOf(list) : .oneOf(list)
            }
            let hint = synonyms[words].map { "; did you mean '\($0)'?" } ?? Suggestion.didYouMean(words, among: typeNames)
            report(node, "\(what): type '\(text)' is not a fact type\(hint) (types: \(typeNames.joined(separator: ", ")))")
            return nil
        }
    }
}

/// A vocabulary file with mistakes: every problem, each at its line.
public struct VocabularyError: Error, CustomStringConvertible, Sendable {
    /// The problems, in file order.
    public let problems: [VocabularyLoader.Problem]

    init(_ problems: [VocabularyLoader.Problem]) {
        self.problems = problems.sorted { $0.line < $1.line }
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
