/// A unit of work: what to do, who may do it, what it waits for, and where it is.
public struct Task: Hashable, Sendable {
    public var id: TaskID
    /// Submission order; the tie-breaker among tasks of one priority (oldest first).
    public var sequence: UInt64
    public var title: String
    public var queue: String
    public var payload: JSONValue?
    public var command: [String]?
    public var capabilities: [String]
    public var priority: Priority
    public var tags: [String]
    public var dependencies: [TaskDependency]
    public var status: TaskStatus
    /// 0–100, as last reported by the agent.
    public var progress: Int
    public var progressNote: String?
    public var agent: String?
    /// Attempts started so far.
    public var attempts: Int
    public var maxAttempts: Int
    public var timeout: Duration?
    public var deadline: Instant?
    public var startAfter: Instant?
    public var parent: TaskID?
    public var createdAt: Instant
    public var updatedAt: Instant
    /// When the current attempt started running.
    public var startedAt: Instant?
    public var finishedAt: Instant?
    /// When it last became queued (ready), for wait-time figures.
    public var queuedAt: Instant?
    /// When a pending task becomes due (start-after or retry backoff).
    public var availableAt: Instant?
    public var result: JSONValue?
    public var lastError: String?
    /// The last lines of output the agent reported.
    public var outputTail: String?
    /// Past its deadline and not finished.
    public var overdue: Bool

    public init(id: TaskID, sequence: UInt64, spec: TaskSpec, dependencies: [TaskDependency], maxAttempts: Int, createdAt: Instant) {
        self.id = id
        self.sequence = sequence
        title = spec.title
        queue = spec.queue
        payload = spec.payload
        command = spec.command
        capabilities = Array(Set(spec.capabilities)).sorted()
        priority = spec.priority
        tags = spec.tags
        self.dependencies = dependencies
        status = .blocked
        progress = 0
        progressNote = nil
        agent = nil
        attempts = 0
        self.maxAttempts = maxAttempts
        timeout = spec.timeout
        deadline = spec.deadline
        startAfter = spec.startAfter
        parent = spec.parent
        self.createdAt = createdAt
        updatedAt = createdAt
        startedAt = nil
        finishedAt = nil
        queuedAt = nil
        availableAt = nil
        result = nil
        lastError = nil
        outputTail = nil
        overdue = false
    }

    /// Estimated time of completion from the progress rate of the current attempt.
    public func estimatedCompletion(at now: Instant) -> Instant? {
        guard status == .running, let startedAt, progress > 0, progress < 100 else { return nil }
        let elapsed = now.nanoseconds(since: startedAt)
        guard elapsed > 0 else { return nil }
        let total = Double(elapsed) * 100 / Double(progress)
        return startedAt + .nanoseconds(Int64(total))
    }

    /// Time from queued to now (while waiting) or to the start of the run.
    public func waitTime(at now: Instant) -> Duration? {
        guard let queuedAt else { return nil }
        if let startedAt, startedAt >= queuedAt { return startedAt - queuedAt }
        return status == .queued ? now - queuedAt : nil
    }

    /// How long the current or last attempt ran.
    public func runTime(at now: Instant) -> Duration? {
        guard let startedAt else { return nil }
        if status == .running { return now - startedAt }
        if let finishedAt { return finishedAt - startedAt }
        return nil
    }
}
