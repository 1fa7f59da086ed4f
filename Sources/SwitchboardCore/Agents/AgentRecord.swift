/// Everything the engine knows about one agent: identity, state, health, work and resources.
/// This is what the dashboard's agents pane shows and what the store keeps per agent.
public struct AgentRecord: Hashable, Sendable, Codable {
    public var name: String
    public var pool: String
    public var role: String?
    public var capabilities: [String]
    public var state: AgentState
    /// How many tasks it runs at once.
    public var concurrency: Int
    public var currentTasks: [TaskID]
    public var tasksDone: Int
    public var tasksFailed: Int
    public var startedAt: Instant?
    public var lastHeartbeatAt: Instant?
    public var pid: Int32?
    public var restarts: Int
    public var protocolViolations: Int
    public var quarantined: Bool
    public var lastError: String?
    public var health: AgentHealth
    public var resources: AgentResources
    /// Mean and 95th percentile of completed task durations, in seconds.
    public var meanTaskSeconds: Double?
    public var p95TaskSeconds: Double?
    /// Recent per-second samples for sparklines, oldest first.
    public var cpuHistory: [Double]
    public var memoryHistory: [Int]
    public var throughputHistory: [Int]
    /// The last lines of its stderr.
    public var stderrTail: [String]

    public init(name: String, pool: String, role: String? = nil, capabilities: [String] = [], concurrency: Int = 1, state: AgentState = .starting) {
        self.name = name
        self.pool = pool
        self.role = role
        self.capabilities = capabilities
        self.state = state
        self.concurrency = max(1, concurrency)
        currentTasks = []
        tasksDone = 0
        tasksFailed = 0
        startedAt = nil
        lastHeartbeatAt = nil
        pid = nil
        restarts = 0
        protocolViolations = 0
        quarantined = false
        lastError = nil
        health = AgentHealth()
        resources = AgentResources()
        meanTaskSeconds = nil
        p95TaskSeconds = nil
        cpuHistory = []
        memoryHistory = []
        throughputHistory = []
        stderrTail = []
    }

    public var freeSlots: Int { max(0, concurrency - currentTasks.count) }

    /// Whether the agent has every capability in `required`.
    public func canServe(_ required: [String]) -> Bool {
        required.allSatisfy(capabilities.contains)
    }

    /// Whether the scheduler may hand it work now.
    public var isAssignable: Bool {
        state.acceptsWork && !quarantined && health.level != .unhealthy && health.level != .dead && freeSlots > 0
    }
}

/// How healthy an agent is judged to be, and why.
public struct AgentHealth: Hashable, Sendable, Codable {
    public enum Level: String, Sendable, Codable, CaseIterable {
        case healthy, degraded, unhealthy, dead
    }

    public var level: Level = .healthy
    /// 0–100.
    public var score: Int = 100
    public var reasons: [String] = []
    /// The phi-accrual suspicion of the last heartbeat (0 when fresh).
    public var phi: Double = 0
    /// A forecast an operator should know of, in words ("memory limit in ~4m").
    public var forecast: String?
    /// Seconds until the memory limit at the current trend.
    public var secondsToMemoryLimit: Double?
    /// How much slower recent tasks are than the pool's usual (1 = as usual).
    public var slowdown: Double?

    public init() {}
}

/// Resource use sampled from the system (process agents) or the simulation.
public struct AgentResources: Hashable, Sendable, Codable {
    /// Percent of one core, over the last second.
    public var cpuPercent: Double = 0
    public var memoryBytes: Int = 0
    public var memoryLimitBytes: Int?

    public init() {}
}
