/// What a submitter asks for. The engine adds the id, times, status and bookkeeping.
public struct TaskSpec: Hashable, Sendable {
    public var title: String
    public var queue: String
    public var payload: JSONValue?
    /// A command for `command` agents, as an argument array (a shell only when written as one).
    public var command: [String]?
    /// Capabilities an agent must have, all of them.
    public var capabilities: [String]
    public var priority: Priority
    public var tags: [String]
    public var dependencies: [DependencySpec]
    public var timeout: Duration?
    public var deadline: Instant?
    public var startAfter: Instant?
    public var maxAttempts: Int?
    public var parent: TaskID?
    /// A handle local to one submission (a graph file's `name`), so that other tasks of the
    /// same submission can depend on this one.
    public var localName: String?

    /// A prerequisite: a task that exists, or one of the same submission by its local name.
    public struct DependencySpec: Hashable, Sendable {
        public enum Reference: Hashable, Sendable {
            case id(TaskID)
            case local(String)
        }

        public var reference: Reference
        public var condition: TaskDependency.Condition
        public var optional: Bool

        public init(_ reference: Reference, condition: TaskDependency.Condition = .success, optional: Bool = false) {
            self.reference = reference
            self.condition = condition
            self.optional = optional
        }
    }

    public init(
        title: String, queue: String = "default", payload: JSONValue? = nil, command: [String]? = nil,
        capabilities: [String] = [], priority: Priority = .normal, tags: [String] = [], dependencies: [DependencySpec] = [],
        timeout: Duration? = nil, deadline: Instant? = nil, startAfter: Instant? = nil, maxAttempts: Int? = nil,
        parent: TaskID? = nil, localName: String? = nil
    ) {
        self.title = title
        self.queue = queue
        self.payload = payload
        self.command = command
        self.capabilities = capabilities
        self.priority = priority
        self.tags = tags
        self.dependencies = dependencies
        self.timeout = timeout
        self.deadline = deadline
        self.startAfter = startAfter
        self.maxAttempts = maxAttempts
        self.parent = parent
        self.localName = localName
    }
}
