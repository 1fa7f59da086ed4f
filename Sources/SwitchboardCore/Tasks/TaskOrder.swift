/// How a list of tasks is sorted: the dashboard's sort column and direction, which the store
/// turns into SQL so that only the visible window is read.
public struct TaskOrder: Hashable, Sendable {
    public enum Key: String, CaseIterable, Sendable {
        /// Live work first (running, queued, blocked, …, completed), then priority, then age.
        case status
        case id
        case title
        case priority
        case progress
        case agent
        /// Time since submission.
        case age
        /// Estimated time to completion (running tasks with progress; the rest last).
        case eta
    }

    public var key: Key
    public var descending: Bool

    public init(_ key: Key = .status, descending: Bool = false) {
        self.key = key
        self.descending = descending
    }

    /// The default: what needs attention first.
    public static let standard = TaskOrder(.status)

    /// The direction a key is first sorted in when chosen: the one an operator wants first
    /// (highest priority, most progress, oldest, soonest done).
    public static func natural(_ key: Key) -> TaskOrder {
        switch key {
        case .priority, .progress, .age: TaskOrder(key, descending: true)
        default: TaskOrder(key)
        }
    }

    /// Whether `a` comes before `b` in this order, at `now` (the same order the store's SQL gives).
    public func precedes(_ a: Task, _ b: Task, at now: Instant) -> Bool {
        func tieBreak() -> Bool {
            if a.priority != b.priority { return a.priority > b.priority }
            return a.sequence < b.sequence
        }
        func compare<T: Comparable>(_ x: T?, _ y: T?) -> Bool? {
            switch (x, y) {
            case (nil, nil): return nil
            case (nil, _): return false
            case (_, nil): return true
            case let (x?, y?): return x == y ? nil : (descending ? x > y : x < y)
            }
        }
        let decided: Bool?
        switch key {
        case .status: decided = compare(a.status.displayOrder, b.status.displayOrder)
        case .id: decided = compare(a.id.rawValue, b.id.rawValue)
        case .title: decided = compare(a.title.lowercased(), b.title.lowercased())
        case .priority: decided = compare(a.priority.rank, b.priority.rank)
        case .progress: decided = compare(a.progress, b.progress)
        case .agent: decided = compare(a.agent, b.agent)
        case .age: decided = compare(-a.createdAt.nanosecondsSinceEpoch, -b.createdAt.nanosecondsSinceEpoch)
        case .eta: decided = compare(a.estimatedCompletion(at: now)?.nanosecondsSinceEpoch, b.estimatedCompletion(at: now)?.nanosecondsSinceEpoch)
        }
        return decided ?? tieBreak()
    }
}
