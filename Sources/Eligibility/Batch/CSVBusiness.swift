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
/// - An empty cell is an unknown fact. Booleans are `true`/`false` (also `yes`/`no`); money is
///   integer pence or pounds as text (`£3,000.00`); days are `YYYY-MM-DD`.
/// - Columns may come in any order; any subset of the facts may be present. An unknown column
///   name is an error for the whole file (it would otherwise silently make a fact unknown).
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

    /// Reads the header row, checking every column against `FactSchema`.
    init(header: [String], fileName: String) throws(InputError) {
        var columns = [Column]()
        var seen = Set<String>()
        for rawName in header {
            let name = rawName.trimmingCharacters(in: .whitespaces)
            guard seen.insert(name).inserted else {
                throw InputError(file: fileName, line: 1, path: name, message: "column '\(name)' appears twice in the header")
            }
            columns.append(try CSVLayout.column(name, fileName: fileName))
        }
        self.columns = columns
    }

    private static func column(_ name: String, fileName: String) throws(InputError) -> Column {
        func fail(_ message: String) -> InputError { InputError(file: fileName, line: 1, path: name, message: message) }
        var steps = [Step]()
        var node = FactSchema.root
        var type: FactType = .node(FactSchema.root)
        for part in name.split(separator: ".", omittingEmptySubsequences: false) {
            var part = Substring(part)
            var index: Int?
            if part.hasSuffix("]"), let open = part.firstIndex(of: "[") {
                guard let i = Int(part[part.index(after: open)..<part.index(before: part.endIndex)]), i >= 0 else {
                    throw fail("a list index must be a number from 0, as in fleet[0].fuel")
                }
                index = i
                part = part[..<open]
            }
            guard case .node(let current) = type else {
                throw fail("'\(part)' is inside a fact that has no parts")
            }
            node = current
            guard let field = FactSchema.field(String(part), of: node) else {
                let known = FactSchema.fields(of: node).map(\.name)
                var message = "unknown column: no fact '\(part)' in \(node == FactSchema.root ? "the business" : node)"
                if let guess = FactValidator.suggestion(for: String(part), among: known) { message += "; did you mean '\(guess)'?" }
                else { message += " (facts here: \(known.joined(separator: ", ")))" }
                throw fail(message)
            }
            steps.append(.key(field.name))
            type = field.type
            if let index {
                guard case .list(let element) = field.type, case .node = element else {
                    throw fail("'\(part)' is not a list of records; \(field.type == .list(.string) ? "write its items in one column separated by ';'" : "it takes no index")")
                }
                steps.append(.index(index))
                type = element
            }
        }
        if case .node = type {
            let example = FactSchema.fields(of: CSVLayout.node(of: type)).first?.name ?? "x"
            throw fail("'\(name)' is a group of facts; name one of its facts (e.g. \(name).\(example))")
        }
        return Column(name: name, steps: steps, type: type)
    }

    private static func node(of type: FactType) -> String {
        if case .node(let name) = type { return name }
        return FactSchema.root
    }

    /// Builds the raw document for one record (values typed from the cells), for
    /// `FactValidator` to check exactly as it checks a JSON or YAML file.
    func rawNode(_ cells: [String]) -> RawNode {
        let tree = Tree()
        for (column, cell) in zip(columns, cells) {
            let text = cell.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            tree.insert(column.steps[...], value: CSVLayout.value(text, as: column.type))
        }
        return tree.raw()
    }

    private static func value(_ text: String, as type: FactType) -> RawNode {
        switch type {
        case .integer, .number, .money:
            return RawNode(value: looksLikeNumber(text) ? .number(text) : .string(text), line: nil)
        case .boolean:
            switch text.lowercased() {
            case "true", "yes": return RawNode(value: .bool(true), line: nil)
            case "false", "no": return RawNode(value: .bool(false), line: nil)
            default: return RawNode(value: .string(text), line: nil)
            }
        case .list(let element):
            if text == "[]" { return RawNode(value: .array([]), line: nil) }
            guard case .node = element else {
                let items = text.split(separator: ";", omittingEmptySubsequences: false)
                    .map { RawNode(value: .string($0.trimmingCharacters(in: .whitespaces)), line: nil) }
                return RawNode(value: .array(items), line: nil)
            }
            return RawNode(value: .string(text), line: nil)
        default:
            return RawNode(value: .string(text), line: nil)
        }
    }

    /// JSON's number grammar: -?digits(.digits)?([eE][+-]?digits)?
    private static func looksLikeNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        func digits() -> Bool {
            let before = bytes.count
            while let b = bytes.first, b >= 0x30, b <= 0x39 { bytes = bytes.dropFirst() }
            return bytes.count < before
        }
        if bytes.first == 0x2D { bytes = bytes.dropFirst() }
        guard digits() else { return false }
        if bytes.first == 0x2E { bytes = bytes.dropFirst(); guard digits() else { return false } }
        if bytes.first == 0x65 || bytes.first == 0x45 {
            bytes = bytes.dropFirst()
            if bytes.first == 0x2B || bytes.first == 0x2D { bytes = bytes.dropFirst() }
            guard digits() else { return false }
        }
        return bytes.isEmpty
    }

    /// A mutable tree of objects and indexed lists, built cell by cell.
    private final class Tree {
        var members: [(String, Any)] = []

        func insert(_ steps: ArraySlice<Step>, value: RawNode) {
            guard case .key(let key) = steps.first! else { return }
            let rest = steps.dropFirst()
            if rest.isEmpty {
                if let at = members.firstIndex(where: { $0.0 == key }), members[at].1 is Items {
                    members[at].1 = Conflict(value: value) // a bare list cell next to item columns
                } else {
                    members.append((key, value))
                }
                return
            }
            if case .index(let index) = rest.first! {
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
                default: return RawMember(key: key, value: value as! RawNode, line: nil)
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
            RawNode(value: .array(items.keys.sorted().map { items[$0]!.raw() }), line: nil)
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
