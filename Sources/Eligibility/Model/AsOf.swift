import Foundation

/// The instant a question is asked "as of": a calendar day, optionally with a time of day, in
/// UK local time (Europe/London: GMT in winter, BST in summer).
///
/// Written `2021-02-26`, `2021-02-26T16:59` or `2021-02-26 16:59`. A date-only as-of means the
/// start of that day (00:00). Rule scripts see `luaString`, always `YYYY-MM-DDTHH:MM`, so string
/// comparison orders instants. Encodes as the form it was given (`YYYY-MM-DD` when date-only).
public struct AsOf: TextCodable, Hashable, Comparable, Sendable {
    /// A time of day to the minute, in UK local time.
    public struct Time: Hashable, Comparable, Sendable {
        /// The hour, 0...23.
        public let hour: Int
        /// The minute, 0...59.
        public let minute: Int

        /// The time `hour:minute`; throws a `ValueError` if either is out of range.
        public init(hour: Int, minute: Int) throws {
            guard (0...23).contains(hour), (0...59).contains(minute) else {
                throw ValueError("\(hour):\(minute < 10 ? "0" : "")\(minute) is not a time of day (hours 00-23, minutes 00-59)")
            }
            self.hour = hour
            self.minute = minute
        }

        /// Minutes since midnight.
        public var minutesSinceMidnight: Int { hour * 60 + minute }

        /// `HH:MM`.
        public var text: String {
            (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
        }

        public static func < (lhs: Time, rhs: Time) -> Bool {
            lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
        }
    }

    /// The calendar day.
    public let day: Day
    /// The time of day, or nil when only a date was given (meaning 00:00).
    public let time: Time?

    /// The as-of instant `day` at `time` (nil: the start of the day).
    public init(day: Day, time: Time? = nil) {
        self.day = day
        self.time = time
    }

    /// Reads `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DD HH:MM`. Throws a `ValueError`
    /// naming the text otherwise.
    public init(parsing text: String) throws {
        let trimmed = text.trimmedBlanks
        let formError = ValueError("expected YYYY-MM-DD or YYYY-MM-DDTHH:MM, got \(text.quotedForMessage)")
        let scalars = Array(trimmed.unicodeScalars)
        if scalars.count == 10 {
            do { self.init(day: try Day(parsing: trimmed)) } catch { throw Self.refine(error, formError) }
            return
        }
        guard scalars.count == 16, scalars[10] == "T" || scalars[10] == " " || scalars[10] == "t",
              scalars[13] == ":"
        else { throw formError }
        let dayText = String(String.UnicodeScalarView(scalars[0..<10]))
        let hourText = String(String.UnicodeScalarView(scalars[11..<13]))
        let minuteText = String(String.UnicodeScalarView(scalars[14..<16]))
        guard hourText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              minuteText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let hour = Int(hourText), let minute = Int(minuteText)
        else { throw formError }
        let day: Day
        do { day = try Day(parsing: dayText) } catch { throw Self.refine(error, formError) }
        let time: Time
        do { time = try Time(hour: hour, minute: minute) } catch {
            throw ValueError("\(text.quotedForMessage) has no such time of day (hours 00-23, minutes 00-59)")
        }
        self.init(day: day, time: time)
    }

    /// A well-formed but impossible date keeps Day's specific message; anything else is a form error.
    private static func refine(_ error: any Error, _ formError: ValueError) -> ValueError {
        if let value = error as? ValueError, value.message.contains("is not a") { return value }
        return formError
    }

    /// The instant as rule scripts see it: always `YYYY-MM-DDTHH:MM` (date-only gives `T00:00`).
    public var luaString: String { "\(day)T\((time ?? Self.midnight).text)" }

    /// The instant as given: `YYYY-MM-DD` when date-only, otherwise `YYYY-MM-DDTHH:MM`.
    public var description: String { time == nil ? day.description : luaString }

    private static let midnight = try! Time(hour: 0, minute: 0)

    /// Ordered by day, then time (a date-only instant is 00:00).
    public static func < (lhs: AsOf, rhs: AsOf) -> Bool {
        if lhs.day != rhs.day { return lhs.day < rhs.day }
        return (lhs.time ?? midnight) < (rhs.time ?? midnight)
    }

    /// The UK local time zone (Europe/London); falls back to GMT if the system has no time-zone data.
    public static var ukTimeZone: TimeZone {
        TimeZone(identifier: "Europe/London") ?? TimeZone(secondsFromGMT: 0)!
    }

    /// The instant `date` as a UK local day and minute.
    public static func at(_ date: Date) -> AsOf {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ukTimeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        // Calendar components are always a valid date and time.
        let day = try! Day(year: c.year!, month: c.month!, day: c.day!)
        return AsOf(day: day, time: try! Time(hour: c.hour!, minute: c.minute!))
    }

    /// The current instant in UK local time, to the minute.
    public static func now() -> AsOf { at(Date()) }
}
