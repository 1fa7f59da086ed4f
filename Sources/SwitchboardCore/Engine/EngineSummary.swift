/// The engine at a glance, at one moment: the figures of the dashboard's header, queues pane and
/// metrics pane. The engine computes it from counters it keeps anyway (nothing here grows with
/// the number of tasks), and the host writes it to the store, so that a dashboard on another
/// process reads one row instead of counting.
public struct EngineSummary: Sendable, Hashable, Codable {
    public var at: Instant
    public var startedAt: Instant
    /// The machine the engine runs on.
    public var node: String
    /// Tasks by status name (every status, zeros included).
    public var tasks: [String: Int]
    /// Agents by state name (every state, zeros included).
    public var agents: [String: Int]
    public var queues: [QueueSummary]
    /// Per-second counts over the last `seriesSeconds` complete seconds, oldest first.
    public var submittedPerSecond: [Int]
    public var completedPerSecond: [Int]
    public var failedPerSecond: [Int]
    /// Queued + pending + blocked tasks, sampled once a second, oldest first.
    public var depth: [Int]
    /// Queued → started, and started → finished, over about the last minute.
    public var wait: LatencySummary
    public var run: LatencySummary
    /// Messages handed to agents per second (task messages and agent messages).
    public var messagesPerSecond: Double
    /// Failed or timed-out tasks as a share of finished ones over the last minute (0–1).
    public var errorRate: Double
    /// How long the store's commits took (filled in by the host that writes the summary).
    public var commitLatency: LatencySummary
    public var eventsLogged: Int
    /// Agents restarted (by their supervisor or an operator) since the engine started.
    public var restarts: Int

    public static let seriesSeconds = 120

    public init(
        at: Instant, startedAt: Instant, node: String, tasks: [String: Int], agents: [String: Int], queues: [QueueSummary],
        submittedPerSecond: [Int], completedPerSecond: [Int], failedPerSecond: [Int], depth: [Int], wait: LatencySummary,
        run: LatencySummary, messagesPerSecond: Double, errorRate: Double, commitLatency: LatencySummary, eventsLogged: Int, restarts: Int = 0
    ) {
        self.at = at
        self.startedAt = startedAt
        self.node = node
        self.tasks = tasks
        self.agents = agents
        self.queues = queues
        self.submittedPerSecond = submittedPerSecond
        self.completedPerSecond = completedPerSecond
        self.failedPerSecond = failedPerSecond
        self.depth = depth
        self.wait = wait
        self.run = run
        self.messagesPerSecond = messagesPerSecond
        self.errorRate = errorRate
        self.commitLatency = commitLatency
        self.eventsLogged = eventsLogged
        self.restarts = restarts
    }

    enum CodingKeys: String, CodingKey {
        case at, startedAt, node, tasks, agents, queues, submittedPerSecond, completedPerSecond, failedPerSecond, depth, wait, run
        case messagesPerSecond, errorRate, commitLatency, eventsLogged, restarts
    }

    /// Reads a summary, also one written before `restarts` was (it reads as 0).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        at = try c.decode(Instant.self, forKey: .at)
        startedAt = try c.decode(Instant.self, forKey: .startedAt)
        node = try c.decode(String.self, forKey: .node)
        tasks = try c.decode([String: Int].self, forKey: .tasks)
        agents = try c.decode([String: Int].self, forKey: .agents)
        queues = try c.decode([QueueSummary].self, forKey: .queues)
        submittedPerSecond = try c.decode([Int].self, forKey: .submittedPerSecond)
        completedPerSecond = try c.decode([Int].self, forKey: .completedPerSecond)
        failedPerSecond = try c.decode([Int].self, forKey: .failedPerSecond)
        depth = try c.decode([Int].self, forKey: .depth)
        wait = try c.decode(LatencySummary.self, forKey: .wait)
        run = try c.decode(LatencySummary.self, forKey: .run)
        messagesPerSecond = try c.decode(Double.self, forKey: .messagesPerSecond)
        errorRate = try c.decode(Double.self, forKey: .errorRate)
        commitLatency = try c.decode(LatencySummary.self, forKey: .commitLatency)
        eventsLogged = try c.decode(Int.self, forKey: .eventsLogged)
        restarts = try c.decodeIfPresent(Int.self, forKey: .restarts) ?? 0
    }

    public func taskCount(_ status: TaskStatus) -> Int { tasks[status.rawValue] ?? 0 }

    public func agentCount(_ state: AgentState) -> Int { agents[state.rawValue] ?? 0 }
}

/// One queue of tasks at a glance.
public struct QueueSummary: Sendable, Hashable, Codable {
    public var name: String
    public var paused: Bool
    public var maxRunning: Int?
    /// Tasks by status name.
    public var tasks: [String: Int]
    /// Ready tasks by priority, lowest first (indexed by `Priority.rank`).
    public var queuedByPriority: [Int]
    public var inPerSecond: Double
    public var outPerSecond: Double
    /// When the longest-waiting ready task became ready.
    public var oldestQueuedAt: Instant?

    public init(
        name: String, paused: Bool = false, maxRunning: Int? = nil, tasks: [String: Int] = [:], queuedByPriority: [Int] = [0, 0, 0, 0, 0],
        inPerSecond: Double = 0, outPerSecond: Double = 0, oldestQueuedAt: Instant? = nil
    ) {
        self.name = name
        self.paused = paused
        self.maxRunning = maxRunning
        self.tasks = tasks
        self.queuedByPriority = queuedByPriority
        self.inPerSecond = inPerSecond
        self.outPerSecond = outPerSecond
        self.oldestQueuedAt = oldestQueuedAt
    }

    public func count(_ status: TaskStatus) -> Int { tasks[status.rawValue] ?? 0 }

    /// Failed or timed out: work an operator has to look at.
    public var dead: Int { count(.failed) + count(.timeout) }
}

extension Engine {
    /// The engine at a glance now (see `EngineSummary`). `node` names the machine.
    public func summary(node: String = "", commitLatency: LatencySummary = .empty) -> EngineSummary {
        let now = clock.now()
        var agentCounts = Dictionary(uniqueKeysWithValues: AgentState.allCases.map { ($0.rawValue, 0) })
        for agent in agents.values { agentCounts[agent.state.rawValue, default: 0] += 1 }
        let taskCounts = Dictionary(uniqueKeysWithValues: TaskStatus.allCases.map { ($0.rawValue, count($0)) })
        let queueRows = queues.keys.sorted().map { name in queueSummary(name, now: now) }
        let seconds = EngineSummary.seriesSeconds
        let completed = metrics.completed.series(at: now, count: seconds)
        let failed = metrics.failed.series(at: now, count: seconds)
        let lastMinuteCompleted = completed.suffix(60).reduce(0, +)
        let lastMinuteFailed = failed.suffix(60).reduce(0, +)
        let finished = lastMinuteCompleted + lastMinuteFailed
        let depthSeries = Array(metrics.depth.suffix(seconds))
        return EngineSummary(
            at: now, startedAt: startedAt, node: node, tasks: taskCounts, agents: agentCounts, queues: queueRows,
            submittedPerSecond: metrics.submitted.series(at: now, count: seconds), completedPerSecond: completed,
            failedPerSecond: failed,
            depth: Array(repeating: 0, count: max(0, seconds - depthSeries.count)) + depthSeries,
            wait: metrics.wait.summary(at: now), run: metrics.run.summary(at: now),
            messagesPerSecond: transport.metrics().acknowledgedPerSecond + messages.metrics().acknowledgedPerSecond,
            errorRate: finished == 0 ? 0 : Double(lastMinuteFailed) / Double(finished),
            commitLatency: commitLatency, eventsLogged: eventsLogged, restarts: restartCount)
    }

    private func queueSummary(_ name: String, now: Instant) -> QueueSummary {
        let oldest = queues[name]?.tally.oldestQueuedAt { slot, sequence, queuedAt in
            guard slot < tasks.count else { return false }
            let task = tasks[slot]
            return task.sequence == sequence && task.status == .queued && task.queuedAt?.nanosecondsSinceEpoch == queuedAt
                && taskSlots[task.id] == slot
        }
        guard let state = queues[name] else { return QueueSummary(name: name) }
        return QueueSummary(
            name: name, paused: state.isPaused, maxRunning: state.settings.maxRunning,
            tasks: Dictionary(uniqueKeysWithValues: TaskStatus.allCases.map { ($0.rawValue, state.tally.count($0)) }),
            queuedByPriority: Priority.allCases.map(state.tally.queued), inPerSecond: state.submitted.rate(at: now),
            outPerSecond: state.finished.rate(at: now), oldestQueuedAt: oldest)
    }
}
