/// How a value written by a person becomes a typed fact: one rule per type, the same in YAML,
/// JSON, CSV, `eligible check --set` and the interview.
///
/// - yes/no: `yes`, `no`, `true`, `false` (any case; YAML and JSON booleans too).
/// - whole number: digits, optionally grouped by commas (`1,200`); a `.0` ending is allowed.
/// - decimal: digits with an optional fraction (`24.5`, `1,234.5`).
/// - money: **pounds**, always: `12000`, `12000.50`, `"£12,000"`, `"12,000"`. A number is never
///   pence; at most two decimal places; never negative; at most `Money.maximumInFile`.
/// - day: `2021-06-30`. minute: `2021-06-30T17:00` (or a space for the `T`; a date alone is 00:00).
/// - text: anything. one of: a listed value (any case).
/// - `does not apply` (any case) is the answer "does not apply" for any fact.
public enum ScalarReading {
    /// The words that answer "does not apply".
    public static func isNotApplicable(_ text: String) -> Bool {
        let lower = text.trimmedBlanks.lowercased()
        return lower == "does not apply" || lower == "n/a"
    }

    /// The value of `text` as a fact of `type` (a scalar type: not a list or record), or a
    /// message saying what is wrong and what to write instead.
    public static func read(_ text: String, as type: FactType, range: ClosedRange<Double>? = nil) -> Result<FactValue, ValueError> {
        let text = text.trimmedBlanks
        do {
            switch type {
            case .yesNo:
                switch text.lowercased() {
                case "yes", "true", "y": return .success(.boolean(true))
                case "no", "false", "n": return .success(.boolean(false))
                default: throw ValueError("expected yes or no, got \(text.quotedForMessage)")
                }
            case .wholeNumber:
                let value = try plainDigits(text) ?? wholeNumber(text)
                try check(Double(value), text, range)
                return .success(.integer(value))
            case .decimal:
                let value = try decimal(text)
                try check(value, text, range)
                return .success(.decimal(value))
            case .money:
                let money = try plainDigits(text).map { Money(pence: $0 * 100) } ?? Money(parsing: text)
                guard money <= Money.maximumInFile else { throw ValueError(Money.tooLarge(text.quotedForMessage)) }
                return .success(.money(money))
            case .day:
                return .success(.day(try Day(parsing: text)))
            case .minute:
                return .success(.minute(try AsOf(parsing: text)))
            case .text:
                return .success(.text(text))
            case .oneOf(let list):
                guard let value = list.value(matching: text) else {
                    throw ValueError("expected one of \(list.valueNames.joined(separator: ", ")), got \(text.quotedForMessage)"
                        + Suggestion.didYouMean(text, among: list.valueNames))
                }
                return .success(.text(value))
            case .textList, .severalOf, .record, .records:
                throw ValueError("expected \(type.expectation), got \(text.quotedForMessage)")
            }
        } catch let error as ValueError {
            return .failure(error)
        } catch {
            return .failure(ValueError("\(error)"))
        }
    }

    /// The number `text` writes when it is only ASCII digits (at most 15 of them), the common
    /// case, read without the general rules; nil for anything else.
    static func plainDigits(_ text: String) -> Int? {
        var value = 0
        var count = 0
        for byte in text.utf8 {
            guard byte >= 0x30, byte <= 0x39, count < 15 else { return nil }
            value = value * 10 + Int(byte &- 0x30)
            count += 1
        }
        return count == 0 ? nil : value
    }

    /// Digits grouped by commas in threes, or plain digits; the number they make.
    private static func digits(_ text: Substring, _ original: String, _ what: String) throws -> Int {
        guard !text.isEmpty else { throw ValueError("expected \(what), got \(original.quotedForMessage)") }
        if text.utf8.contains(UInt8(ascii: ",")) {
            let groups = text.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                throw ValueError("commas must separate groups of three digits, got \(original.quotedForMessage)")
            }
        }
        let plain = text.filter { $0 != "," }
        guard plain.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ValueError("expected \(what), got \(original.quotedForMessage)"
                + (plain.wholeMatch(of: /[0-9]+(\.[0-9]*)?[eE][+-]?[0-9]+/) != nil ? " (write it without an exponent)" : ""))
        }
        guard let value = Int(plain) else { throw ValueError("\(original.quotedForMessage) is too large") }
        return value
    }

    static func wholeNumber(_ text: String) throws -> Int {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        if let dot = body.firstIndex(of: ".") {
            guard body[body.index(after: dot)...].allSatisfy({ $0 == "0" }) else {
                throw ValueError("expected a whole number, got \(text.quotedForMessage)")
            }
            body = body[..<dot]
        }
        let value = try digits(body, text, "a whole number")
        return negative ? -value : value
    }

    static func decimal(_ text: String) throws -> Double {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = try digits(parts[0], text, "a number")
        var fraction = 0.0
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw ValueError("expected a number, got \(text.quotedForMessage)")
            }
            fraction = Double("0." + parts[1]) ?? 0
        }
        let value = Double(whole) + fraction
        return negative ? -value : value
    }

    private static func check(_ value: Double, _ text: String, _ range: ClosedRange<Double>?) throws {
        guard let range, !range.contains(value) else { return }
        if value < 0 && range.lowerBound >= 0 { throw ValueError("must not be negative, got \(text)") }
        throw ValueError("must be \(RangeText.describe(range)), got \(text)")
    }
}
