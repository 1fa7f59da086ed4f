import ArgumentParser
import Foundation
import SwitchboardCore
import SwitchboardStore

struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "List tasks, newest first.",
        discussion: """
            Filters combine: terms of one kind are alternatives, different kinds must all hold.

            Examples:
              switchboard tasks --status failed --status timeout
              switchboard tasks --filter "tag:nightly queue:ci build" --json
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Only this status (repeatable).")
    var status: [String] = []

    @Option(help: "Only this priority (repeatable).")
    var priority: [String] = []

    @Option(help: "Only tasks on this agent.")
    var agent: String?

    @Option(help: "Only tasks with this tag.")
    var tag: String?

    @Option(help: "Only this queue.")
    var queue: String?

    @Option(help: "A filter as typed in the dashboard: words plus status:, priority:, agent:, tag:, queue:.")
    var filter: String?

    @Option(help: "At most this many (1–10000).")
    var limit = 200

    @Option(help: "Continue a listing where the last one stopped (its \"cursor\").")
    var cursor: String?

    @Flag(help: "Print {\"tasks\": [...], \"limit\", \"more\", \"cursor\"} as JSON.")
    var json = false

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000, not \(limit)") }
        if let cursor, UInt64(cursor) == nil { throw ValidationError("--cursor: \"\(cursor)\" is not a cursor from an earlier listing") }
    }

    func run() throws {
        var terms = status.map { "status:\($0)" } + priority.map { "priority:\($0)" }
        if let agent { terms.append("agent:\(agent)") }
        if let tag { terms.append("tag:\(tag)") }
        if let queue { terms.append("queue:\(queue)") }
        if let filter { terms.append(filter) }
        let parsed: TaskFilter
        do {
            parsed = try TaskFilter(parsing: terms.joined(separator: " "))
        } catch {
            throw ValidationError(error.message)
        }
        let opened = try CLI.openStore(store)
        // One more than asked, to know whether the listing stopped at its limit.
        var tasks = try opened.read { db in
            try TaskQueries.matching(parsed, limit: limit + 1, beforeSequence: cursor.flatMap { UInt64($0) }, db)
        }
        let more = tasks.count > limit
        if more { tasks.removeLast() }
        let page = TaskListing(tasks: tasks, limit: limit, more: more, cursor: more ? tasks.last.map { String($0.sequence) } : nil)
        if json {
            try CLI.printJSON(page)
            return
        }
        if let next = page.cursor {
            printError("showing the newest \(limit) matching tasks; more with --cursor \(next) (or a larger --limit)")
        }
        let now = CLI.clock.now()
        print(TextTable.render(
            ["ID", "PRIORITY", "STATUS", "PROGRESS", "AGENT", "AGE", "TITLE"],
            tasks.map { task in
                [task.id.rawValue, task.priority.rawValue, task.status.rawValue + (task.overdue ? "!" : ""), "\(task.progress)%",
                 task.agent ?? "-", TextTable.age(task.createdAt, now: now), task.title]
            }))
    }
}

/// `tasks --json`: one page of a newest-first listing. `more` says whether it stopped at
/// `limit`; `cursor` (null when not) continues it with `--cursor`.
struct TaskListing: Encodable {
    var tasks: [Task]
    var limit: Int
    var more: Bool
    var cursor: String?

    enum CodingKeys: String, CodingKey { case tasks, limit, more, cursor }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tasks, forKey: .tasks)
        try container.encode(limit, forKey: .limit)
        try container.encode(more, forKey: .more)
        try container.encode(cursor, forKey: .cursor)
    }
}

struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Show one task: its fields, dependency tree, history and output tail.",
        discussion: """
            Example:
              switchboard task t-4f2a
              switchboard task t-4f2a --json
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "The task id (t-4f2a).")
    var id: String

    @Flag(help: "Print the task as JSON, with \"history\", \"dependents\" and \"tree\".")
    var json = false

    func run() throws {
        let taskID = try CLI.parseTaskID(id)
        let opened = try CLI.openStore(store)
        let (found, history, dependents, tree) = try opened.read { db in
            (
                try TaskQueries.task(taskID, db), try TaskQueries.history(of: taskID, db),
                try TaskQueries.dependents(of: taskID, db).map(\.id),
                DependencyTree.lines(for: taskID) { id in try? TaskQueries.task(id, db) }
            )
        }
        guard let task = found else { throw CLIError.notFound("no task \(taskID) in \(opened.path)") }
        if json {
            guard case .object(var members) = try JSONParser.parse(try CLI.jsonText(task)) else { return }
            members["history"] = try JSONParser.parse(try CLI.jsonText(history))
            members["dependents"] = .array(dependents.map { .string($0.rawValue) })
            members["tree"] = .array(tree.map { .string($0) })
            print(JSONValue.object(members).jsonText)
            return
        }
        let now = CLI.clock.now()
        var lines = [
            "\(task.id)  \(task.title)",
            "status     \(task.status.rawValue)\(task.overdue ? " (overdue)" : "")   priority \(task.priority.rawValue)   queue \(task.queue)",
            "progress   \(task.progress)%\(task.progressNote.map { " \($0)" } ?? "")   attempts \(task.attempts)/\(task.maxAttempts)   agent \(task.agent ?? "-")",
            "needs      \(task.capabilities.isEmpty ? "-" : task.capabilities.joined(separator: ", "))   tags \(task.tags.isEmpty ? "-" : task.tags.joined(separator: ", "))",
            "created    \(task.createdAt) (\(TextTable.age(task.createdAt, now: now)) ago)",
        ]
        if let command = task.command { lines.append("command    \(command.joined(separator: " "))") }
        if let eta = task.estimatedCompletion(at: now) { lines.append("eta        \(eta)") }
        if let deadline = task.deadline { lines.append("deadline   \(deadline)") }
        if let error = task.lastError { lines.append("last error \(error)") }
        lines.append("")
        lines.append("dependencies")
        lines += tree.map { "  " + $0 }
        if !dependents.isEmpty { lines.append("needed by  " + dependents.map(\.rawValue).joined(separator: ", ")) }
        lines.append("")
        lines.append("history")
        for entry in history {
            let change = entry.to.map { to in (entry.from.map { "\($0.rawValue) → " } ?? "") + to.rawValue } ?? entry.event.rawValue
            lines.append("  \(RFC3339.format(entry.at))  \(entry.actor.description.padding(10))  \(change.padding(22))  \(entry.reason)")
        }
        if let output = task.outputTail, !output.isEmpty {
            lines.append("")
            lines.append("output (tail)")
            lines += output.split(separator: "\n", omittingEmptySubsequences: false).suffix(20).map { "  " + $0 }
        }
        print(lines.joined(separator: "\n"))
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}

/// `reprioritize`, `cancel`, `retry`: one task by id, or every task matching --filter.
struct TaskSelection: ParsableArguments {
    @Option(help: "Every task matching this filter instead of one id.")
    var filter: String?

    func selector(_ id: String?) throws -> TaskSelector {
        if let filter {
            guard id == nil else { throw ValidationError("give a task id or --filter, not both") }
            do {
                return .filter(try TaskFilter(parsing: filter))
            } catch {
                throw ValidationError(error.message)
            }
        }
        guard let id else { throw ValidationError("give a task id (or --filter)") }
        return .id(try CLI.parseTaskID(id))
    }
}

struct ReprioritizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprioritize",
        abstract: "Change a task's priority (raising it raises its unfinished prerequisites too).",
        discussion: """
            Examples:
              switchboard reprioritize t-4f2a critical
              switchboard reprioritize --filter "tag:nightly status:queued" low
            """,
        aliases: ["reprioritise"])

    @OptionGroup var store: StoreOptions
    @OptionGroup var selection: TaskSelection

    @Argument(help: "The task id (or use --filter), then the priority.")
    var arguments: [String]

    func run() throws {
        guard let last = arguments.last, let priority = Priority(parsing: last) else {
            throw ValidationError("the last argument must be a priority: low, normal, high, urgent or critical")
        }
        let id = arguments.count > 1 ? arguments[0] : nil
        let outcome = try CLI.send(.reprioritize(try selection.selector(id), priority), store)
        print(outcome.message)
    }
}

struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a task (a running one is told to stop; dependents that need it are cancelled).",
        discussion: "Example:\n  switchboard cancel t-4f2a --reason \"wrong branch\"")

    @OptionGroup var store: StoreOptions
    @OptionGroup var selection: TaskSelection

    @Argument(help: "The task id (or use --filter).")
    var id: String?

    @Option(help: "Why, for the history.")
    var reason: String?

    func run() throws {
        print(try CLI.send(.cancel(try selection.selector(id), reason: reason), store).message)
    }
}

struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Run a failed, cancelled or timed-out task again, with fresh attempts.",
        discussion: "Example:\n  switchboard retry t-4f2a\n  switchboard retry --filter status:failed")

    @OptionGroup var store: StoreOptions
    @OptionGroup var selection: TaskSelection

    @Argument(help: "The task id (or use --filter).")
    var id: String?

    func run() throws {
        print(try CLI.send(.retry(try selection.selector(id)), store).message)
    }
}

struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Pause or resume a queue: a paused queue dispatches nothing.",
        discussion: "Examples:\n  switchboard queue pause default\n  switchboard queue resume default")

    @OptionGroup var store: StoreOptions

    @Argument(help: "pause or resume")
    var action: String

    @Argument(help: "The queue.")
    var name: String

    func run() throws {
        let command: OperatorCommand
        switch action {
        case "pause": command = .pauseQueue(name)
        case "resume": command = .resumeQueue(name)
        default: throw ValidationError("the action is pause or resume, not \"\(action)\"")
        }
        print(try CLI.send(command, store).message)
    }
}
