import Foundation
import Testing

/// The README's "Adding a fact" is real: its fact and programme, added to a copy of the rules,
/// give exactly the output the README shows for each of its shell commands.
@Suite struct ReadmeAddingAFactTests {
    /// The text of the first code block opened by `fence` after `marker` in the README.
    static func block(after marker: String, fence: String = "```\n") throws -> String {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "### Adding a fact"), "the README has \"Adding a fact\"")
        let place = try #require(readme.range(of: marker, range: section.upperBound..<readme.endIndex), "\(marker.debugDescription) in the README")
        let open = try #require(readme.range(of: fence, range: place.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "\n```\n", range: open.upperBound..<readme.endIndex))
        return String(readme[open.upperBound..<close.lowerBound]) + "\n"
    }

    /// `$ command` lines of a block, each with the output shown under it.
    static func steps(_ block: String) -> [(command: String, output: String)] {
        var steps = [(command: String, output: String)]()
        for line in block.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("$ ") {
                steps.append((String(line.dropFirst(2)), ""))
            } else if !steps.isEmpty {
                steps[steps.count - 1].output += line + "\n"
            }
        }
        return steps
    }

    /// Runs `command` with `sh` in `directory`, `eligible` on the PATH; stdout and stderr together.
    static func shell(_ command: String, in directory: URL) throws -> String {
        let binary = try #require(CLI.binary, "the eligible binary")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "{ \(command); } 2>&1"]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "ELIGIBLE_RULES")
        process.environment = environment
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sh-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return try String(contentsOf: output, encoding: .utf8)
    }

    @Test func theExampleGivesTheOutputShown() throws {
        let fact = try Self.block(after: "Add the fact under", fence: "```yaml\n")
        let programme = try Self.block(after: "and use it as `b.seats`", fence: "```lua\n")
        let project = try CLI.copyOfRules()
        defer { try? FileManager.default.removeItem(at: project) }
        try FileManager.default.createDirectory(at: project.appendingPathComponent("examples"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("examples/corner-cafe.yaml"),
                                         to: project.appendingPathComponent("examples/corner-cafe.yaml"))

        // The fact goes after inPersonServices (the next fact at the same depth starts with four spaces).
        let factsFile = project.appendingPathComponent("rules/facts.yaml")
        let text = try String(contentsOf: factsFile, encoding: .utf8)
        let after = try #require(text.range(of: "\n    inPersonServices:\n"))
        let next = try #require(text.range(of: #"\n    [a-zA-Z]"#, options: .regularExpression, range: after.upperBound..<text.endIndex))
        var edited = text
        edited.insert(contentsOf: fact, at: text.index(after: next.lowerBound))
        try edited.write(to: factsFile, atomically: true, encoding: .utf8)
        try programme.write(to: project.appendingPathComponent("rules/pavement-cafe-grant.lua"), atomically: true, encoding: .utf8)

        let steps = try Self.steps(Self.block(after: "Then regenerate the editor annotations"))
            + Self.steps(Self.block(after: "The question, its wording and the range"))
        #expect(steps.count == 10)
        #expect(steps.contains { $0.output.contains("Pavement Cafe Grant [pavement-cafe-grant]: £2,000.00") })
        for step in steps {
            let output = try Self.shell(step.command, in: project)
            #expect(output == step.output, "`\(step.command)` prints:\n\(output)")
        }
    }
}
