import Foundation
import Testing

/// The README's advisor walkthrough is real: its interview, run again with the replies and
/// options the README shows, prints exactly the transcript there; the saved answers and the
/// what-if on them print what the README shows too.
@Suite struct ReadmeWalkthroughTests {
    /// One command shown in the README (`$ ...`, continued with `\` lines) and the output after it.
    struct Shown {
        var command: String
        var output: String
    }

    /// The first code block after `marker` in the README, split into its command and output.
    static func shown(after marker: String) throws -> Shown {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: marker), "the README has \(marker.debugDescription)")
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```\n"))
        let close = try #require(rest[open.upperBound...].range(of: "\n```\n"))
        var lines = rest[open.upperBound..<close.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var command = ""
        while let line = lines.first, command.isEmpty || command.hasSuffix("\\") {
            if command.hasSuffix("\\") { command.removeLast() }
            command += (command.isEmpty ? String(line.dropFirst(2)) : line.trimmingCharacters(in: .whitespaces))
            lines.removeFirst()
        }
        return Shown(command: command, output: lines.joined(separator: "\n") + "\n")
    }

    /// The words of `text` as a shell splits them (single quotes only, as the README writes them).
    static func words(_ text: String) -> [String] {
        var words = [String](), current = "", quoted = false, any = false
        for c in text {
            if c == "'" { quoted.toggle(); any = true } else if c == " " && !quoted {
                if any || !current.isEmpty { words.append(current) }
                current = ""; any = false
            } else { current.append(c) }
        }
        if any || !current.isEmpty { words.append(current) }
        return words
    }

    /// A directory with `rules` (a link to the shipped rules) and the example business.
    static func project() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("walkthrough-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("examples"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("rules"), withDestinationURL: CLI.root.appendingPathComponent("rules"))
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("examples/corner-cafe.yaml"),
                                         to: dir.appendingPathComponent("examples/corner-cafe.yaml"))
        return dir
    }

    @Test func theInterviewTranscriptIsWhatTheBinaryPrints() throws {
        let shown = try Self.shown(after: "A walkthrough.")
        // printf 'REPLIES' | eligible interview ARGUMENTS...
        let parts = shown.command.components(separatedBy: " | eligible ")
        #expect(parts.count == 2, "\(shown.command)")
        let printf = Self.words(try #require(parts.first))
        #expect(printf.count == 2 && printf[0] == "printf", "\(printf)")
        let replies = try #require(printf.last).replacingOccurrences(of: "\\n", with: "\n")
        let arguments = Self.words(try #require(parts.last))
        #expect(arguments.first == "interview")

        let dir = try Self.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(arguments, stdin: replies, in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == shown.output, "the README's transcript is out of date; the binary prints:\n\(r.stdout)")

        // The saved answers, as the README shows them, and the what-if on them.
        let saved = try String(contentsOf: dir.appendingPathComponent("cafe-answers.yaml"), encoding: .utf8)
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("```yaml\n" + saved + "```\n"), "the README shows the saved file:\n\(saved)")
        let whatIf = try Self.shown(after: "A what-if on top of it")
        let check = try CLI.run(Self.words(whatIf.command).dropFirst().map { $0 }, in: dir)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == whatIf.output, "the binary prints:\n\(check.stdout)")
    }
}
