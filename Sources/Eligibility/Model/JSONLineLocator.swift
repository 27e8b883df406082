/// Finds the line of a fact in JSON text, for error messages: `JSONSerialization` gives values
/// without positions, so a problem found after parsing (a wrong type, an unknown field) would
/// otherwise name no line in a multi-line file.
///
/// A light scan over text already known to be valid JSON: it tracks the path of each value as
/// it starts (`fleet[0].fuel`, the form `InputError.path` uses) and returns the line of the
/// first value at `path`, or, for a field that is not there (a missing required field), of the
/// nearest enclosing value that is.
enum JSONLineLocator {
    static func line(of path: String, in bytes: [UInt8], firstLine: Int) -> Int? {
        var lines: [String: Int] = [:]
        scan(bytes, firstLine: firstLine) { valuePath, line in
            if lines[valuePath] == nil { lines[valuePath] = line }
            return valuePath == path
        }
        var path = Substring(path)
        while true {
            if let line = lines[String(path)] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else {
                return path.isEmpty ? nil : lines[""]
            }
            path = path[..<cut]
        }
    }

    private enum Frame {
        case object(key: String?)
        case array(index: Int)
    }

    /// Calls `found(path, line)` as each value starts, until it returns true.
    private static func scan(_ bytes: [UInt8], firstLine: Int, found: (String, Int) -> Bool) {
        var stack: [Frame] = []
        var line = firstLine
        var expectingKey = false
        var i = 0
        func currentPath() -> String {
            var path = ""
            for frame in stack {
                switch frame {
                case .object(let key): path += path.isEmpty ? (key ?? "") : "." + (key ?? "")
                case .array(let index): path += "[\(index)]"
                }
            }
            return path
        }
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case 0x0A:
                line += 1
            case 0x0D:
                if i + 1 == bytes.count || bytes[i + 1] != 0x0A { line += 1 }
            case 0x20, 0x09, 0x3A: // space, tab, ':'
                break
            case 0x7B, 0x5B: // '{', '['
                if found(currentPath(), line) { return }
                stack.append(c == 0x7B ? .object(key: nil) : .array(index: 0))
                expectingKey = c == 0x7B
            case 0x7D, 0x5D: // '}', ']'
                if !stack.isEmpty { stack.removeLast() }
                expectingKey = false
            case 0x2C: // ','
                if case .array(let index)? = stack.last {
                    stack[stack.count - 1] = .array(index: index + 1)
                } else {
                    expectingKey = true
                }
            case 0x22: // a string: a key, or a value
                let start = i
                i += 1
                while i < bytes.count, bytes[i] != 0x22 {
                    if bytes[i] == 0x5C { i += 1 }
                    i += 1
                }
                if expectingKey, case .object = stack.last {
                    let raw = bytes[start...min(i, bytes.count - 1)]
                    let key = raw.contains(0x5C) ? unescaped(Array(raw)) : String(decoding: raw.dropFirst().dropLast(), as: UTF8.self)
                    stack[stack.count - 1] = .object(key: key)
                    expectingKey = false
                } else if found(currentPath(), line) {
                    return
                }
            default: // a number, true, false or null
                if found(currentPath(), line) { return }
                while i + 1 < bytes.count, ![0x2C, 0x7D, 0x5D, 0x20, 0x09, 0x0A, 0x0D].contains(bytes[i + 1]) { i += 1 }
            }
            i += 1
        }
    }

    /// A quoted JSON string with escapes, decoded.
    private static func unescaped(_ quoted: [UInt8]) -> String {
        var out = ""
        var i = 1
        while i < quoted.count - 1 {
            if quoted[i] == 0x5C, i + 1 < quoted.count - 1 {
                let e = quoted[i + 1]
                switch e {
                case 0x6E: out += "\n"
                case 0x74: out += "\t"
                case 0x72: out += "\r"
                case 0x62: out += "\u{8}"
                case 0x66: out += "\u{C}"
                case 0x75 where i + 5 < quoted.count:
                    let hex = String(decoding: quoted[(i + 2)...(i + 5)], as: UTF8.self)
                    if let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) { out.unicodeScalars.append(scalar) }
                    i += 4
                default: out.unicodeScalars.append(Unicode.Scalar(e))
                }
                i += 2
            } else {
                // Copy a run of plain bytes at once, so multi-byte characters stay whole.
                let start = i
                while i < quoted.count - 1, quoted[i] != 0x5C { i += 1 }
                out += String(decoding: quoted[start..<i], as: UTF8.self)
            }
        }
        return out
    }
}
