import CLua
import CLuaRuntime
import Foundation

/// The frozen environment untrusted scripts run in, built once per state.
///
/// Scripts see only safe base functions, `string` (no `dump`; pattern functions and `rep`
/// bounded), `table` (bounded), `math` (no `random`), `utf8` and a `require` that loads only
/// files from the library folder. Globals, library tables and modules are read-only through
/// every door (writes, iteration, keys, metatables); `setmetatable` cannot install `__gc`; the
/// shared string metatable is hidden. Trusted code gets the `api` table: the environment, its
/// globals (to add helpers, then seal), `freeze` and `guarded`, which runs a function with the
/// budgets and memory allowance armed.
public final class Sandbox {
    /// The state the sandbox lives in.
    public let state: LuaState
    /// The environment scripts run in.
    public let environment: LuaReference
    /// The sandbox's trusted API table (never given to scripts).
    public let api: LuaReference
    private let guardedFunction: LuaReference
    /// Helpers for a trusted runtime built on the sandbox: `{ missing, not_applicable,
    /// next_programme, restore_cells }`: two unique sentinel values a runtime may raise (scripts
    /// cannot make or change them), the function that starts a new programme for the programme
    /// budget, and the C check that functions' shared variables kept their values.
    public let runtimeHelpers: LuaReference

    /// Builds the sandbox in `state`. `libraryFolder` is where `require` finds modules
    /// (`require "region"` reads `libraryFolder/region.lua`); `libraryName` is how messages and
    /// chunk names show that folder, e.g. `rules/lib`.
    public init(state: LuaState, libraryFolder: URL?, libraryName: String = "rules/lib") throws {
        self.state = state
        let builder = try state.load(String(decoding: PackageResources.sandbox_lua, as: UTF8.self), chunkName: "=sandbox")
        let api = try state.call(builder, results: 1, arguments: { state in
            clua_pushguarded(state.L)
            clua_pushwork(state.L)
            state.pushFunction { state in
                try Sandbox.readModule(state: state, folder: libraryFolder, libraryName: libraryName)
            }
            state.push(libraryName)
            clua_pushmissing(state.L)
            clua_pushnotapplicable(state.L)
            return 6
        }, read: { state, index in
            lua_pushvalue(state.L, index)
            return state.popReference()
        })
        self.api = api
        environment = try state.field("env", of: api)
        guardedFunction = try state.field("guarded", of: api)
        state.release(builder)
        lua_createtable(state.L, 0, 4)
        clua_pushmissing(state.L); lua_setfield(state.L, -2, "missing")
        clua_pushnotapplicable(state.L); lua_setfield(state.L, -2, "not_applicable")
        clua_pushnextprogramme(state.L); lua_setfield(state.L, -2, "next_programme")
        clua_pushrestorecells(state.L); lua_setfield(state.L, -2, "restore_cells")
        runtimeHelpers = state.popReference()
    }

    /// Compiles an untrusted text chunk to run in the sandbox.
    public func load(_ source: String, chunkName: String) throws -> LuaReference {
        try state.load(source, chunkName: chunkName, environment: environment)
    }

    /// Runs an untrusted function as one guarded call (budgets and memory allowance armed) and
    /// returns up to `results` of its results; a failure is a `LuaError` whose message starts
    /// with the rule-file location where it was raised.
    public func call(_ function: LuaReference, _ arguments: [LuaValue] = [], results: Int32 = 1) throws -> [LuaValue] {
        try state.call(guardedFunction, results: 5 + results, arguments: { state in
            state.push(function)
            for argument in arguments { try state.push(argument) }
            return 1 + Int32(arguments.count)
        }, read: { state, first in
            guard lua_toboolean(state.L, first) == 0 else {
                return try (1...Int32(max(results, 1))).prefix(Int(results)).map { try state.value(at: first + $0) }
            }
            let kind = state.rawString(at: first + 2) ?? "error"
            switch kind {
            case "budget": throw LuaError.budget(instructions: state.limits.instructionBudget)
            case "memory": throw LuaError.memory(capBytes: state.limits.memoryCapBytes)
            default:
                guard var message = state.rawString(at: first + 1) else {
                    throw LuaError.errorValue(typeName: String(cString: lua_typename(state.L, lua_type(state.L, first + 1))))
                }
                if let file = state.rawString(at: first + 3), lua_isinteger(state.L, first + 4) != 0 {
                    let prefix = "\(file):\(lua_tointegerx(state.L, first + 4, nil)): "
                    if !message.hasPrefix(prefix) { message = prefix + message }
                }
                throw LuaError.runtime(message: message, traceback: "")
            }
        })
    }

    /// The `require` reader: for a module name already checked to be one plain word, returns
    /// its source and chunk name, or nil and a message naming what to do.
    private static func readModule(state: LuaState, folder: URL?, libraryName: String) throws -> Int32 {
        guard let name = state.rawString(at: 1) else { return 0 }
        guard let folder else {
            state.pushNil()
            state.push("require \"\(name)\": there is no \(libraryName)/ folder")
            return 2
        }
        let file = folder.appendingPathComponent(name + ".lua")
        guard let data = FileManager.default.contents(atPath: file.path) else {
            let available = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".lua") }.map { String($0.dropLast(4)) }.sorted()
            state.pushNil()
            state.push("require \"\(name)\": no file \(libraryName)/\(name).lua (available: \(available.joined(separator: ", ")))")
            return 2
        }
        guard data.count <= 1 << 20, let source = String(data: data, encoding: .utf8) else {
            state.pushNil()
            state.push("\(libraryName)/\(name).lua: the file is not UTF-8 text, or larger than 1 MiB")
            return 2
        }
        state.push(source)
        state.push("@\(libraryName)/\(name).lua")
        return 2
    }
}
