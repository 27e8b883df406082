import CLua
import CLuaRuntime

/// Reads tables straight off a state for the fast path, the counterpart of `LuaTableWriter`:
/// raw accessors only (no metamethod, so no script code, runs), keys fetched from an interned
/// `LuaKeyTable` by slot.
///
/// Tables are named by absolute stack index. `table(...)`, `element(...)` and `push(_:)` push a
/// table and return its index; call `pop(to:)` with the index from `mark` to drop what was
/// pushed. Every accessor returns nil when the value is absent or of another type.
public struct LuaTableReader {
    @usableFromInline let L: OpaquePointer
    @usableFromInline let keys: Int32

    /// The current top of the stack, to restore with `pop(to:)`.
    @inlinable
    public var mark: Int32 { lua_gettop(L) }

    /// Drops everything pushed since `mark`.
    @inlinable
    public func pop(to mark: Int32) { lua_settop(L, mark) }

    /// Pushes a referenced value and returns its index.
    @discardableResult
    @inlinable
    public func push(_ reference: LuaReference) -> Int32 {
        lua_rawgeti(L, clua_registryindex(), lua_Integer(reference.slot))
        return lua_gettop(L)
    }

    /// The length of the sequence at `table` (raw, no `__len`).
    @inlinable
    public func count(_ table: Int32) -> Int { Int(lua_rawlen(L, table)) }

    @inlinable func fetch(_ key: LuaKey, of table: Int32) -> Int32 {
        lua_rawgeti(L, keys, lua_Integer(key.slot))
        return lua_rawget(L, table)
    }

    // MARK: - Fields by key

    /// Pushes field `key` of the table at `table`, whatever its type, and returns its index.
    @inlinable
    @discardableResult
    public func push(field key: LuaKey, of table: Int32) -> Int32 {
        _ = fetch(key, of: table)
        return lua_gettop(L)
    }

    /// A string field (UTF-8 checked; nil for other bytes).
    @inlinable
    public func string(_ key: LuaKey, of table: Int32) -> String? {
        defer { lua_settop(L, -2) }
        guard fetch(key, of: table) == LUA_TSTRING else { return nil }
        return stringOnTop()
    }

    /// An integer field (a float with an exact integer value counts).
    @inlinable
    public func integer(_ key: LuaKey, of table: Int32) -> Int? {
        defer { lua_settop(L, -2) }
        guard fetch(key, of: table) == LUA_TNUMBER else { return nil }
        return integerOnTop()
    }

    /// A boolean field.
    @inlinable
    public func boolean(_ key: LuaKey, of table: Int32) -> Bool? {
        defer { lua_settop(L, -2) }
        guard fetch(key, of: table) == LUA_TBOOLEAN else { return nil }
        return lua_toboolean(L, -1) != 0
    }

    /// Pushes a table field and returns its index, or nil (nothing pushed) when it is not a table.
    @inlinable
    public func table(_ key: LuaKey, of table: Int32) -> Int32? {
        guard fetch(key, of: table) == LUA_TTABLE else { lua_settop(L, -2); return nil }
        return lua_gettop(L)
    }

    // MARK: - Items by position

    /// The integer at position `index` (1-based) of a sequence.
    @inlinable
    public func integer(at index: Int, of table: Int32) -> Int? {
        defer { lua_settop(L, -2) }
        guard lua_rawgeti(L, table, lua_Integer(index)) == LUA_TNUMBER else { return nil }
        return integerOnTop()
    }

    /// The string at position `index` of a sequence (UTF-8 checked).
    @inlinable
    public func string(at index: Int, of table: Int32) -> String? {
        defer { lua_settop(L, -2) }
        guard lua_rawgeti(L, table, lua_Integer(index)) == LUA_TSTRING else { return nil }
        return stringOnTop()
    }

    /// The boolean at position `index` of a sequence (false when it is not a boolean).
    @inlinable
    public func isTrue(at index: Int, of table: Int32) -> Bool {
        defer { lua_settop(L, -2) }
        return lua_rawgeti(L, table, lua_Integer(index)) == LUA_TBOOLEAN && lua_toboolean(L, -1) != 0
    }

    /// Pushes the table at position `index` of a sequence and returns its index, or nil
    /// (nothing pushed) when it is not a table.
    @inlinable
    public func element(_ index: Int, of table: Int32) -> Int32? {
        guard lua_rawgeti(L, table, lua_Integer(index)) == LUA_TTABLE else { lua_settop(L, -2); return nil }
        return lua_gettop(L)
    }

    @inlinable func integerOnTop() -> Int? {
        var ok: Int32 = 0
        let value = lua_tointegerx(L, -1, &ok)
        return ok != 0 ? Int(value) : nil
    }

    @inlinable func stringOnTop() -> String? {
        var length = 0
        guard let chars = lua_tolstring(L, -1, &length) else { return nil }
        return String(validating: UnsafeRawBufferPointer(start: chars, count: length), as: UTF8.self)
    }
}

extension LuaState {
    /// Reads by the fast path with `keys` interned in this state (on first use). The stack is
    /// left as it was found.
    public func read<Result>(keys: LuaKeyTable, _ body: (LuaTableReader) throws -> Result) throws -> Result {
        let base = top
        defer { lua_settop(L, base) }
        try reserve(2 * LUA_MINSTACK, at: "")
        pushInternedKeys(keys)
        return try body(LuaTableReader(L: L, keys: top))
    }

    /// Pushes the registry table holding `keys`' strings, interning it on first use.
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
        retain(keys)
    }
}
