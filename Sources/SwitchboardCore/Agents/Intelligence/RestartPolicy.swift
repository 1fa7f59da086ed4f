/// How a crashed agent is restarted, like an OTP supervisor: with exponential backoff, and not
/// more than `intensity` times within `period`; past that the supervisor gives up on the agent
/// (it is stopped and an alert is raised) rather than restart it in a tight loop for ever.
public struct RestartPolicy: Hashable, Sendable, Codable {
    public var initialDelay: Duration
    public var factor: Double
    public var maxDelay: Duration
    public var intensity: Int
    public var period: Duration

    public init(initialDelay: Duration = .milliseconds(200), factor: Double = 2, maxDelay: Duration = .seconds(30), intensity: Int = 5, period: Duration = .seconds(60)) {
        self.initialDelay = initialDelay
        self.factor = max(1, factor)
        self.maxDelay = maxDelay
        self.intensity = max(1, intensity)
        self.period = period
    }

    /// The delay before restart number `restarts` (1-based) within the period.
    public func delay(forRestart restarts: Int) -> Duration {
        ExponentialBackoff.delay(restarts, initial: initialDelay, factor: factor, cap: maxDelay)
    }
}

/// The restarts of one agent within the policy's period.
public struct RestartHistory: Hashable, Sendable {
    public private(set) var recent: [Instant] = []

    public init() {}

    /// Records a restart; returns false when it would exceed the intensity (give up).
    public mutating func allow(at now: Instant, policy: RestartPolicy) -> Bool {
        recent.removeAll { now - $0 > policy.period }
        guard recent.count < policy.intensity else { return false }
        recent.append(now)
        return true
    }

    public var count: Int { recent.count }

    /// Restarts within the policy's period before `now`.
    public func count(at now: Instant, policy: RestartPolicy) -> Int {
        recent.filter { now - $0 <= policy.period }.count
    }
}
