import Foundation
import Testing

/// Ctrl-C (SIGINT) and SIGTERM stop `eligible batch` after complete rows only, the first time,
/// even while standard input is an idle pipe.
@Suite struct BatchSignalTests {
    /// A running `eligible batch` with its standard input a pipe and its output in files.
    private final class Run {
        let process: Process
        let input = Pipe()
        let dir: URL
        var stdoutURL: URL { dir.appendingPathComponent("stdout") }
        var stderrURL: URL { dir.appendingPathComponent("stderr") }

        init?(_ arguments: [String]) throws {
            guard let process = try CLI.process(arguments) else { return nil }
            self.process = process
            dir = try CLI.scratchDirectory()
            _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
            process.standardError = try FileHandle(forWritingTo: stderrURL)
            process.standardInput = input
            try process.run()
        }

        deinit {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? FileManager.default.removeItem(at: dir)
        }

        var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
        var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

        /// Waits until the output holds `lines` complete rows (false after `seconds`).
        func waitForOutput(lines: Int, seconds: Double) -> Bool {
            let deadline = Date(timeIntervalSinceNow: seconds)
            while Date() < deadline {
                if stdout.filter({ $0 == "\n" }).count >= lines { return true }
                usleep(20_000)
            }
            return false
        }

        /// Waits for the process to end (false after `seconds`: it is then killed).
        func waitForExit(seconds: Double) -> Bool {
            let deadline = Date(timeIntervalSinceNow: seconds)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return false
            }
            return true
        }
    }

    /// With standard input open and idle, one signal stops the run at once (the first Ctrl-C
    /// was ignored), after the rows already read.
    @Test(arguments: [(SIGINT, Int32(130), "Ctrl-C"), (SIGTERM, Int32(143), "SIGTERM")])
    func idleStandardInputStopsOnTheFirstSignal(_ signal: Int32, _ status: Int32, _ name: String) throws {
        guard let run = try Run(["batch", "-", "--as-of", "2022-06-01"]) else { return }
        try run.input.fileHandleForWriting.write(contentsOf: Data("{\"id\":\"A\",\"employees\":3}\n".utf8))
        #expect(run.waitForOutput(lines: 1, seconds: 30), "the first row is written while stdin stays open")
        kill(run.process.processIdentifier, signal)
        #expect(run.waitForExit(seconds: 5), "one \(name) stops the run")
        try? run.input.fileHandleForWriting.close()
        #expect(run.process.terminationReason == .exit)
        #expect(run.process.terminationStatus == status)
        #expect(run.stdout.split(separator: "\n").count == 1)
        #expect(run.stderr == "eligible: stopped by \(name): the output holds the first 1 rows, each complete (1 decided, 0 rejected)\n")
    }

    /// SIGTERM part way through a large file: the output is the first rows of the input, each
    /// complete, and the message says how many.
    @Test func sigtermLeavesOnlyCompleteRows() throws {
        let register = Register.jsonLines(40_000)
        let dir = try CLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("register.jsonl")
        try register.bytes.write(to: file)
        guard let run = try Run(["batch", file.path, "--as-of", "2022-06-01", "--jobs", "2"]) else { return }
        #expect(run.waitForOutput(lines: 300, seconds: 60))
        kill(run.process.processIdentifier, SIGTERM)
        #expect(run.waitForExit(seconds: 10))
        #expect(run.process.terminationReason == .exit)
        #expect(run.process.terminationStatus == 143)
        let output = run.stdout
        #expect(output.hasSuffix("\n"), "no half-written row")
        let lines = output.split(separator: "\n")
        #expect(lines.count < register.rows.count, "stopped early")
        for (row, text) in zip(register.rows, lines) {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            #expect(object?["line"] as? Int == row.line)
        }
        #expect(run.stderr.hasPrefix("eligible: stopped by SIGTERM: the output holds the first \(lines.count) rows, each complete"))
    }
}
