import Foundation
import Testing

/// `eligible batch` on CSV registers written to real files (and piped in), as a spreadsheet
/// user makes them: each malformed record is one rejection naming its line and column, and
/// reading goes on.
@Suite struct BatchCSVTests {
    /// Runs `eligible batch` on `bytes` written to `name` in a scratch directory.
    private func batch(_ bytes: [UInt8], name: String = "register.csv", _ extra: [String] = []) throws -> CLI.Result {
        let dir = try CLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return try CLI.run(["batch", file.path, "--as-of", "2022-06-01"] + extra, stdinBytes: nil)
    }

    private func rows(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    private func rejection(_ row: [String: Any]) -> String? {
        (row["rejected"] as? [String: Any])?["error"] as? String
    }

    /// The end of the file is not an error (it was reported as "CSV syntax error (cannotReadFile)").
    @Test func endOfFileIsNotAnError() throws {
        let r = try batch(Array("employees\n3\n".utf8))
        #expect(r.status == 0)
        #expect(r.stderr == "")
        let out = try rows(r.stdout)
        #expect(out.count == 1)
        #expect(out.first?["line"] as? Int == 2)
        #expect(out.first?["decisions"] != nil)
        // Without a line end after the last record, and from standard input, too.
        let unterminated = try batch(Array("employees\n3".utf8))
        #expect(unterminated.status == 0)
        #expect(try rows(unterminated.stdout).count == 1)
        let piped = try CLI.run(["batch", "-", "--input-format", "csv", "--as-of", "2022-06-01"], stdin: "employees\n3\n")
        #expect(piped.status == 0)
        #expect(try rows(piped.stdout).count == 1)
    }

    /// An unclosed quote costs its own record only: the records after it each get their row.
    @Test func unclosedQuoteIsOneRejection() throws {
        let r = try batch(Array("id,name\nA,\"Big Screens\nB,Shop\nC,Shop\n".utf8))
        #expect(r.status == 1)
        let out = try rows(r.stdout)
        try #require(out.map { $0["line"] as? Int } == [2, 3, 4])
        #expect(rejection(out[0]) == "register.csv:2: invalid CSV: the quoted cell that starts at column 3 is not closed (the file ends inside it); end it with a quote on this line, and write a quote inside a cell twice (\"\")")
        #expect(out[1]["id"] as? String == "B")
        #expect(out[2]["id"] as? String == "C")
    }

    /// A byte that is not UTF-8 rejects its record (it used to split the record in two and decide
    /// a business with id "bytes").
    @Test func invalidUTF8IsOneRejection() throws {
        let r = try batch(Array("id,name\nA,Caf".utf8) + [0xFF] + Array("\nB,Shop\n".utf8))
        #expect(r.status == 1)
        let out = try rows(r.stdout)
        try #require(out.count == 2)
        #expect(rejection(out[0]) == "register.csv:2: invalid CSV: byte 0xFF is not UTF-8 text (column 6); save the file as UTF-8 (in Excel: CSV UTF-8)")
        #expect(out[1]["id"] as? String == "B")
    }

    /// Extra and missing cells are rejected (they were accepted silently).
    @Test func wrongNumberOfCellsIsRejected() throws {
        let r = try batch(Array("id,employees\nA,3,4\nB\nC,5\n".utf8))
        #expect(r.status == 1)
        let out = try rows(r.stdout)
        try #require(out.count == 3)
        #expect(rejection(out[0]) == "register.csv:2: invalid CSV: the record has 3 cells but the header has 2; cell 3 starts at column 5 (put a value holding a comma in quotes)")
        #expect(rejection(out[1]) == "register.csv:3: invalid CSV: the record has 1 cell but the header has 2; it ends at column 2 without employees (leave a cell empty for an unknown fact, as in 3,,yes)")
        #expect(out[2]["id"] as? String == "C")
        #expect(r.stderr == "eligible: 2 of 3 rows rejected (see their \"rejected\" output rows)\n")
    }

    /// A stray quote in an unquoted cell is a rejection with its column, and the next line is read.
    @Test func strayQuoteIsOneRejection() throws {
        let r = try batch(Array("id,name\nA,Big 5\" Screens\nB,Shop\n".utf8))
        let out = try rows(r.stdout)
        try #require(out.count == 2)
        #expect(rejection(out[0])?.hasPrefix("register.csv:2: invalid CSV: a quote inside a cell that does not start with one (column 8)") == true)
        #expect(out[1]["id"] as? String == "B")
    }

    /// Line numbers stay exact after a quoted cell holding a CRLF (they were one too low).
    @Test func lineNumbersAfterCRLFInsideQuotes() throws {
        let r = try batch(Array("id,name,employees\r\nA,\"Two\r\nlines\",3\r\nB,Shop,many\r\n".utf8))
        let out = try rows(r.stdout)
        try #require(out.map { $0["line"] as? Int } == [2, 4])
        #expect(rejection(out[1])?.hasPrefix("register.csv:4: employees:") == true)
    }

    /// A spreadsheet header that names no fact says which facts it could mean; the run stops (65).
    @Test func spreadsheetHeaderSaysWhatItCouldMean() throws {
        let r = try batch(Array("id,Local Authority,No. of employees\nA,Wirral,3\n".utf8))
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("register.csv:1: Local Authority: column 2: no fact 'Local Authority' in the business; it could mean address.localAuthority"))
        let employees = try batch(Array("id,No. of employees\nA,3\n".utf8))
        #expect(employees.status == 65)
        #expect(employees.stderr.contains("it could mean employees ("))
    }

    /// A UTF-8 byte-order mark (Excel's "CSV UTF-8") is not part of the first column's name.
    @Test func byteOrderMarkIsSkipped() throws {
        let r = try batch([0xEF, 0xBB, 0xBF] + Array("id,employees\nA,3\n".utf8))
        #expect(r.status == 0)
        #expect(try rows(r.stdout).first?["id"] as? String == "A")
    }
}
