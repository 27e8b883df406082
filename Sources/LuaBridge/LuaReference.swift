/// A value held in a state's registry (a compiled chunk, a function, a table), so it can be
/// reused across calls without compiling or building it again. Valid only in the state that
/// made it.
public struct LuaReference: Hashable, Sendable {
    /// The registry slot (`luaL_ref`).
    public let slot: Int32
}
