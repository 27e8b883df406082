import Foundation

/// Templates made from a fact vocabulary (`eligible facts --template yaml|json|csv`): a business
/// file with every fact at the vocabulary's `example:` and, in YAML, what each fact means and how
/// to write it; or the header row of a CSV register.
///
/// The example business is built through `BusinessFacts`, so a template always reads back:
/// `eligible check` accepts it as it is. A fact without an example (or whose example does not
/// fit it) is left out of the JSON and written commented out in the YAML.
public enum FactTemplate {
    /// The business with every fact that has an example set to it.
    public static func example(_ vocabulary: Vocabulary) -> BusinessFacts {
        var facts = BusinessFacts(vocabulary: vocabulary)
        for fact in vocabulary.facts {
            guard let example = fact.example else { continue }
            try? facts.set(fact.path.replacingOccurrences(of: "[]", with: "[0]"), text: example)
        }
        _ = facts.removeIncompleteGroups()
        return facts
    }

    /// The example business as a JSON business file.
    public static func json(_ vocabulary: Vocabulary) -> String {
        example(vocabulary).jsonText()
    }

    /// The example business as a YAML business file, each fact under a comment saying what it
    /// means and what a valid value looks like.
    public static func yaml(_ vocabulary: Vocabulary) -> String {
        var lines = [
            "# A business file for eligible, with every fact of \(vocabulary.file) set to its example.",
            "# Replace each example with the business's own value, or delete the line when it is not",
            "# known (a fact not given is unknown). Money is in pounds; \"does not apply\" is an answer.",
            "# Check it with: eligible check FILE",
        ]
        lines += record(example(vocabulary).record, indent: "")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The CSV columns `eligible batch` reads, in the vocabulary's order: one per fact, nested
    /// facts with dots, a list of groups as its bare column (for `[]`) and the columns of its
    /// first item (`fleet[0].kind`), a list of values as one column.
    public static func csvColumns(_ vocabulary: Vocabulary) -> [String] {
        func columns(_ type: RecordType, prefix: String) -> [String] {
            type.facts.flatMap { fact -> [String] in
                let path = FactPath.join(prefix, fact.name)
                switch fact.type {
                case .record(let child): return columns(child, prefix: path)
                case .records(let child): return [path] + columns(child, prefix: FactPath.item(path, 0))
                default: return [path]
                }
            }
        }
        return columns(vocabulary.root, prefix: "")
    }

    /// The header row of a CSV register.
    public static func csvHeader(_ vocabulary: Vocabulary) -> String {
        csvColumns(vocabulary).joined(separator: ",") + "\n"
    }

    // MARK: - YAML

    private static func record(_ record: FactRecord, indent: String) -> [String] {
        var lines = [String]()
        for (i, fact) in record.type.facts.enumerated() {
            lines.append(indent + "# " + fact.meaningWithUnit + ": " + fact.expectation)
            switch record.values[i] {
            case nil:
                lines.append(indent + "# \(fact.name):")
            case .record(let child)?:
                lines.append(indent + "\(fact.name):")
                lines += self.record(child, indent: indent + "  ")
            case .list(let items)? where fact.type.recordType != nil:
                lines.append(indent + "\(fact.name):" + (items.isEmpty ? " []" : ""))
                for item in items {
                    guard case .record(let child) = item else { continue }
                    var itemLines = self.record(child, indent: indent + "    ")
                    // The item's first key takes the "- ": every line before it is a comment.
                    if let first = itemLines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }) {
                        itemLines[first] = indent + "  - " + itemLines[first].dropFirst(indent.count + 4)
                    }
                    lines += itemLines
                }
            case let value?:
                lines.append(indent + "\(fact.name): " + scalar(value))
            }
        }
        return lines
    }

    /// A value written on one line, in the form a business file reads back.
    private static func scalar(_ value: FactValue) -> String {
        switch value {
        case .boolean(let b): return b ? "yes" : "no"
        case .integer(let i): return String(i)
        case .decimal(let d): return RangeText.show(d)
        case .money(let m):
            var pounds = m.formatted
            if pounds.hasSuffix(".00") { pounds.removeLast(3) }
            return quoted(pounds)
        case .day(let d): return d.description
        case .minute(let m): return m.luaString
        case .text(let s): return plain(s) ? s : quoted(s)
        case .notApplicable: return "does not apply"
        case .list(let items): return "[" + items.map(scalar).joined(separator: ", ") + "]"
        case .history(let entries):
            if entries.count == 1, let only = entries.first, only.from == nil { return scalar(only.value) }
            return "[" + entries.map { "{from: \($0.from?.description ?? "0001-01-01"), value: \(scalar($0.value))}" }.joined(separator: ", ") + "]"
        case .record(let r):
            let given = r.type.facts.indices.compactMap { i in r.values[i].map { "\(r.type.facts[i].name): \(scalar($0))" } }
            return "{" + given.joined(separator: ", ") + "}"
        }
    }

    /// Whether text can be written without quotes and still read back as the same text.
    private static func plain(_ text: String) -> Bool {
        let reserved = ["yes", "no", "y", "n", "true", "false", "on", "off", "null", "does not apply", "n/a"]
        return text.range(of: #"^[A-Za-z][A-Za-z0-9 ._/()-]*$"#, options: .regularExpression) != nil
            && !text.hasSuffix(" ") && !reserved.contains(text.lowercased())
    }

    /// Text in double quotes, escaped as JSON (a JSON string is a YAML double-quoted scalar).
    private static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        guard let data = try? encoder.encode(text) else { return "\"\"" }
        return String(decoding: data, as: UTF8.self)
    }
}
