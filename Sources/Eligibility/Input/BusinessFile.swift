import Foundation

/// Reads a business file (JSON or YAML) into `BusinessFacts`, checking every key and value
/// against the fact vocabulary so mistakes are reported, all of them at once, rather than
/// silently ignored.
///
/// - The format follows the file name: `.json` is JSON, `.yaml`/`.yml` is YAML; any other name
///   is JSON if the text starts with `{` or `[`, otherwise YAML.
/// - A UTF-8 byte-order mark is skipped; LF, CRLF and CR line ends are all accepted.
/// - Unknown keys are errors (with a "did you mean"), so a typo cannot make a fact look
///   unknown; `null` means unknown; `does not apply` is an answer.
/// - Values follow `ScalarReading`: money is always pounds (`12000`, `"£12,000"`).
/// - A key given twice is an error naming its line, in JSON as in YAML.
///
/// Errors are `InputErrors` naming the file, the line and the fact's path (0-based list indexes,
/// as written in the file: `fleet[0].fuel`). JSON is read by `JSONReader` (YAJL), YAML by
/// `YAMLReader` (libyaml); both keep every value's line.
///
/// Hostile input gets an error, never a crash or a hang: a file over `maximumBytes` is refused
/// before it is read; YAML anchors and aliases are refused where they appear; a document with
/// more than `maximumValues` values is too large to decide.
public enum BusinessFile {
    /// The largest business file accepted: 16 MiB (a business is a few KiB).
    public static let maximumBytes = 16 << 20
    /// The most values (scalars, lists and groups) a business may hold.
    public static let maximumValues = 100_000

    /// The two accepted text formats.
    public enum Format: String, Sendable {
        /// JSON.
        case json
        /// YAML.
        case yaml
    }

    /// Decodes a business from the bytes of a file. `fileName` is used in error messages and to
    /// choose the format; `firstLine` is the line number of the data's first line (for a
    /// business that is one line of a JSON Lines file, pass that line).
    public static func decode(_ data: Data, fileName: String, vocabulary: Vocabulary, firstLine: Int = 1) throws -> BusinessFacts {
        guard data.count <= maximumBytes else { throw InputErrors([tooLarge(fileName: fileName, bytes: data.count)]) }
        let raw = try document(data, fileName: fileName, firstLine: firstLine)
        return try read(raw, fileName: fileName, vocabulary: vocabulary, oneLine: firstLine)
    }

    /// Reads and decodes the business file at `url`; errors name the file as `displayName`
    /// (default: its last path component).
    public static func load(_ url: URL, vocabulary: Vocabulary, displayName: String? = nil) throws -> BusinessFacts {
        let name = displayName ?? url.lastPathComponent
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > maximumBytes {
            throw InputErrors([tooLarge(fileName: name, bytes: size)])
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InputErrors([InputError(file: name, message: "cannot read the file (\(error.localizedDescription))")])
        }
        return try decode(data, fileName: name, vocabulary: vocabulary)
    }

    /// Decodes a business already parsed into a Foundation object tree (a business written
    /// inline in a fixture). Errors carry no line; their paths start with `pathPrefix`.
    public static func decode(object: Any, fileName: String, vocabulary: Vocabulary, pathPrefix: String = "") throws -> BusinessFacts {
        var reader = FactReader(vocabulary: vocabulary, file: fileName, pathPrefix: pathPrefix)
        guard let record = reader.read(RawNode(object: object)) else { throw InputErrors(reader.errors) }
        return BusinessFacts(vocabulary: vocabulary, record: record)
    }

    /// Checks a parsed document against the vocabulary. In a document of one line (a line of a
    /// JSON Lines file) every problem is on that line.
    static func read(_ raw: RawNode, fileName: String, vocabulary: Vocabulary, oneLine: Int? = nil) throws -> BusinessFacts {
        var reader = FactReader(vocabulary: vocabulary, file: fileName)
        guard let record = reader.read(raw) else {
            throw InputErrors(reader.errors.map { error in
                var error = error
                if error.line == nil { error.line = raw.line ?? oneLine }
                return error
            })
        }
        return BusinessFacts(vocabulary: vocabulary, record: record)
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

    /// The parsed document of a JSON or YAML file.
    static func document(_ data: Data, fileName: String, firstLine: Int) throws -> RawNode {
        let text = try self.text(of: data, fileName: fileName, firstLine: firstLine)
        switch format(fileName: fileName, text: text) {
        case .json: return try parseJSON(text, fileName: fileName, firstLine: firstLine)
        case .yaml: return try parseYAML(text, fileName: fileName, firstLine: firstLine)
        }
    }

    static func text(of data: Data, fileName: String, firstLine: Int) throws(InputErrors) -> String {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            var line = firstLine
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == 0x0A {
                if String(validating: bytes[start..<end], as: UTF8.self) == nil { break }
                line += 1
                start = end + 1
            }
            throw InputErrors([InputError(file: fileName, line: line, message: "the file is not UTF-8 text (save it as UTF-8)")])
        }
        return text
    }

    /// JSON: read by `JSONReader`, which keeps every value's line.
    static func parseJSON(_ text: String, fileName: String, firstLine: Int) throws(InputErrors) -> RawNode {
        var text = text
        let result = text.withUTF8 { JSONReader.read($0, fileName: fileName, firstLine: firstLine, maximumValues: maximumValues) }
        switch result {
        case .success(let root): return root
        case .failure(let error): throw InputErrors([error])
        }
    }

    static func parseYAML(_ text: String, fileName: String, firstLine: Int) throws(InputErrors) -> RawNode {
        guard let root = try YAMLReader.read(text, fileName: fileName, firstLine: firstLine, maximumValues: maximumValues, what: "business files") else {
            throw InputErrors([InputError(file: fileName, line: firstLine, message: "the file is empty")])
        }
        return root
    }

    /// Whether an unquoted scalar is a number in JSON's grammar (`-?digits(.digits)?([eE][+-]?digits)?`).
    static func isNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        func digits() -> Bool {
            let before = bytes.count
            while let b = bytes.first, b >= 0x30, b <= 0x39 { bytes = bytes.dropFirst() }
            return bytes.count < before
        }
        if bytes.first == 0x2D { bytes = bytes.dropFirst() }
        guard digits() else { return false }
        if bytes.first == 0x2E { bytes = bytes.dropFirst(); guard digits() else { return false } }
        if bytes.first == 0x65 || bytes.first == 0x45 {
            bytes = bytes.dropFirst()
            if bytes.first == 0x2B || bytes.first == 0x2D { bytes = bytes.dropFirst() }
            guard digits() else { return false }
        }
        return bytes.isEmpty
    }
}
