import Foundation

/// The JSON Schema (draft 2020-12) of a business file, generated from `FactSchema`, for
/// integrators who produce business files. Every node is a `$defs` entry; unknown keys are
/// refused (`additionalProperties: false`), as `BusinessFile` refuses them; money is integer
/// pence or a pounds string; days are `YYYY-MM-DD` strings; `null` is allowed wherever a fact is
/// optional (it means unknown).
public enum JSONSchema {
    /// The `$id` of the schema.
    public static let id = "https://eligible.example/schema/business.json"

    /// The schema as a JSON document (sorted keys, two-space indentation, trailing newline).
    public static func document() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try! encoder.encode(schema())
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The schema as a JSON value.
    public static func schema() -> JSONValue {
        var defs = [String: JSONValue]()
        for node in FactSchema.nodeOrder {
            defs[node] = object(node)
        }
        defs["Money"] = .object([
            "description": .string("An amount of money: integer pence (300000 is £3,000.00), or a string in pounds such as \"£3,000.00\", \"£250\" or \"3000.50\"."),
            "oneOf": .array([
                .object(["type": .string("integer"), "minimum": .int(0), "maximum": .int(Money.maximumInFile.pence)]),
                .object(["type": .string("string"), "pattern": .string(#"^\s*\+?£?(\d{1,3}(,\d{3})*|\d+)(\.\d{1,2})?\s*$"#)]),
            ]),
        ])
        defs["Day"] = .object([
            "description": .string("A calendar day, \"YYYY-MM-DD\"."),
            "type": .string("string"),
            "format": .string("date"),
            "pattern": .string(#"^\d{4}-\d{2}-\d{2}$"#),
        ])
        var root: [String: JSONValue] = [
            "$schema": .string("https://json-schema.org/draft/2020-12/schema"),
            "$id": .string(id),
            "title": .string("Business"),
            "$ref": .string("#/$defs/Business"),
            "$defs": .object(defs),
        ]
        root["description"] = .string("A business file for `eligible check`: " + (FactSchema.nodeDocs[FactSchema.root] ?? ""))
        return .object(root)
    }

    private static func object(_ node: String) -> JSONValue {
        var properties = [String: JSONValue]()
        var required = [JSONValue]()
        for field in FactSchema.fields(of: node) {
            var property = type(field.type)
            if case .object(var members) = property {
                members["description"] = .string(field.doc)
                if let range = field.range {  // the same bounds BusinessFile enforces
                    members["minimum"] = .int(Int(range.lowerBound))
                    members["maximum"] = .int(Int(range.upperBound))
                }
                property = .object(members)
            }
            if field.required {
                required.append(.string(field.name))
                properties[field.name] = property
            } else {
                properties[field.name] = .object(["anyOf": .array([property, .object(["type": .string("null")])]),
                                                  "description": .string(field.doc)])
            }
        }
        var result: [String: JSONValue] = [
            "type": .string("object"),
            "description": .string(FactSchema.nodeDocs[node] ?? node),
            "properties": .object(properties),
            "additionalProperties": .bool(false),
        ]
        if !required.isEmpty { result["required"] = .array(required) }
        return .object(result)
    }

    private static func type(_ type: FactType) -> JSONValue {
        switch type {
        case .integer: return .object(["type": .string("integer")])
        case .number: return .object(["type": .string("number")])
        case .string: return .object(["type": .string("string")])
        case .boolean: return .object(["type": .string("boolean")])
        case .money: return .object(["$ref": .string("#/$defs/Money")])
        case .day: return .object(["$ref": .string("#/$defs/Day")])
        case .enumeration(_, let cases): return .object(["type": .string("string"), "enum": .array(cases.map { .string($0) })])
        case .node(let name): return .object(["$ref": .string("#/$defs/\(name)")])
        case .list(let element): return .object(["type": .string("array"), "items": self.type(element)])
        }
    }
}

/// A JSON value, for generated documents.
public indirect enum JSONValue: Encodable, Hashable, Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .int(let i): try container.encode(i)
        case .bool(let b): try container.encode(b)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}
