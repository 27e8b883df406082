import Foundation
import Yams

/// Reads a business file (JSON or YAML) into a `Business`, checking every key and value
/// against `FactSchema` so that mistakes are reported rather than silently ignored.
///
/// - The format follows the file name: `.json` is JSON, `.yaml`/`.yml` is YAML; any other name
///   is JSON if the text starts with `{` or `[`, otherwise YAML.
/// - A UTF-8 byte-order mark is skipped; LF, CRLF and CR line ends are all accepted.
/// - Unknown keys are errors (with a "did you mean" suggestion), so a typo cannot make a fact
///   look unknown. `null` means the same as an absent key: unknown.
/// - Money may be integer pence or a string in pounds ("£3,000.00"); days are "YYYY-MM-DD".
/// - In YAML, an unquoted scalar is accepted where a string is expected (`sicCodes: [49320]`
///   gives the string "49320"), and `true/false/yes/no` are booleans.
///
/// Errors are `InputError`s naming the file, the line where known and the fact's path
/// (0-based list indexes, as written in the file: `fleet[0].fuel`).
///
/// Hostile input gets an error, never a crash or a hang: a file over `maximumBytes` is refused
/// before it is read; nesting deeper than the parsers allow (512 levels of JSON, 1,000 of YAML;
/// a business is at most 4 deep) is a syntax error; numbers must be in each fact's range
/// (`FactField.range`, money at most `Money.maximumInFile`).
public enum BusinessFile {
    /// The largest business file accepted: 16 MiB (a business is a few KiB).
    public static let maximumBytes = 16 << 20

    /// The two accepted text formats.
    public enum Format: String, Sendable {
        case json, yaml
    }

    /// Decodes a business from the bytes of a file. `fileName` is used in error messages and to
    /// choose the format; `firstLine` is the line number of the data's first line (for a
    /// business that is one line of a JSON Lines file, pass that line).
    public static func decode(_ data: Data, fileName: String, firstLine: Int = 1) throws -> Business {
        guard data.count <= maximumBytes else { throw tooLarge(fileName: fileName, bytes: data.count) }
        let text = try self.text(of: data, fileName: fileName, firstLine: firstLine)
        let format = self.format(fileName: fileName, text: text)
        let raw: RawNode
        switch format {
        case .json: raw = try parseJSON(text, fileName: fileName, firstLine: firstLine)
        case .yaml: raw = try parseYAML(text, fileName: fileName, firstLine: firstLine)
        }
        do throws(InputError) {
            return try decode(raw: raw, fileName: fileName, pathPrefix: "")
        } catch {
            // JSON values carry no lines: in a one-line document (such as a line of a JSON
            // Lines file) every problem is on that line; otherwise `JSONLineLocator` finds it.
            var error = error
            if error.line == nil && isOneLine(text) { error.line = firstLine }
            if error.line == nil && format == .json {
                error.line = JSONLineLocator.line(of: error.path, in: Array(text.utf8), firstLine: firstLine)
            }
            throw error
        }
    }

    /// Reads and decodes the business file at `url`; the error names the file by its last path
    /// component.
    public static func load(_ url: URL) throws -> Business {
        let data: Data
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > maximumBytes {
            throw tooLarge(fileName: url.lastPathComponent, bytes: size)
        }
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InputError(file: url.lastPathComponent, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try decode(data, fileName: url.lastPathComponent)
    }

    /// Decodes a business already parsed into a Foundation object tree (the output of
    /// `JSONSerialization.jsonObject` or `Yams.load`, e.g. a business written inline in a
    /// fixture). Errors carry no line; their paths start with `pathPrefix`
    /// (e.g. "cases[2].business").
    public static func decode(object: Any, fileName: String, pathPrefix: String = "") throws -> Business {
        try decode(raw: RawNode(object: object), fileName: fileName, pathPrefix: pathPrefix)
    }

    /// The format chosen for a file name and its text.
    public static func format(fileName: String, text: String) -> Format {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".json") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .json }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
        let first = text.unicodeScalars.first { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }
        return first == "{" || first == "[" ? .json : .yaml
    }

    // MARK: - Steps

    private static func tooLarge(fileName: String, bytes: Int) -> InputError {
        InputError(file: fileName, message: "the file is \(bytes / 1024) KiB; a business file may be at most \(maximumBytes / 1024) KiB")
    }

    static func text(of data: Data, fileName: String, firstLine: Int) throws(InputError) -> String {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // Find the line of the first bad byte for the message.
            var line = firstLine
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == 0x0A {
                if String(validating: bytes[start..<end], as: UTF8.self) == nil { break }
                line += 1
                start = end + 1
            }
            throw InputError(file: fileName, line: line,
                             message: "the file is not UTF-8 text (save it as UTF-8)")
        }
        return text
    }

    /// Reads JSON with Foundation's `JSONSerialization`. What it accepts is what we accept:
    /// - A key given twice keeps one of its values without any error; that is accepted rather
    ///   than scanning the text a second time (YAML files get an error from Yams instead).
    /// - Foundation on Linux also accepts a trailing comma (`{"name": "A",}`).
    /// Values come back without lines, so here only syntax errors (and errors in a one-line
    /// document) get one; `decode` finds the others' lines with `JSONLineLocator`.
    static func parseJSON(_ text: String, fileName: String, firstLine: Int) throws(InputError) -> RawNode {
        if text.allSatisfy(\.isWhitespace) {
            throw InputError(file: fileName, line: firstLine, message: "the file is empty")
        }
        let data = Data(text.utf8)
        do {
            return RawNode(object: try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
        } catch {
            throw jsonSyntaxError(error, bytes: [UInt8](data), fileName: fileName, firstLine: firstLine)
        }
    }

    /// An `InputError` for a `JSONSerialization` failure, with the line and column taken from
    /// Foundation's description: "around line 3, column 1" (Apple platforms) or "around character
    /// 18" (a 0-based byte offset, Linux), which is turned into a line and column by counting
    /// line breaks. "Unexpected end of file" has no position: it is put after the last
    /// non-blank character.
    private static func jsonSyntaxError(_ error: any Error, bytes: [UInt8], fileName: String, firstLine: Int) -> InputError {
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
        if line == nil && isOneLine(String(decoding: bytes, as: UTF8.self)) { line = firstLine }

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

    /// Whether the text, ignoring blank lines around it, is a single line.
    private static func isOneLine(_ text: String) -> Bool {
        !text.trimmingCharacters(in: .whitespacesAndNewlines).contains(where: \.isNewline)
    }

    static func parseYAML(_ text: String, fileName: String, firstLine: Int) throws(InputError) -> RawNode {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        // Aliases are refused before composing: Yams shares an aliased node, but walking (or
        // hashing, for a key) the tree would visit it once per use, so ten nested aliases of
        // ten (a "billion laughs") would hang.
        if let line = firstAliasLine(normalized) {
            throw InputError(file: fileName, line: line + firstLine - 1,
                             message: "YAML aliases (*name) are not supported in business files")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: normalized)
        } catch let error as YamlError {
            throw yamlError(error, fileName: fileName, firstLine: firstLine)
        } catch {
            throw InputError(file: fileName, message: "invalid YAML: \(error)")
        }
        guard let root else {
            throw InputError(file: fileName, line: firstLine, message: "the file is empty")
        }
        return try rawNode(from: root, fileName: fileName, firstLine: firstLine)
    }

    /// The 1-based line of the first YAML alias (`*name` where a node starts), skipping quoted
    /// text and comments; nil if there is none. Errs on the side of finding one.
    static func firstAliasLine(_ text: String) -> Int? {
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var line = 1
        var quote: UInt8? = nil
        var previous: UInt8 = 0x0A // what came before, ignoring spaces
        var inComment = false
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            defer { i += 1 }
            if c == 0x0A {
                line += 1
                inComment = false
                previous = 0x0A
                continue
            }
            if inComment { continue }
            if let q = quote {
                if c == 0x5C && q == 0x22 { i += 1 } else if c == q { quote = nil; previous = c }
                continue
            }
            switch c {
            case 0x20, 0x09:
                continue
            case 0x23 where i == 0 || bytes[i - 1] == 0x20 || bytes[i - 1] == 0x09:
                inComment = true
                continue
            case 0x22, 0x27 where [0x0A, 0x3A, 0x2D, 0x5B, 0x7B, 0x2C, 0x3F].contains(previous):
                quote = c
                continue
            case 0x2A where [0x0A, 0x3A, 0x2D, 0x5B, 0x7B, 0x2C, 0x3F].contains(previous):
                return line
            default:
                break
            }
            previous = c
        }
        return nil
    }

    private static func yamlError(_ error: YamlError, fileName: String, firstLine: Int) -> InputError {
        func make(_ context: YamlError.Context?, _ problem: String, _ mark: Mark) -> InputError {
            // libyaml's own words name its C API ("set with yaml_set_max_nest_level()").
            let problem = problem.hasPrefix("Maximum nesting level reached")
                ? "lists and objects are nested too deeply" : problem
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) on line \(context.mark.line + firstLine - 1))" }
            return InputError(file: fileName, line: mark.line + firstLine - 1, message: message)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _): return make(context, problem, mark)
        case .parser(let context, let problem, let mark, _): return make(context, problem, mark)
        case .composer(let context, let problem, let mark, _): return make(context, problem, mark)
        case .reader(let problem, _, _, _): return InputError(file: fileName, message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let keys, let context):
            let names = keys.map { "'\($0)'" }.joined(separator: ", ")
            return InputError(file: fileName, line: context.mark.line + firstLine - 1,
                              message: "\(keys.count == 1 ? "field" : "fields") \(names) \(keys.count == 1 ? "is" : "are") given more than once")
        default: return InputError(file: fileName, message: "invalid YAML: \(error)")
        }
    }

    private static let yamlTrue: Set<String> = ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"]
    private static let yamlFalse: Set<String> = ["false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"]
    private static let yamlNull: Set<String> = ["", "~", "null", "Null", "NULL"]

    private static func rawNode(from node: Node, fileName: String, firstLine: Int) throws(InputError) -> RawNode {
        let line = node.mark.map { $0.line + firstLine - 1 }
        switch node {
        case .scalar(let scalar):
            let s = scalar.string
            guard scalar.style == .plain || scalar.style == .any else {
                return RawNode(value: .string(s), line: line)
            }
            if yamlNull.contains(s) { return RawNode(value: .null, line: line) }
            if yamlTrue.contains(s) { return RawNode(value: .bool(true), line: line, plainText: s) }
            if yamlFalse.contains(s) { return RawNode(value: .bool(false), line: line, plainText: s) }
            if isJSONNumber(s) { return RawNode(value: .number(s), line: line, plainText: s) }
            return RawNode(value: .string(s), line: line, plainText: s)
        case .sequence(let sequence):
            var items: [RawNode] = []
            for item in sequence { items.append(try rawNode(from: item, fileName: fileName, firstLine: firstLine)) }
            return RawNode(value: .array(items), line: line)
        case .mapping(let mapping):
            var members: [RawMember] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw InputError(file: fileName, line: key.mark.map { $0.line + firstLine - 1 } ?? line,
                                     message: "field names must be plain text")
                }
                members.append(RawMember(key: keyScalar.string,
                                         value: try rawNode(from: value, fileName: fileName, firstLine: firstLine),
                                         line: key.mark.map { $0.line + firstLine - 1 }))
            }
            return RawNode(value: .object(members), line: line)
        case .alias:
            throw InputError(file: fileName, line: line, message: "YAML aliases (*name) are not supported in business files")
        }
    }

    /// Whether `s` is a number in JSON's grammar, as `JSONSerialization` reads it (so YAML and
    /// JSON agree on what is a number).
    static func isJSONNumber(_ s: String) -> Bool {
        guard !s.isEmpty, !s.contains(where: \.isWhitespace),
              let number = try? JSONSerialization.jsonObject(with: Data(s.utf8), options: [.fragmentsAllowed]) as? NSNumber
        else { return false }
        return String(cString: number.objCType) != "c"
    }

    static func decode(raw: RawNode, fileName: String, pathPrefix: String) throws(InputError) -> Business {
        let normalized = try FactValidator(file: fileName, pathPrefix: pathPrefix).normalizeRoot(raw)
        do {
            let data = try JSONSerialization.data(withJSONObject: normalized)
            return try JSONDecoder().decode(Business.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw InputError(file: fileName, path: joined(pathPrefix, context.codingPath), message: context.debugDescription)
        } catch let DecodingError.typeMismatch(_, context) {
            throw InputError(file: fileName, path: joined(pathPrefix, context.codingPath), message: context.debugDescription)
        } catch let DecodingError.keyNotFound(key, context) {
            throw InputError(file: fileName, path: joined(pathPrefix, context.codingPath + [key]),
                             message: "missing required field '\(key.stringValue)'")
        } catch {
            throw InputError(file: fileName, path: pathPrefix, message: "cannot read the business: \(error)")
        }
    }

    /// A coding path written as a fact path: `fleet[0].fuel`.
    private static func joined(_ prefix: String, _ codingPath: [any CodingKey]) -> String {
        var path = prefix
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return path
    }
}
