import Foundation

/// A calendar day (proleptic Gregorian calendar, no time or time zone), written `YYYY-MM-DD`.
///
/// Always a real date: `2021-02-30` cannot be made. Encodes and decodes as the string
/// `"YYYY-MM-DD"`, which is also how rule scripts see it (so string comparison orders days).
public struct Day: TextCodable, Hashable, Comparable, Sendable {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1 (January) ... 12 (December).
    public let month: Int
    /// The day of the month, 1...31 (as the month allows).
    public let day: Int

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ]

    /// Whether `year` is a leap year in the Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in the given month (1...12) of the given year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day `year-month-day`; throws a `ValueError` if no such date exists.
    public init(year: Int, month: Int, day: Int) throws {
        let text = Day.render(year, month, day)
        guard (1...9999).contains(year) else {
            throw ValueError("\(text) is not a usable date (the year must be 0001 to 9999)")
        }
        guard (1...12).contains(month) else {
            throw ValueError("\(text) is not a real date (there is no month \(month))")
        }
        let length = Day.daysInMonth(year: year, month: month)
        guard (1...length).contains(day) else {
            throw ValueError(
                "\(text) is not a real date (\(Day.monthNames[month - 1]) \(year) has \(length) days)")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD` exactly (four-digit year, two-digit month and day). Throws a
    /// `ValueError` naming the text if it is not in that form or is not a real date.
    public init(parsing text: String) throws {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let b = bytes[i]
                guard b >= 0x30, b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10)
        else {
            throw ValueError("expected a date as YYYY-MM-DD, got \(text.quotedForMessage)")
        }
        try self.init(year: y, month: m, day: d)
    }

    private static func render(_ year: Int, _ month: Int, _ day: Int) -> String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `YYYY-MM-DD`.
    public var description: String { Day.render(year, month, day) }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension Day {
    /// An ordinary day for probe businesses (2019-06-01).
    static let probe = Day(valid: 2019, 6, 1)
    /// An early day for boundary probes (2000-01-01).
    static let epoch = Day(valid: 2000, 1, 1)

    /// A day known to exist (for constants written in code).
    private init(valid year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}
