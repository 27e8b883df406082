import CLua
import CLuaRuntime

/// How a guarded call ended.
public enum LuaCallStatus: Int32, Sendable {
    /// It returned; its results are on the stack.
    case returned = 0
    /// It raised an error (the error value is on the stack).
    case error = 1
    /// It ran past an instruction or time budget and was stopped.
    case budget = 2
    /// It needed more memory than its allowance and was stopped.
    case memory = 3

    /// The kind as trusted Lua code names it ("error", "budget", "memory").
    public var kind: String {
        switch self {
        case .returned: "ok"
        case .error: "error"
        case .budget: "budget"
        case .memory: "memory"
        }
    }
}

/// What kind of value is at a stack index.
public enum LuaValueKind: Sendable {
    case `nil`, boolean, number, string, table, other
}

/// One of the two sentinel values a runtime raises for facts (see `Sandbox.runtimeHelpers`).
public enum LuaSentinel: Sendable {
    /// A fact the business does not give.
    case missing
    /// A fact answered "does not apply".
    case notApplicable
}

/// Trusted host code calling script functions directly, each as one guarded call (the memory
/// allowance armed, a new call for the instruction budget, the error's rule-file location
/// found), inside one run that `LuaState.run(keys:_:)` begins and ends. It extends
/// `LuaTableReader` (raw reads) with pushing arguments and calling.
///
/// Script errors never cross a Swift frame: a call returns its status with the error value on
/// the stack. Values are named by absolute stack index, as with the reader.
public struct LuaCaller {
    /// Raw reads of tables and values.
    public let reader: LuaTableReader
    @usableFromInline let L: OpaquePointer
    @usableFromInline let handler: Int32

    /// Pushes item `index` of the table at `table` (raw) and returns its type.
    @inlinable
    @discardableResult
    public func pushItem(_ index: Int, of table: Int32) -> Int32 { lua_rawgeti(L, table, lua_Integer(index)) }

    /// Pushes a copy of the value at `index`.
    @inlinable
    public func pushValue(at index: Int32) { lua_pushvalue(L, index) }

    /// Pushes nil.
    @inlinable
    public func pushNil() { lua_pushnil(L) }

    /// Pushes an integer.
    @inlinable
    public func pushInteger(_ value: Int) { lua_pushinteger(L, lua_Integer(value)) }

    /// Calls the function below the `arguments` values on top of the stack as a guarded call,
    /// leaving `results` values (or, when it failed, the error value) in their place.
    @inlinable
    public func call(arguments: Int32, results: Int32) -> LuaCallStatus {
        LuaCallStatus(rawValue: clua_call(L, arguments, results, handler)) ?? .error
    }

    /// Calls trusted code (not budgeted: it is the host's own) the same way; a failure is
    /// reported as `.error` with the message on the stack.
    public func callTrusted(arguments: Int32, results: Int32) -> LuaCallStatus {
        clua_pcall(L, arguments, results, 0) == LUA_OK ? .returned : .error
    }

    /// Starts a new programme for the programme budget.
    @inlinable
    public func nextProgramme() { clua_next_programme(L) }

    /// The sentinel at `index`, if the value there is one.
    @inlinable
    public func sentinel(at index: Int32) -> LuaSentinel? {
        switch clua_sentinel(L, index) {
        case 1: .missing
        case 2: .notApplicable
        default: nil
        }
    }

    /// Where the last failed call's error was raised: the innermost rule-file frame, if any.
    public var errorLocation: (file: String, line: Int)? {
        guard let file = clua_error_file(L) else { return nil }
        return (String(cString: file), Int(clua_error_line(L)))
    }

    /// The kind of the value at `index`.
    @inlinable
    public func kind(at index: Int32) -> LuaValueKind {
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: .nil
        case LUA_TBOOLEAN: .boolean
        case LUA_TNUMBER: .number
        case LUA_TSTRING: .string
        case LUA_TTABLE: .table
        default: .other
        }
    }

    /// Makes sure `count` more values fit on the stack.
    public func reserve(_ count: Int) -> Bool { lua_checkstack(L, Int32(clamping: count)) != 0 }



    /// The name of the type of the value at `index`, as Lua's `type()` says it.
    public func typeName(at index: Int32) -> String { String(cString: lua_typename(L, lua_type(L, index))) }

    /// Whether the value at `index` is `true`.
    @inlinable
    public func isTrue(at index: Int32) -> Bool { lua_type(L, index) == LUA_TBOOLEAN && lua_toboolean(L, index) != 0 }

    /// The value at `index` as an integer, when it is an integer (not a float).
    @inlinable
    public func exactInteger(at index: Int32) -> Int? {
        guard lua_isinteger(L, index) != 0 else { return nil }
        return Int(lua_tointegerx(L, index, nil))
    }

    /// The value at `index` as a float, when it is a number.
    @inlinable
    public func number(at index: Int32) -> Double? {
        guard lua_type(L, index) == LUA_TNUMBER else { return nil }
        return lua_tonumberx(L, index, nil)
    }

    /// How Lua's `tostring` writes the number at `index` ("-5", "2.5", "1e+20").
    public func numberText(at index: Int32) -> String {
        lua_pushvalue(L, index)
        defer { lua_settop(L, -2) }
        return lua_tolstring(L, -1, nil).map { String(cString: $0) } ?? "?"
    }

    /// The string at `index` (nil when it is not a string or not UTF-8).
    @inlinable
    public func string(at index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let chars = lua_tolstring(L, index, &length) else { return nil }
        return String(validating: UnsafeRawBufferPointer(start: chars, count: length), as: UTF8.self)
    }

    /// The string at `index` through `cache` (nil when it is not a string or not UTF-8).
    @inlinable
    public func string(at index: Int32, cache: LuaStringCache) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let chars = lua_tolstring(L, index, &length) else { return nil }
        return cache.string(chars, length)
    }

    /// The byte length of the string at `index` (0 when it is not a string).
    @inlinable
    public func stringLength(at index: Int32) -> Int {
        lua_type(L, index) == LUA_TSTRING ? Int(lua_rawlen(L, index)) : 0
    }

    /// Sets field `key` of the table at `table` to an integer (raw).
    @inlinable
    public func setInteger(_ value: Int, _ key: LuaKey, of table: Int32) {
        lua_rawgeti(L, reader.keys, lua_Integer(key.slot))
        lua_pushinteger(L, lua_Integer(value))
        lua_rawset(L, table)
    }

    /// Sets field `key` of the table at `table` to a new empty table (raw).
    @inlinable
    public func setNewTable(_ key: LuaKey, of table: Int32) {
        lua_rawgeti(L, reader.keys, lua_Integer(key.slot))
        lua_createtable(L, 0, 0)
        lua_rawset(L, table)
    }

    /// Checks the shared variables in the list at `list` (see `clua_restore_cells`), restoring
    /// any that changed; returns the positions of those, or none.
    public func restoreCells(list: Int32, count: Int, into buffer: inout [Int64]) -> ArraySlice<Int64> {
        if buffer.count < count { buffer = [Int64](repeating: 0, count: count) }
        let changed = buffer.withUnsafeMutableBufferPointer { storage in
            Int(clua_restore_cells(L, list, lua_Integer(count), storage.baseAddress, Int32(clamping: storage.count)))
        }
        return buffer.prefix(min(changed, buffer.count))
    }
}

extension LuaState {
    /// Runs `body` as one run of trusted host code that calls scripts through a `LuaCaller`:
    /// budgets ready (armed by the watchdog if the run lasts), disarmed on return. The stack is
    /// left as it was found.
    public func run<Result>(keys: LuaKeyTable, _ body: (LuaCaller) throws -> Result) throws -> Result {
        let base = top
        try reserve(2 * LUA_MINSTACK, at: "")
        clua_run_begin(L)
        defer {
            clua_run_end(L)
            lua_settop(L, base)
        }
        pushInternedKeys(keys)
        let keyIndex = top
        clua_pushlocatehandler(L)
        return try body(LuaCaller(reader: LuaTableReader(L: L, keys: keyIndex), L: L, handler: top))
    }
}
