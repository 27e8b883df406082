import CLua
import CLuaRuntime

extension LuaState {
    /// The deepest table nesting copied across the bridge; deeper (or cyclic) values are refused.
    public static let maximumDepth = 64

    // MARK: - Pushing

    /// Pushes an integer as a Lua integer.
    public func push(_ value: Int) { lua_pushinteger(L, lua_Integer(value)) }
    /// Pushes a double as a Lua float.
    public func push(_ value: Double) { lua_pushnumber(L, value) }
    /// Pushes a boolean.
    public func push(_ value: Bool) { lua_pushboolean(L, value ? 1 : 0) }
    /// Pushes nil.
    public func pushNil() { lua_pushnil(L) }
    /// Pushes a string by length, so embedded NUL bytes survive.
    public func push(_ value: String) {
        var value = value
        value.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
    }

    /// Pushes a value, building tables as needed.
    public func push(_ value: LuaValue) throws {
        try push(value, depth: 0)
    }

    private func push(_ value: LuaValue, depth: Int) throws {
        try reserve(3, at: "")
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let b): push(b)
        case .integer(let i): lua_pushinteger(L, i)
        case .number(let d): push(d)
        case .string(let s): push(s)
        case .opaque(let name):
            throw LuaError.conversion(path: "", expected: "a value that can cross the bridge", got: name)
        case .table(let entries):
            guard depth < LuaState.maximumDepth else {
                throw LuaError.conversion(path: "", expected: "a value nested less deeply", got: "too deep a value")
            }
            let sequenceLength = entries.keys.count(where: { if case .integer = $0 { true } else { false } })
            lua_createtable(L, Int32(clamping: sequenceLength), Int32(clamping: entries.count - sequenceLength))
            for (key, item) in entries {
                try push(key, depth: depth + 1)
                try push(item, depth: depth + 1)
                lua_rawset(L, -3)
            }
        }
    }

    /// Encodes any `Encodable` value and pushes it (the general, `Codable` path).
    public func push<Value: Encodable>(encoding value: Value) throws {
        try push(LuaEncoder().encode(value))
    }

    // MARK: - Reading

    /// Copies the value at `index` out of the state with raw accessors only, so no metamethod
    /// (script code) runs. Tables deeper than `maximumDepth` (or cyclic) are refused.
    public func value(at index: Int32) throws -> LuaValue {
        try value(at: lua_absindex(L, index), path: "", depth: 0)
    }

    private func value(at index: Int32, path: String, depth: Int) throws -> LuaValue {
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            var isInteger: Int32 = 0
            let integer = lua_tointegerx(L, index, &isInteger)
            return lua_isinteger(L, index) != 0 && isInteger != 0 ? .integer(integer) : .number(lua_tonumberx(L, index, nil))
        case LUA_TSTRING:
            return .string(try string(at: index, path: path))
        case LUA_TTABLE:
            guard depth < LuaState.maximumDepth else {
                throw LuaError.conversion(path: path, expected: "a table nested at most \(LuaState.maximumDepth) deep", got: "a deeper or cyclic table")
            }
            try reserve(3, at: path)
            var entries = [LuaValue: LuaValue]()
            lua_pushnil(L)
            while lua_next(L, index) != 0 {
                let key = try value(at: lua_absindex(L, -2), path: path, depth: depth + 1)
                let item = try value(at: lua_absindex(L, -1), path: LuaPath.appending(key, to: path), depth: depth + 1)
                entries[key] = item
                lua_settop(L, -2)
            }
            return .table(entries)
        default:
            return .opaque(String(cString: lua_typename(L, lua_type(L, index))))
        }
    }

    /// The string at `index` (which must be a string), checked to be UTF-8.
    func string(at index: Int32, path: String) throws -> String {
        var length = 0
        let chars = lua_tolstring(L, index, &length)!
        let bytes = UnsafeRawBufferPointer(start: chars, count: length)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LuaError.conversion(path: path, expected: "UTF-8 text", got: "a string of other bytes")
        }
        return text
    }

    /// Decodes the value at `index` into any `Decodable` type (the general, `Codable` path).
    public func decode<Value: Decodable>(_ type: Value.Type, at index: Int32) throws -> Value {
        try LuaDecoder().decode(type, from: value(at: index))
    }
}

/// How the bridge writes where in a value something went wrong: `decisions[2].award`.
enum LuaPath {
    static func appending(_ key: LuaValue, to path: String) -> String {
        switch key {
        case .integer(let i): return "\(path)[\(i)]"
        case .string(let s): return path.isEmpty ? s : "\(path).\(s)"
        default: return "\(path)[\(key.typeName)]"
        }
    }
}

extension LuaState {
    /// Pops the top value into `table[index]` of the table at `table` (raw).
    public func setItem(_ index: Int, ofTableAt table: Int32) {
        lua_rawseti(L, lua_absindex(L, table) , lua_Integer(index))
    }

    /// Pops the top value into `table[name]` of the table at `table` (raw).
    public func setField(_ name: String, ofTableAt table: Int32) {
        let t = lua_absindex(L, table)
        push(name)
        lua_rotate(L, -2, 1)
        lua_rawset(L, t)
    }

    /// The string at position `index` of the table at `table`, if it is one (raw).
    public func rawString(atIndex index: Int, ofTableAt table: Int32) -> String? {
        guard lua_type(L, table) == LUA_TTABLE else { return nil }
        lua_rawgeti(L, table, lua_Integer(index))
        defer { lua_settop(L, -2) }
        return rawString(at: -1)
    }

    /// The integer at `index`, if it is a number with an integer value.
    public func integer(at index: Int32) -> Int? {
        var ok: Int32 = 0
        let value = lua_tointegerx(L, index, &ok)
        return ok != 0 ? Int(value) : nil
    }
}
