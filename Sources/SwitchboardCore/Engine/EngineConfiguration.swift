/// The engine's settings.
public struct EngineConfiguration: Sendable {
    /// Shown in the dashboard's header.
    public var nodeName: String
    public var assignment: AssignmentStrategyKind
    public var scoredWeights: ScoredWeights
    /// At most this many tasks run at once across the swarm (nil: no limit).
    public var maxRunning: Int?
    /// Retry backoff and attempts for tasks that do not say otherwise.
    public var taskRetryPolicy: RetryPolicy
    /// Keep every task's history in memory as well (tests and the simulator; a real engine
    /// reads history back from its store).
    public var keepHistoryInMemory: Bool
    /// Seed for everything random the engine does (task ids, retry jitter).
    public var seed: UInt64
    /// Messages handed to one agent per tick at most.
    public var messagesPerAgentPerTick: Int
    /// Lines kept in the event log.
    public var eventLogSize: Int

    public init(
        nodeName: String = "switchboard", assignment: AssignmentStrategyKind = .capabilityMatch,
        scoredWeights: ScoredWeights = ScoredWeights(), maxRunning: Int? = nil, taskRetryPolicy: RetryPolicy = .standard,
        keepHistoryInMemory: Bool = false, seed: UInt64 = 1, messagesPerAgentPerTick: Int = 32, eventLogSize: Int = 500
    ) {
        self.nodeName = nodeName
        self.assignment = assignment
        self.scoredWeights = scoredWeights
        self.maxRunning = maxRunning
        self.taskRetryPolicy = taskRetryPolicy
        self.keepHistoryInMemory = keepHistoryInMemory
        self.seed = seed
        self.messagesPerAgentPerTick = max(1, messagesPerAgentPerTick)
        self.eventLogSize = max(10, eventLogSize)
    }
}
