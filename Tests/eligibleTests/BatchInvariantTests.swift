import Foundation
import Testing

/// The batch invariant, on the built binary: every input row yields exactly one output row, in
/// input order, on a 10,000-row file of each format with malformed rows interleaved, read from
/// the file and from standard input, with several workers.
@Suite struct BatchInvariantTests {
    static let rows = 10_000

    @Test func jsonLinesFromAFileAndFromStandardInput() throws {
        let register = Register.jsonLines(Self.rows)
        let dir = try CLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("register.jsonl")
        try register.bytes.write(to: file)

        let fromFile = try CLI.run(["batch", file.path, "--as-of", "2022-06-01", "--jobs", "3"], stdinBytes: nil)
        #expect(fromFile.status == 1, "rows were rejected")
        #expect(fromFile.stderr == "eligible: \(register.faults) of \(Self.rows) rows rejected (see their \"rejected\" output rows)\n")
        try register.expectMatches(fromFile.stdout)

        let fromStdin = try CLI.run(["batch", "-", "--as-of", "2022-06-01", "--jobs", "2", "--rejected-ok"], stdinBytes: register.bytes)
        #expect(fromStdin.status == 0, "--rejected-ok")
        try register.expectMatches(fromStdin.stdout)
    }

    @Test func csvFromAFileAndFromStandardInput() throws {
        let register = Register.csv(Self.rows)
        let dir = try CLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("register.csv")
        try register.bytes.write(to: file)

        let fromFile = try CLI.run(["batch", file.path, "--as-of", "2022-06-01", "--jobs", "3"], stdinBytes: nil)
        #expect(fromFile.status == 1, "rows were rejected")
        #expect(fromFile.stderr == "eligible: \(register.faults) of \(Self.rows) rows rejected (see their \"rejected\" output rows)\n")
        try register.expectMatches(fromFile.stdout)

        let fromStdin = try CLI.run(["batch", "-", "--input-format", "csv", "--as-of", "2022-06-01", "--jobs", "2"],
                                    stdinBytes: register.bytes)
        #expect(fromStdin.status == 1)
        try register.expectMatches(fromStdin.stdout)
    }

    /// CSV output keeps the invariant too: a header, then one record per input row.
    @Test func csvOutputHasOneRecordPerRow() throws {
        let register = Register.csv(700)
        let r = try CLI.run(["batch", "-", "--input-format", "csv", "--format", "csv", "--as-of", "2022-06-01", "--rejected-ok"],
                            stdinBytes: register.bytes)
        #expect(r.status == 0)
        let records = r.stdout.split(separator: "\n").dropFirst()
        #expect(records.map { Int($0.prefix { $0 != "," }) } == register.rows.map(\.line))
        #expect(records.filter { $0.contains(",rejected,") }.count == register.faults)
    }
}
