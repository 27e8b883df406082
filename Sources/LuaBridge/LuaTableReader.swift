import CLua

/// Reads tables straight off a state's stack for the fast path, the counterpart of
/// `LuaTableWriter`: raw accessors only (no metamethod, so no script code, runs), keys fetched
/// from the interned `LuaKeyTable` by slot instead of hashing Swift strings.
///
/// Tables are named by absolute stack index. `table(_:of:)` and `element(_:of:)` push the
/// nested table and return its index; call `pop(to:)` with the index from `mark` to drop what
/// was pushed. Every accessor returns nil when the field is absent or of another type.
public struct LuaTableReader {
    let L: OpaquePointer
    let keys: Int32

    /// The current top of the stack, to restore with `pop(to:)`.
    public var mark: Int32 { lua_gettop(L) }

    /// Drops everything pushed since `mark`.
    public func pop(to mark: Int32) { lua_settop(L, mark) }

    /// The length of the sequence at `table` (raw, no `__len`).
    public func count(_ table: Int32) -> Int { Int(lua_rawlen(L, table)) }

    private func fetch(_ key: LuaKey, of table: Int32) -> Int32 {
        lua_rawgeti(L, keys, lua_Integer(key.slot))
        return lua_rawget(L, table)
    }

    /// A string field (UTF-8 checked; nil for other bytes).
    public func string(_ key: LuaKey, of table: Int32) -> String? {
        defer { lua_settop(L, -2) }
        guard fetch(key, of: table) == LUA_TSTRING else { return nil }
        return stringOnTop()
    }

    /// An integer field (a float with an exact integer value counts).
    public func integer(_ key: LuaKey, of table: Int32) -> Int? {
        defer { lua_settop(L, -2) }
        guard fetch(key, of: table) == LUA_TNUMBER else { return nil }
        var ok: Int32 = 0
        let value = lua_tointegerx(L, -1, &ok)
        return ok != 0 ? Int(value) : nil
    }

    /// A number field.
    public func number(_ key: LuaKey, of table: Int32) -> Double? {
        defer { lua_settop(L, -2) }
        guard fetch(key, of: table) == LUA_TNUMBER else { return nil }
        return lua_tonumberx(L, -1, nil)
    }

    /// A boolean field.
    public func boolean(_ key: LuaKey, of table: Int32) -> Bool? {
        defer { lua_settop(L, -2) }
        guard fetch(key, of: table) == LUA_TBOOLEAN else { return nil }
        return lua_toboolean(L, -1) != 0
    }

    /// Whether the string field equals `bytes` exactly, without making a Swift string.
    public func stringField(_ key: LuaKey, of table: Int32, equals bytes: StaticString) -> Bool {
        defer { lua_settop(L, -2) }
        guard fetch(key, of: table) == LUA_TSTRING else { return false }
        var length = 0
        guard let chars = lua_tolstring(L, -1, &length), length == bytes.utf8CodeUnitCount else { return false }
        let start = bytes.utf8Start
        for i in 0..<length where UInt8(bitPattern: chars[i]) != start[i] { return false }
        return true
    }

    /// Pushes a table field and returns its index, or nil (nothing pushed) when it is not a table.
    public func table(_ key: LuaKey, of table: Int32) -> Int32? {
        guard fetch(key, of: table) == LUA_TTABLE else { lua_settop(L, -2); return nil }
        return lua_gettop(L)
    }

    /// Pushes the table at position `index` (1-based) of a sequence and returns its index, or
    /// nil (nothing pushed) when it is not a table.
    public func element(_ index: Int, of table: Int32) -> Int32? {
        guard lua_rawgeti(L, table, lua_Integer(index)) == LUA_TTABLE else { lua_settop(L, -2); return nil }
        return lua_gettop(L)
    }

    /// A list of strings held in a field (nil when absent; non-strings are skipped).
    public func strings(_ key: LuaKey, of table: Int32) -> [String]? {
        guard let list = self.table(key, of: table) else { return nil }
        defer { lua_settop(L, list - 1) }
        let n = count(list)
        var out = [String]()
        out.reserveCapacity(n)
        for i in 0..<n {
            if lua_rawgeti(L, list, lua_Integer(i + 1)) == LUA_TSTRING, let s = stringOnTop() { out.append(s) }
            lua_settop(L, -2)
        }
        return out
    }

    private func stringOnTop() -> String? {
        var length = 0
        guard let chars = lua_tolstring(L, -1, &length) else { return nil }
        return String(validating: UnsafeRawBufferPointer(start: chars, count: length), as: UTF8.self)
    }
}

extension LuaState {
    /// Reads the value at `index` by the fast path, interning `keys` in this state on first use.
    /// The stack is left as it was found.
    public func read<Result>(at index: Int32, keys: LuaKeyTable, _ body: (LuaTableReader, Int32) throws -> Result) throws -> Result {
        let table = lua_absindex(L, index)
        let base = top
        defer { lua_settop(L, base) }
        try reserve(2 * LUA_MINSTACK, at: "")
        pushInternedKeys(keys)
        return try body(LuaTableReader(L: L, keys: top), table)
    }
}

extension LuaState {
    /// Pushes the registry table holding `keys`' strings, interning it on first use (shared
    /// with `push(_:keys:)`: both use `internedKeys`).
    func pushInternedKeys(_ keys: LuaKeyTable) {
        let identity = ObjectIdentifier(keys)
        if let reference = internedKeys[identity] {
            push(reference)
            return
        }
        lua_createtable(L, Int32(keys.names.count), 0)
        for (offset, name) in keys.names.enumerated() {
            push(name)
            lua_rawseti(L, -2, lua_Integer(offset + 1))
        }
        lua_pushvalue(L, -1)
        internedKeys[identity] = popReference()
    }
}
