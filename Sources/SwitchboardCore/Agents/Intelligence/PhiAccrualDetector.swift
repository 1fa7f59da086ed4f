import RealModule

/// The phi-accrual failure detector (Hayashibara et al., as used by Akka and Cassandra): instead
/// of a fixed timeout, it learns the distribution of an agent's heartbeat intervals and says how
/// suspicious the current silence is. `phi = -log10(P(a heartbeat comes later than now))`, so
/// phi 1 means a 10 % chance that the agent is merely late, phi 8 one in a hundred million.
///
/// It adapts to each agent's jitter: a steady agent is suspected sooner than an erratic one. The
/// standard deviation has a floor (a tenth of the promised interval) so that a perfectly regular
/// agent is not declared dead by a millisecond's delay; the first intervals are seeded with the
/// promised interval; and a burst (two heartbeats far closer than promised, as after a hello) is
/// not learned as the agent's rhythm.
public struct PhiAccrualDetector: Sendable, Hashable {
    public let expectedInterval: Double
    public let windowSize: Int
    private var intervals: [Double] = []
    private var next = 0
    private var sum = 0.0
    private var sumOfSquares = 0.0
    public private(set) var lastHeartbeat: Instant?

    public init(expectedInterval: Double, windowSize: Int = 100) {
        self.expectedInterval = max(0.001, expectedInterval)
        self.windowSize = max(2, windowSize)
    }

    public mutating func heartbeat(at now: Instant) {
        if let last = lastHeartbeat {
            let interval = max(0, (now - last).seconds)
            guard interval >= expectedInterval / 2 else {
                lastHeartbeat = now
                return
            }
            if intervals.count < windowSize {
                intervals.append(interval)
            } else {
                let old = intervals[next]
                sum -= old
                sumOfSquares -= old * old
                intervals[next] = interval
                next = (next + 1) % windowSize
            }
            sum += interval
            sumOfSquares += interval * interval
        }
        lastHeartbeat = now
    }

    /// Resets the silence (a restarted agent starts afresh) but keeps what was learned.
    public mutating func restart(at now: Instant) { lastHeartbeat = now }

    /// The observer (the engine) was not running for `gap`: the silence it could not see is
    /// not the agent's, so the last heartbeat moves forward by as much.
    public mutating func pause(for gap: Duration) {
        if let last = lastHeartbeat { lastHeartbeat = last + gap }
    }

    public var mean: Double {
        // Until enough intervals are seen, the promised interval weighs in.
        let seeded = max(0, 5 - intervals.count)
        return (sum + Double(seeded) * expectedInterval) / Double(intervals.count + seeded)
    }

    public var standardDeviation: Double {
        let count = Double(intervals.count)
        let variance = count > 1 ? max(0, sumOfSquares / count - (sum / count) * (sum / count)) : 0
        return max(variance.squareRoot(), expectedInterval / 10)
    }

    /// How suspicious the silence since the last heartbeat is at `now`.
    public func phi(at now: Instant) -> Double {
        guard let last = lastHeartbeat else { return 0 }
        let elapsed = (now - last).seconds
        let y = (elapsed - mean) / standardDeviation
        // P(later than elapsed) for a normal distribution, with the complementary error
        // function so that far tails keep their precision.
        let tail = Double.erfc(y / 2.0.squareRoot()) / 2
        guard tail > 0 else { return .infinity }
        return -Double.log10(tail)
    }
}
