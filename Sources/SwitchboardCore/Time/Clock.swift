/// The only source of time for the core.
///
/// The engine, the queues and the task manager ask a `Clock` what time it is; they never read
/// the system time. Production wiring passes a clock that reads the system's real-time clock;
/// tests and the deterministic simulator pass a `ManualClock` and move it by hand.
public protocol Clock: AnyObject {
    /// The current time.
    func now() -> Instant
}

/// A clock that only moves when told to. Used by unit tests and by the simulator.
public final class ManualClock: Clock {
    private var current: Instant

    public init(_ start: Instant = Instant(nanosecondsSinceEpoch: 1_764_000_000_000_000_000)) {
        current = start
    }

    public func now() -> Instant { current }

    /// Moves the clock forward. Moving it backwards is refused: real clocks used by the engine
    /// are monotonic, and the simulator models clock jumps as jumps forward.
    public func advance(by duration: Duration) {
        precondition(duration >= .zero, "a ManualClock only moves forward")
        current = current + duration
    }

    public func set(_ instant: Instant) {
        precondition(instant >= current, "a ManualClock only moves forward")
        current = instant
    }
}
