/// Where a task is in its life. The JSON form is the lowercase name.
///
/// ```
///            prerequisites met        agent free             completes
/// blocked ──────────────────► queued ───────────► running ───────────► completed
///    ▲ (waiting on others)    ▲   │  (ready)              │   fails / times out / agent lost
///    │                        │   ▼                        ▼
/// pending (start-after, retry backoff) ◄───── attempts left ──┴── none left: failed / timeout
/// paused: taken out of scheduling by an operator; cancelled: by an operator or a failed prerequisite
/// ```
public enum TaskStatus: String, CaseIterable, Codable, Sendable {
    /// Waiting for its start-after time or a retry backoff.
    case pending
    /// Waiting for prerequisites.
    case blocked
    /// Ready, waiting for an agent.
    case queued
    /// Assigned to an agent.
    case running
    /// Held by an operator.
    case paused
    case completed
    /// Failed for good (its attempts ran out, or the failure was not retryable).
    case failed
    case cancelled
    /// Ran out of time on its last attempt.
    case timeout

    /// Final: the task will not run again unless an operator retries it.
    public var isFinal: Bool {
        switch self {
        case .completed, .failed, .cancelled, .timeout: true
        default: false
        }
    }

    /// Final and not successful: dependents that need success are cancelled.
    public var isUnsuccessful: Bool { isFinal && self != .completed }

    /// Order for tables and summaries: live work first.
    public var displayOrder: Int {
        switch self {
        case .running: 0
        case .queued: 1
        case .blocked: 2
        case .pending: 3
        case .paused: 4
        case .failed: 5
        case .timeout: 6
        case .cancelled: 7
        case .completed: 8
        }
    }
}

/// Who did something: the engine itself, an agent, an operator at the dashboard, the CLI, or
/// the demo's synthetic workload. The JSON form is a string: `engine`, `agent:NAME`,
/// `dashboard`, `cli`, `workload`.
public enum Actor: Hashable, Sendable, CustomStringConvertible {
    case engine
    case agent(String)
    case dashboard
    case cli
    case workload

    public var description: String {
        switch self {
        case .engine: "engine"
        case .agent(let name): "agent:\(name)"
        case .dashboard: "dashboard"
        case .cli: "cli"
        case .workload: "workload"
        }
    }

    public init(parsing text: String) {
        switch text {
        case "engine": self = .engine
        case "dashboard": self = .dashboard
        case "cli": self = .cli
        case "workload": self = .workload
        default: self = text.hasPrefix("agent:") ? .agent(String(text.dropFirst(6))) : .engine
        }
    }
}

extension Actor: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
