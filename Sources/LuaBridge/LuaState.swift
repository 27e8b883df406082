import CLua
import CLuaRuntime

/// An owned Lua 5.4 state with a capped allocator and an instruction budget.
///
/// One per thread, never shared: it is deliberately not `Sendable`. It is closed exactly once,
/// by `close()` or on deinit. The host talks to Lua only through protected calls, and only
/// with API functions that cannot raise on values scripts control, so no `longjmp` ever
/// crosses a Swift frame.
public final class LuaState {
    /// The raw `lua_State *`, for the bridge's own extensions.
    let L: OpaquePointer
    /// The limits this state was made with.
    public let limits: LuaLimits
    private let accounting: UnsafeMutablePointer<clua_limits>
    private var functions: [SwiftFunctionBox] = []
    /// Key tables already interned in this state, by identity (each kept alive with its reference).
    var internedKeys: [ObjectIdentifier: LuaReference] = [:]
    private var internedKeyTables: [LuaKeyTable] = []
    private var isClosed = false

    /// Opens a state with the base, string, table, math, utf8 and debug libraries loaded in its
    /// (host-only) global table. Scripts never see those globals: see `Sandbox`.
    public init(limits: LuaLimits = LuaLimits()) throws {
        self.limits = limits
        guard let accounting = clua_limits_new(limits.memoryCapBytes, limits.instructionBudget,
                                               limits.programmeBudget, limits.programmeSeconds) else {
            throw LuaError.memory(capBytes: limits.memoryCapBytes)
        }
        self.accounting = accounting
        guard let state = clua_newstate(accounting) else {
            clua_close(nil, accounting)
            throw LuaError.memory(capBytes: limits.memoryCapBytes)
        }
        L = state
        clua_pushopenlibraries(L)
        try protectedCall(arguments: 0, results: 0)
    }

    /// Closes the state and frees everything it holds. Safe to call more than once.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        clua_close(L, accounting)
        functions.removeAll()
    }

    deinit { close() }

    /// Bytes the state holds now.
    public var memoryInUse: Int { accounting.pointee.used_bytes }

    /// Whether the watchdog arms budgets only for runs that last (false: a hook counts every
    /// run, as under ThreadSanitizer or with ELIGIBLE_SYNCHRONOUS_BUDGET set).
    public var budgetsArmedByWatchdog: Bool { clua_uses_watchdog(accounting) != 0 }

    // MARK: - The stack

    /// The index of the top of the stack (the number of values on it).
    public var top: Int32 { lua_gettop(L) }

    /// Drops values so that `index` becomes the top.
    public func setTop(_ index: Int32) { lua_settop(L, index) }

    /// Makes sure `count` more values fit on the stack.
    func reserve(_ count: Int32, at path: @autoclosure () -> String) throws {
        guard lua_checkstack(L, count) != 0 else {
            throw LuaError.conversion(path: path(), expected: "a value nested less deeply", got: "too deep a value")
        }
    }

    // MARK: - Registry references

    /// Pops the top value into the registry and returns its reference.
    public func popReference() -> LuaReference {
        LuaReference(slot: luaL_ref(L, clua_registryindex()))
    }

    /// A new reference to the value at `index` (which stays on the stack).
    public func reference(at index: Int32) -> LuaReference {
        lua_pushvalue(L, index)
        return popReference()
    }

    /// Pushes a referenced value.
    public func push(_ reference: LuaReference) {
        lua_rawgeti(L, clua_registryindex(), lua_Integer(reference.slot))
    }

    /// A reference to field `name` of the table at `index`, read raw (no metamethods run).
    public func field(_ name: String, ofTableAt index: Int32) throws -> LuaReference {
        let table = lua_absindex(L, index)
        guard lua_type(L, table) == LUA_TTABLE else {
            throw LuaError.conversion(path: name, expected: "a table holding it", got: String(cString: lua_typename(L, lua_type(L, table))))
        }
        push(name)
        lua_rawget(L, table)
        return popReference()
    }

    /// A reference to field `name` of a referenced table, read raw.
    public func field(_ name: String, of table: LuaReference) throws -> LuaReference {
        push(table)
        defer { setTop(top - 1) }
        return try field(name, ofTableAt: top)
    }

    /// Keeps a key table alive as long as the state, so its identity is never reused.
    func retain(_ keys: LuaKeyTable) { internedKeyTables.append(keys) }

    /// Frees a reference's registry slot.
    public func release(_ reference: LuaReference) {
        luaL_unref(L, clua_registryindex(), reference.slot)
    }

    // MARK: - Loading chunks

    /// Compiles a text chunk (binary chunks are refused) and returns a reference to the
    /// resulting function. `chunkName` is what error messages name: pass `@rules/x.lua`.
    /// With `environment`, the chunk's `_ENV` is that table (a sandbox) instead of the globals.
    public func load(_ source: String, chunkName: String, environment: LuaReference? = nil) throws -> LuaReference {
        var source = source
        let status = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                luaL_loadbufferx(L, chars.baseAddress, chars.count, chunkName, "t")
            }
        }
        guard status == LUA_OK else {
            let message = rawString(at: -1) ?? "cannot load \(chunkName)"
            lua_settop(L, -2)
            throw status == LUA_ERRMEM ? LuaError.memory(capBytes: limits.memoryCapBytes) : LuaError.syntax(message: message)
        }
        if let environment {
            push(environment)
            _ = lua_setupvalue(L, -2, 1)
        }
        return popReference()
    }

    // MARK: - Calling

    /// Calls a referenced function: `pushArguments` pushes the arguments and returns how many,
    /// the call runs protected as one run (budgets ready for the guarded calls inside it), and
    /// `read` gets the index of the first of `results` results. The stack is left as it was found.
    public func call<Result>(
        _ function: LuaReference,
        results: Int32 = 1,
        arguments pushArguments: (LuaState) throws -> Int32 = { _ in 0 },
        read: (LuaState, Int32) throws -> Result
    ) throws -> Result {
        let base = top
        defer { lua_settop(L, base) }
        try reserve(LUA_MINSTACK, at: "")
        push(function)
        let count = try pushArguments(self)
        try protectedCall(arguments: count, results: results)
        return try read(self, base + 1)
    }

    /// Calls a referenced function with values and returns its results.
    @discardableResult
    public func call(_ function: LuaReference, _ arguments: [LuaValue] = [], results: Int32 = 1) throws -> [LuaValue] {
        try call(function, results: results, arguments: { state in
            for argument in arguments { try state.push(argument) }
            return Int32(arguments.count)
        }, read: { state, first in
            try (0..<results).map { try state.value(at: first + $0) }
        })
    }

    /// Runs the function below `arguments` values under `lua_pcall` as one run, and turns any
    /// failure into a `LuaError`.
    func protectedCall(arguments: Int32, results: Int32) throws {
        let functionIndex = top - arguments
        clua_pushtracebackhandler(L)
        lua_rotate(L, functionIndex, 1) // the handler goes below the function
        let status = clua_pcall_limited(L, arguments, results, functionIndex)
        lua_rotate(L, functionIndex, -1)
        lua_settop(L, -2) // the handler, now on top
        guard status != LUA_OK else { return }
        defer { lua_settop(L, -2) }
        throw failure(status: status)
    }

    /// The error for a failed call whose error value is on the top of the stack.
    func failure(status: Int32) -> LuaError {
        if status == LUA_ERRMEM {
            _ = clua_gc_collect(L) // give back what the failed script left behind
            return .memory(capBytes: limits.memoryCapBytes)
        }
        guard let text = rawString(at: -1) else {
            return .errorValue(typeName: String(cString: lua_typename(L, lua_type(L, -1))))
        }
        let marker = "\nstack traceback:\n"
        if let range = text.range(of: marker) {
            return .runtime(message: String(text[..<range.lowerBound]), traceback: String(text[range.upperBound...]))
        }
        return .runtime(message: text, traceback: "")
    }

    /// The string at `index` without conversion (nil unless it is a string), decoded as UTF-8
    /// with invalid bytes replaced: for messages, never for data.
    public func rawString(at index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let chars = lua_tolstring(L, index, &length) else { return nil }
        return chars.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// Runs a full garbage collection.
    public func collectGarbage() { _ = clua_gc_collect(L) }

    // MARK: - Swift functions

    /// Pushes a Swift closure as a Lua function. The closure reads its arguments from stack
    /// slots 1...n, pushes its results and returns how many. If it throws, its error's
    /// description becomes a Lua error, raised only after the Swift frame has returned, so its
    /// `defer` blocks and `deinit`s run exactly once.
    public func pushFunction(_ body: @escaping (LuaState) throws -> Int32) {
        let box = SwiftFunctionBox(state: self, body: body)
        functions.append(box)
        clua_pushswiftfunction(L, swiftFunctionEntry, Unmanaged.passUnretained(box).toOpaque())
    }
}

/// What a Swift function exposed to Lua needs at call time.
final class SwiftFunctionBox {
    unowned let state: LuaState
    let body: (LuaState) throws -> Int32
    init(state: LuaState, body: @escaping (LuaState) throws -> Int32) {
        self.state = state
        self.body = body
    }
}

/// The C-callable entry every exposed Swift function goes through. It never raises: it
/// returns -1 with the message pushed, and the C trampoline raises.
private let swiftFunctionEntry: clua_swift_function = { L, context in
    guard let L, let context else { return -1 }
    let box = Unmanaged<SwiftFunctionBox>.fromOpaque(context).takeUnretainedValue()
    guard L == box.state.L else {
        lua_pushstring(L, "host functions cannot be called from a coroutine")
        return -1
    }
    do {
        return try box.body(box.state)
    } catch {
        lua_settop(L, 0)
        let message = String(describing: error)
        lua_pushstring(L, message)
        return -1
    }
}
