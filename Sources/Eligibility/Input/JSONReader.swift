import CYAJL

/// Reads JSON with YAJL (Debian's `libyajl`) into a `RawNode` that keeps the line of every value:
/// business files and the rows of a JSON Lines register go through this one reader, so the same
/// text can never be read two ways.
///
/// Strict JSON (no comments, no trailing text, UTF-8 checked). Numbers keep the text they were
/// written with (`1e400` reaches the fact reader as written and gets its error there). A key
/// given twice, nesting deeper than `maximumDepth` and more than `maximumValues` values are
/// errors naming their line; the parser's own errors name the line and column.
enum JSONReader {
    /// The deepest nesting of lists and groups accepted.
    static let maximumDepth = 100

    /// Parses `bytes`, whose first line is line `firstLine` of `fileName`.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, fileName: String, firstLine: Int,
                     maximumValues: Int) -> Result<RawNode, InputError> {
        let builder = Builder(bytes: bytes, fileName: fileName, firstLine: firstLine, maximumValues: maximumValues)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return .failure(InputError(file: fileName, line: firstLine, message: "the file is empty"))
        }
        let context = Unmanaged.passUnretained(builder).toOpaque()
        return withUnsafePointer(to: callbacks) { callbacks in
            guard let handle = yajl_alloc(callbacks, nil, context) else {
                return .failure(InputError(file: fileName, message: "cannot start the JSON parser"))
            }
            defer { yajl_free(handle) }
            builder.handle = handle
            guard yajl_parse(handle, bytes.baseAddress, bytes.count) == yajl_status_ok else {
                return .failure(builder.failure ?? builder.syntaxError(handle: handle, at: yajl_get_bytes_consumed(handle), atEnd: false))
            }
            guard yajl_complete_parse(handle) == yajl_status_ok, let root = builder.root else {
                return .failure(builder.failure ?? builder.syntaxError(handle: handle, at: bytes.count, atEnd: true))
            }
            return .success(root)
        }
    }

    /// The parser's callbacks: each finds its `Builder` in the context pointer.
    private static let callbacks = yajl_callbacks(
        yajl_null: { context in builder(context).add(.null) },
        yajl_boolean: { context, value in builder(context).add(.bool(value != 0)) },
        yajl_integer: nil,
        yajl_double: nil,
        yajl_number: { context, text, length in
            builder(context).add(.number(String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)))
        },
        yajl_string: { context, text, length in
            builder(context).add(.string(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self)))
        },
        yajl_start_map: { context in builder(context).open(isObject: true) },
        yajl_map_key: { context, text, length in
            builder(context).key(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        },
        yajl_end_map: { context in builder(context).close() },
        yajl_start_array: { context in builder(context).open(isObject: false) },
        yajl_end_array: { context in builder(context).close() }
    )

    private static func builder(_ context: UnsafeMutableRawPointer?) -> Builder {
        Unmanaged<Builder>.fromOpaque(context!).takeUnretainedValue() // the context is always the builder passed to yajl_alloc
    }

    /// Builds the tree as the parser reports values; returns 0 to stop the parser on an error.
    private final class Builder {
        struct Open {
            let isObject: Bool
            let line: Int
            var members: [RawMember] = []
            var items: [RawNode] = []
            var pendingKey: (key: String, line: Int)?
        }

        let bytes: UnsafeBufferPointer<UInt8>
        let fileName: String
        let firstLine: Int
        let maximumValues: Int
        var handle: yajl_handle?
        var stack: [Open] = []
        var root: RawNode?
        var failure: InputError?
        var values = 0
        /// Line counting, incremental as values come in order: the line at byte `scanned`.
        var scanned = 0
        var line: Int

        init(bytes: UnsafeBufferPointer<UInt8>, fileName: String, firstLine: Int, maximumValues: Int) {
            self.bytes = bytes
            self.fileName = fileName
            self.firstLine = firstLine
            self.line = firstLine
            self.maximumValues = maximumValues
        }

        /// The line of the byte at `offset`, at or after the last one asked (LF, CRLF and a lone
        /// CR end lines).
        func line(at offset: Int) -> Int {
            let end = min(offset, bytes.count)
            while scanned < end {
                if Builder.endsLine(bytes, scanned) { line += 1 }
                scanned += 1
            }
            return line
        }

        static func endsLine(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
            bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A))
        }

        /// The line of the token just read (the parser has consumed it; tokens do not span lines).
        var here: Int { line(at: handle.map { yajl_get_bytes_consumed($0) } ?? 0) }

        func fail(_ message: String) -> Int32 {
            failure = InputError(file: fileName, line: here, message: message)
            return 0
        }

        func add(_ value: RawNode.Value) -> Int32 {
            values += 1
            if values > maximumValues { return fail("the business is too large to decide: it holds more than \(maximumValues) values") }
            return attach(RawNode(value: value, line: here))
        }

        func attach(_ node: RawNode) -> Int32 {
            guard !stack.isEmpty else { root = node; return 1 }
            let top = stack.count - 1
            if stack[top].isObject {
                guard let (key, keyLine) = stack[top].pendingKey else { return fail("field names must be text") }
                stack[top].pendingKey = nil
                stack[top].members.append(RawMember(key: key, value: node, line: keyLine))
            } else {
                stack[top].items.append(node)
            }
            return 1
        }

        func open(isObject: Bool) -> Int32 {
            values += 1
            if values > maximumValues { return fail("the business is too large to decide: it holds more than \(maximumValues) values") }
            guard stack.count < JSONReader.maximumDepth else {
                return fail("lists and groups are nested too deeply (more than \(JSONReader.maximumDepth) levels)")
            }
            stack.append(Open(isObject: isObject, line: here))
            return 1
        }

        func key(_ name: String) -> Int32 {
            let top = stack.count - 1
            guard top >= 0 else { return fail("field names must be text") }
            if stack[top].members.contains(where: { $0.key == name }) {
                return fail("'\(FactReader.shown(name))' is given more than once; keep one")
            }
            stack[top].pendingKey = (name, here)
            return 1
        }

        func close() -> Int32 {
            guard let open = stack.popLast() else { return 0 }
            let value: RawNode.Value = open.isObject ? .object(open.members) : .array(open.items)
            return attach(RawNode(value: value, line: open.line))
        }

        /// Where the token the parser stopped on starts. YAJL leaves its count just after a
        /// punctuation token (`{ } [ ] : ,`) or a bad character, at the start of a number or word,
        /// and inside a string: step back accordingly.
        func tokenStart(endingAt end: Int) -> Int {
            let punctuation: Set<UInt8> = [0x7B, 0x7D, 0x5B, 0x5D, 0x3A, 0x2C]
            let space: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
            var i = min(end, bytes.count)
            let nextStartsToken = i < bytes.count && !space.contains(bytes[i]) && !punctuation.contains(bytes[i])
            if i > 0, punctuation.contains(bytes[i - 1]), !nextStartsToken { return i - 1 }
            while i > 0, !space.contains(bytes[i - 1]), !punctuation.contains(bytes[i - 1]), bytes[i - 1] != 0x22 { i -= 1 }
            if i > 0, bytes[i - 1] == 0x22 { i -= 1 }
            return i
        }

        /// YAJL's messages, in the words the rest of the engine uses.
        static let plainWords = [
            "premature EOF": "the text ends before the JSON does (is a closing } or ] missing?)",
            "invalid char in json text": "unexpected character",
            "trailing garbage": "more text after the end of the JSON value",
            "invalid bytes in UTF8 string": "the text is not UTF-8",
            "after key and value, inside map, I expect ',' or '}'": "expected , or } after a value",
            "object key and value must be separated by a colon (':')": "expected : after a field name",
            "after array element, I expect ',' or ']'": "expected , or ] after a list item",
            "invalid object key (must be a string)": "field names must be text in double quotes",
            "unallowed token at this point in JSON text": "unexpected text",
            "invalid character inside string": "a string holds a control character (write a line break as \\n, a tab as \\t)",
        ]

        /// The parser's own error, at byte `offset` (or at the end of the text), with its line and
        /// column and a hint for the usual mistakes (single quotes, unquoted text).
        func syntaxError(handle: yajl_handle, at offset: Int, atEnd: Bool) -> InputError {
            var problem = "the JSON is not complete"
            if let text = yajl_get_error(handle, 0, bytes.baseAddress, bytes.count) {
                problem = String(cString: text)
                yajl_free_error(handle, text)
            }
            for prefix in ["lexical error: ", "parse error: "] where problem.hasPrefix(prefix) { problem.removeFirst(prefix.count) }
            while problem.hasSuffix(".") || problem.hasSuffix("\n") || problem.hasSuffix(" ") { problem.removeLast() }
            // At the end of the text, point after its last non-blank character; otherwise at the
            // start of the token the parser stopped on (it has consumed it).
            var at = min(offset, bytes.count)
            if atEnd {
                at = (bytes.lastIndex { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } ?? -1) + 1
            } else if at > 0 {
                at = tokenStart(endingAt: at)
            }
            let unexpected = problem == "invalid char in json text"
            problem = Builder.plainWords[problem] ?? problem
            let line = (0..<at).reduce(firstLine) { count, i in Builder.endsLine(bytes, i) ? count + 1 : count }
            var lineStart = at
            while lineStart > 0, bytes[lineStart - 1] != 0x0A, bytes[lineStart - 1] != 0x0D { lineStart -= 1 }
            let column = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<at]), as: UTF8.self).count + 1
            var message = "invalid JSON: \(problem) (column \(column))"
            if unexpected, at < bytes.count {
                let byte = bytes[at]
                if byte == UInt8(ascii: "'") {
                    message += "; strings must be in double quotes, not single quotes"
                } else if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte >= 0x80 {
                    message += "; text and field names need double quotes"
                }
            }
            return InputError(file: fileName, line: line, message: message)
        }
    }
}
