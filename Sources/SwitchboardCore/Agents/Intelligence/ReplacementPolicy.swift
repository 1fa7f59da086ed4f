/// How a pool replaces agents its supervisor gave up on — the pool's own restart intensity, one
/// level above the agent's (`RestartPolicy`), as an OTP supervisor tree escalates.
///
/// A given-up agent keeps its name and its `failed` state; its pool starts a new agent in its
/// place, but only after a delay that doubles with each give-up in the pool within `period`.
/// When `failingAfter` of its agents were given up on within `period` — or at once when the
/// given-up agent never came up at all (it never said hello: its command cannot start, and a
/// replacement would only fail the same way) — the pool is marked failing and starts no agent
/// on its own until an operator restarts one of its agents.
public struct ReplacementPolicy: Hashable, Sendable, Codable {
    public var initialDelay: Duration
    public var factor: Double
    public var maxDelay: Duration
    public var failingAfter: Int
    public var period: Duration

    public init(initialDelay: Duration = .seconds(10), factor: Double = 2, maxDelay: Duration = .seconds(300), failingAfter: Int = 3, period: Duration = .seconds(600)) {
        self.initialDelay = initialDelay
        self.factor = max(1, factor)
        self.maxDelay = maxDelay
        self.failingAfter = max(1, failingAfter)
        self.period = period
    }

    /// The delay before the pool replaces an agent after its `giveUps`-th give-up (1-based)
    /// within the period.
    public func delay(afterGiveUps giveUps: Int) -> Duration {
        ExponentialBackoff.delay(giveUps, initial: initialDelay, factor: factor, cap: maxDelay)
    }
}
