/// Reads a parsed document (a business file, a JSON line, a CSV row, a business inline in a
/// fixture) into typed facts, checking every key and value against the vocabulary.
///
/// It does not stop at the first mistake: every problem is collected (up to `limit`), each with
/// its file, line and fact path, so one run shows a person everything to fix. Unknown fields get
/// a "did you mean"; values follow `ScalarReading` (money in pounds); `null` means unknown;
/// `does not apply` is an answer; a dated fact takes a history (a list of `{from, value}`) or one
/// value that holds throughout.
struct FactReader {
    /// Whether bare numbers for money are pounds (every input a person writes) or pence (the
    /// engine's own canonical form, used only to convert the typed Swift model).
    enum MoneyNumbers { case pounds, pence }

    let vocabulary: Vocabulary
    let file: String
    var pathPrefix = ""
    var moneyNumbers = MoneyNumbers.pounds
    /// The most problems collected before giving up.
    var limit = 20
    private(set) var errors: [InputError] = []

    init(vocabulary: Vocabulary, file: String, pathPrefix: String = "", moneyNumbers: MoneyNumbers = .pounds) {
        self.vocabulary = vocabulary
        self.file = file
        self.pathPrefix = pathPrefix
        self.moneyNumbers = moneyNumbers
    }

    /// The business in `root`, or nil when there were problems (see `errors`).
    mutating func read(_ root: RawNode) -> FactRecord? {
        guard case .object = root.value else {
            fail(root, pathPrefix, "expected the business's facts (field: value lines), got \(root.gotDescription)")
            return nil
        }
        let record = readRecord(root, type: vocabulary.root, path: pathPrefix)
        return errors.isEmpty ? record : nil
    }

    private var full: Bool { errors.count >= limit }

    private mutating func fail(_ node: RawNode, _ path: String, _ message: String, line: Int? = nil) {
        guard !full else { return }
        errors.append(InputError(file: file, line: line ?? node.line, path: path, message: message))
    }

    private mutating func readRecord(_ node: RawNode, type: RecordType, path: String) -> FactRecord {
        var record = FactRecord(type: type)
        guard case .object(let members) = node.value else { return record }
        var seen = [Bool](repeating: false, count: type.facts.count)
        for member in members where !full {
            let memberPath = FactPath.join(path, member.key)
            guard let index = type.index(of: member.key) else {
                let names = type.facts.map(\.name)
                let place = path.isEmpty ? "the business" : path
                let hint = Suggestion.closest(to: member.key, among: names).map { "; did you mean '\($0)'?" }
                    ?? " (facts here: \(names.joined(separator: ", ")); a new fact is added to \(vocabulary.file))"
                fail(member.value, memberPath, "\(place) has no fact '\(Self.shown(member.key))'\(hint)", line: member.line)
                continue
            }
            guard !seen[index] else {
                fail(member.value, memberPath, "'\(member.key)' is given more than once; keep one", line: member.line)
                continue
            }
            seen[index] = true
            record.values[index] = readValue(member.value, fact: type.facts[index], path: memberPath)
        }
        for (i, fact) in type.facts.enumerated() where fact.required && record.values[i] == nil && !full {
            fail(node, FactPath.join(path, fact.name), "missing '\(fact.name)' (\(fact.expectation)), which every \(type.path.hasSuffix("[]") ? "item" : "record") here needs")
        }
        return record
    }

    /// The value of one fact, or nil when it is null (unknown) or wrong (an error is recorded).
    private mutating func readValue(_ node: RawNode, fact: FactDefinition, path: String) -> FactValue? {
        if case .null = node.value { return nil }
        if let text = node.text, ScalarReading.isNotApplicable(text) { return .notApplicable }
        guard fact.dated else { return readPlain(node, type: fact.type, range: fact.range, path: path) }
        // A history is a list of { from, value } entries; anything else is one value throughout.
        if case .array(let items) = node.value, items.first.map({ if case .object = $0.value { return true } else { return false } }) ?? false {
            return readHistory(items, fact: fact, path: path)
        }
        return readPlain(node, type: fact.type, range: fact.range, path: path).map { .history([DatedValue(from: nil, value: $0)]) }
    }

    private mutating func readHistory(_ items: [RawNode], fact: FactDefinition, path: String) -> FactValue? {
        var entries = [DatedValue]()
        for (i, item) in items.enumerated() {
            let itemPath = FactPath.item(path, i)
            guard case .object(let members) = item.value else {
                fail(item, itemPath, "each entry of a history is { from: a date like 2021-04-01, value: ... }")
                return nil
            }
            var from: Day?, value: FactValue?, sawValue = false
            for member in members {
                switch member.key {
                case "from":
                    switch ScalarReading.read(member.value.text ?? "", as: .day) {
                    case .success(.day(let day)): from = day
                    default: fail(member.value, itemPath + ".from", "expected a date like 2021-04-01, got \(member.value.gotDescription)", line: member.line)
                    }
                case "value":
                    sawValue = true
                    if let text = member.value.text, ScalarReading.isNotApplicable(text) { value = .notApplicable }
                    else { value = readPlain(member.value, type: fact.type, range: fact.range, path: itemPath + ".value") }
                default:
                    fail(member.value, itemPath + "." + member.key, "a history entry has from: and value: only" + Suggestion.didYouMean(member.key, among: ["from", "value"]), line: member.line)
                }
            }
            guard let from else { fail(item, itemPath, "the entry needs from: (the first day the value holds)"); return nil }
            guard sawValue else { fail(item, itemPath, "the entry needs value:"); return nil }
            guard let value else { return nil }
            if let previous = entries.last?.from, previous >= from {
                fail(item, itemPath, "history entries must be in date order: \(from) does not come after \(previous)")
                return nil
            }
            entries.append(DatedValue(from: from, value: value))
        }
        guard !entries.isEmpty else { return nil }
        return .history(entries)
    }

    /// A value that is not a history.
    private mutating func readPlain(_ node: RawNode, type: FactType, range: ClosedRange<Double>?, path: String) -> FactValue? {
        switch type {
        case .record(let child):
            guard case .object = node.value else {
                fail(node, path, "expected a group of facts (\(child.facts.prefix(3).map { "\($0.name): ..." }.joined(separator: ", "))), got \(node.gotDescription)")
                return nil
            }
            return .record(readRecord(node, type: child, path: path))
        case .textList, .severalOf, .records:
            guard case .array(let items) = node.value else {
                fail(node, path, "expected \(type.expectation), got \(node.gotDescription)")
                return nil
            }
            var values = [FactValue]()
            values.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                let itemPath = FactPath.item(path, i)
                if case .null = item.value {
                    fail(item, itemPath, "expected \(type.itemType?.expectation ?? "a value"), got null")
                    continue
                }
                if let value = readPlain(item, type: type.itemType ?? .text, range: nil, path: itemPath) { values.append(value) }
            }
            return .list(values)
        default:
            guard let text = scalarText(node, type: type, path: path) else { return nil }
            if type == .money, moneyNumbers == .pence, case .number = node.value {
                guard let pence = Int(text), pence >= 0, pence <= Money.maximumInFile.pence else {
                    fail(node, path, "expected whole pence from 0 to \(Money.maximumInFile.pence), got \(text)")
                    return nil
                }
                return .money(Money(pence: pence))
            }
            switch ScalarReading.read(text, as: type, range: range) {
            case .success(let value): return value
            case .failure(let error):
                fail(node, path, error.message)
                return nil
            }
        }
    }

    /// The text a scalar node stands for, or nil (with an error) when its kind cannot be `type`.
    private mutating func scalarText(_ node: RawNode, type: FactType, path: String) -> String? {
        switch node.value {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b):
            if type == .yesNo { return b ? "yes" : "no" }
            if let plain = node.plainText { return plain }
            fail(node, path, "expected \(type.expectation), got \(b)")
            return nil
        case .object, .array, .null:
            fail(node, path, "expected \(type.expectation), got \(node.gotDescription)")
            return nil
        }
    }

    /// A name from a file, safe to show in a terminal (control characters escaped).
    static func shown(_ name: String) -> String {
        let quoted = name.quotedForMessage
        return String(quoted.dropFirst().dropLast())
    }
}

extension RawNode {
    /// The node's text when it is a scalar (a string, a number as written, a boolean's word).
    var text: String? {
        switch value {
        case .string(let s): return s
        case .number(let n): return n
        case .bool: return plainText
        default: return nil
        }
    }
}
