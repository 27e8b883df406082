import Foundation

/// An amount of money in pounds sterling, held exactly as a whole number of pence.
///
/// In a business file a JSON/YAML *integer* is pence (`300000` is £3,000.00), and a *string*
/// is pounds, written as a person would: `"£3,000.00"`, `"£250"`, `"3000.50"`, `"£1,250.5"`
/// (the `£` and the thousands commas are optional; at most two decimal places). Money always
/// encodes as integer pence, which is also how rule scripts see it (a Lua integer).
///
/// Negative amounts are rejected: every money fact in the model (turnover, prices, costs,
/// subsidies, wages) is a size, never a debt, so a minus sign is almost certainly a mistake.
public struct Money: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in pence (1/100 of a pound). Never negative when read from a file.
    public var pence: Int

    /// An amount of the given number of pence.
    public init(pence: Int) { self.pence = pence }

    /// An amount of the given number of whole pounds: `Money.pounds(3000)` is £3,000.00.
    public static func pounds(_ pounds: Int) -> Money { Money(pence: pounds * 100) }

    /// Nothing: £0.00.
    public static let zero = Money(pence: 0)

    /// The largest amount a business file may give: £1 trillion. Far beyond any real fact, it
    /// keeps sums in rule scripts (e.g. of 90,000 prior subsidies) clear of integer overflow.
    public static let maximumInFile = Money(pence: 100_000_000_000_000)

    /// The amount as a person writes it: `£3,000.00`, `£0.05`, `-£12.00`.
    public var formatted: String {
        let magnitude = pence.magnitude
        let pounds = magnitude / 100
        let rest = magnitude % 100
        var digits = String(pounds)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        let penceText = rest < 10 ? "0\(rest)" : "\(rest)"
        return (pence < 0 ? "-" : "") + "£" + grouped + "." + penceText
    }

    public var description: String { formatted }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.pence < rhs.pence }

    public static func + (lhs: Money, rhs: Money) -> Money { Money(pence: lhs.pence + rhs.pence) }

    /// The pence of an amount in the common form, read byte by byte: an optional `£`, up to 15
    /// digits (plain, or grouped by commas in threes), then optionally `.` and one or two
    /// digits. Nil for anything else, which the general rules below read or explain.
    static func penceOfPlainAmount(_ text: String) -> Int? {
        var pounds = 0, digits = 0, group = -1, fraction = -1, fractionDigits = 0
        var bytes = text.utf8[...]
        if bytes.starts(with: [0xC2, 0xA3]) { bytes = bytes.dropFirst(2) }   // £
        for byte in bytes {
            switch byte {
            case 0x30...0x39 where fraction >= 0:
                guard fractionDigits < 2 else { return nil }
                fraction = fraction * 10 + Int(byte &- 0x30)
                fractionDigits += 1
            case 0x30...0x39:
                guard digits < 15 else { return nil }
                pounds = pounds * 10 + Int(byte &- 0x30)
                digits += 1
                if group >= 0 { group += 1 }
            case UInt8(ascii: ",") where fraction < 0:
                // The first group has 1 to 3 digits, every later one exactly 3.
                guard group == -1 ? (1...3).contains(digits) : group == 3 else { return nil }
                group = 0
            case UInt8(ascii: ".") where fraction < 0 && digits > 0:
                fraction = 0
            default:
                return nil
            }
        }
        guard digits > 0, group == -1 || group == 3, fraction < 0 || fractionDigits > 0 else { return nil }
        let pence = fraction < 0 ? 0 : (fractionDigits == 1 ? fraction * 10 : fraction)
        return pounds * 100 + pence
    }

    /// Reads an amount written in pounds, e.g. `"£3,000.00"`, `"£250"`, `"3000.50"`.
    /// Throws a `ValueError` naming the text for anything else: a missing amount, stray
    /// characters, misplaced commas, fractions of a penny, a negative amount, or an amount too
    /// large to hold.
    public init(parsing text: String) throws {
        if let pence = Money.penceOfPlainAmount(text) {
            self.pence = pence
            return
        }
        let original = text
        var s = Substring(text.trimmedBlanks)
        func fail(_ why: String) -> ValueError {
            ValueError("expected an amount of money like \"£3,000.00\", got \(original.quotedForMessage) (\(why))")
        }
        if s.hasPrefix("-") || s.hasPrefix("£-") || s.hasPrefix("−") {
            throw ValueError("negative amounts are not allowed, got \(original.quotedForMessage)")
        }
        if s.hasPrefix("+") { s = s.dropFirst() }
        if s.hasPrefix("£") { s = s.dropFirst() }
        guard !s.isEmpty else { throw fail("no amount") }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : nil
        guard !whole.isEmpty else { throw fail("no pounds before the decimal point") }
        guard whole.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ",") }) else {
            throw fail("only digits, commas and one decimal point may follow the £")
        }
        if whole.contains(",") {
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            let first = groups[0]
            guard (1...3).contains(first.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                throw fail("commas must separate groups of three digits")
            }
        }
        var penceOfFraction = 0
        if let fraction {
            guard !fraction.isEmpty else { throw fail("no digits after the decimal point") }
            guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw fail("only digits may follow the decimal point")
            }
            guard fraction.count <= 2 else { throw fail("fractions of a penny are not allowed") }
            penceOfFraction = Int(fraction)! * (fraction.count == 1 ? 10 : 1)
        }
        let wholeDigits = whole.filter { $0 != "," }
        guard let pounds = Int(wholeDigits) else { throw fail("too large") }
        let (scaled, overflow1) = pounds.multipliedReportingOverflow(by: 100)
        let (total, overflow2) = scaled.addingReportingOverflow(penceOfFraction)
        guard !overflow1, !overflow2 else { throw fail("too large") }
        self.pence = total
    }

    /// The message for an amount over `maximumInFile`, naming it as given.
    static func tooLarge(_ given: String) -> String {
        "the amount is too large (at most \(maximumInFile.formatted)), got \(given)"
    }

    /// Decodes integer pence, or a string in pounds (see the type's documentation); at most
    /// `maximumInFile`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let pence = try? container.decode(Int.self) {
            guard pence >= 0 else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "negative amounts are not allowed, got \(pence) pence")
            }
            guard pence <= Money.maximumInFile.pence else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: Money.tooLarge("\(pence) pence"))
            }
            self.init(pence: pence)
            return
        }
        if let text = try? container.decode(String.self) {
            do {
                try self.init(parsing: text)
            } catch let error as ValueError {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
            }
            guard self <= Money.maximumInFile else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: Money.tooLarge(text.quotedForMessage))
            }
            return
        }
        throw DecodingError.dataCorruptedError(
            in: container,
            debugDescription: "expected an amount of money: integer pence, or a string like \"£3,000.00\"")
    }

    /// Encodes as integer pence.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(pence)
    }
}
