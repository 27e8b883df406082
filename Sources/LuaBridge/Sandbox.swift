import CLua
import Foundation

/// The frozen environment untrusted scripts run in, built once per state.
///
/// Scripts see only safe base functions, `string` (no `dump`; pattern functions bounded),
/// `table`, `math` (no `random`), `utf8` and a `require` that loads only files from the library
/// folder. Globals and library tables are read-only; `setmetatable` cannot install `__gc`; the
/// shared string metatable is hidden. Trusted host code gets the `api` table: the environment,
/// its globals (to add helpers), `freeze` and `budgeted_pcall`.
public final class Sandbox {
    /// The state the sandbox lives in.
    public let state: LuaState
    /// The environment scripts run in.
    public let environment: LuaReference
    /// The sandbox's trusted API table (never given to scripts).
    public let api: LuaReference

    /// Builds the sandbox in `state`. `libraryFolder` is where `require` finds modules
    /// (`require "region"` reads `libraryFolder/region.lua`); `libraryName` is how messages and
    /// chunk names show that folder, e.g. `rules/lib`.
    public init(state: LuaState, libraryFolder: URL?, libraryName: String = "rules/lib") throws {
        self.state = state
        let builder = try state.load(String(decoding: PackageResources.sandbox_lua, as: UTF8.self), chunkName: "=sandbox")
        let api = try state.call(builder, results: 1, budgeted: false, arguments: { state in
            clua_pushbudgetedpcall(state.L)
            state.pushFunction { state in
                try Sandbox.readModule(state: state, folder: libraryFolder, libraryName: libraryName)
            }
            state.push(libraryName)
            return 3
        }, read: { state, index in
            lua_pushvalue(state.L, index)
            return state.popReference()
        })
        self.api = api
        state.push(api)
        lua_getfield(state.L, -1, "env")
        environment = state.popReference()
        state.setTop(state.top - 1)
        state.release(builder)
    }

    /// Compiles an untrusted text chunk to run in the sandbox.
    public func load(_ source: String, chunkName: String) throws -> LuaReference {
        try state.load(source, chunkName: chunkName, environment: environment)
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
        guard let source = String(data: data, encoding: .utf8) else {
            state.pushNil()
            state.push("\(libraryName)/\(name).lua: the file is not UTF-8 text")
            return 2
        }
        state.push(source)
        state.push("@\(libraryName)/\(name).lua")
        return 2
    }
}
