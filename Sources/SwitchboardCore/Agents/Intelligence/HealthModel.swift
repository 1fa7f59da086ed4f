import RealModule

/// How the engine judges an agent, from what it observes: heartbeats (phi), recent outcomes
/// (an error-rate moving average), task durations against the pool's, and resource trends. It
/// scores 0–100 with the reasons and forecasts trouble before it comes: the time until the
/// memory limit at the current growth, and a slowdown trend.
public struct HealthModel: Sendable, Hashable {
    /// Phi above which the agent is suspected (unhealthy) and declared dead.
    public var suspectPhi: Double = 3
    public var deadPhi: Double = 8
    /// Backstop: silent for this many promised intervals means dead whatever phi says.
    public var deadAfterIntervals: Double = 2
    /// Memory limit reached within this long is a forecast worth marking the agent degraded.
    public var memoryHorizon: Double = 600
    /// Recent tasks this many times slower than the pool's usual mark it degraded.
    public var slowdownThreshold: Double = 1.5
    /// An agent's track record (failures, slowness) weighs half as much this many seconds after
    /// its last finished task: an agent that is given no work because its record is bad can
    /// earn work again, instead of waiting idle for ever.
    public var trackRecordHalfLife: Double = 60
    /// Score lost per restart within the restart policy's period: an agent that cannot stay up
    /// is degraded at its first restart and unhealthy (given no work) at its fourth.
    public var restartPenalty: Double = 20

    public init() {}

    /// What the model knows of one agent.
    public struct Observations: Sendable, Hashable {
        public var detector: PhiAccrualDetector
        /// Exponentially weighted failure rate of finished attempts (0…1).
        public var errorRate = 0.0
        /// Recent task durations (seconds), newest last.
        public var durations: [Double] = []
        /// Memory samples (time, bytes), newest last.
        public var memory: [(at: Instant, bytes: Int)] = []
        public var stalledTask: TaskID?
        public var quarantined = false
        /// When its last attempt finished, for the fading of its track record.
        public var lastOutcomeAt: Instant?
        /// Restarts within the restart policy's period (set by the engine before it judges).
        public var recentRestarts = 0

        public init(expectedInterval: Double) { detector = PhiAccrualDetector(expectedInterval: expectedInterval) }

        public static func == (lhs: Observations, rhs: Observations) -> Bool {
            lhs.detector == rhs.detector && lhs.errorRate == rhs.errorRate && lhs.durations == rhs.durations
                && lhs.memory.map(\.bytes) == rhs.memory.map(\.bytes) && lhs.stalledTask == rhs.stalledTask && lhs.quarantined == rhs.quarantined
                && lhs.recentRestarts == rhs.recentRestarts
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(errorRate)
            hasher.combine(durations)
            hasher.combine(stalledTask)
        }

        public mutating func recordOutcome(succeeded: Bool, seconds: Double, at now: Instant) {
            errorRate = errorRate * 0.8 + (succeeded ? 0 : 0.2)
            lastOutcomeAt = now
            durations.append(seconds)
            if durations.count > 50 { durations.removeFirst(durations.count - 50) }
        }

        public mutating func recordMemory(_ bytes: Int, at now: Instant) {
            memory.append((now, bytes))
            if memory.count > 120 { memory.removeFirst(memory.count - 120) }
        }
    }

    /// Judges an agent now. `poolMedianSeconds` is the usual task duration in its pool.
    public func assess(_ observations: Observations, at now: Instant, memoryLimit: Int?, poolMedianSeconds: Double?) -> AgentHealth {
        var health = AgentHealth()
        var score = 100.0
        var reasons: [String] = []

        let phi = observations.detector.phi(at: now)
        health.phi = phi.isFinite ? (phi * 100).rounded() / 100 : 99
        let silence = observations.detector.lastHeartbeat.map { (now - $0).seconds } ?? 0
        let dead = phi >= deadPhi || silence >= deadAfterIntervals * observations.detector.expectedInterval
        if dead {
            reasons.append("no heartbeat for \(formatSeconds(silence)) (phi \(phi.isFinite ? String(Int(phi)) : "∞"))")
            score -= 100
        } else if phi >= suspectPhi {
            reasons.append("heartbeat late: \(formatSeconds(silence)) (phi \(Int(phi)))")
            score -= 50
        } else if phi >= 1 {
            score -= 10 * (phi - 1)
        }

        let age = observations.lastOutcomeAt.map { max(0, (now - $0).seconds) } ?? 0
        let weight = Double.pow(0.5, age / trackRecordHalfLife)
        let errorRate = observations.errorRate * weight
        if errorRate > 0.05 {
            reasons.append("errors: \(Int((errorRate * 100).rounded()))% of recent tasks failed")
            score -= 60 * errorRate
        }

        if let median = poolMedianSeconds, median > 0, observations.durations.count >= 3,
           let mine = Percentile.nearestRank(Array(observations.durations.suffix(5)), 0.5) {
            let slowdown = mine / median
            health.slowdown = (slowdown * 100).rounded() / 100
            if slowdown > slowdownThreshold, weight >= 0.5 {
                reasons.append("slow: recent tasks take \(String((slowdown * 10).rounded() / 10))× the pool's usual")
                score -= min(30, 15 * (slowdown - 1))
            }
        }

        if let limit = memoryLimit, let latest = observations.memory.last {
            let used = Double(latest.bytes) / Double(limit)
            if used >= 0.9 {
                reasons.append("memory at \(Int((used * 100).rounded()))% of its limit")
                score -= 40
            }
            if let eta = Self.secondsUntil(limit, samples: observations.memory) {
                health.secondsToMemoryLimit = eta
                if eta <= memoryHorizon {
                    health.forecast = "memory limit in ~\(formatSeconds(eta)) at the current growth"
                    reasons.append("leaking: \(health.forecast!)")
                    score -= 30 * (1 - eta / memoryHorizon) + 10
                }
            }
        }

        if let task = observations.stalledTask {
            reasons.append("stalled: no progress on \(task) for much longer than such tasks take")
            score -= 40
        }
        if observations.quarantined {
            reasons.append("quarantined after repeated protocol errors")
            score -= 100
        }

        if observations.recentRestarts > 0 {
            reasons.append(Self.restartReason(observations.recentRestarts))
            score -= restartPenalty * Double(observations.recentRestarts)
        }

        health.score = Int(max(0, min(100, score)).rounded())
        health.reasons = reasons
        if dead {
            health.level = .dead
        } else if observations.quarantined || phi >= suspectPhi || observations.stalledTask != nil || health.score < 40 {
            health.level = .unhealthy
        } else if health.score < 75 || health.forecast != nil || ((health.slowdown ?? 1) > slowdownThreshold && weight >= 0.5)
            || observations.recentRestarts > 0
        {
            health.level = .degraded
        } else {
            health.level = .healthy
        }
        return health
    }

    /// The health of an agent just (re)started, before anything else is known of it: healthy,
    /// unless it restarted recently — then as `assess` will judge it, so that starting it
    /// again does not make it look healthy for a moment.
    public func justStarted(recentRestarts: Int) -> AgentHealth {
        var health = AgentHealth()
        guard recentRestarts > 0 else { return health }
        health.score = Int(max(0, 100 - restartPenalty * Double(recentRestarts)).rounded())
        health.reasons = [Self.restartReason(recentRestarts)]
        health.level = health.score < 40 ? .unhealthy : .degraded
        return health
    }

    static func restartReason(_ restarts: Int) -> String {
        "restarted \(restarts)× recently: it does not stay up"
    }

    /// Seconds until memory reaches `limit` at the trend of the samples (least squares over
    /// the last minute); nil when it is not growing.
    public static func secondsUntil(_ limit: Int, samples: [(at: Instant, bytes: Int)]) -> Double? {
        guard let last = samples.last else { return nil }
        let recent = samples.filter { (last.at - $0.at).seconds <= 60 }
        guard recent.count >= 5 else { return nil }
        let origin = recent[0].at
        let xs = recent.map { ($0.at - origin).seconds }
        let ys = recent.map { Double($0.bytes) }
        let n = Double(xs.count)
        let meanX = xs.reduce(0, +) / n
        let meanY = ys.reduce(0, +) / n
        var covariance = 0.0
        var varianceX = 0.0
        for (x, y) in zip(xs, ys) {
            covariance += (x - meanX) * (y - meanY)
            varianceX += (x - meanX) * (x - meanX)
        }
        guard varianceX > 0 else { return nil }
        let slope = covariance / varianceX
        guard slope > 1 else { return nil }
        let remaining = Double(limit - last.bytes)
        return remaining <= 0 ? 0 : remaining / slope
    }
}
