/// A Lua value copied out of (or ready to go into) a state: the neutral form the `Codable`
/// encoder and decoder work on. Integers and floats stay distinct, as Lua 5.4 keeps them.
public indirect enum LuaValue: Hashable, Sendable {
    case `nil`
    case boolean(Bool)
    /// A Lua integer (64-bit).
    case integer(Int64)
    /// A Lua float.
    case number(Double)
    /// A Lua string (valid UTF-8; may hold NUL bytes).
    case string(String)
    /// A Lua table; a sequence has the integer keys 1...n.
    case table([LuaValue: LuaValue])
    /// A value that cannot be copied out (function, userdata, thread); the name of its type.
    case opaque(String)

    /// Lua's name for the value's type, as `type()` would say it ("integer"/"float" for numbers).
    public var typeName: String {
        switch self {
        case .nil: return "nil"
        case .boolean: return "boolean"
        case .integer: return "integer"
        case .number: return "float"
        case .string: return "string"
        case .table: return "table"
        case .opaque(let name): return name
        }
    }

    /// The elements 1...n of a table that is exactly a sequence, else nil.
    public var sequence: [LuaValue]? {
        guard case .table(let entries) = self else { return nil }
        var items = [LuaValue]()
        items.reserveCapacity(entries.count)
        for index in 1...max(entries.count, 1) where entries.count > 0 {
            guard let item = entries[.integer(Int64(index))] else { return nil }
            items.append(item)
        }
        return items
    }
}
