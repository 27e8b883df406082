import Foundation

/// Checks a raw document against `FactSchema` and turns it into plain JSON values ready for
/// `JSONDecoder`: money as integer pence, days as "YYYY-MM-DD", nulls dropped (null means the
/// same as absent: unknown). Every problem becomes an `InputError` with the fact's path.
struct FactValidator {
    /// The file name used in errors.
    var file: String
    /// A path prefix for a business embedded in a larger document (e.g. "cases[2].business").
    var pathPrefix: String = ""

    /// Validates the root (a Business object) and returns the normalized JSON object.
    func normalizeRoot(_ node: RawNode) throws(InputError) -> [String: Any] {
        guard case .object = node.value else {
            throw InputError(file: file, line: node.line, path: pathPrefix,
                             message: "expected an object with the business's facts, got \(node.gotDescription)")
        }
        return try normalizeObject(node, as: FactSchema.root, path: pathPrefix)
    }

    private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    private func normalizeObject(_ node: RawNode, as nodeName: String, path: String) throws(InputError) -> [String: Any] {
        guard case .object(let members) = node.value else {
            throw InputError(file: file, line: node.line, path: path,
                             message: "expected an object (\(nodeName)), got \(node.gotDescription)")
        }
        let fields = FactSchema.fields(of: nodeName)
        // Parsers report (YAML) or collapse (JSON) repeated keys, but an inline object tree may
        // still repeat one once its keys are made strings (`1` and `"1"` in a YAML mapping).
        var seen: Set<String> = []
        var out: [String: Any] = [:]
        for member in members {
            let fieldPath = join(path, member.key)
            guard seen.insert(member.key).inserted else {
                throw InputError(file: file, line: member.line ?? member.value.line, path: fieldPath,
                                 message: "field '\(member.key)' is given more than once")
            }
            guard let field = fields.first(where: { $0.name == member.key }) else {
                let place = path.isEmpty ? "business" : "\(path) (\(nodeName))"
                var message = "unknown field '\(member.key)' in \(place)"
                if let guess = Self.suggestion(for: member.key, among: fields.map(\.name)) {
                    message += "; did you mean '\(guess)'?"
                } else {
                    message += "; known fields are " + fields.map(\.name).joined(separator: ", ")
                }
                throw InputError(file: file, line: member.line ?? member.value.line, path: fieldPath, message: message)
            }
            if let value = try normalize(member.value, as: field.type, range: field.range, path: fieldPath) {
                out[member.key] = value
            }
        }
        for field in fields where field.required && out[field.name] == nil {
            throw InputError(file: file, line: node.line, path: join(path, field.name),
                             message: "missing required field '\(field.name)' (\(field.type.expectation))")
        }
        return out
    }

    /// The normalized value, or nil for null (absent).
    private func normalize(_ node: RawNode, as type: FactType, range: ClosedRange<Double>? = nil,
                           path: String) throws(InputError) -> Any? {
        if case .null = node.value { return nil }
        func fail(_ message: String) -> InputError {
            InputError(file: file, line: node.line, path: path, message: message)
        }
        func mismatch() -> InputError {
            fail("expected \(type.expectation), got \(node.gotDescription)")
        }
        /// The node's text if it may stand for a string: a string, or an unquoted YAML scalar.
        var text: String? {
            if case .string(let s) = node.value { return s }
            return node.plainText
        }

        /// `value` if it is in the field's range; otherwise an error saying what is allowed.
        func checked<N: Numeric & Comparable>(_ value: N, _ asDouble: Double, _ text: String) throws(InputError) -> N {
            guard let range, !range.contains(asDouble) else { return value }
            if asDouble < 0 && range.lowerBound >= 0 { throw fail("must not be negative, got \(text)") }
            func show(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)" }
            throw fail("must be from \(show(range.lowerBound)) to \(show(range.upperBound)), got \(text)")
        }

        switch type {
        case .integer:
            guard case .number(let n) = node.value else { throw mismatch() }
            if let i = Int(n) { return try checked(i, Double(i), n) }
            if let d = Double(n), d.isFinite, d == d.rounded(), abs(d) < 9.0e15 { return try checked(Int(d), d, n) }
            if let d = Double(n), d.isFinite, d == d.rounded() { _ = try checked(0, d, n) }
            throw fail("expected an integer, got \(n)")
        case .number:
            guard case .number(let n) = node.value, let d = Double(n), d.isFinite else { throw mismatch() }
            return try checked(d, d, n)
        case .string:
            guard let s = text else { throw mismatch() }
            return s
        case .boolean:
            if case .bool(let b) = node.value { return b }
            throw mismatch()
        case .money:
            if case .number(let n) = node.value {
                if n.hasPrefix("-") {
                    throw fail("negative amounts are not allowed, got \(n)")
                }
                let pence: Int? = Int(n) ?? Double(n).flatMap { $0.isFinite && $0 == $0.rounded() && $0 < 9.0e15 ? Int($0) : nil }
                if let pence {
                    guard pence <= Money.maximumInFile.pence else { throw fail(Money.tooLarge(n + " pence")) }
                    return pence
                }
                if let d = Double(n), d.isFinite, d >= 9.0e15 { throw fail(Money.tooLarge(n + " pence")) }
                throw fail("expected an amount of money in whole pence, got \(n) (a number is pence; write pounds as a string, e.g. \"£\(n)\")")
            }
            guard case .string(let s) = node.value else { throw mismatch() }
            do {
                let money = try Money(parsing: s)
                guard money <= Money.maximumInFile else { throw fail(Money.tooLarge(s.quotedForMessage)) }
                return money.pence
            } catch let error as InputError {
                throw error
            } catch let error as ValueError {
                throw fail(error.message)
            } catch {
                throw fail("\(error)")
            }
        case .day:
            guard let s = text else { throw mismatch() }
            do {
                return try Day(parsing: s).description
            } catch let error as ValueError {
                throw fail(error.message)
            } catch {
                throw fail("\(error)")
            }
        case .enumeration(_, let cases):
            guard let s = text else { throw mismatch() }
            guard cases.contains(s) else {
                var message = "expected one of \(cases.joined(separator: ", ")), got \(s.quotedForMessage)"
                if let guess = Self.suggestion(for: s, among: cases) { message += "; did you mean '\(guess)'?" }
                throw fail(message)
            }
            return s
        case .node(let name):
            return try normalizeObject(node, as: name, path: path)
        case .list(let element):
            guard case .array(let items) = node.value else { throw mismatch() }
            var out: [Any] = []
            for (i, item) in items.enumerated() {
                let itemPath = "\(path)[\(i)]"
                if case .null = item.value {
                    throw InputError(file: file, line: item.line ?? node.line, path: itemPath,
                                     message: "expected \(element.expectation), got null")
                }
                if let value = try normalize(item, as: element, path: itemPath) { out.append(value) }
            }
            return out
        }
    }

    /// The closest name to a misspelt one (same letters ignoring case, or within a small edit
    /// distance), if any is close enough to be a likely typo.
    static func suggestion(for word: String, among names: [String]) -> String? {
        let lower = word.lowercased()
        if let same = names.first(where: { $0.lowercased() == lower }) { return same }
        var best: (name: String, distance: Int)?
        for name in names {
            let d = editDistance(lower, name.lowercased())
            if d < (best?.distance ?? Int.max) { best = (name, d) }
        }
        guard let best else { return nil }
        let allowed = max(1, min(3, max(word.count, best.name.count) / 3))
        return best.distance <= allowed ? best.name : nil
    }

    /// Edit distance between two strings, by characters: insertions, deletions, substitutions
    /// and swaps of two neighbouring characters each count one (optimal string alignment).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
