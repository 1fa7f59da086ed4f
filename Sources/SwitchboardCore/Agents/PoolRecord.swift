/// How agents of one kind are started and scaled, and how many there are.
public struct PoolRecord: Hashable, Sendable, Codable {
    public var name: String
    /// `process`, `command` or `simulated` (the runtime knows how; the engine only shows it).
    public var driver: String
    public var capabilities: [String]
    public var role: String?
    public var minReplicas: Int
    public var maxReplicas: Int
    public var tasksPerAgent: Int
    /// Seconds between heartbeats an agent of this pool promises.
    public var heartbeatInterval: Double
    public var memoryLimitBytes: Int?
    /// Names for the first agents, in order (the demo's Agent-1 …); more get `<pool>-<n>`.
    public var agentNames: [String]
    /// Replicas the autoscaler wants now.
    public var desiredReplicas: Int
    public var lastScaledAt: Instant?
    public var lastScaleReason: String?
    /// Set when too many of its agents were given up on (see `ReplacementPolicy`): the pool
    /// starts no agent on its own any more — no replacement, no scale-up — until an operator
    /// restarts one of its agents. Kept in the store, so a new engine honours it too.
    public var failingSince: Instant?
    public var failingReason: String?

    /// Whether the pool has stopped starting agents on its own (see `failingSince`).
    public var isFailing: Bool { failingSince != nil }

    public init(
        name: String, driver: String = "simulated", capabilities: [String] = [], role: String? = nil, minReplicas: Int = 1,
        maxReplicas: Int = 1, tasksPerAgent: Int = 1, heartbeatInterval: Double = 1, memoryLimitBytes: Int? = nil,
        agentNames: [String] = []
    ) {
        self.name = name
        self.driver = driver
        self.capabilities = capabilities
        self.role = role
        self.minReplicas = max(0, minReplicas)
        self.maxReplicas = max(self.minReplicas, maxReplicas)
        self.tasksPerAgent = max(1, tasksPerAgent)
        self.heartbeatInterval = heartbeatInterval > 0 ? heartbeatInterval : 1
        self.memoryLimitBytes = memoryLimitBytes
        self.agentNames = agentNames
        desiredReplicas = self.minReplicas
        lastScaledAt = nil
        lastScaleReason = nil
        failingSince = nil
        failingReason = nil
    }
}
