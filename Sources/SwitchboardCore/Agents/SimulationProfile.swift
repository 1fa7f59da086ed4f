/// How simulated agents of a pool behave: task durations, failures, hangs, crashes, memory and
/// heartbeats, all drawn from a seeded generator so that a run reproduces.
public struct SimulationProfile: Hashable, Sendable, Codable {
    /// Mean task duration in seconds.
    public var taskSeconds: Double
    /// Spread of durations: each is the mean × (1 ± jitter), uniformly.
    public var jitter: Double
    /// Chance that a task fails (retryable).
    public var failureRate: Double
    /// Chance that a task hangs: no progress, no result, heartbeats go on.
    public var hangRate: Double
    /// Chance that the agent crashes during a task.
    public var crashRate: Double
    /// Resident memory at start, and its growth per second (a leak).
    public var memoryBytes: Int
    public var memoryGrowthPerSecond: Int
    /// The agents that leak (`memoryGrowthPerSecond`); nil: every agent of the pool.
    public var leakingAgents: [String]?
    /// Seconds between heartbeats, and their spread (relative).
    public var heartbeatInterval: Double
    public var heartbeatJitter: Double
    /// CPU per running task, percent of a core.
    public var cpuPercent: Double
    /// Chance that a finished task is followed by a status message to the captain role.
    public var messageRate: Double

    public init(
        taskSeconds: Double = 2, jitter: Double = 0.5, failureRate: Double = 0, hangRate: Double = 0, crashRate: Double = 0,
        memoryBytes: Int = 64 << 20, memoryGrowthPerSecond: Int = 0, heartbeatInterval: Double = 1, heartbeatJitter: Double = 0.1,
        cpuPercent: Double = 35, messageRate: Double = 0, leakingAgents: [String]? = nil
    ) {
        self.leakingAgents = leakingAgents
        self.taskSeconds = max(0.01, taskSeconds)
        self.jitter = min(max(0, jitter), 0.95)
        self.failureRate = min(max(0, failureRate), 1)
        self.hangRate = min(max(0, hangRate), 1)
        self.crashRate = min(max(0, crashRate), 1)
        self.memoryBytes = max(0, memoryBytes)
        self.memoryGrowthPerSecond = memoryGrowthPerSecond
        self.heartbeatInterval = max(0.05, heartbeatInterval)
        self.heartbeatJitter = min(max(0, heartbeatJitter), 0.9)
        self.cpuPercent = cpuPercent
        self.messageRate = min(max(0, messageRate), 1)
    }
}
