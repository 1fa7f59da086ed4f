/// Which tasks an operator means: free text plus `status:`, `priority:`, `agent:`, `tag:`,
/// `queue:` terms, as typed in the dashboard's filter and the CLI. Terms of the same key are
/// alternatives (`status:failed status:timeout`); different keys must all hold.
public struct TaskFilter: Hashable, Sendable, Codable {
    public var statuses: Set<TaskStatus> = []
    public var priorities: Set<Priority> = []
    public var agents: Set<String> = []
    public var tags: Set<String> = []
    public var queues: Set<String> = []
    /// Words that must each appear in the id or title (case-insensitive).
    public var words: [String] = []

    public init() {}

    public var isEmpty: Bool {
        statuses.isEmpty && priorities.isEmpty && agents.isEmpty && tags.isEmpty && queues.isEmpty && words.isEmpty
    }

    /// Parses `text`; an unknown status or priority is an error that says what is allowed.
    public init(parsing text: String) throws(TaskFilterError) {
        for term in text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) {
            guard let colon = term.firstIndex(of: ":"), colon != term.startIndex else {
                words.append(term.lowercased())
                continue
            }
            let key = term[..<colon].lowercased()
            let value = String(term[term.index(after: colon)...])
            guard !value.isEmpty else { throw TaskFilterError(message: "\(key): needs a value") }
            switch key {
            case "status", "s":
                guard let status = TaskStatus(rawValue: value.lowercased()) else {
                    throw TaskFilterError(message: "unknown status '\(value)'; one of \(TaskStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                statuses.insert(status)
            case "priority", "p":
                guard let priority = Priority(parsing: value) else {
                    throw TaskFilterError(message: "unknown priority '\(value)'; one of \(Priority.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                priorities.insert(priority)
            case "agent", "a": agents.insert(value)
            case "tag", "t": tags.insert(value)
            case "queue", "q": queues.insert(value)
            default: words.append(term.lowercased())
            }
        }
    }

    public func matches(_ task: Task) -> Bool {
        if !statuses.isEmpty, !statuses.contains(task.status) { return false }
        if !priorities.isEmpty, !priorities.contains(task.priority) { return false }
        if !agents.isEmpty, !(task.agent.map(agents.contains) ?? false) { return false }
        if !tags.isEmpty, !task.tags.contains(where: tags.contains) { return false }
        if !queues.isEmpty, !queues.contains(task.queue) { return false }
        if !words.isEmpty {
            let haystack = (task.id.rawValue + " " + task.title).lowercased()
            if !words.allSatisfy(haystack.contains) { return false }
        }
        return true
    }

    /// The filter as it would be typed.
    public var text: String {
        var terms: [String] = []
        terms += statuses.map { "status:\($0.rawValue)" }.sorted()
        terms += priorities.map { "priority:\($0.rawValue)" }.sorted()
        terms += agents.map { "agent:\($0)" }.sorted()
        terms += tags.map { "tag:\($0)" }.sorted()
        terms += queues.map { "queue:\($0)" }.sorted()
        terms += words
        return terms.joined(separator: " ")
    }
}

public struct TaskFilterError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
