/// Formats and parses UTC timestamps such as `2026-11-25T21:34:55.123Z` without Foundation.
///
/// The civil-date arithmetic is Howard Hinnant's `days_from_civil` / `civil_from_days`.
public enum RFC3339 {
    public static func format(_ instant: Instant) -> String {
        if instant == .distantFuture { return distantFutureText }
        let nanos = instant.nanosecondsSinceEpoch
        var seconds = nanos / 1_000_000_000
        var millis = (nanos % 1_000_000_000) / 1_000_000
        if millis < 0 {
            millis += 1000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let hour = secondOfDay / 3600
        let minute = (secondOfDay % 3600) / 60
        let second = secondOfDay % 60
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(millis, 3))Z"
    }

    /// The text `format` writes for `Instant.distantFuture` ("never"), which `parse` reads back.
    public static let distantFutureText = "9999-12-31T23:59:59.999Z"

    /// Accepts `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` naming a real calendar day; nil for
    /// anything else, and for times a 64-bit count of nanoseconds since 1970 cannot hold
    /// (before 1677-09-21 or after 2262-04-11), except `distantFutureText`. Never traps.
    public static func parse(_ text: String) -> Instant? {
        try? parseChecked(text)
    }

    /// Parses as `parse(_:)` does, saying why a text is refused.
    public static func parseChecked(_ text: String) throws(InputError) -> Instant {
        let shown = text.utf8.count > 40 ? String(text.prefix(40)) + "…" : text
        let malformed = InputError("\"\(shown)\" is not an RFC 3339 time such as 2026-12-01T09:00:00Z")
        if text == distantFutureText { return .distantFuture }
        let bytes = Array(text.utf8.prefix(64))
        guard bytes.count >= 20, bytes.count < 64 else { throw malformed }
        func number(_ start: Int, _ length: Int) -> Int64? {
            guard start + length <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[start..<start + length] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), bytes[4] == 45, let month = number(5, 2), bytes[7] == 45,
              let day = number(8, 2), bytes[10] == 84 || bytes[10] == 116 || bytes[10] == 32,
              let hour = number(11, 2), bytes[13] == 58, let minute = number(14, 2),
              bytes[16] == 58, let second = number(17, 2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60, second < 61
        else { throw malformed }
        var index = 19
        var fractionNanos: Int64 = 0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            var scale: Int64 = 100_000_000
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fractionNanos += Int64(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            if index == start { throw malformed }
        }
        var offsetSeconds: Int64 = 0
        guard index < bytes.count else { throw malformed }
        switch bytes[index] {
        case 90, 122:
            index += 1
        case 43, 45:
            guard let offsetHour = number(index + 1, 2), bytes.count > index + 3, bytes[index + 3] == 58,
                  let offsetMinute = number(index + 4, 2), offsetHour < 24, offsetMinute < 60 else { throw malformed }
            offsetSeconds = (offsetHour * 3600 + offsetMinute * 60) * (bytes[index] == 45 ? -1 : 1)
            index += 6
        default:
            throw malformed
        }
        guard index == bytes.count else { throw malformed }
        // Four-digit years keep every sum below 2^40 seconds; only the scaling to nanoseconds
        // can overflow, and it is checked.
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (nanos, overflow2) = scaled.addingReportingOverflow(fractionNanos)
        guard !overflow, !overflow2 else {
            throw InputError("\"\(shown)\" is outside the times Switchboard can hold (1677-09-21 to 2262-04-11)")
        }
        return Instant(nanosecondsSinceEpoch: nanos)
    }

    /// 28 to 31, by the Gregorian rules.
    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
