import CLibYAML

/// Reads one YAML document (or JSON, which is YAML's flow syntax) from libyaml's own event
/// stream into a `RawNode`, with the line of every value.
///
/// Working from the parser's events rather than a composed tree lets it refuse, before anything
/// large is built: anchors and aliases (a "billion laughs" document never expands), a key given
/// twice in a mapping (with the line of the second), nesting deeper than `maximumDepth`, and
/// more values than the caller allows.
enum YAMLReader {
    /// The deepest nesting of lists and mappings accepted.
    static let maximumDepth = 100

    private static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]
    private static let trues: Set<String> = ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"]
    private static let falses: Set<String> = ["false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"]

    /// A mapping or sequence being built.
    private struct Open {
        var isMapping: Bool
        var line: Int
        var members: [RawMember] = []
        var items: [RawNode] = []
        var keys: Set<String> = []
        var pendingKey: (String, Int)?
    }

    /// The document in `text`, or nil when it holds no document. `firstLine` is the number of
    /// the text's first line; `maximumValues` bounds the values read; `what` names the document
    /// in messages ("business files", "the vocabulary").
    static func read(_ text: String, fileName: String, firstLine: Int = 1, maximumValues: Int, what: String) throws(InputErrors) -> RawNode? {
        var source = text
        var outcome: Result<RawNode?, InputError> = .success(nil)
        source.withUTF8 { bytes in
            outcome = parse(bytes, fileName: fileName, firstLine: firstLine, maximumValues: maximumValues, what: what)
        }
        switch outcome {
        case .success(let node): return node
        case .failure(let error): throw InputErrors([error])
        }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, fileName: String, firstLine: Int,
                              maximumValues: Int, what: String) -> Result<RawNode?, InputError> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return .failure(InputError(file: fileName, message: "cannot start the YAML parser")) }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        var event = yaml_event_t()
        var stack: [Open] = []
        var root: RawNode?
        var documents = 0
        var values = 0
        func fail(_ line: Int, _ message: String) -> Result<RawNode?, InputError> {
            .failure(InputError(file: fileName, line: line, message: message))
        }
        func line(_ mark: yaml_mark_t) -> Int { Int(mark.line) + firstLine }
        /// Adds a finished node to the container on top, or makes it the root.
        func add(_ node: RawNode, _ at: Int) -> InputError? {
            guard !stack.isEmpty else { root = node; return nil }
            if stack[stack.count - 1].isMapping {
                guard let (key, keyLine) = stack[stack.count - 1].pendingKey else {
                    return InputError(file: fileName, line: at, message: "field names must be plain text, not a list or a group")
                }
                stack[stack.count - 1].pendingKey = nil
                stack[stack.count - 1].members.append(RawMember(key: key, value: node, line: keyLine))
            } else {
                stack[stack.count - 1].items.append(node)
            }
            return nil
        }
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                let problem = parser.problem.map { String(cString: $0) } ?? "unreadable text"
                if problem.hasPrefix("Maximum nesting level") { // libyaml's own limit, met while scanning ahead
                    return fail(line(parser.problem_mark), "lists and groups are nested too deeply (more than \(maximumDepth) levels)")
                }
                var message = "invalid YAML: \(problem)"
                if let context = parser.context { message += " (\(String(cString: context)) on line \(line(parser.context_mark)))" }
                return fail(line(parser.problem_mark), message)
            }
            defer { yaml_event_delete(&event) }
            let at = line(event.start_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return .success(root)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 { return fail(at, "a file holds one document; remove the second '---'") }
            case YAML_ALIAS_EVENT:
                return fail(at, "YAML anchors and aliases (&name, *name) are not supported in \(what); write the values out")
            case YAML_SCALAR_EVENT:
                values += 1
                if values > maximumValues { return fail(at, "too large: more than \(maximumValues) values") }
                let scalar = event.data.scalar
                if scalar.anchor != nil { return fail(at, "YAML anchors and aliases (&name, *name) are not supported in \(what); write the values out") }
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
                let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE && scalar.tag == nil
                // A key of a mapping waiting for its key.
                if let top = stack.last, top.isMapping, top.pendingKey == nil {
                    if stack[stack.count - 1].keys.contains(text) {
                        return fail(at, "'\(FactReader.shown(text))' is given more than once; keep one")
                    }
                    stack[stack.count - 1].keys.insert(text)
                    stack[stack.count - 1].pendingKey = (text, at)
                    continue
                }
                let node: RawNode
                if !plain {
                    node = RawNode(value: .string(text), line: at)
                } else if nulls.contains(text) {
                    node = RawNode(value: .null, line: at)
                } else if trues.contains(text) {
                    node = RawNode(value: .bool(true), line: at, plainText: text)
                } else if falses.contains(text) {
                    node = RawNode(value: .bool(false), line: at, plainText: text)
                } else if BusinessFile.isNumber(text) {
                    node = RawNode(value: .number(text), line: at, plainText: text)
                } else {
                    node = RawNode(value: .string(text), line: at, plainText: text)
                }
                if let error = add(node, at) { return .failure(error) }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                values += 1
                if values > maximumValues { return fail(at, "too large: more than \(maximumValues) values") }
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                if let top = stack.last, top.isMapping, top.pendingKey == nil {
                    return fail(at, "field names must be plain text, not a list or a group")
                }
                let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                if anchor != nil { return fail(at, "YAML anchors and aliases (&name, *name) are not supported in \(what); write the values out") }
                guard stack.count < maximumDepth else { return fail(at, "lists and groups are nested too deeply (more than \(maximumDepth) levels)") }
                stack.append(Open(isMapping: isMapping, line: at))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let open = stack.popLast() else { continue }
                let node = open.isMapping ? RawNode(value: .object(open.members), line: open.line)
                    : RawNode(value: .array(open.items), line: open.line)
                if let error = add(node, open.line) { return .failure(error) }
            default:
                continue
            }
        }
    }
}
