/// Which tasks an operator command is about: ids (one, or the rows marked in the dashboard) or
/// every task matching a filter.
public enum TaskSelector: Hashable, Sendable {
    case ids([TaskID])
    case filter(TaskFilter)

    public static func id(_ id: TaskID) -> TaskSelector { .ids([id]) }
}

/// Everything an operator can ask of the engine, from the dashboard or the CLI. Commands take
/// effect on the engine's next tick, and each is recorded (with who issued it) in the history
/// of every task it changes.
public enum OperatorCommand: Hashable, Sendable {
    /// Submit tasks atomically: all of them or none.
    case submit([TaskSpec])
    case reprioritize(TaskSelector, Priority)
    /// Raise (`+1`) or lower (`-1`) each selected task's priority by one level.
    case shiftPriority(TaskSelector, by: Int)
    case cancel(TaskSelector, reason: String?)
    case retry(TaskSelector)
    case pauseTasks(TaskSelector)
    case resumeTasks(TaskSelector)
    case pauseQueue(String)
    case resumeQueue(String)
    /// Send a message to an agent, a role or everyone.
    case send(MessageDraft)
    case agent(AgentAction, name: String)
    /// Change a pool's replica bounds.
    case scalePool(String, minimum: Int?, maximum: Int?)
    /// Add or remove replicas (the dashboard's `+` and `-`): moves both bounds' floor.
    case adjustReplicas(String, delta: Int)

    /// A short description for logs and the event log.
    public var summary: String {
        switch self {
        case .submit(let specs): "submit \(specs.count) task(s)"
        case .reprioritize(_, let priority): "reprioritise to \(priority.rawValue)"
        case .shiftPriority(_, let delta): delta > 0 ? "raise priority" : "lower priority"
        case .cancel: "cancel"
        case .retry: "retry"
        case .pauseTasks: "pause task(s)"
        case .resumeTasks: "resume task(s)"
        case .pauseQueue(let name): "pause queue \(name)"
        case .resumeQueue(let name): "resume queue \(name)"
        case .send(let draft): "send a \(draft.kind.rawValue) message to \(draft.recipient.text)"
        case .agent(let action, let name): "\(action.rawValue) \(name)"
        case .scalePool(let name, _, _): "scale pool \(name)"
        case .adjustReplicas(let name, let delta): "\(delta > 0 ? "add" : "remove") a replica of \(name)"
        }
    }
}

/// What a command did: accepted or refused, with a human line and what it touched.
public struct CommandOutcome: Hashable, Sendable {
    public var accepted: Bool
    public var message: String
    public var tasks: [TaskID]
    public var messages: [MessageID]
    /// Refused because what the command names (a task, an agent, a pool) does not exist: the
    /// CLI exits 4 for it instead of 1.
    public var notFound: Bool

    public init(accepted: Bool, message: String, tasks: [TaskID] = [], messages: [MessageID] = [], notFound: Bool = false) {
        self.accepted = accepted
        self.message = message
        self.tasks = tasks
        self.messages = messages
        self.notFound = notFound
    }

    public static func refused(_ message: String) -> CommandOutcome { CommandOutcome(accepted: false, message: message) }

    /// A refusal because the task, agent or pool named does not exist.
    public static func notFound(_ message: String) -> CommandOutcome { CommandOutcome(accepted: false, message: message, notFound: true) }

    /// `{"ok", "message", "tasks", "messages"}`, plus `"notFound": true` on such a refusal.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "ok": .bool(accepted), "message": .string(message), "tasks": .array(tasks.map { .string($0.rawValue) }),
            "messages": .array(messages.map { .integer(Int64($0.rawValue)) }),
        ]
        if notFound { members["notFound"] = .bool(true) }
        return .object(members)
    }

    public init?(json: JSONValue) {
        guard let accepted = json["ok"]?.boolValue else { return nil }
        self.accepted = accepted
        notFound = json["notFound"]?.boolValue ?? false
        message = json["message"]?.stringValue ?? ""
        tasks = json["tasks"]?.arrayValue?.compactMap { $0.stringValue.map(TaskID.init) } ?? []
        messages = json["messages"]?.arrayValue?.compactMap { $0.integerValue.flatMap(UInt64.init(exactly:)).map(MessageID.init) } ?? []
    }
}
