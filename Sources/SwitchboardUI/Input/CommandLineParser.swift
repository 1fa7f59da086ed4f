import SwitchboardCore

/// What a `:` command line asks for.
enum CommandLineRequest: Equatable {
    case engine(OperatorCommand)
    /// Pause or resume a queue or an agent; `isQueue` nil means "whichever has that name".
    case pauseResume(name: String, isQueue: Bool?, resume: Bool)
    case theme(String)
    case filter(String)
    case sort(TaskOrder.Key, descending: Bool?)
    case events
    case freeze
    case messages
    case help
    case quit
}

/// A `:` command that cannot be done, and why.
struct CommandLineError: Error, Equatable {
    var message: String
}

/// Parses the dashboard's command line and its new-task line.
enum CommandLineParser {
    /// The commands, as the help lists them.
    static let help: [(String, String)] = [
        ("reprioritize ID… PRIORITY", "set the priority of tasks (also :prio)"),
        ("raise ID… / :lower ID…", "one priority level up or down"),
        ("cancel ID…", "cancel tasks"),
        ("retry ID…", "retry tasks"),
        ("submit TITLE [priority:P queue:Q cap:C tag:T after:ID]", "submit a task (like n)"),
        ("pause NAME / :resume NAME", "a queue or an agent (or :pause queue NAME)"),
        ("drain AGENT / :restart AGENT / :stop AGENT", "act on an agent"),
        ("scale POOL MIN MAX", "set a pool's replica bounds"),
        ("filter TEXT", "filter the tasks (empty to clear)"),
        ("sort COLUMN [asc|desc]", "sort the tasks by a column"),
        ("theme NAME", "switch theme"),
        ("events / :freeze / :help / :quit", "toggle the event log, freeze, help, quit"),
        ("messages", "the footer's messages, newest first (also m)"),
    ]

    static func parse(_ line: String) throws(CommandLineError) -> CommandLineRequest {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let verb = words.first?.lowercased() else { throw CommandLineError(message: "type a command, or Esc") }
        let arguments = Array(words.dropFirst())
        switch verb {
        case "reprioritize", "reprioritise", "prio", "priority":
            guard arguments.count >= 2, let priority = Priority(parsing: arguments.last!) else {
                throw CommandLineError(message: "usage: :reprioritize ID… PRIORITY (low, normal, high, urgent, critical)")
            }
            return .engine(.reprioritize(try taskSelector(arguments.dropLast()), priority))
        case "raise", "lower":
            return .engine(.shiftPriority(try taskSelector(arguments[...]), by: verb == "raise" ? 1 : -1))
        case "cancel":
            return .engine(.cancel(try taskSelector(arguments[...]), reason: "cancelled from the dashboard"))
        case "retry":
            return .engine(.retry(try taskSelector(arguments[...])))
        case "submit", "new":
            return .engine(.submit([try newTask(arguments.joined(separator: " "))]))
        case "pause", "resume":
            let resume = verb == "resume"
            if arguments.count == 2, ["queue", "agent"].contains(arguments[0].lowercased()) {
                return .pauseResume(name: arguments[1], isQueue: arguments[0].lowercased() == "queue", resume: resume)
            }
            guard arguments.count == 1 else { throw CommandLineError(message: "usage: :\(verb) NAME, or :\(verb) queue|agent NAME") }
            return .pauseResume(name: arguments[0], isQueue: nil, resume: resume)
        case "drain", "restart", "stop":
            guard arguments.count == 1, let action = AgentAction(rawValue: verb) else { throw CommandLineError(message: "usage: :\(verb) AGENT") }
            return .engine(.agent(action, name: arguments[0]))
        case "scale":
            guard arguments.count == 3, let minimum = Int(arguments[1]), let maximum = Int(arguments[2]), minimum >= 0, maximum >= minimum else {
                throw CommandLineError(message: "usage: :scale POOL MIN MAX (0 ≤ MIN ≤ MAX)")
            }
            return .engine(.scalePool(arguments[0], minimum: minimum, maximum: maximum))
        case "filter":
            return .filter(arguments.joined(separator: " "))
        case "sort":
            guard let name = arguments.first?.lowercased(), let key = TaskOrder.Key(rawValue: name == "run" ? "age" : name) else {
                throw CommandLineError(message: "usage: :sort \(TaskOrder.Key.allCases.map(\.rawValue).joined(separator: "|")) [asc|desc]")
            }
            let direction = arguments.dropFirst().first?.lowercased()
            guard direction == nil || direction == "asc" || direction == "desc" else { throw CommandLineError(message: "the direction is asc or desc") }
            return .sort(key, descending: direction.map { $0 == "desc" })
        case "theme":
            guard arguments.count == 1 else { throw CommandLineError(message: "usage: :theme NAME") }
            return .theme(arguments[0])
        case "events": return .events
        case "freeze": return .freeze
        case "messages", "msgs", "log": return .messages
        case "help", "?": return .help
        case "quit", "q", "exit": return .quit
        default:
            throw CommandLineError(message: "unknown command '\(verb)'; :help lists them")
        }
    }

    private static func taskSelector(_ words: ArraySlice<String>) throws(CommandLineError) -> TaskSelector {
        guard !words.isEmpty else { throw CommandLineError(message: "name at least one task id (t-4f2a)") }
        var ids: [TaskID] = []
        for word in words {
            guard let id = TaskID(parsing: word) else { throw CommandLineError(message: "'\(word)' is not a task id (like t-4f2a)") }
            ids.append(id)
        }
        return .ids(ids)
    }

    /// A task from one line: the words are the title; `priority:`, `queue:`, `cap:`, `tag:`,
    /// `after:` (a prerequisite id) and `timeout:` (`30s`) terms set the rest.
    static func newTask(_ line: String) throws(CommandLineError) -> TaskSpec {
        var title: [String] = []
        var spec = TaskSpec(title: "")
        for word in line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) {
            guard let colon = word.firstIndex(of: ":"), colon != word.startIndex, word.index(after: colon) != word.endIndex else {
                title.append(word)
                continue
            }
            let key = word[..<colon].lowercased()
            let value = String(word[word.index(after: colon)...])
            switch key {
            case "priority", "p":
                guard let priority = Priority(parsing: value) else { throw CommandLineError(message: "unknown priority '\(value)'") }
                spec.priority = priority
            case "queue", "q": spec.queue = value
            case "cap", "capability", "needs": spec.capabilities.append(value)
            case "tag", "t": spec.tags.append(value)
            case "after", "needs-task":
                guard let id = TaskID(parsing: value) else { throw CommandLineError(message: "'\(value)' is not a task id") }
                spec.dependencies.append(TaskSpec.DependencySpec(.id(id)))
            case "timeout":
                guard let timeout = Duration(parsing: value) else { throw CommandLineError(message: "'\(value)' is not a duration (30s, 5m)") }
                spec.timeout = timeout
            default: title.append(word)
            }
        }
        guard !title.isEmpty else { throw CommandLineError(message: "give the task a title") }
        spec.title = title.joined(separator: " ")
        return spec
    }
}
