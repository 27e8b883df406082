import Foundation

/// A parsed but not yet validated document, in one shape whatever it was read from: YAML
/// (composed by Yams, keeping the line each value starts on so errors can point at it) or a
/// Foundation object tree (JSON read by `JSONSerialization`, or a business given inline; no
/// lines).
struct RawNode {
    enum Value {
        case object([RawMember])
        case array([RawNode])
        case string(String)
        /// A number as text: as written for YAML; for an `NSNumber`, its integer digits or, for a
        /// floating-point value, Swift's rendering of the `Double` (`2.5`, `100.0`, `1e+20`), so
        /// an integer and a real that happens to be whole stay distinguishable.
        case number(String)
        case bool(Bool)
        case null
    }

    var value: Value
    /// 1-based line, when known.
    var line: Int?
    /// For an unquoted YAML scalar, its text: such a scalar is accepted where a string is
    /// expected (`postcode: 12345`, `sicCodes: [49320]`), because YAML users do not quote.
    var plainText: String? = nil

    /// How an error message names this value: `a string ("abc")`, `2.5`, `true`, `an object`.
    var gotDescription: String {
        switch value {
        case .object: return "an object"
        case .array: return "a list"
        case .string(let s): return "a string (\(s.quotedForMessage))"
        case .number(let n): return "a number (\(n))"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}

/// One `key: value` of an object, with the line of the key.
struct RawMember {
    var key: String
    var value: RawNode
    var line: Int?
}

extension RawNode {
    /// Converts a Foundation object tree (from `JSONSerialization.jsonObject` or `Yams.load`)
    /// to a raw tree without line numbers. `NSNumber`s are told apart by `objCType`, which works
    /// on Linux too (`CFNumberIsFloatType` is missing there, and `is Bool` is
    /// true for any number that is 0 or 1): "c" (or "B") is a boolean, "d" or "f" a
    /// floating-point number, anything else an integer. Object keys are visited in sorted order so errors
    /// are reported deterministically.
    init(object: Any) {
        switch object {
        case let s as String:
            self.init(value: .string(s), line: nil)
        case let d as [String: Any]:
            self.init(value: .object(d.keys.sorted().map { RawMember(key: $0, value: RawNode(object: d[$0]!), line: nil) }), line: nil)
        case let d as [AnyHashable: Any]:
            let pairs = d.map { (key: "\($0.key.base)", value: $0.value) }.sorted { $0.key < $1.key }
            self.init(value: .object(pairs.map { RawMember(key: $0.key, value: RawNode(object: $0.value), line: nil) }), line: nil)
        case let a as [Any]:
            self.init(value: .array(a.map { RawNode(object: $0) }), line: nil)
        case is NSNull:
            self.init(value: .null, line: nil)
        case let date as Date:
            // Yams.load turns an unquoted YAML date into a Date at midnight UTC.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: 0)!
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            let text = (try? Day(year: c.year!, month: c.month!, day: c.day!))?.description ?? "\(date)"
            self.init(value: .string(text), line: nil)
        case let n as NSNumber:
            let kind = String(cString: n.objCType)
            if kind == "c" || kind == "B" {
                self.init(value: .bool(n.boolValue), line: nil)
            } else if kind == "d" || kind == "f" {
                let d = n.doubleValue
                self.init(value: d.isFinite ? .number("\(d)") : .string("\(d)"), line: nil)
            } else {
                self.init(value: .number(n.stringValue), line: nil)
            }
        default:
            self.init(value: .string("\(object)"), line: nil)
        }
    }
}
