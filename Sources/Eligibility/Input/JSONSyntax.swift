import Foundation

/// The message for a JSON syntax error, with its line and column.
enum JSONSyntax {
    /// An `InputError` for a `JSONSerialization` failure, with the line and column taken from
    /// Foundation's description: "around line 3, column 1" (Apple platforms) or "around character
    /// 18" (a 0-based byte offset, Linux), which is turned into a line and column by counting
    /// line breaks. "Unexpected end of file" has no position: it is put after the last
    /// non-blank character.
    static func error(_ error: any Error, bytes: [UInt8], fileName: String, firstLine: Int) -> InputError {
        var problem = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        var line: Int?
        var column: Int?
        var offset: Int?
        if let match = problem.firstMatch(of: /\s*(?:around |at )?line (\d+),? column (\d+)/) {
            line = Int(match.1).map { $0 + firstLine - 1 }
            column = Int(match.2)
            problem.removeSubrange(match.range)
        } else if let match = problem.firstMatch(of: /\s*(?:around |at )?(?:character|offset) (\d+)/) {
            offset = Int(match.1).map { min($0, bytes.count) }
            problem.removeSubrange(match.range)
        } else if problem.lowercased().contains("end of file") {
            offset = (bytes.lastIndex { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } ?? -1) + 1
        }
        if let offset {
            // A line break is LF, CRLF or a lone CR.
            var lineNumber = firstLine
            var lineStart = 0
            for i in 0..<offset where bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
                lineNumber += 1
                lineStart = i + 1
            }
            line = lineNumber
            column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        }
        if line == nil && !String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).contains(where: \.isNewline) { line = firstLine }

        while problem.hasSuffix(".") { problem.removeLast() }
        var message = "invalid JSON: " + problem.prefix(1).lowercased() + problem.dropFirst()
        if let column { message += " (column \(column))" }
        if problem.hasPrefix("Invalid value"), let offset, offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "'") {
                message += "; strings must be in double quotes, not single quotes"
            } else if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte >= 0x80 {
                message += "; text and field names need double quotes"
            }
        }
        return InputError(file: fileName, line: line, message: message)
    }

}
