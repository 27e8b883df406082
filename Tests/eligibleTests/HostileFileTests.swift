import Foundation
import Testing

/// Hostile business files and registers, written to real files and given to the built binary:
/// refused with their line and field (65), never a hang, a crash or raw terminal escapes.
@Suite struct HostileFileTests {
    /// Writes `text` to `name` in a scratch directory and runs `eligible arguments... <file>`.
    private func run(_ arguments: [String], file name: String, _ bytes: [UInt8], after extra: [String] = ["--as-of", "2022-06-01"],
                     shell limit: Int? = nil) throws -> CLI.Result {
        let dir = try CLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        guard let limit, let binary = CLI.binary else { return try CLI.run(arguments + [file.path] + extra, stdinBytes: nil) }
        // Under a cap on the process's memory (ulimit -v, in KiB).
        let command = ([binary.path] + arguments + [file.path] + extra).map { "'\($0)'" }.joined(separator: " ")
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "ulimit -v \(limit) && exec \(command) >/dev/null 2>\(dir.path)/stderr"]
        shell.currentDirectoryURL = CLI.root
        shell.environment = ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
        try shell.run()
        shell.waitUntilExit()
        let stderr = (try? String(contentsOf: dir.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
        return CLI.Result(stdout: "", stderr: stderr, status: shell.terminationStatus)
    }

    /// A "billion laughs" YAML file is refused quickly even after a double quote in an unquoted
    /// value (which turned the old text scan off, so `check` hung).
    @Test func yamlAliasesAfterAQuoteAreRefused() throws {
        var yaml = "name: Big 5\" Screens Ltd\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
        for (name, previous) in zip(["b", "c", "d", "e", "f", "g", "h"], ["a", "b", "c", "d", "e", "f", "g"]) {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        let started = Date()
        let r = try run(["check"], file: "laughs.yaml", Array(yaml.utf8))
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(r.status == 65)
        #expect(r.stderr.contains("laughs.yaml:2: YAML anchors and aliases (&name, *name) are not supported in business files"))
    }

    /// A key given twice is refused with its line in every format and command (check kept the
    /// last value and batch the first).
    @Test func duplicateKeysAreRefusedEverywhere() throws {
        let yaml = try run(["check"], file: "dup.yaml", Array("name: A\nemployees: 3\nemployees: 5\n".utf8))
        #expect(yaml.status == 65)
        #expect(yaml.stderr.contains("dup.yaml:3: 'employees' is given more than once; keep one"))
        let json = try run(["check"], file: "dup.json", Array("{\"employees\": 3,\n \"employees\": 5}".utf8))
        #expect(json.status == 65)
        #expect(json.stderr.contains("dup.json:2: 'employees' is given more than once; keep one"))
        let jsonl = try run(["batch"], file: "dup.jsonl", Array("{\"employees\": 3}\n{\"employees\": 3, \"employees\": 5}\n".utf8))
        #expect(jsonl.status == 1)
        #expect(jsonl.stdout.contains("\"error\":\"dup.jsonl:2: 'employees' is given more than once; keep one\""))
        let csv = try run(["batch"], file: "dup.csv", Array("employees,employees\n3,5\n".utf8))
        #expect(csv.status == 65)
        #expect(csv.stderr.contains("dup.csv:1: employees: column 2 repeats a column of the header; keep one"))
    }

    /// Numbers that do not fit name their line and field (1e400 had neither; 1e-400 became 0).
    @Test(arguments: ["1e400", "1e-400"])
    func numbersThatDoNotFit(_ number: String) throws {
        let r = try run(["check"], file: "n.json", Array("{\"name\": \"A\",\n \"employees\": \(number)}".utf8))
        #expect(r.status == 65)
        #expect(r.stderr.contains("n.json:2: employees: expected a whole number, got \"\(number)\""))
    }

    /// Control characters a file holds are escaped in messages and reports (field names with ANSI
    /// escapes reached the terminal raw).
    @Test func controlCharactersAreEscaped() throws {
        let key = try run(["check"], file: "ansi.json", Array(#"{"\u001b[31memployees": 3}"#.utf8))
        #expect(key.status == 65)
        #expect(!key.stderr.contains("\u{1B}"))
        #expect(key.stderr.contains("\\u{1b}[31memployees"))
        let name = try run(["check"], file: "name.json", Array(#"{"name": "Shop\u001b]0;pwned\u0007", "employees": 3}"#.utf8))
        #expect(name.status == 0)
        #expect(!name.stdout.contains("\u{1B}") && !name.stdout.contains("\u{07}"))
    }

    /// A file larger than a business may be is bad input (65) with a clear message, read no
    /// further than the limit.
    @Test func oversizedBusinessIsBadInput() throws {
        let r = try run(["check"], file: "huge.json", Array(repeating: 0x20, count: 17 << 20))
        #expect(r.status == 65)
        #expect(r.stderr.contains("huge.json: more than 16384 KiB, the most a business file may hold"))
    }

    /// A business too large to decide (a 14 MiB list) is bad input, in bounded memory (it took
    /// 1.6 GB and a valid one exited 70 after the Lua memory cap).
    @Test(.disabled(if: underSanitizer, "ulimit -v cannot hold a sanitizer's shadow memory"))
    func businessTooLargeToDecideIsBadInput() throws {
        let list = "{\"employees\": 3, \"sicCodes\": [" + Array(repeating: "\"12345\"", count: 1_600_000).joined(separator: ",") + "]}"
        let r = try run(["check"], file: "list.json", Array(list.utf8), shell: 700_000)
        #expect(r.status == 65)
        #expect(r.stderr.contains("list.json:1: the business is too large to decide"))
    }

    /// Memory does not grow with the register: 40,000 rows decide under the same cap as one.
    @Test(.disabled(if: underSanitizer, "ulimit -v cannot hold a sanitizer's shadow memory"))
    func batchMemoryIsFlatInInputSize() throws {
        let register = Register.jsonLines(40_000)
        let r = try run(["batch"], file: "register.jsonl", Array(register.bytes), after: ["--as-of", "2022-06-01", "--jobs", "2"],
                        shell: 700_000)
        #expect(r.status == 1, "rejected rows, no crash: \(r.stderr.prefix(300))")
        #expect(r.stderr == "eligible: \(register.faults) of \(register.rows.count) rows rejected (see their \"rejected\" output rows)\n")
    }
}

/// Whether the tests run under `make sanitize` (AddressSanitizer or ThreadSanitizer reserve far
/// more address space than a `ulimit -v` cap allows).
private let underSanitizer = ["ASAN_OPTIONS", "TSAN_OPTIONS"].contains { ProcessInfo.processInfo.environment[$0] != nil }
