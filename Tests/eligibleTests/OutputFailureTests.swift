import Foundation
import Testing

/// Output that cannot be written is reported, never a crash: exit 74 (EX_IOERR) with where the
/// output was going. `/dev/full` stands for a full disk.
@Suite struct OutputFailureTests {
    static let commands: [[String]] = [
        ["check", "examples/mersey-vans.yaml", "--as-of", "2021-06-01"],
        ["check", "examples/mersey-vans.yaml", "--as-of", "2021-06-01", "--format", "json"],
        ["explain", "examples/mersey-vans.yaml", "--as-of", "2021-06-01", "--programme", "plug-in-van-grant"],
        ["programmes"],
        ["schema"],
        ["test", "fixtures/plug-in-van-grant.yaml"],
        ["batch", "-", "--as-of", "2022-06-01"],
    ]

    /// Every command writing to a full disk exits 74 naming it (they crashed with SIGILL, and
    /// batch exited 65 as if its input were bad).
    @Test(arguments: commands)
    func fullDiskIsAnOutputError(_ arguments: [String]) throws {
        let r = try CLI.run(arguments, stdinBytes: Data(#"{"employees":3}"#.utf8), stdoutPath: "/dev/full")
        #expect(r.status == 74, "\(arguments[0])")
        #expect(r.stderr.contains("eligible: cannot write to /dev/full (standard output): No space left on device\n"), "\(r.stderr)")
    }

    /// `lint` with findings to print (the shipped rules have none) exits 74 on a full disk.
    @Test func lintFindingsToAFullDisk() throws {
        let project = try CLI.copyOfRules()
        defer { try? FileManager.default.removeItem(at: project) }
        try "return programme { id = \"broken\" }\n".write(to: project.appendingPathComponent("rules/broken.lua"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["lint", "rules"], stdinBytes: nil, stdoutPath: "/dev/full", in: project)
        #expect(r.status == 74)
        #expect(r.stderr.contains("eligible: cannot write to /dev/full (standard output): No space left on device\n"))
    }

    /// `batch --out` names the file it could not create or write.
    @Test func batchOutNamesTheFile() throws {
        let missingFolder = try CLI.run(["batch", "-", "--as-of", "2022-06-01", "--out", "/nonexistent/out.jsonl"],
                                        stdin: #"{"employees":3}"#)
        #expect(missingFolder.status == 74)
        #expect(missingFolder.stderr == "eligible: cannot create /nonexistent/out.jsonl: No such file or directory\n")
        let full = try CLI.run(["batch", "-", "--as-of", "2022-06-01", "--out", "/dev/full"], stdin: #"{"employees":3}"#)
        #expect(full.status == 74, "\(full.stderr)")
        #expect(full.stderr == "eligible: cannot write to /dev/full: No space left on device\n")
    }

    /// `--junit` creates the report's folders (the README's `build/fixtures.xml` on a fresh clone).
    @Test func junitCreatesParentFolders() throws {
        let dir = try CLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("build/ci/fixtures.xml")
        let r = try CLI.run(["test", "fixtures/plug-in-van-grant.yaml", "--quiet", "--junit", report.path])
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix(" passed, 0 failed\n"))
        let xml = try String(contentsOf: report, encoding: .utf8)
        #expect(xml.contains("<testsuites"))
    }

    /// The summary line is printed even when the report cannot be written; then the exit is 74.
    @Test func summaryIsPrintedWhateverHappensToTheReport() throws {
        let r = try CLI.run(["test", "fixtures/plug-in-van-grant.yaml", "--quiet", "--junit", "/dev/full/fixtures.xml"])
        #expect(r.status == 74)
        #expect(r.stdout.hasSuffix(" passed, 0 failed\n"))
        #expect(r.stderr.hasPrefix("eligible: --junit /dev/full/fixtures.xml: cannot write the report"))
    }
}

/// Exit codes agree across commands: a missing input is 66 (EX_NOINPUT) everywhere, naming it.
@Suite struct MissingInputTests {
    @Test(arguments: [
        (["check", "no/such/business.json"], "eligible: no/such/business.json: no such file\n"),
        (["explain", "no/such/business.json", "--programme", "plug-in-van-grant"], "eligible: no/such/business.json: no such file\n"),
        (["batch", "no/such/register.jsonl"], "eligible: no/such/register.jsonl: no such file\n"),
        (["test", "no/such/fixtures"], "eligible: no/such/fixtures: no such file or folder\n"),
        (["lint", "/nonexistent"], "eligible: /nonexistent: no such rules directory (use --rules DIR or set ELIGIBLE_RULES)\n"),
        (["programmes", "--rules", "/nonexistent"], "eligible: /nonexistent: no such rules directory (use --rules DIR or set ELIGIBLE_RULES)\n"),
    ])
    func missingInputIs66(_ arguments: [String], _ message: String) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 66)
        #expect(r.stdout == "")
        #expect(r.stderr == message)
    }

    /// A folder given where a file is wanted is 66 too.
    @Test func folderForAFile() throws {
        let r = try CLI.run(["check", "examples"])
        #expect(r.status == 66)
        #expect(r.stderr == "eligible: examples: is a folder, not a file\n")
    }
}
