/// One line of a task's history: a status change or an operator action, with when, who and why.
public struct TaskHistoryEntry: Hashable, Sendable, Codable {
    public enum Event: String, Sendable, Codable {
        /// The status changed.
        case transition
        /// An operator or the engine acted without a status change (reprioritise, overdue, …).
        case action
        /// An agent reported progress (only the milestones are kept).
        case progress
    }

    public var task: TaskID
    public var at: Instant
    public var event: Event
    public var from: TaskStatus?
    public var to: TaskStatus?
    public var actor: Actor
    public var reason: String

    public init(task: TaskID, at: Instant, event: Event, from: TaskStatus? = nil, to: TaskStatus? = nil, actor: Actor, reason: String) {
        self.task = task
        self.at = at
        self.event = event
        self.from = from
        self.to = to
        self.actor = actor
        self.reason = reason
    }
}
