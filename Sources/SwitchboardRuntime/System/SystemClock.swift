#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SwitchboardCore

/// The real time, for the engine in production. Reads CLOCK_REALTIME, so instants are
/// wall-clock times that can be stored and shown; intervals are measured with `Stopwatch`.
public final class SystemClock: Clock, Sendable {
    public init() {}

    public func now() -> Instant {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Instant(nanosecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }
}

/// Monotonic time for measuring intervals (benchmarks, tick budgets, commit latency).
public struct Stopwatch: Sendable {
    public private(set) var started: UInt64

    public init() { started = Self.monotonicNanoseconds() }

    public static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    public var elapsedNanoseconds: UInt64 { Self.monotonicNanoseconds() - started }
    public var elapsedSeconds: Double { Double(elapsedNanoseconds) / 1e9 }

    public mutating func restart() { started = Self.monotonicNanoseconds() }
}
