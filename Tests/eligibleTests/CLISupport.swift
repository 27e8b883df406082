import Foundation
import Testing

/// Runs the built `eligible` binary for end-to-end tests.
enum CLI {
    /// The package's root directory (this file is Tests/eligibleTests/CLISupport.swift).
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary: $ELIGIBLE_BIN, else next to the test bundle, else .build/debug/eligible.
    static let binary: URL? = {
        var candidates = [URL]()
        if let path = ProcessInfo.processInfo.environment["ELIGIBLE_BIN"] { candidates.append(URL(fileURLWithPath: path)) }
        for argument in CommandLine.arguments.prefix(1) + [Bundle.main.bundlePath] {
            var dir = URL(fileURLWithPath: argument)
            for _ in 0..<3 {
                dir = dir.deletingLastPathComponent()
                candidates.append(dir.appendingPathComponent("eligible"))
            }
        }
        candidates.append(root.appendingPathComponent(".build/debug/eligible"))
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: url.path)
        }
    }()

    /// What one run printed and how it exited.
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Runs `eligible arguments...` in the package root with NO_COLOR=1 and no ELIGIBLE_RULES.
    static func run(_ arguments: [String], environment extra: [String: String] = [:], stdin: String? = nil,
                    in directory: URL? = nil) throws -> Result {
        try run(arguments, environment: extra, stdinBytes: stdin.map { Data($0.utf8) }, in: directory)
    }

    /// Runs `eligible arguments...` with `stdinBytes` (any bytes, valid UTF-8 or not) on its
    /// standard input; `stdoutPath` sends standard output to that file (`/dev/full`) instead.
    static func run(_ arguments: [String], environment extra: [String: String] = [:], stdinBytes: Data?,
                    stdoutPath: String? = nil, in directory: URL? = nil) throws -> Result {
        guard let process = try process(arguments, environment: extra, in: directory) else {
            return Result(stdout: "", stderr: "", status: -1)
        }
        // Output goes to temporary files, so a large output can never block the child.
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("eligible-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let outURL = tmp.appendingPathComponent("stdout"), errURL = tmp.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let input = Pipe()
        if let stdoutPath {
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        } else {
            process.standardOutput = out
        }
        process.standardError = err
        process.standardInput = input
        try process.run()
        // A child that exits before reading all its input closes the pipe: that is its
        // result to check, not a reason for SIGPIPE to end the test process.
        signal(SIGPIPE, SIG_IGN)
        if let stdinBytes { try? input.fileHandleForWriting.write(contentsOf: stdinBytes) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(stdout: try String(contentsOf: outURL, encoding: .utf8), stderr: try String(contentsOf: errURL, encoding: .utf8),
                      status: process.terminationStatus)
    }

    /// A `Process` for `eligible arguments...` in the package root (or `directory`) with
    /// NO_COLOR=1 and no ELIGIBLE_RULES, not yet started; nil (and a recorded issue) when the
    /// binary was not built.
    static func process(_ arguments: [String], environment extra: [String: String] = [:], in directory: URL? = nil) throws -> Process? {
        guard let binary else {
            Issue.record("the eligible binary was not found; build it first (swift build --build-tests)")
            return nil
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "ELIGIBLE_RULES")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        return process
    }

    /// A fresh temporary directory for a test's input and output files.
    static func scratchDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eligible-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A copy of rules/ as `rules` in a fresh temporary directory (run there, messages name
    /// `rules/FILE.lua:LINE` as they would in a project; Lua shortens long chunk names).
    static func copyOfRules() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eligible-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: root.appendingPathComponent("rules"), to: dir.appendingPathComponent("rules"))
        return dir
    }
}

/// Compares text with a stored snapshot in Tests/eligibleTests/Snapshots; UPDATE_SNAPSHOTS=1 rewrites it.
/// Rule digests are masked, so editing a rule file's comments does not break snapshots of its output.
func expectSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let masked = text.replacingOccurrences(of: #"sha256:[0-9a-f]{64}"#, with: "sha256:<digest>", options: .regularExpression)
    let file = CLI.root.appendingPathComponent("Tests/eligibleTests/Snapshots/\(name)")
    if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" || !FileManager.default.fileExists(atPath: file.path) {
        try Data(masked.utf8).write(to: file)
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] != "1" {
            Issue.record("snapshot \(name) did not exist; wrote it: check it and run again", sourceLocation: sourceLocation)
        }
        return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    if expected != masked {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = masked.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let expectedLine = first < a.count ? String(a[first]) : "<end>"
        let actualLine = first < b.count ? String(b[first]) : "<end>"
        Issue.record("""
            snapshot \(name) differs at line \(first + 1) (UPDATE_SNAPSHOTS=1 rewrites it):
              expected: \(expectedLine)
              actual:   \(actualLine)
            """, sourceLocation: sourceLocation)
    }
}
