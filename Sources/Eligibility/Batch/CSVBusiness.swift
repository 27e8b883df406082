import Foundation

/// The CSV layout of a business register: one business per record, a header row naming each
/// column by its fact path.
///
/// - Nested facts use dots: `address.localAuthority`, `premises.epcBand`,
///   `proposal.vehicle.priceExVat`.
/// - Lists of records use a 0-based index: `fleet[0].fuel`, `fleet[1].kind`,
///   `subsidies[0].amount`. An item whose cells are all empty is left out (so a register can
///   have columns for three vehicles and fill one). A bare list column (`fleet`, `subsidies`)
///   may hold `[]`: the business has none (an empty list, which is not the same as unknown).
/// - Lists of strings (`sicCodes`, `proposal.retrofit.measures`) are one column with the items
///   separated by `;` (`49320;49390`), or `[]` for none.
/// - An empty cell is an unknown fact; `does not apply` is that answer. Values follow
///   `ScalarReading` as in a business file: yes/no, money in pounds (`600000`, `600,000`,
///   `£3,000.00`), days `YYYY-MM-DD`.
/// - Columns may come in any order; any subset of the facts may be present. An unknown column
///   name is an error for the whole file (it would otherwise silently make a fact unknown),
///   and the message names the facts it could mean (`Local Authority` could mean
///   `address.localAuthority`), found by `CSVHeaderMatch`.
struct CSVLayout {
    /// One step of a column's path.
    enum Step: Hashable {
        case key(String)
        case index(Int)
    }

    /// A column: its steps and the type of the fact it holds.
    struct Column {
        var name: String
        var steps: [Step]
        var type: FactType
    }

    let columns: [Column]

    /// Reads the header row (on `line` of `fileName`), checking every column against the
    /// vocabulary.
    init(header: [String], line: Int = 1, fileName: String, vocabulary: Vocabulary) throws(InputError) {
        var columns = [Column]()
        var seen = Set<String>()
        for (index, rawName) in header.enumerated() {
            let name = rawName.trimmedBlanks
            guard seen.insert(name).inserted else {
                throw InputError(file: fileName, line: line, path: FactReader.shown(name),
                                 message: "column \(index + 1) repeats a column of the header; keep one")
            }
            columns.append(try CSVLayout.column(name, number: index + 1, line: line, fileName: fileName, vocabulary: vocabulary))
        }
        self.columns = columns
    }

    private static func column(_ name: String, number: Int, line: Int, fileName: String, vocabulary: Vocabulary) throws(InputError) -> Column {
        func fail(_ message: String) -> InputError {
            InputError(file: fileName, line: line, path: FactReader.shown(name), message: "column \(number): \(message)")
        }
        guard !name.isEmpty else { throw fail("the header cell is empty; name the fact the column holds, or delete the column") }
        var steps = [Step]()
        var record: RecordType? = vocabulary.root
        var type: FactType = .record(vocabulary.root)
        var walked = ""
        for part in name.split(separator: ".", omittingEmptySubsequences: false) {
            var part = Substring(part)
            var index: Int?
            if part.hasSuffix("]"), let open = part.firstIndex(of: "[") {
                guard let i = Int(part[part.index(after: open)..<part.index(before: part.endIndex)]), i >= 0, i < 10_000 else {
                    throw fail("a list index must be a number from 0, as in fleet[0].fuel")
                }
                index = i
                part = part[..<open]
            }
            guard let current = record else { throw fail("'\(walked)' has no parts, so '\(FactReader.shown(String(part)))' cannot be in it") }
            guard let fact = current.fact(named: String(part)) else {
                // A spreadsheet heading (`No. of employees`) is named whole, not cut at its dots.
                let missing = name.contains(" ") ? name : String(part)
                var message = "no fact '\(FactReader.shown(missing))' in \(current.path.isEmpty ? "the business" : current.path)"
                let candidates = CSVHeaderMatch.candidates(for: name, in: vocabulary)
                if candidates.isEmpty {
                    message += "; a column is named by its fact's path, such as employees, address.localAuthority or fleet[0].fuel (eligible schema lists them)"
                } else {
                    message += "; it could mean " + candidates.map { "\($0.column) (\($0.meaning))" }.joined(separator: ", or ")
                }
                throw fail(message)
            }
            steps.append(.key(fact.name))
            walked = FactPath.join(walked, fact.name)
            type = fact.type
            record = nil
            if case .record(let child) = fact.type { record = child }
            if let index {
                guard case .records(let child) = fact.type else {
                    throw fail("'\(FactReader.shown(String(part)))' is not a list of records; \(fact.type.isList ? "write its items in one column separated by ';'" : "it takes no index")")
                }
                steps.append(.index(index))
                type = .record(child)
                record = child
            } else if case .records = fact.type {
                type = fact.type
            }
        }
        if case .record(let child) = type {
            throw fail("'\(FactReader.shown(name))' is a group of facts; name one of its facts (e.g. \(FactReader.shown(name)).\(child.facts.first?.name ?? "x"))")
        }
        return Column(name: name, steps: steps, type: type)
    }

    /// Builds the raw document for one record (values typed from the cells), for
    /// `FactValidator` to check exactly as it checks a JSON or YAML file.
    func rawNode(_ cells: [String]) -> RawNode {
        let tree = Tree()
        for (column, cell) in zip(columns, cells) {
            let text = cell.trimmedBlanks
            guard !text.isEmpty else { continue }
            tree.insert(column.steps[...], value: CSVLayout.value(text, as: column.type))
        }
        return tree.raw()
    }

    private static func value(_ text: String, as type: FactType) -> RawNode {
        switch type {
        case .textList, .severalOf, .records:
            if text == "[]" { return RawNode(value: .array([]), line: nil) }
            guard case .records = type else {
                let items = text.split(separator: ";", omittingEmptySubsequences: false)
                    .map { RawNode(value: .string(String($0).trimmedBlanks), line: nil) }
                return RawNode(value: .array(items), line: nil)
            }
            return RawNode(value: .string(text), line: nil)
        default:
            return RawNode(value: .string(text), line: nil)
        }
    }

    /// A mutable tree of objects and indexed lists, built cell by cell.
    private final class Tree {
        var members: [(String, Any)] = []

        func insert(_ steps: ArraySlice<Step>, value: RawNode) {
            guard case .key(let key)? = steps.first else { return }
            let rest = steps.dropFirst()
            if rest.isEmpty {
                if let at = members.firstIndex(where: { $0.0 == key }), members[at].1 is Items {
                    members[at].1 = Conflict(value: value) // a bare list cell next to item columns
                } else {
                    members.append((key, value))
                }
                return
            }
            if case .index(let index)? = rest.first {
                let items: Items
                if let at = members.firstIndex(where: { $0.0 == key }) {
                    guard let existing = members[at].1 as? Items else {
                        members[at].1 = Conflict(value: (members[at].1 as? RawNode) ?? value)
                        return
                    }
                    items = existing
                } else {
                    items = Items()
                    members.append((key, items))
                }
                items.insert(index, rest.dropFirst(), value: value)
                return
            }
            let child: Tree
            if let at = members.firstIndex(where: { $0.0 == key }), let existing = members[at].1 as? Tree {
                child = existing
            } else {
                child = Tree()
                members.append((key, child))
            }
            child.insert(rest, value: value)
        }

        func raw() -> RawNode {
            RawNode(value: .object(members.map { key, value in
                switch value {
                case let tree as Tree: return RawMember(key: key, value: tree.raw(), line: nil)
                case let items as Items: return RawMember(key: key, value: items.raw(), line: nil)
                case let conflict as Conflict: return RawMember(key: key, value: conflict.raw(), line: nil)
                default: return RawMember(key: key, value: (value as? RawNode) ?? RawNode(value: .null, line: nil), line: nil)
                }
            }), line: nil)
        }
    }

    private final class Items {
        var items: [Int: Tree] = [:]
        func insert(_ index: Int, _ steps: ArraySlice<Step>, value: RawNode) {
            let tree = items[index] ?? Tree()
            items[index] = tree
            tree.insert(steps, value: value)
        }
        func raw() -> RawNode {
            RawNode(value: .array(items.keys.sorted().compactMap { items[$0]?.raw() }), line: nil)
        }
    }

    /// A bare list cell given together with item columns: reported as not a list.
    private struct Conflict {
        var value: RawNode
        func raw() -> RawNode {
            RawNode(value: .string("both a '[]' cell and item columns"), line: nil)
        }
    }
}
