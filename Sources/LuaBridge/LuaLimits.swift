/// The limits every script runs under. Budgets count only inside guarded calls (see `Sandbox`):
/// trusted code is never stopped by them.
public struct LuaLimits: Sendable, Equatable {
    /// Instructions one guarded call (a criterion's test, an award, loading a file) may run.
    public var instructionBudget: Int
    /// Instructions all of one programme's calls may run together for one business.
    public var programmeBudget: Int
    /// Wall-clock seconds one programme may run for one business (a backstop for C functions
    /// that work without running instructions).
    public var programmeSeconds: Double
    /// Bytes one guarded call may allocate beyond what the state held when it began.
    public var memoryCapBytes: Int

    /// Creates limits; the defaults suit rule scripts: ten million instructions a call, fifty
    /// million a programme, two seconds a programme, 64 MiB a call.
    public init(instructionBudget: Int = 10_000_000, programmeBudget: Int = 50_000_000,
                programmeSeconds: Double = 2, memoryCapBytes: Int = 64 * 1024 * 1024) {
        self.instructionBudget = instructionBudget
        self.programmeBudget = max(programmeBudget, instructionBudget)
        self.programmeSeconds = programmeSeconds
        self.memoryCapBytes = memoryCapBytes
    }
}
