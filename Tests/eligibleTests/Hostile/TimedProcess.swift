import Foundation

/// Runs a program with a wall-clock bound: a run that is still going when the bound passes is
/// killed (SIGKILL) and reported as timed out, so a hung engine fails a test instead of hanging it.
enum TimedProcess {
    /// How one run ended.
    struct Result: Sendable {
        var stdout: String
        var stderr: String
        /// The exit status (the signal number when killed).
        var status: Int32
        /// Whether the bound passed and the run was killed.
        var timedOut: Bool
        /// How long it ran.
        var seconds: Double
    }

    /// Runs `binary arguments...` in `directory` with `NO_COLOR=1`, killing it after `seconds`.
    static func run(_ binary: URL, _ arguments: [String], in directory: URL, seconds: Double) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "ELIGIBLE_RULES")
        process.environment = environment
        // Output goes to files, so a large output can never block the child.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("eligible-timed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        let start = Date()
        try process.run()
        var timedOut = false
        if ended.wait(timeout: .now() + seconds) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            ended.wait()
        }
        let elapsed = Date().timeIntervalSince(start)
        let stdout = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return Result(stdout: stdout, stderr: stderr, status: process.terminationStatus, timedOut: timedOut, seconds: elapsed)
    }
}
