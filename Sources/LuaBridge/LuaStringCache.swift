import CLua
#if canImport(Glibc)
import Glibc
#endif

/// Swift copies of Lua strings that recur from call to call (fact paths, ids), keyed by the Lua
/// string's address and checked byte for byte on every hit, so a string freed and another made
/// at the same address is never mistaken for it. Bounded: it starts afresh past `capacity`.
public final class LuaStringCache {
    @usableFromInline var entries: [UnsafeRawPointer: String] = [:]
    @usableFromInline let capacity: Int

    /// A cache holding at most `capacity` strings.
    public init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The Swift string for the Lua string at `chars` (`length` bytes), or nil when it is not UTF-8.
    @inlinable
    func string(_ chars: UnsafePointer<CChar>, _ length: Int) -> String? {
        let key = UnsafeRawPointer(chars)
        let bytes = UnsafeRawBufferPointer(start: key, count: length)
        if var known = entries[key] {
            let same = known.withUTF8 { stored in
                guard stored.count == length, let base = stored.baseAddress else { return stored.count == length }
                return memcmp(base, key, length) == 0
            }
            if same { return known }
        }
        guard let made = String(validating: bytes, as: UTF8.self) else { return nil }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = made
        return made
    }
}

extension LuaTableReader {
    /// The string at position `index` of a sequence, through `cache` (UTF-8 checked when new).
    @inlinable
    public func string(at index: Int, of table: Int32, cache: LuaStringCache) -> String? {
        defer { lua_settop(L, -2) }
        guard lua_rawgeti(L, table, lua_Integer(index)) == LUA_TSTRING else { return nil }
        var length = 0
        guard let chars = lua_tolstring(L, -1, &length) else { return nil }
        return cache.string(chars, length)
    }
}
