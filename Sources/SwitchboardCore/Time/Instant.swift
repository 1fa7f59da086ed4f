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

    public init(secondsSinceEpoch: Double) {
        self.nanosecondsSinceEpoch = Int64((secondsSinceEpoch * 1e9).rounded())
    }

    /// The epoch itself, used as the start of virtual time in tests.
    public static let epoch = Instant(nanosecondsSinceEpoch: 0)
    /// Later than every real instant; means "never".
    public static let distantFuture = Instant(nanosecondsSinceEpoch: .max)

    public var secondsSinceEpoch: Double { Double(nanosecondsSinceEpoch) / 1e9 }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    /// Saturating addition, so that `distantFuture + x` stays `distantFuture`.
    public static func + (lhs: Instant, rhs: Duration) -> Instant {
        let (sum, overflow) = lhs.nanosecondsSinceEpoch.addingReportingOverflow(rhs.nanoseconds)
        if overflow { return rhs.nanoseconds > 0 ? .distantFuture : .epoch }
        return Instant(nanosecondsSinceEpoch: sum)
    }

    public static func - (lhs: Instant, rhs: Duration) -> Instant {
        lhs + .nanoseconds(-rhs.nanoseconds)
    }

    public static func - (lhs: Instant, rhs: Instant) -> Duration {
        .nanoseconds(lhs.nanosecondsSinceEpoch &- rhs.nanosecondsSinceEpoch)
    }

    public func nanoseconds(since earlier: Instant) -> Int64 {
        nanosecondsSinceEpoch &- earlier.nanosecondsSinceEpoch
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

    /// A duration from a floating-point number of seconds.
    public static func seconds(fractional value: Double) -> Duration {
        .nanoseconds(Int64((value * 1e9).rounded()))
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
