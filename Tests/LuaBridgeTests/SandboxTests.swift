import Foundation
import Testing
@testable import LuaBridge

/// A sandbox whose library folder holds one module, `shared`.
func makeSandbox(limits: LuaLimits = LuaLimits(instructionBudget: 1_000_000, memoryCapBytes: 16 * 1024 * 1024)) throws -> Sandbox {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-lib-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "return { names = { 'a', 'b' }, twice = function(x) return 2 * x end }"
        .write(to: folder.appendingPathComponent("shared.lua"), atomically: true, encoding: .utf8)
    return try Sandbox(state: LuaState(limits: limits), libraryFolder: folder, libraryName: "rules/lib")
}

/// Runs an untrusted chunk as a guarded call and returns its first result.
@discardableResult
func run(_ source: String, in sandbox: Sandbox, name: String = "@rules/test.lua") throws -> LuaValue {
    let chunk = try sandbox.load(source, chunkName: name)
    return try sandbox.call(chunk)[0]
}

/// The message of the runtime error a chunk raises, or nil if it does not raise one.
func runtimeMessage(_ source: String, in sandbox: Sandbox) -> String? {
    do {
        try run(source, in: sandbox)
        return nil
    } catch LuaError.runtime(let message, _) {
        return message
    } catch {
        return "unexpected: \(error)"
    }
}

/// After any failure, the same state must still evaluate a normal chunk correctly.
func expectStillUsable(_ sandbox: Sandbox) throws {
    #expect(try run("local t = {} for i = 1, 100 do t[i] = i end return #t + string.len('abc')", in: sandbox) == .integer(103))
}

@Suite struct SandboxTests {
    @Test(arguments: [
        ("return io.open('/etc/passwd')", "'io' is not available"),
        ("return os.time()", "'os' is not available"),
        ("return debug.getinfo(1)", "'debug' is not available"),
        ("return package.loaded", "'package' is not available"),
        ("return load('return 1')()", "'load' is not available"),
        ("return loadfile('/etc/passwd')", "'loadfile' is not available"),
        ("return dofile('/etc/passwd')", "'dofile' is not available"),
        ("return collectgarbage('count')", "'collectgarbage' is not available"),
        ("return rawset(_ENV, 'x', 1)", "'rawset' is not available"),
        ("return coroutine.create(print)", "'coroutine' is not available"),
        ("return string.dump(function() end)", "attempt to call a nil value (field 'dump')"),
        ("return ('x').dump", nil),
        ("return math.random(1, 6)", "attempt to call a nil value (field 'random')"),
        // Strings' metatable is hidden behind a marker (it was `false`): its __index is out of reach.
        ("return getmetatable('').__index", nil),
        ("getmetatable('').__index.upper = nil", "attempt to index a nil value (field '__index')"),
        ("x = 1", "cannot set global 'x'"),
        ("string.upper = nil", "cannot change 'upper'"),
        ("math.pi = 3", "cannot change 'pi'"),
        ("setmetatable({}, { __gc = function() end })", "setmetatable: '__gc' and '__mode' are not allowed in rule scripts"),
        ("setmetatable({}, { __mode = 'k' })", "setmetatable: '__gc' and '__mode' are not allowed in rule scripts"),
        ("setmetatable(_ENV, {})", "cannot change a protected metatable"),
        ("local m = require '../etc/passwd'", "a module name is one plain word"),
        ("local m = require '/etc/passwd'", "a module name is one plain word"),
        ("local m = require 'shared.x'", "a module name is one plain word"),
        ("local m = require 'nothere'", "no file rules/lib/nothere.lua (available: shared)"),
        ("local m = require 'shared' m.names[1] = 'z'", "this table is read-only"),  // (the key: see aRefusedNumberKeyIsNamed)
        ("local m = require 'shared' m.extra = 1", "cannot change 'extra'"),
        ("return undefinedname + 1", "unknown name 'undefinedname'"),
    ] as [(String, String?)])
    func escapesAreRefused(source: String, expected: String?) throws {
        let sandbox = try makeSandbox()
        if let expected {
            let message = try #require(runtimeMessage(source, in: sandbox))
            #expect(message.contains(expected), "\(message)")
            #expect(message.hasPrefix("rules/test.lua:1:"), "\(message)")
        } else {
            #expect(try run(source, in: sandbox) == .nil)
        }
        try expectStillUsable(sandbox)
    }

    @Test func metatablesShowOnlyAMarker() throws {
        let sandbox = try makeSandbox()
        #expect(try run("return getmetatable('')", in: sandbox) == .string("read-only"))
        #expect(try run("local m = require 'shared' return getmetatable(m.names)", in: sandbox) == .string("read-only"))
    }

    /// A number key refused is named as it is written.
    @Test
    func aRefusedNumberKeyIsNamed() throws {
        let sandbox = try makeSandbox()
        #expect(runtimeMessage("local m = require 'shared' m.names[1] = 'z'", in: sandbox) == "rules/test.lua:1: cannot change '1': this table is read-only")
    }

    @Test func binaryChunksAreRefused() throws {
        let state = try LuaState()
        #expect(throws: LuaError.self) { try state.load("\u{1B}Lua\u{54}\0", chunkName: "=binary") }
    }

    @Test func syntaxErrorsNameFileAndLine() throws {
        let sandbox = try makeSandbox()
        do {
            _ = try sandbox.load("local a = 1\nlocal = 2\n", chunkName: "@rules/broken.lua")
            Issue.record("expected a syntax error")
        } catch let error as LuaError {
            guard case .syntax(let message) = error else { Issue.record("\(error)"); return }
            #expect(message.hasPrefix("rules/broken.lua:2:"))
            #expect(error.location?.file == "rules/broken.lua")
            #expect(error.location?.line == 2)
        }
    }

    @Test func requireLoadsSharedModulesOnce() throws {
        let sandbox = try makeSandbox()
        #expect(try run("local m = require 'shared' return m.twice(21) + #m.names", in: sandbox) == .integer(44))
        #expect(try run("return require 'shared' == require 'shared'", in: sandbox) == .boolean(true))
    }

    @Test func stringMethodsStillWork() throws {
        let sandbox = try makeSandbox()
        #expect(try run("return ('L1 8JQ'):match('^(%a+%d+)')", in: sandbox) == .string("L1"))
    }

    @Test func nonStringErrorValuesAreReported() throws {
        let sandbox = try makeSandbox()
        for source in ["error({})", "error(nil)", "error(setmetatable({}, { __tostring = function() error('boom') end }))"] {
            #expect(throws: LuaError.errorValue(typeName: source == "error(nil)" ? "nil" : "table")) { try run(source, in: sandbox) }
        }
        try expectStillUsable(sandbox)
    }
}

@Suite struct BudgetTests {
    @Test(arguments: [
        "while true do end",
        "while true do pcall(function() while true do end end) end",
        "local function f() return f() end return f()",
        "local t = setmetatable({}, { __index = function(t, k) while true do end end }) return t.x",
        "return (string.gsub('aaaa', 'a', function() while true do end end))",
        "return xpcall(error, function() while true do end end)",
        "return xpcall(function() while true do end end, function() while true do end end)",
    ])
    func endlessScriptsExhaustTheBudget(source: String) throws {
        let sandbox = try makeSandbox()
        #expect(throws: LuaError.budget(instructions: 1_000_000)) { try run(source, in: sandbox) }
        try expectStillUsable(sandbox)
    }

    @Test(arguments: [
        // 1e9 repetitions are refused by count (at most 10 million); 100,000 of a kilobyte are not.
        "return string.rep(('x'):rep(1000), 1e5)",
        "local t = {} for i = 1, 1e8 do t[i] = i end",
        "local s = 'x' while true do s = s .. s end",
        "return table.concat(setmetatable({}, { __index = function() return ('y'):rep(1e6) end }), '', 1, 1e4)",
    ])
    func memoryBombsHitTheCap(source: String) throws {
        let sandbox = try makeSandbox(limits: LuaLimits(instructionBudget: 100_000_000, memoryCapBytes: 16 * 1024 * 1024))
        #expect(throws: LuaError.memory(capBytes: 16 * 1024 * 1024)) { try run(source, in: sandbox) }
        try expectStillUsable(sandbox)
        #expect(sandbox.state.memoryInUse < 4 * 1024 * 1024)
    }

    @Test func deepRecursionIsStopped() throws {
        // Lua's own stack limit (a million slots) needs more memory than the cap allows.
        let sandbox = try makeSandbox()
        #expect(throws: LuaError.memory(capBytes: 16 * 1024 * 1024)) {
            try run("local function f(n) return 1 + f(n + 1) end return f(1)", in: sandbox)
        }
        try expectStillUsable(sandbox)
    }

    @Test func pathologicalPatternsAreRefusedQuickly() throws {
        let sandbox = try makeSandbox()
        let start = ContinuousClock.now
        let message = try #require(runtimeMessage("return string.find(('a'):rep(200), '.-.-.-.-b')", in: sandbox))
        #expect(message.contains("could take too long"))
        let balanced = try #require(runtimeMessage("return string.find(('('):rep(5000), '%b()')", in: sandbox))
        #expect(balanced.contains("could take too long"))
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(try run("return string.find(('a'):rep(200), 'b', 1, true)", in: sandbox) == .nil)
        try expectStillUsable(sandbox)
    }

    @Test func guardedCallsGiveEachCallItsOwnBudgetAndLocateErrors() throws {
        let sandbox = try makeSandbox()
        let script = try sandbox.load("""
            return { function() while true do end end, function() return 42 end,
                     function() error('boom') end, function() local s = 'x' while true do s = s .. s end end }
            """, chunkName: "@rules/calls.lua")
        let driver = try sandbox.state.load("""
            local api, f = ...
            local marks, results = {}, {}
            local ok, calls = api.guarded(f)
            for i, call in ipairs(calls) do
              local ok, value, kind, file, line = api.guarded(call)
              results[#results + 1] = ok and tostring(value) or (kind .. "@" .. tostring(file) .. ":" .. tostring(line))
            end
            return table.concat(results, ',')
            """, chunkName: "=driver")
        // The driver is trusted, as the engine's is; each script call is guarded (budgeted).
        let summary = try sandbox.state.call(driver, arguments: { s in s.push(sandbox.api); s.push(script); return 2 }, read: { s, i in try s.value(at: i) })
        #expect(summary == .string("budget@rules/calls.lua:1,42,error@rules/calls.lua:2,memory@nil:nil"))
    }
}

/// Counts deinits, to prove a failing Swift function's objects are released exactly once.
final class Tracked {
    nonisolated(unsafe) static var deinits = 0
    deinit { Tracked.deinits += 1 }
}

@Suite(.serialized) struct SwiftFunctionTests {
    struct Refusal: Error, CustomStringConvertible { var description: String { "refused by Swift" } }

    @Test func aFailingSwiftFunctionRunsDeferAndDeinitExactlyOnce() throws {
        let sandbox = try makeSandbox()
        var defers = 0
        Tracked.deinits = 0
        let state = sandbox.state
        let caller = try state.load("local f = ... local ok, message = pcall(f, 1) return message", chunkName: "=caller")
        let message = try state.call(caller, arguments: { s in
            s.pushFunction { _ in
                let tracked = Tracked()
                defer { defers += 1 }
                withExtendedLifetime(tracked) {}
                throw Refusal()
            }
            return 1
        }, read: { s, i in try s.value(at: i) })
        #expect(message == .string("refused by Swift"))
        #expect(defers == 1)
        #expect(Tracked.deinits == 1)
    }

    @Test func swiftFunctionsReturnValues() throws {
        let state = try LuaState()
        let caller = try state.load("local f = ... return f(20, 22)", chunkName: "=caller")
        let sum = try state.call(caller, arguments: { s in
            s.pushFunction { s in
                let a = try s.decode(Int.self, at: 1), b = try s.decode(Int.self, at: 2)
                s.push(a + b)
                return 1
            }
            return 1
        }, read: { s, i in try s.value(at: i) })
        #expect(sum == .integer(42))
    }

    @Test func closingTwiceIsHarmless() throws {
        let state = try LuaState()
        state.close()
        state.close()
    }
}
