import Foundation

/// The JSON Schema (draft 2020-12) of a business file, generated from the fact vocabulary, for
/// integrators who produce business files. Every record is a `$defs` entry; unknown keys are
/// refused (`additionalProperties: false`), as `BusinessFile` refuses them; money is pounds (a
/// number with at most two decimals, or text such as "£3,000.00"); days are `YYYY-MM-DD`
/// strings; numbers carry the ranges the vocabulary declares; a dated fact takes one value or
/// its history; `null` (unknown) and "does not apply" are allowed for every fact that is not
/// required.
public enum JSONSchema {
    /// The `$id` of the schema.
    public static let id = "https://eligible.example/schema/business.json"

    /// The schema as a JSON document (sorted keys, two-space indentation, trailing newline).
    public static func document(_ vocabulary: Vocabulary) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // A tree of strings, numbers and booleans always encodes.
        let data = (try? encoder.encode(schema(vocabulary))) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The schema as a JSON value.
    public static func schema(_ vocabulary: Vocabulary) -> JSONValue {
        var defs = [String: JSONValue]()
        func add(_ record: RecordType) {
            defs[record.typeName] = object(record)
            for fact in record.facts { if let child = fact.type.recordType { add(child) } }
        }
        add(vocabulary.root)
        defs["Money"] = .object([
            "description": .string("An amount in pounds: a number with at most two decimal places (12000, 12000.5), or text such as \"£12,000\" or \"12,000.50\". Never pence."),
            "oneOf": .array([
                .object(["type": .string("number"), "minimum": .int(0), "maximum": .int(Money.maximumInFile.pence / 100), "multipleOf": .number(0.01)]),
                .object(["type": .string("string"), "pattern": .string(#"^\s*\+?£?(\d{1,3}(,\d{3})*|\d+)(\.\d{1,2})?\s*$"#)]),
            ]),
        ])
        defs["Day"] = .object([
            "description": .string("A calendar day, \"YYYY-MM-DD\"."),
            "type": .string("string"), "format": .string("date"), "pattern": .string(#"^\d{4}-\d{2}-\d{2}$"#),
        ])
        defs["Minute"] = .object([
            "description": .string("A day and time to the minute, UK local time: \"YYYY-MM-DDTHH:MM\"."),
            "type": .string("string"), "pattern": .string(#"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2})?$"#),
        ])
        defs["DoesNotApply"] = .object([
            "description": .string("The answer \"does not apply\" (which is not \"unknown\")."),
            "type": .string("string"), "pattern": .string("^\\s*([Dd][Oo][Ee][Ss] [Nn][Oo][Tt] [Aa][Pp][Pp][Ll][Yy]|[Nn]/[Aa])\\s*$"),
        ])
        return .object([
            "$schema": .string("https://json-schema.org/draft/2020-12/schema"),
            "$id": .string(id),
            "title": .string("Business"),
            "description": .string("A business file for `eligible check`: " + vocabulary.root.meaning),
            "$ref": .string("#/$defs/Business"),
            "$defs": .object(defs),
        ])
    }

    private static func object(_ record: RecordType) -> JSONValue {
        var properties = [String: JSONValue]()
        var required = [JSONValue]()
        for fact in record.facts {
            var property = type(fact.type)
            if let range = fact.range, case .object(var members) = property {
                if range.lowerBound > -Double.greatestFiniteMagnitude { members["minimum"] = .number(range.lowerBound) }
                if range.upperBound < Double.greatestFiniteMagnitude { members["maximum"] = .number(range.upperBound) }
                property = .object(members)
            }
            if fact.dated {
                let entry = JSONValue.object([
                    "type": .string("object"), "additionalProperties": .bool(false), "required": .array([.string("from"), .string("value")]),
                    "properties": .object(["from": .object(["$ref": .string("#/$defs/Day")]),
                                           "value": .object(["anyOf": .array([property, .object(["$ref": .string("#/$defs/DoesNotApply")])])])]),
                ])
                property = .object(["anyOf": .array([property, .object(["type": .string("array"), "items": entry, "minItems": .int(1)])])])
            }
            let description = JSONValue.string(fact.meaningWithUnit + (fact.dated ? " (dated: one value, or its history)" : ""))
            if fact.required {
                required.append(.string(fact.name))
                if case .object(var members) = property { members["description"] = description; property = .object(members) }
                properties[fact.name] = property
            } else {
                properties[fact.name] = .object([
                    "anyOf": .array([property, .object(["$ref": .string("#/$defs/DoesNotApply")]), .object(["type": .string("null")])]),
                    "description": description,
                ])
            }
        }
        var result: [String: JSONValue] = [
            "type": .string("object"), "description": .string(record.meaning),
            "properties": .object(properties), "additionalProperties": .bool(false),
        ]
        if !required.isEmpty { result["required"] = .array(required) }
        return .object(result)
    }

    private static func type(_ type: FactType) -> JSONValue {
        switch type {
        case .yesNo: return .object(["type": .string("boolean")])
        case .wholeNumber: return .object(["type": .string("integer")])
        case .decimal: return .object(["type": .string("number")])
        case .money: return .object(["$ref": .string("#/$defs/Money")])
        case .day: return .object(["$ref": .string("#/$defs/Day")])
        case .minute: return .object(["$ref": .string("#/$defs/Minute")])
        case .text: return .object(["type": .string("string")])
        case .oneOf(let list): return .object(["type": .string("string"), "enum": .array(list.valueNames.map { .string($0) })])
        case .textList, .severalOf, .records:
            return .object(["type": .string("array"), "items": self.type(type.itemType ?? .text)])
        case .record(let record): return .object(["$ref": .string("#/$defs/\(record.typeName)")])
        }
    }
}

/// A JSON value, for generated documents.
public indirect enum JSONValue: Encodable, Hashable, Sendable {
    case string(String)
    case int(Int)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .int(let i): try container.encode(i)
        case .number(let d): if d == d.rounded(), abs(d) < 1e15 { try container.encode(Int(d)) } else { try container.encode(d) }
        case .bool(let b): try container.encode(b)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}
