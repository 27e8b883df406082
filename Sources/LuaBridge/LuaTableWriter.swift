import CLua

/// A fixed set of table keys, interned once per state, for the fast path: writing a field
/// fetches its key string from a registry table by slot instead of hashing a Swift string.
public final class LuaKeyTable: Sendable {
    /// The key names, in slot order.
    public let names: [String]
    private let slots: [String: Int32]

    /// Creates a key table from distinct names.
    public init(_ names: [String]) {
        self.names = names
        slots = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0 + 1)) })
    }

    /// The key for `name`, which must be one of `names`.
    public subscript(name: String) -> LuaKey {
        guard let slot = slots[name] else { preconditionFailure("no key '\(name)' in this key table") }
        return LuaKey(slot: slot)
    }
}

/// One interned key of a `LuaKeyTable`.
public struct LuaKey: Sendable {
    let slot: Int32
}

/// A value that pushes itself by the fast path: presized tables, interned keys, raw sets.
public protocol LuaTablePushable {
    /// Pushes exactly one value (usually a table) with `writer`.
    func push(to writer: LuaTableWriter)
}

/// Writes tables straight onto a state's stack for the fast path. Each `set` writes one field
/// of the table on the top of the stack; absent optionals are left out.
public struct LuaTableWriter {
    let L: OpaquePointer
    let keys: Int32

    /// Pushes a new table sized for `sequence` list items and `fields` named fields.
    public func table(sequence: Int = 0, fields: Int = 0) {
        lua_createtable(L, Int32(clamping: sequence), Int32(clamping: fields))
    }

    private func key(_ key: LuaKey) { lua_rawgeti(L, keys, lua_Integer(key.slot)) }

    /// Sets an integer field.
    public func set(_ key: LuaKey, _ value: Int?) {
        guard let value else { return }
        self.key(key); lua_pushinteger(L, lua_Integer(value)); lua_rawset(L, -3)
    }
    /// Sets a float field.
    public func set(_ key: LuaKey, _ value: Double?) {
        guard let value else { return }
        self.key(key); lua_pushnumber(L, value); lua_rawset(L, -3)
    }
    /// Sets a boolean field.
    public func set(_ key: LuaKey, _ value: Bool?) {
        guard let value else { return }
        self.key(key); lua_pushboolean(L, value ? 1 : 0); lua_rawset(L, -3)
    }
    /// Sets a string field.
    public func set(_ key: LuaKey, _ value: String?) {
        guard let value else { return }
        self.key(key); push(value); lua_rawset(L, -3)
    }
    /// Sets a nested value's field.
    public func set<Value: LuaTablePushable>(_ key: LuaKey, _ value: Value?) {
        guard let value else { return }
        self.key(key); value.push(to: self); lua_rawset(L, -3)
    }
    /// Sets a field holding a list of nested values.
    public func set<Value: LuaTablePushable>(_ key: LuaKey, list: [Value]?) {
        guard let list else { return }
        self.key(key)
        lua_createtable(L, Int32(clamping: list.count), 0)
        for (offset, item) in list.enumerated() {
            item.push(to: self)
            lua_rawseti(L, -2, lua_Integer(offset + 1))
        }
        lua_rawset(L, -3)
    }
    /// Sets a field holding a list of strings.
    public func set(_ key: LuaKey, strings: [String]?) {
        guard let strings else { return }
        self.key(key)
        lua_createtable(L, Int32(clamping: strings.count), 0)
        for (offset, item) in strings.enumerated() {
            push(item)
            lua_rawseti(L, -2, lua_Integer(offset + 1))
        }
        lua_rawset(L, -3)
    }
    /// Pushes a string by length.
    public func push(_ value: String) {
        var value = value
        value.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
    }
}

extension LuaState {
    /// Pushes a value by the fast path, interning `keys` in this state on first use.
    public func push<Value: LuaTablePushable>(_ value: Value, keys: LuaKeyTable) throws {
        try reserve(2 * LUA_MINSTACK, at: "")
        pushInternedKeys(keys)
        let keysIndex = top
        value.push(to: LuaTableWriter(L: L, keys: keysIndex))
        lua_rotate(L, keysIndex, -1)
        lua_settop(L, -2)
    }
}
