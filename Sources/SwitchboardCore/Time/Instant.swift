/// A point in time: nanoseconds since the Unix epoch.
///
/// The core never reads the system time itself; every `Instant` comes from a `Clock`, so that
/// tests and the simulator can run the engine in virtual time. Its JSON form is an RFC 3339
/// timestamp in UTC with milliseconds, for example `"2026-11-25T21:34:55.123Z"`.
public struct Instant: Hashable, Comparable, Sendable {
    public var nanosecondsSinceEpoch: Int64

    public init(nanosecondsSinceEpoch: Int64) {
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
    }

    /// An instant from seconds since the epoch, saturating at the ends of the representable
    /// range (NaN is the epoch): converting a number never traps.
    public init(secondsSinceEpoch: Double) {
        self.nanosecondsSinceEpoch = Int64(saturating: secondsSinceEpoch * 1e9)
    }

    /// The epoch itself, used as the start of virtual time in tests.
    public static let epoch = Instant(nanosecondsSinceEpoch: 0)
    /// Later than every real instant; means "never".
    public static let distantFuture = Instant(nanosecondsSinceEpoch: .max)

    public var secondsSinceEpoch: Double { Double(nanosecondsSinceEpoch) / 1e9 }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    /// Saturating addition, so that `distantFuture + x` stays `distantFuture` and nothing wraps.
    public static func + (lhs: Instant, rhs: Duration) -> Instant {
        let (sum, overflow) = lhs.nanosecondsSinceEpoch.addingReportingOverflow(rhs.nanoseconds)
        if overflow { return rhs.nanoseconds > 0 ? .distantFuture : Instant(nanosecondsSinceEpoch: .min) }
        return Instant(nanosecondsSinceEpoch: sum)
    }

    public static func - (lhs: Instant, rhs: Duration) -> Instant {
        lhs + .nanoseconds(-rhs.nanoseconds)
    }

    /// The time between two instants, saturating (never wrapping) when it does not fit.
    public static func - (lhs: Instant, rhs: Instant) -> Duration {
        .nanoseconds(lhs.nanoseconds(since: rhs))
    }

    /// Nanoseconds from `earlier` to this instant, saturating at the bounds of `Int64`.
    public func nanoseconds(since earlier: Instant) -> Int64 {
        let (difference, overflow) = nanosecondsSinceEpoch.subtractingReportingOverflow(earlier.nanosecondsSinceEpoch)
        if overflow { return earlier.nanosecondsSinceEpoch < 0 ? .max : .min }
        return difference
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating at the bounds of `Int64`.
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds > 0 ? .max : .min }
        let (total, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds > 0 ? .max : .min }
        return total
    }

    /// The duration in seconds as a floating-point number.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// A duration from a floating-point number of seconds, saturating at the bounds of `Int64`
    /// nanoseconds (NaN is zero): converting a number never traps. Input is range-checked
    /// before it gets here (`InputLimits.longestDuration`); this is the last guard.
    public static func seconds(fractional value: Double) -> Duration {
        .nanoseconds(Int64(saturating: value * 1e9))
    }
}

extension Int64 {
    /// The nearest `Int64` to `value`, clamped to `Int64.min ... Int64.max`; NaN is 0.
    /// `Int64(_: Double)` traps outside that range.
    public init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 9_223_372_036_854_775_807.0 {  // 2^63 as a Double
            self = .max
        } else if value <= -9_223_372_036_854_775_808.0 {
            self = .min
        } else {
            self = Int64(value.rounded())
        }
    }
}

extension Instant: CustomStringConvertible {
    public var description: String { RFC3339.format(self) }
}

extension Instant: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let instant = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not an RFC 3339 timestamp: \(text)")
        }
        self = instant
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(RFC3339.format(self))
    }
}
