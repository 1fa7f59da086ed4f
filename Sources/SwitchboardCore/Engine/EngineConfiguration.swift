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
    /// How crashed agents are restarted, and when the supervisor gives up on one.
    public var restartPolicy: RestartPolicy
    /// How a pool replaces agents given up on, and when it is marked failing.
    public var replacementPolicy: ReplacementPolicy
    /// How agents are judged.
    public var healthModel: HealthModel
    /// How long a pool must want fewer agents before it shrinks (and the least time between any
    /// scaling and a scale-down).
    public var scaleDownCooldown: Duration
    /// The least time between two scale-ups of a pool.
    public var scaleUpInterval: Duration
    /// A task is stalled when it makes no progress for this many times the usual duration of
    /// its queue's tasks (p95), and at least `stallFloor`.
    public var stallFactor: Double
    public var stallFloor: Duration
    /// Protocol violations within a minute that get an agent quarantined.
    public var quarantineThreshold: Int
    /// How long a started agent may take to say hello.
    public var helloTimeout: Duration
    /// A gap longer than this between two moments the engine runs (ticks, reports) is the
    /// engine's own pause, not the agents' silence: heartbeat and stall clocks move on by the
    /// gap (see `Engine.noticePause`). Keep it well above the loop's tick interval and below
    /// the agents' heartbeat intervals.
    public var pauseThreshold: Duration

    public init(
        nodeName: String = "switchboard", assignment: AssignmentStrategyKind = .capabilityMatch,
        scoredWeights: ScoredWeights = ScoredWeights(), maxRunning: Int? = nil, taskRetryPolicy: RetryPolicy = .standard,
        keepHistoryInMemory: Bool = false, seed: UInt64 = 1, messagesPerAgentPerTick: Int = 32, eventLogSize: Int = 500,
        restartPolicy: RestartPolicy = RestartPolicy(), replacementPolicy: ReplacementPolicy = ReplacementPolicy(), healthModel: HealthModel = HealthModel(),
        scaleDownCooldown: Duration = .seconds(30), scaleUpInterval: Duration = .seconds(10), stallFactor: Double = 5, stallFloor: Duration = .seconds(30),
        quarantineThreshold: Int = 5, helloTimeout: Duration = .seconds(15), pauseThreshold: Duration = .seconds(1)
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
        self.restartPolicy = restartPolicy
        self.replacementPolicy = replacementPolicy
        self.healthModel = healthModel
        self.scaleDownCooldown = scaleDownCooldown
        self.scaleUpInterval = scaleUpInterval
        self.stallFactor = max(1, stallFactor)
        self.stallFloor = stallFloor
        self.quarantineThreshold = max(1, quarantineThreshold)
        self.helloTimeout = helloTimeout
        self.pauseThreshold = pauseThreshold
    }
}
