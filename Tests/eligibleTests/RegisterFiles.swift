import Foundation
import Testing

/// A generated batch register with malformed rows interleaved, and what `eligible batch` must
/// write for it: one output row per input row, in order, each naming the line its row starts on.
struct Register {
    /// One input row: the line it starts on, its business id, and the kind of fault it has
    /// (nil for a row that must be decided).
    struct Row {
        var line: Int
        var id: String
        var fault: String?
    }

    var bytes = Data()
    var rows: [Row] = []
    /// The next line number.
    private var line = 1

    /// Appends one row of `text` (its line end included) that starts on the next line.
    mutating func append(_ text: [UInt8], id: String, fault: String?) {
        rows.append(Row(line: line, id: id, fault: fault))
        bytes.append(contentsOf: text)
        line += Register.lineEnds(text)
    }

    /// Appends a line that is not a row (a CSV header).
    mutating func appendHeader(_ text: String) {
        bytes.append(contentsOf: Array(text.utf8))
        line += Register.lineEnds(Array(text.utf8))
    }

    /// Lines ended in `text` (LF, CRLF and a lone CR each end one).
    private static func lineEnds(_ text: [UInt8]) -> Int {
        var count = 0
        for (i, byte) in text.enumerated() where byte == 0x0D || (byte == 0x0A && (i == 0 || text[i - 1] != 0x0D)) { count += 1 }
        return count
    }

    /// A JSON Lines register of `count` rows; every seventh row is malformed, cycling through
    /// broken JSON, a wrong type, a repeated key, a number too large, a non-object, bytes that are
    /// not UTF-8 and a control character in a key. Some good rows end with CRLF.
    static func jsonLines(_ count: Int) -> Register {
        var register = Register()
        for n in 1...count {
            let id = "B-\(n)"
            let kind = n % 7 == 0 ? (n / 7) % 7 : nil
            var text: [UInt8]
            switch kind {
            case 0?: text = Array(#"{"id":"\#(id)","employees":"#.utf8)
            case 1?: text = Array(#"{"id":"\#(id)","employees":"many"}"#.utf8)
            case 2?: text = Array(#"{"id":"\#(id)","employees":3,"employees":4}"#.utf8)
            case 3?: text = Array(#"{"id":"\#(id)","employees":1e400}"#.utf8)
            case 4?: text = Array(#"["\#(id)"]"#.utf8)
            case 5?: text = Array(#"{"id":"\#(id)","name":"Caf"#.utf8) + [0xFF] + Array(#""}"#.utf8)
            case 6?: text = Array(#"{"id":"\#(id)","\u001b[31memployees":3}"#.utf8)
            default: text = Array(#"{"id":"\#(id)","name":"Shop \#(n)","employees":\#(n % 300)}"#.utf8)
            }
            text += n % 5 == 0 && kind == nil ? [0x0D, 0x0A] : [0x0A]
            register.append(text, id: id, fault: kind.map { "json \($0)" })
        }
        return register
    }

    /// A CSV register (`id,name,employees`) of `count` rows; every seventh row is malformed,
    /// cycling through an unclosed quote, a byte that is not UTF-8, an extra cell, a missing
    /// cell, a stray quote, a value of the wrong type and text after a closing quote. Some good
    /// rows have a quoted name holding a comma and a CRLF (the record spans two lines), and
    /// some end with CRLF.
    static func csv(_ count: Int) -> Register {
        var register = Register()
        register.appendHeader("id,name,employees\n")
        for n in 1...count {
            let id = "B-\(n)"
            let kind = n % 7 == 0 ? (n / 7) % 7 : nil
            var text: [UInt8]
            switch kind {
            case 0?: text = Array("\(id),\"Shop \(n),5".utf8)
            case 1?: text = Array("\(id),Caf".utf8) + [0xFF] + Array(",5".utf8)
            case 2?: text = Array("\(id),Shop \(n),5,extra".utf8)
            case 3?: text = Array("\(id),Shop \(n)".utf8)
            case 4?: text = Array("\(id),Big 5\" Screens,5".utf8)
            case 5?: text = Array("\(id),Shop \(n),many".utf8)
            case 6?: text = Array("\(id),\"Shop\" \(n),5".utf8)
            default:
                text = n % 3 == 0 ? Array("\(id),\"Shop\r\n\(n), Ltd\",\(n % 300)".utf8) : Array("\(id),Shop \(n),\(n % 300)".utf8)
            }
            text += n % 5 == 0 ? [0x0D, 0x0A] : [0x0A]
            register.append(text, id: id, fault: kind.map { "csv \($0)" })
        }
        return register
    }

    /// Checks `output` (JSON Lines from `eligible batch`) against the rows: as many output rows
    /// as input rows, in input order, each with its row's line; a faulty row rejected, every
    /// other one decided under its own id.
    func expectMatches(_ output: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(output.hasSuffix("\n"), sourceLocation: sourceLocation)
        #expect(lines.count == rows.count, "output rows", sourceLocation: sourceLocation)
        var wrong = 0
        for (row, text) in zip(rows, lines) {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            let line = object?["line"] as? Int
            let ok: Bool
            if row.fault != nil {
                ok = line == row.line && object?["rejected"] != nil
            } else {
                ok = line == row.line && object?["id"] as? String == row.id && object?["decisions"] != nil
            }
            if !ok {
                wrong += 1
                if wrong <= 5 {
                    Issue.record("row \(row.id) (line \(row.line), \(row.fault ?? "good")) got: \(text.prefix(300))", sourceLocation: sourceLocation)
                }
            }
        }
        #expect(wrong == 0, "\(wrong) rows wrong", sourceLocation: sourceLocation)
    }

    /// The number of faulty rows.
    var faults: Int { rows.filter { $0.fault != nil }.count }
}
