import Foundation
import Yams

/// Business facts written back out as a business file would hold them: money in pounds, days
/// and minutes as text, `does not apply` for that answer, a dated fact as its history. Reading
/// the result back (with this or another vocabulary) gives the same facts.
extension BusinessFacts {
    /// The facts as a document tree, facts in the vocabulary's order, unknown ones left out.
    var document: RawNode { Self.node(.record(record), type: .record(record.type), dated: false) }

    private static func node(_ value: FactValue, type: FactType, dated: Bool) -> RawNode {
        switch value {
        case .boolean(let b): return RawNode(value: .bool(b), line: nil, plainText: b ? "yes" : "no")
        case .integer(let i): return RawNode(value: .number(String(i)), line: nil)
        case .decimal(let d): return RawNode(value: .number(RangeText.show(d)), line: nil)
        case .money(let m): return RawNode(value: .number(m.poundsText), line: nil)
        case .day(let d): return RawNode(value: .string(d.description), line: nil)
        case .minute(let m): return RawNode(value: .string(m.luaString), line: nil)
        case .text(let s): return RawNode(value: .string(s), line: nil)
        case .notApplicable: return RawNode(value: .string("does not apply"), line: nil)
        case .list(let items):
            return RawNode(value: .array(items.map { node($0, type: type.itemType ?? .text, dated: false) }), line: nil)
        case .history(let entries):
            if entries.count == 1, entries[0].from == nil { return node(entries[0].value, type: type, dated: false) }
            return RawNode(value: .array(entries.map { entry in
                RawNode(value: .object([
                    RawMember(key: "from", value: RawNode(value: entry.from.map { .string($0.description) } ?? .null, line: nil), line: nil),
                    RawMember(key: "value", value: node(entry.value, type: type, dated: false), line: nil),
                ]), line: nil)
            }), line: nil)
        case .record(let r):
            var members = [RawMember]()
            for (i, fact) in r.type.facts.enumerated() {
                guard let v = r.values[i] else { continue }
                members.append(RawMember(key: fact.name, value: node(v, type: fact.type, dated: fact.dated), line: nil))
            }
            return RawNode(value: .object(members), line: nil)
        }
    }

    /// The facts as a YAML business file.
    public func yamlText() -> String {
        (try? Yams.serialize(node: Self.yamlNode(document), lineBreak: .ln, sortKeys: false)) ?? "{}\n"
    }

    /// The facts as a JSON business file (keys in the vocabulary's order are not kept: sorted).
    public func jsonText() -> String {
        let object = Self.foundation(document)
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func yamlNode(_ raw: RawNode) -> Node {
        switch raw.value {
        case .object(let members): return .mapping(.init(members.map { (Node($0.key), yamlNode($0.value)) }))
        case .array(let items): return .sequence(.init(items.map(yamlNode)))
        case .string(let s):
            // Quote text a YAML reader would take for another type.
            let plain = !s.isEmpty && !BusinessFile.isNumber(s) && !["yes", "no", "true", "false", "null", "~", "on", "off"].contains(s.lowercased())
                && s.unicodeScalars.allSatisfy { $0.value >= 0x20 } && !s.contains(": ") && !s.hasPrefix(" ") && !s.hasSuffix(" ")
            return .scalar(.init(s, .implicit, plain ? .plain : .doubleQuoted))
        case .number(let n): return .scalar(.init(n, .implicit, .plain))
        case .bool(let b): return .scalar(.init(b ? "yes" : "no", .implicit, .plain))
        case .null: return .scalar(.init("null", .implicit, .plain))
        }
    }

    private static func foundation(_ raw: RawNode) -> Any {
        switch raw.value {
        case .object(let members): return Dictionary(members.map { ($0.key, foundation($0.value)) }, uniquingKeysWith: { a, _ in a })
        case .array(let items): return items.map(foundation)
        case .string(let s): return s
        case .number(let n): return Decimal(string: n) ?? n
        case .bool(let b): return b
        case .null: return NSNull()
        }
    }
}

extension Money {
    /// The amount in pounds as a plain number: `12000`, `12000.5` written `12000.50`, `0.05`.
    public var poundsText: String {
        let pounds = pence / 100, rest = pence % 100
        return rest == 0 ? String(pounds) : String(format: "%d.%02d", pounds, rest)
    }
}
