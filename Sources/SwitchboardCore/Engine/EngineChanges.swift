/// Everything one engine tick changed that the store must write, as plain values: the store
/// writes it in one transaction (group commit).
public struct EngineChanges: Sendable {
    /// Tasks created this tick, in their state at the end of the tick.
    public var insertedTasks: [Task] = []
    /// Tasks that existed before and changed.
    public var updatedTasks: [Task] = []
    /// Tasks removed by retention.
    public var removedTasks: [TaskID] = []
    public var history: [TaskHistoryEntry] = []
    public var agents: [AgentRecord] = []
    public var pools: [PoolRecord] = []
    public var queues: [QueueSettings] = []
    public var commandOutcomes: [(id: Int64, outcome: CommandOutcome)] = []
    public var events: [EngineEvent] = []
    public var metrics: [MetricSample] = []
    /// The submission sequence of every task named above: the store keys rows by it.
    public var sequences: [TaskID: UInt64] = [:]

    public init() {}

    public var isEmpty: Bool {
        insertedTasks.isEmpty && updatedTasks.isEmpty && removedTasks.isEmpty && history.isEmpty && agents.isEmpty
            && pools.isEmpty && queues.isEmpty && commandOutcomes.isEmpty && events.isEmpty && metrics.isEmpty
    }
}

/// A line of the event log: agent died, restarted, quarantined, scaled, task failed, …
public struct EngineEvent: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case agentStarted, agentDied, agentRestarted, agentQuarantined, agentUnhealthy, agentDegraded, agentRecovered,
            agentStalled, agentStopped, supervisorGaveUp, poolScaled, poolFailing, taskFailed, taskTimedOut, taskOverdue, operatorAction,
            storeError, enginePaused
    }

    public var at: Instant
    public var kind: Kind
    /// The agent, pool, task or queue it is about.
    public var subject: String
    public var message: String

    public init(at: Instant, kind: Kind, subject: String, message: String) {
        self.at = at
        self.kind = kind
        self.subject = subject
        self.message = message
    }
}

/// One per-second figure for the metrics rollups (throughput, latency, depth).
public struct MetricSample: Hashable, Sendable {
    public var name: String
    public var at: Instant
    public var value: Double

    public init(name: String, at: Instant, value: Double) {
        self.name = name
        self.at = at
        self.value = value
    }
}

/// The operator's settings for one queue, durable across restarts.
public struct QueueSettings: Hashable, Sendable, Codable {
    public var name: String
    public var paused: Bool
    /// At most this many of its tasks run at once (nil: no limit).
    public var maxRunning: Int?

    public init(name: String, paused: Bool = false, maxRunning: Int? = nil) {
        self.name = name
        self.paused = paused
        self.maxRunning = maxRunning
    }
}

extension EngineChanges {
    /// Folds a later tick's changes into these, both still unwritten (the disk was full): the
    /// store then writes each row's latest state once, and every history entry, outcome, event
    /// and sample of both, in order.
    public mutating func absorb(_ later: EngineChanges) {
        guard !isEmpty else {
            self = later
            return
        }
        let removed = Set(later.removedTasks)
        var latest: [TaskID: Task] = [:]
        for task in later.updatedTasks { latest[task.id] = task }
        insertedTasks = insertedTasks.compactMap { removed.contains($0.id) ? nil : latest.removeValue(forKey: $0.id) ?? $0 }
        for task in updatedTasks where latest[task.id] == nil && !removed.contains(task.id) { latest[task.id] = task }
        updatedTasks = latest.values.sorted { $0.sequence < $1.sequence }
        insertedTasks += later.insertedTasks
        removedTasks += later.removedTasks
        history += later.history
        agents = Self.latest(agents + later.agents, by: \.name)
        pools = Self.latest(pools + later.pools, by: \.name)
        queues = Self.latest(queues + later.queues, by: \.name)
        commandOutcomes += later.commandOutcomes
        events += later.events
        metrics += later.metrics
        sequences.merge(later.sequences) { _, newer in newer }
    }

    /// The last value for each key, in the order the keys first appeared.
    static func latest<Value>(_ values: [Value], by key: (Value) -> String) -> [Value] {
        var position: [String: Int] = [:]
        var result: [Value] = []
        for value in values {
            if let index = position[key(value)] {
                result[index] = value
            } else {
                position[key(value)] = result.count
                result.append(value)
            }
        }
        return result
    }
}
