import GRDB
import SwitchboardCore

extension TaskQueries {
    /// The tasks matching `filter` sorted by `order`, rows `offset ..< offset + limit`.
    /// `knownTotal` saves counting when the caller knows how many tasks match (the engine's
    /// summary does, for an empty filter).
    public static func page(
        _ filter: TaskFilter, order: TaskOrder, offset: Int, limit: Int, now: Instant, knownTotal: Int? = nil, _ db: Database
    ) throws -> TaskPage {
        let (condition, arguments) = sqlCondition(filter)
        let total = try knownTotal ?? Int.fetchOne(db, sql: "SELECT count(*) FROM tasks \(condition)", arguments: StatementArguments(arguments)) ?? 0
        let start = max(0, min(offset, max(0, total - 1)))
        let (orderSQL, orderArguments) = sqlOrder(order, now: now)
        // Sort only the keys, then read the few whole rows: sorting whole rows would copy every
        // column of every task into the sorter.
        let sequences = try Int64.fetchAll(
            db, sql: "SELECT sequence FROM tasks \(condition) ORDER BY \(orderSQL) LIMIT ? OFFSET ?",
            arguments: StatementArguments(arguments + orderArguments + [max(0, limit), start]))
        guard !sequences.isEmpty else { return TaskPage(offset: start, rows: [], total: total) }
        let rows = try Row.fetchAll(
            db, sql: "SELECT \(TaskRows.columns) FROM tasks WHERE sequence IN (\(sequences.map(String.init).joined(separator: ",")))")
        var bySequence: [Int64: Task] = [:]
        for row in rows { bySequence[row["sequence"]] = TaskRows.task(from: row) }
        return TaskPage(offset: start, rows: sequences.compactMap { bySequence[$0] }, total: total)
    }

    /// Where task `id` is in the list `page` reads (matching `filter`, sorted by `order`):
    /// its index from 0, or nil when it does not match or does not exist. The dashboard asks
    /// only when the task it follows is outside its window, which is rare: this sorts every
    /// matching row's keys.
    public static func index(of id: TaskID, _ filter: TaskFilter, order: TaskOrder, now: Instant, _ db: Database) throws -> Int? {
        let (condition, arguments) = sqlCondition(filter)
        let (orderSQL, orderArguments) = sqlOrder(order, now: now)
        let number = try Int.fetchOne(
            db, sql: "SELECT n FROM (SELECT id, row_number() OVER (ORDER BY \(orderSQL)) AS n FROM tasks \(condition)) WHERE id = ?",
            arguments: StatementArguments(orderArguments + arguments + [id.rawValue]))
        return number.map { $0 - 1 }
    }

    /// Tasks that name `id` as a prerequisite, oldest first, at most `limit`.
    public static func dependents(of id: TaskID, limit: Int = 100, _ db: Database) throws -> [Task] {
        try Row.fetchAll(
            db, sql: "SELECT \(TaskRows.columns) FROM tasks WHERE dependencies LIKE ? ESCAPE '\\' ORDER BY sequence LIMIT ?",
            arguments: ["%\"id\":\"\(likeEscaped(id.rawValue))\"%", limit]
        ).map(TaskRows.task(from:)).filter { task in task.dependencies.contains { $0.prerequisite == id } }
    }

    /// The WHERE clause for a filter: every term runs in SQL.
    static func sqlCondition(_ filter: TaskFilter) -> (String, [any DatabaseValueConvertible]) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        func anyOf(_ column: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            conditions.append("\(column) IN (\(values.map { _ in "?" }.joined(separator: ",")))")
            arguments += values
        }
        anyOf("status", filter.statuses.map(\.rawValue).sorted())
        if !filter.priorities.isEmpty {
            conditions.append("priority IN (\(filter.priorities.map { String($0.rank) }.sorted().joined(separator: ",")))")
        }
        anyOf("agent", filter.agents.sorted())
        anyOf("queue", filter.queues.sorted())
        if !filter.tags.isEmpty {
            let tags = filter.tags.sorted()
            conditions.append("(" + tags.map { _ in "tags LIKE ? ESCAPE '\\'" }.joined(separator: " OR ") + ")")
            arguments += tags.map { "%\(JSONValue.string($0).jsonText.likeEscapedJSON)%" }
        }
        for word in filter.words {
            conditions.append("(id || ' ' || title) LIKE ? ESCAPE '\\'")
            arguments.append("%\(likeEscaped(word))%")
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    /// ORDER BY for a task order; the same order as `TaskOrder.precedes`.
    static func sqlOrder(_ order: TaskOrder, now: Instant) -> (String, [any DatabaseValueConvertible]) {
        let direction = order.descending ? "DESC" : "ASC"
        let tieBreak = "priority DESC, sequence ASC"
        func nullsLast(_ expression: String) -> String { "(\(expression)) IS NULL, \(expression) \(direction)" }
        switch order.key {
        case .status:
            let rank = TaskStatus.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.displayOrder)" }.joined(separator: " ")
            return ("CASE status \(rank) END \(direction), \(tieBreak)", [])
        case .id: return ("id \(direction), \(tieBreak)", [])
        case .title: return ("lower(title) \(direction), \(tieBreak)", [])
        case .priority: return ("priority \(direction), sequence ASC", [])
        case .progress: return ("progress \(direction), \(tieBreak)", [])
        case .agent: return (nullsLast("agent") + ", " + tieBreak, [])
        case .age: return ("created_at \(order.descending ? "ASC" : "DESC"), \(tieBreak)", [])
        case .eta:
            let eta = "CASE WHEN status = 'running' AND progress > 0 AND progress < 100 AND started_at IS NOT NULL AND ? > started_at THEN started_at + (? - started_at) * 100 / progress END"
            return (nullsLast(eta) + ", " + tieBreak, [now.nanosecondsSinceEpoch, now.nanosecondsSinceEpoch, now.nanosecondsSinceEpoch, now.nanosecondsSinceEpoch])
        }
    }

    static func likeEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

extension String {
    /// JSON text of a tag, escaped for LIKE.
    fileprivate var likeEscapedJSON: String { TaskQueries.likeEscaped(self) }
}
