/// Something an agent (through its driver) tells the engine.
public enum AgentReport: Sendable, Hashable {
    /// A process for the agent was started (or a simulated agent created).
    case started(agent: String, pool: String, pid: Int32?)
    /// The agent introduced itself: it is ready for work.
    case hello(agent: String, capabilities: [String], role: String?, protocolVersion: Int)
    case heartbeat(agent: String)
    case progress(agent: String, task: TaskID, percent: Int, note: String?)
    case completed(agent: String, task: TaskID, result: JSONValue?, output: String?)
    case failed(agent: String, task: TaskID, error: String, retryable: Bool, output: String?)
    /// The agent sends a message to an agent, a role or everyone.
    case send(agent: String, recipient: Recipient, kind: MessageKind, priority: Priority, body: MessageBody, ttl: Duration?, tags: [String], correlationID: MessageID?)
    case log(agent: String, level: String, text: String)
    /// A line that broke the protocol (malformed, unknown type, invalid UTF-8, too long).
    case protocolViolation(agent: String, reason: String)
    /// CPU (percent of one core) and resident memory, sampled from the system.
    case resources(agent: String, cpuPercent: Double, memoryBytes: Int)
    /// A line the agent wrote to its stderr.
    case stderr(agent: String, line: String)
    /// The agent's process ended (or a simulated agent crashed).
    case exited(agent: String, status: Int32?, signal: Int32?)

    public var agent: String {
        switch self {
        case .started(let agent, _, _), .hello(let agent, _, _, _), .heartbeat(let agent), .progress(let agent, _, _, _),
            .completed(let agent, _, _, _), .failed(let agent, _, _, _, _), .send(let agent, _, _, _, _, _, _, _),
            .log(let agent, _, _), .protocolViolation(let agent, _), .resources(let agent, _, _), .stderr(let agent, _),
            .exited(let agent, _, _):
            agent
        }
    }
}

/// What an agent receives to work on: its task message's body.
public struct TaskAssignment: Hashable, Sendable, Codable {
    public var task: TaskID
    public var message: MessageID
    public var title: String
    public var payload: JSONValue?
    public var command: [String]?
    public var attempt: Int
    public var priority: Priority
    /// Seconds the attempt may run.
    public var timeout: Double?
    public var deadline: Instant?
    /// When the task became ready (queued), so that the receiver can see how long it waited.
    public var queuedAt: Instant?

    public init(
        task: TaskID, message: MessageID, title: String, payload: JSONValue?, command: [String]?, attempt: Int, priority: Priority,
        timeout: Double?, deadline: Instant?, queuedAt: Instant? = nil
    ) {
        self.task = task
        self.message = message
        self.title = title
        self.payload = payload
        self.command = command
        self.attempt = attempt
        self.priority = priority
        self.timeout = timeout
        self.deadline = deadline
        self.queuedAt = queuedAt
    }

    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "task": .string(task.rawValue), "message": .integer(Int64(message.rawValue)), "title": .string(title),
            "attempt": .integer(Int64(attempt)), "priority": .string(priority.rawValue),
        ]
        if let payload { members["payload"] = payload }
        if let command { members["command"] = .array(command.map { .string($0) }) }
        if let timeout { members["timeout"] = .number(timeout) }
        if let deadline { members["deadline"] = .string(RFC3339.format(deadline)) }
        if let queuedAt { members["queuedAt"] = .string(RFC3339.format(queuedAt)) }
        return .object(members)
    }
}

/// What the engine asks the runtime to do to agents after a tick.
public enum EngineEffect: Sendable, Hashable {
    /// Hand a task to an agent.
    case deliverTask(agent: String, assignment: TaskAssignment)
    /// Hand a message to an agent.
    case deliverMessage(agent: String, message: Message)
    /// Tell an agent to stop working on a task (cancelled, timed out, reassigned).
    case cancelTask(agent: String, task: TaskID, reason: String)
    /// Start a new agent in a pool (scale up, or replace one).
    case startAgent(pool: String, agent: String)
    /// Ask an agent to finish and exit (drain done, stop, scale down).
    case stopAgent(agent: String, reason: String)
    /// Stop and start an agent again.
    case restartAgent(agent: String, reason: String)
    /// End an agent at once (hung, over its memory limit).
    case killAgent(agent: String, reason: String)
    /// Answer an agent's bad line with an error line.
    case replyError(agent: String, message: String)
}
