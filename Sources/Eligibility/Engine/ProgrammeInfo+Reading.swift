import LuaBridge

extension ProgrammeInfo {
    /// The field names of the runtime's description (describe.list).
    private static let keys = LuaKeyTable([
        "id", "title", "summary", "guidance", "sources", "file", "line", "openFrom", "openTo", "open", "maximum",
        "rounding", "discretionary", "criteria", "params", "datedParams", "text", "clause", "name", "value", "dated",
        "entries", "from", "to",
    ])

    /// The runtime's description of every programme (the list at stack `index`), read raw: only
    /// parameter values, which may be any plain data, go through the general converter.
    static func list(at index: Int32, state: LuaState) throws -> [ProgrammeInfo] {
        try state.read(keys: keys) { r in
            try (0..<r.count(index)).map { n in
                let mark = r.mark
                defer { r.pop(to: mark) }
                guard let entry = r.element(n + 1, of: index) else {
                    throw LuaError.conversion(path: "[\(n + 1)]", expected: "a programme's description", got: "another value")
                }
                return try ProgrammeInfo(r, entry, state)
            }
        }
    }

    private init(_ r: LuaTableReader, _ table: Int32, _ state: LuaState) throws {
        func text(_ name: String) -> String { r.string(Self.keys[name], of: table) ?? "" }
        func each<T>(_ name: String, _ body: (Int32) throws -> T?) rethrows -> [T] {
            let mark = r.mark
            defer { r.pop(to: mark) }
            guard let list = r.table(Self.keys[name], of: table) else { return [] }
            return try (0..<r.count(list)).compactMap { i in
                let inner = r.mark
                defer { r.pop(to: inner) }
                guard let item = r.element(i + 1, of: list) else { return nil }
                return try body(item)
            }
        }
        func plain(_ item: Int32) throws -> PlainValue? {
            let mark = r.mark
            defer { r.pop(to: mark) }
            r.push(field: Self.keys["value"], of: item)
            return PlainValue(try state.value(at: r.mark))
        }
        id = text("id")
        title = text("title")
        summary = text("summary")
        guidance = text("guidance")
        file = text("file")
        line = r.integer(Self.keys["line"], of: table) ?? 1
        openFrom = text("openFrom")
        openTo = r.string(Self.keys["openTo"], of: table)
        open = r.boolean(Self.keys["open"], of: table)
        maximum = Money(pence: r.integer(Self.keys["maximum"], of: table) ?? 0)
        rounding = text("rounding")
        discretionary = r.string(Self.keys["discretionary"], of: table)
        do {
            let mark = r.mark
            defer { r.pop(to: mark) }
            if let list = r.table(Self.keys["sources"], of: table) {
                sources = (0..<r.count(list)).compactMap { r.string(at: $0 + 1, of: list) }
            } else {
                sources = []
            }
        }
        criteria = each("criteria") { item in
            Criterion(id: r.string(Self.keys["id"], of: item) ?? "", text: r.string(Self.keys["text"], of: item) ?? "",
                      clause: r.string(Self.keys["clause"], of: item), line: r.integer(Self.keys["line"], of: item) ?? 1)
        }
        params = try each("params") { item in
            ParameterValue(name: r.string(Self.keys["name"], of: item) ?? "", value: try plain(item),
                           dated: r.boolean(Self.keys["dated"], of: item))
        }
        datedParams = try each("datedParams") { item in
            let mark = r.mark
            defer { r.pop(to: mark) }
            var entries = [DatedParameter.Entry]()
            if let list = r.table(Self.keys["entries"], of: item) {
                for i in 0..<r.count(list) {
                    let inner = r.mark
                    defer { r.pop(to: inner) }
                    guard let entry = r.element(i + 1, of: list) else { continue }
                    entries.append(DatedParameter.Entry(from: r.string(Self.keys["from"], of: entry) ?? "",
                                                        to: r.string(Self.keys["to"], of: entry),
                                                        value: try plain(entry) ?? .string("")))
                }
            }
            return DatedParameter(name: r.string(Self.keys["name"], of: item) ?? "", line: r.integer(Self.keys["line"], of: item) ?? 1,
                                  entries: entries)
        }
    }
}

extension PlainValue {
    /// A Lua value as plain data: a sequence is a list, another table a table of named values;
    /// nil (and values that cannot be copied out) is nothing.
    init?(_ value: LuaValue) {
        switch value {
        case .nil, .opaque: return nil
        case .boolean(let b): self = .boolean(b)
        case .integer(let i): self = .integer(Int(i))
        case .number(let d): self = .number(d)
        case .string(let s): self = .string(s)
        case .table(let entries):
            if let items = value.sequence {
                self = .list(items.compactMap(PlainValue.init))
            } else {
                var named = [String: PlainValue]()
                for (key, item) in entries {
                    guard case .string(let name) = key, let plain = PlainValue(item) else { continue }
                    named[name] = plain
                }
                self = .table(named)
            }
        }
    }
}
