import CLua
import CLuaRuntime

/// A fixed set of table keys, interned once per state: writing or reading a field fetches its
/// key string from a registry table by slot instead of hashing a Swift string.
public final class LuaKeyTable: Sendable {
    /// The key names, in slot order.
    public let names: [String]
    private let slots: [String: Int32]

    /// Creates a key table from distinct names.
    public init(_ names: [String]) {
        self.names = names
        slots = Dictionary(names.enumerated().map { ($1, Int32($0 + 1)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The key for `name`, if it is one of `names`.
    public func key(_ name: String) -> LuaKey? { slots[name].map(LuaKey.init(slot:)) }

    /// The key for `name`, which must be one of `names` (a programming error otherwise).
    public subscript(name: String) -> LuaKey {
        guard let key = key(name) else { preconditionFailure("no key '\(name)' in this key table") }
        return key
    }
}

/// One interned key of a `LuaKeyTable`.
public struct LuaKey: Hashable, Sendable {
    @usableFromInline let slot: Int32

    @usableFromInline init(slot: Int32) { self.slot = slot }
}

/// Writes tables straight into a state for the fast path: raw sets (no metamethod, so no script
/// code, runs), interned keys, values pushed without building Swift strings where avoidable.
/// Tables are named by absolute stack index; `push(_:)` puts a referenced table on the stack.
public struct LuaTableWriter {
    @usableFromInline let L: OpaquePointer
    @usableFromInline let keys: Int32

    /// The index of the top of the stack.
    @inlinable
    public var top: Int32 { lua_gettop(L) }

    /// Drops values so that `index` becomes the top.
    @inlinable
    public func pop(to index: Int32) { lua_settop(L, index) }

    /// Pushes a referenced value and returns its index.
    @discardableResult
    @inlinable
    public func push(_ reference: LuaReference) -> Int32 {
        lua_rawgeti(L, clua_registryindex(), lua_Integer(reference.slot))
        return lua_gettop(L)
    }

    /// Pushes a new table sized for `sequence` items and `fields` named fields; returns its index.
    @discardableResult
    @inlinable
    public func newTable(sequence: Int = 0, fields: Int = 0) -> Int32 {
        lua_createtable(L, Int32(clamping: sequence), Int32(clamping: fields))
        return lua_gettop(L)
    }

    /// Sets the metatable of the table at `table` to a referenced table.
    @inlinable
    public func setMetatable(_ metatable: LuaReference, of table: Int32) {
        lua_rawgeti(L, clua_registryindex(), lua_Integer(metatable.slot))
        lua_setmetatable(L, table)
    }

    @inlinable func key(_ key: LuaKey) { lua_rawgeti(L, keys, lua_Integer(key.slot)) }

    /// `table[key] = value` for an integer.
    @inlinable
    public func set(_ key: LuaKey, integer value: Int, in table: Int32) {
        self.key(key); lua_pushinteger(L, lua_Integer(value)); lua_rawset(L, table)
    }
    /// `table[key] = value` for a float.
    @inlinable
    public func set(_ key: LuaKey, number value: Double, in table: Int32) {
        self.key(key); lua_pushnumber(L, value); lua_rawset(L, table)
    }
    /// `table[key] = value` for a boolean.
    @inlinable
    public func set(_ key: LuaKey, boolean value: Bool, in table: Int32) {
        self.key(key); lua_pushboolean(L, value ? 1 : 0); lua_rawset(L, table)
    }
    /// `table[key] = value` for a string.
    @inlinable
    public func set(_ key: LuaKey, string value: String, in table: Int32) {
        self.key(key); push(value); lua_rawset(L, table)
    }
    /// `table[key] = value` for a string given as bytes.
    @inlinable
    public func set(_ key: LuaKey, bytes value: UnsafeRawBufferPointer, in table: Int32) {
        self.key(key)
        _ = lua_pushlstring(L, value.baseAddress?.assumingMemoryBound(to: CChar.self), value.count)
        lua_rawset(L, table)
    }
    /// `table[key] = nil`.
    @inlinable
    public func clear(_ key: LuaKey, in table: Int32) {
        self.key(key); lua_pushnil(L); lua_rawset(L, table)
    }
    /// `table[key] = value` for a referenced value.
    @inlinable
    public func set(_ key: LuaKey, reference: LuaReference, in table: Int32) {
        self.key(key); lua_rawgeti(L, clua_registryindex(), lua_Integer(reference.slot)); lua_rawset(L, table)
    }
    /// `table[key] = ` the value on the top of the stack, which is popped.
    @inlinable
    public func setTop(_ key: LuaKey, in table: Int32) {
        self.key(key); lua_rotate(L, -2, 1); lua_rawset(L, table)
    }
    /// `table[key] = true`.
    @inlinable
    public func mark(_ key: LuaKey, in table: Int32) { set(key, boolean: true, in: table) }

    /// `table[index] = ` the value on the top of the stack, which is popped.
    @inlinable
    public func setTop(at index: Int, in table: Int32) { lua_rawseti(L, table, lua_Integer(index)) }
    /// `table[index] = nil`.
    @inlinable
    public func clear(at index: Int, in table: Int32) { lua_pushnil(L); lua_rawseti(L, table, lua_Integer(index)) }
    /// `table[index] = value` for a referenced value.
    @inlinable
    public func set(at index: Int, reference: LuaReference, in table: Int32) {
        lua_rawgeti(L, clua_registryindex(), lua_Integer(reference.slot)); lua_rawseti(L, table, lua_Integer(index))
    }

    /// Pushes an integer.
    @inlinable
    public func push(integer value: Int) { lua_pushinteger(L, lua_Integer(value)) }
    /// Pushes a float.
    @inlinable
    public func push(number value: Double) { lua_pushnumber(L, value) }
    /// Pushes a boolean.
    @inlinable
    public func push(boolean value: Bool) { lua_pushboolean(L, value ? 1 : 0) }
    /// Pushes false.
    @inlinable
    public func pushFalse() { lua_pushboolean(L, 0) }
    /// Pushes bytes as a string.
    @inlinable
    public func push(bytes value: UnsafeRawBufferPointer) {
        _ = lua_pushlstring(L, value.baseAddress?.assumingMemoryBound(to: CChar.self), value.count)
    }
    /// Pushes a string by length.
    @inlinable
    public func push(_ value: String) {
        var value = value
        value.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
    }
}

extension LuaState {
    /// Writes by the fast path with `keys` interned in this state (on first use). The stack is
    /// left as it was found.
    public func write<Result>(keys: LuaKeyTable, _ body: (LuaTableWriter) throws -> Result) throws -> Result {
        let base = top
        defer { lua_settop(L, base) }
        try reserve(4 * LUA_MINSTACK, at: "")
        pushInternedKeys(keys)
        return try body(LuaTableWriter(L: L, keys: top))
    }
}
