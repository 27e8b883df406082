import Foundation
import Testing

/// The built `eligible` running in a pseudo-terminal, typed at and read from as a person would:
/// a private tmux server (its own socket, no configuration) holds one window with the program in
/// it. `type` sends keys; `screen` is what the window shows, with its scrollback.
final class TerminalSession {
    private let socket = "eligible-test-\(UUID().uuidString)"
    private let directory: URL

    /// Starts `eligible arguments...` in `directory`, in a window `width` columns wide, with
    /// NO_COLOR=1. When the program ends the window shows `[exit N]` and stays open.
    init(_ arguments: [String], in directory: URL, width: Int = 250) throws {
        self.directory = directory
        guard let binary = CLI.binary else {
            throw TerminalError("the eligible binary was not found; build it first (swift build --build-tests)")
        }
        let quoted = ([binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let script = directory.appendingPathComponent("run-\(socket).sh")
        try """
            cd '\(directory.path)' || exit 1
            unset ELIGIBLE_RULES
            NO_COLOR=1 \(quoted.joined(separator: " "))
            echo "[exit $?]"
            sleep 600
            """.write(to: script, atomically: true, encoding: .utf8)
        // The server this starts would hold a pipe for its output open for ever: nothing is read.
        try tmux(["new-session", "-d", "-s", "main", "-x", String(width), "-y", "50", "sh " + script.path], output: false)
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: directory.appendingPathComponent("run-\(socket).sh"))
    }

    /// Types `line` and presses Enter.
    func type(_ line: String) throws {
        if !line.isEmpty { try tmux(["send-keys", "-t", "main", "-l", line]) }
        try tmux(["send-keys", "-t", "main", "Enter"])
    }

    /// Everything the window has shown, wrapped lines joined, trailing blanks removed.
    func screen() throws -> String {
        let text = try tmux(["capture-pane", "-p", "-J", "-S", "-", "-t", "main"])
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }
            .joined(separator: "\n").trimmingCharacters(in: .newlines) + "\n"
    }

    /// Waits until `text` appears on the screen at least `count` times; returns the screen.
    @discardableResult
    func waitFor(_ text: String, count: Int = 1, seconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var shown = ""
        while Date() < deadline {
            shown = try screen()
            if shown.components(separatedBy: text).count - 1 >= count { return shown }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("the screen never showed \(text.debugDescription) \(count) time(s); it shows:\n\(shown)", sourceLocation: sourceLocation)
        throw TerminalError("timed out")
    }

    @discardableResult
    private func tmux(_ arguments: [String], output reading: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "TMUX")
        process.environment = environment
        let output = Pipe()
        process.standardOutput = reading ? output : FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = reading ? output.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TerminalError("tmux \(arguments.first ?? "") failed (is tmux installed?)") }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A pseudo-terminal session that could not be driven.
struct TerminalError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
