/// The limits every call into Lua runs under.
public struct LuaLimits: Sendable, Equatable {
    /// Instructions one protected call (or one `budgeted_pcall`) may run before it is stopped.
    public var instructionBudget: Int
    /// Bytes the state may hold while Lua code runs; host-side pushes are not capped.
    public var memoryCapBytes: Int

    /// Creates limits; the defaults suit rule scripts: ten million instructions, 64 MiB.
    public init(instructionBudget: Int = 10_000_000, memoryCapBytes: Int = 64 * 1024 * 1024) {
        self.instructionBudget = instructionBudget
        self.memoryCapBytes = memoryCapBytes
    }
}
