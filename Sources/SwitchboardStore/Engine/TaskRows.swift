import Foundation
import GRDB
import SwitchboardCore

/// How a task is stored: one row of the `tasks` table, times in nanoseconds, lists as JSON.
enum TaskRows {
    static let columns = """
        id, sequence, title, queue, payload, command, capabilities, priority, tags, dependencies, status, progress, \
        progress_note, agent, attempts, max_attempts, timeout, deadline, start_after, parent, created_at, updated_at, \
        started_at, finished_at, queued_at, available_at, result, last_error, output_tail, overdue
        """

    static let insertSQL = "INSERT INTO tasks (\(columns)) VALUES (\(Array(repeating: "?", count: 30).joined(separator: ",")))"

    /// The fields that change after submission.
    static let updateSQL = """
        UPDATE tasks SET priority = ?, status = ?, progress = ?, progress_note = ?, agent = ?, attempts = ?, updated_at = ?,
          started_at = ?, finished_at = ?, queued_at = ?, available_at = ?, start_after = ?, result = ?, last_error = ?,
          output_tail = ?, overdue = ? WHERE sequence = ?
        """

    static func strings(_ values: [String]) -> String? {
        values.isEmpty ? nil : JSONValue.array(values.map { .string($0) }).jsonText
    }

    static func dependenciesJSON(_ dependencies: [TaskDependency]) -> String? {
        guard !dependencies.isEmpty else { return nil }
        return JSONValue.array(dependencies.map { edge in
            ["id": .string(edge.prerequisite.rawValue), "condition": .string(edge.condition.rawValue), "optional": .bool(edge.optional)]
        }).jsonText
    }

    static func insert(_ task: Task, with statement: RawStatement, db: Database) throws {
        statement.bind(1, task.id.rawValue)
        statement.bind(2, Int64(bitPattern: task.sequence))
        statement.bind(3, task.title)
        statement.bind(4, task.queue)
        statement.bind(5, task.payload?.jsonText)
        statement.bind(6, task.command.map { JSONValue.array($0.map { .string($0) }).jsonText })
        statement.bind(7, strings(task.capabilities))
        statement.bind(8, task.priority.rank)
        statement.bind(9, strings(task.tags))
        statement.bind(10, dependenciesJSON(task.dependencies))
        statement.bind(11, task.status.rawValue)
        statement.bind(12, task.progress)
        statement.bind(13, task.progressNote)
        statement.bind(14, task.agent)
        statement.bind(15, task.attempts)
        statement.bind(16, task.maxAttempts)
        statement.bind(17, task.timeout?.nanoseconds)
        statement.bind(18, task.deadline?.nanosecondsSinceEpoch)
        statement.bind(19, task.startAfter?.nanosecondsSinceEpoch)
        statement.bind(20, task.parent?.rawValue)
        statement.bind(21, task.createdAt.nanosecondsSinceEpoch)
        statement.bind(22, task.updatedAt.nanosecondsSinceEpoch)
        statement.bind(23, task.startedAt?.nanosecondsSinceEpoch)
        statement.bind(24, task.finishedAt?.nanosecondsSinceEpoch)
        statement.bind(25, task.queuedAt?.nanosecondsSinceEpoch)
        statement.bind(26, task.availableAt?.nanosecondsSinceEpoch)
        statement.bind(27, task.result?.jsonText)
        statement.bind(28, task.lastError)
        statement.bind(29, task.outputTail)
        statement.bind(30, task.overdue ? 1 : 0)
        try statement.step(db)
    }

    static func update(_ task: Task, with statement: RawStatement, db: Database) throws {
        statement.bind(1, task.priority.rank)
        statement.bind(2, task.status.rawValue)
        statement.bind(3, task.progress)
        statement.bind(4, task.progressNote)
        statement.bind(5, task.agent)
        statement.bind(6, task.attempts)
        statement.bind(7, task.updatedAt.nanosecondsSinceEpoch)
        statement.bind(8, task.startedAt?.nanosecondsSinceEpoch)
        statement.bind(9, task.finishedAt?.nanosecondsSinceEpoch)
        statement.bind(10, task.queuedAt?.nanosecondsSinceEpoch)
        statement.bind(11, task.availableAt?.nanosecondsSinceEpoch)
        statement.bind(12, task.startAfter?.nanosecondsSinceEpoch)
        statement.bind(13, task.result?.jsonText)
        statement.bind(14, task.lastError)
        statement.bind(15, task.outputTail)
        statement.bind(16, task.overdue ? 1 : 0)
        statement.bind(17, Int64(bitPattern: task.sequence))
        try statement.step(db)
    }

    /// Reads a task back from a row selected with `columns`.
    static func task(from row: Row) -> Task {
        func instant(_ column: String) -> Instant? { (row[column] as Int64?).map { Instant(nanosecondsSinceEpoch: $0) } }
        func json(_ column: String) -> JSONValue? { (row[column] as String?).flatMap { try? JSONParser.parse($0) } }
        func strings(_ column: String) -> [String] { json(column)?.arrayValue?.compactMap(\.stringValue) ?? [] }
        let dependencies = json("dependencies")?.arrayValue?.compactMap { edge -> TaskDependency? in
            guard let id = edge["id"]?.stringValue else { return nil }
            return TaskDependency(
                TaskID(id), condition: TaskDependency.Condition(rawValue: edge["condition"]?.stringValue ?? "success") ?? .success,
                optional: edge["optional"]?.boolValue ?? false)
        } ?? []
        let spec = TaskSpec(
            title: row["title"], queue: row["queue"], payload: json("payload"),
            command: json("command")?.arrayValue?.compactMap(\.stringValue), capabilities: strings("capabilities"),
            priority: Priority(rank: row["priority"]) ?? .normal, tags: strings("tags"),
            timeout: (row["timeout"] as Int64?).map { .nanoseconds($0) }, deadline: instant("deadline"),
            startAfter: instant("start_after"), parent: (row["parent"] as String?).map(TaskID.init))
        var task = Task(
            id: TaskID(row["id"] as String), sequence: UInt64(bitPattern: row["sequence"] as Int64), spec: spec,
            dependencies: dependencies, maxAttempts: row["max_attempts"], createdAt: instant("created_at") ?? .epoch)
        task.status = TaskStatus(rawValue: row["status"]) ?? .queued
        task.progress = row["progress"]
        task.progressNote = row["progress_note"]
        task.agent = row["agent"]
        task.attempts = row["attempts"]
        task.updatedAt = instant("updated_at") ?? task.createdAt
        task.startedAt = instant("started_at")
        task.finishedAt = instant("finished_at")
        task.queuedAt = instant("queued_at")
        task.availableAt = instant("available_at")
        task.result = json("result")
        task.lastError = row["last_error"]
        task.outputTail = row["output_tail"]
        task.overdue = (row["overdue"] as Int) != 0
        return task
    }
}

/// Reading tasks and their history back, for the CLI and the dashboard on a store.
public enum TaskQueries {
    public static func all(_ db: Database) throws -> [Task] {
        try Row.fetchAll(db, sql: "SELECT \(TaskRows.columns) FROM tasks ORDER BY sequence").map(TaskRows.task(from:))
    }

    public static func task(_ id: TaskID, _ db: Database) throws -> Task? {
        try Row.fetchOne(db, sql: "SELECT \(TaskRows.columns) FROM tasks WHERE id = ?", arguments: [id.rawValue]).map(TaskRows.task(from:))
    }

    /// Tasks matching a filter, newest first (or in submission order), at most `limit`; with
    /// `beforeSequence`, only tasks submitted before that one (the next page of a newest-first
    /// listing). Status, priority, agent and queue terms run in SQL; tags and words in Swift.
    public static func matching(
        _ filter: TaskFilter, limit: Int = 1000, oldestFirst: Bool = false, beforeSequence: UInt64? = nil, _ db: Database
    ) throws -> [Task] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let beforeSequence {
            conditions.append("sequence < ?")
            arguments.append(Int64(bitPattern: beforeSequence))
        }
        if !filter.statuses.isEmpty {
            conditions.append("status IN (\(filter.statuses.map { _ in "?" }.joined(separator: ",")))")
            arguments += filter.statuses.map(\.rawValue).sorted()
        }
        if !filter.priorities.isEmpty {
            conditions.append("priority IN (\(filter.priorities.map { String($0.rank) }.joined(separator: ",")))")
        }
        if !filter.agents.isEmpty {
            conditions.append("agent IN (\(filter.agents.map { _ in "?" }.joined(separator: ",")))")
            arguments += filter.agents.sorted()
        }
        if !filter.queues.isEmpty {
            conditions.append("queue IN (\(filter.queues.map { _ in "?" }.joined(separator: ",")))")
            arguments += filter.queues.sorted()
        }
        let condition = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let order = oldestFirst ? "sequence" : "sequence DESC"
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(TaskRows.columns) FROM tasks \(condition) ORDER BY \(order)", arguments: StatementArguments(arguments))
        var found: [Task] = []
        while found.count < limit, let row = try cursor.next() {
            let task = TaskRows.task(from: row)
            if filter.matches(task) { found.append(task) }
        }
        return found
    }

    public static func history(of id: TaskID, _ db: Database) throws -> [TaskHistoryEntry] {
        guard let sequence = try Int64.fetchOne(db, sql: "SELECT sequence FROM tasks WHERE id = ?", arguments: [id.rawValue]) else { return [] }
        return try Row.fetchAll(
            db, sql: "SELECT task_id, at, event, from_status, to_status, actor, reason FROM task_history WHERE task_sequence = ? ORDER BY id",
            arguments: [sequence]
        ).map { row in
            TaskHistoryEntry(
                task: TaskID(row["task_id"] as String), at: Instant(nanosecondsSinceEpoch: row["at"]),
                event: TaskHistoryEntry.Event(rawValue: row["event"]) ?? .action,
                from: (row["from_status"] as String?).flatMap(TaskStatus.init(rawValue:)),
                to: (row["to_status"] as String?).flatMap(TaskStatus.init(rawValue:)),
                actor: Actor(parsing: row["actor"]), reason: row["reason"] ?? "")
        }
    }

    /// Counts of tasks by status.
    public static func counts(_ db: Database) throws -> [TaskStatus: Int] {
        var counts: [TaskStatus: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM tasks GROUP BY status") {
            if let status = TaskStatus(rawValue: row["status"]) { counts[status] = row["n"] }
        }
        return counts
    }
}
