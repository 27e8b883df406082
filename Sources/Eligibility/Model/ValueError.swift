import Foundation

/// A value that could not be read as the type it should be (a money amount, a day, an as-of
/// instant). `message` is a plain-English sentence naming the bad value, e.g.
/// `2021-02-30 is not a real date (February 2021 has 28 days)`.
public struct ValueError: Error, CustomStringConvertible, Hashable, Sendable {
    /// What is wrong, in plain English.
    public let message: String

    /// Creates an error with the given message.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// A value written in files as text it parses itself: a day "2021-02-26", an as-of instant
/// "2021-02-26T17:00". Its `Codable` form is that text; a parse error is a decoding error.
public protocol TextCodable: Codable, CustomStringConvertible {
    /// Parses the text form, throwing a `ValueError` that names what is wrong.
    init(parsing text: String) throws
}

extension TextCodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch let error as ValueError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension String {
    /// The string quoted for an error message: `"abc"` with `"` and `\` escaped and control
    /// characters shown as escapes, cut short if very long.
    var quotedForMessage: String {
        var body = ""
        for scalar in unicodeScalars.prefix(80) {
            switch scalar {
            case "\"": body += "\\\""
            case "\\": body += "\\\\"
            case "\n": body += "\\n"
            case "\r": body += "\\r"
            case "\t": body += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    body += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    body.unicodeScalars.append(scalar)
                }
            }
        }
        if unicodeScalars.count > 80 { body += "..." }
        return "\"\(body)\""
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs: the trim every value a person
    /// writes gets (cheap: most values have none, and then the text itself is returned).
    var trimmedBlanks: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return "" }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return self }
        guard let start = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
              let end = utf8.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        return String(self[start...end])
    }
}
