import ArgumentParser
import Foundation
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore
import SwitchboardUI

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "The dashboard's header line as text: node, uptime, tasks by status, agents by state, messages/s.",
        discussion: """
            Reads the summary the engine keeps in the store (rewritten at least once a second while \
            it runs). With --json: the whole summary, with "store" and "engine_live".

            Examples:
              switchboard status
              switchboard status --json | jq .tasks
            """)

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print the engine's summary as JSON.")
    var json = false

    func run() throws {
        let opened = try CLI.openStore(store)
        let source = StoreDashboardSource(store: opened, clock: CLI.clock)
        let snapshot = try source.snapshot(for: DashboardQuery(taskLimit: 0, eventLimit: 0))
        let now = CLI.clock.now()
        if json {
            var members: [String: JSONValue] = ["store": .string(opened.path), "engine_live": .bool(snapshot.engineIsLive(at: now))]
            if let summary = snapshot.summary, case .object(let fields) = try JSONParser.parse(try CLI.jsonText(summary)) {
                members.merge(fields) { current, _ in current }
            }
            print(JSONValue.object(members).jsonText)
            return
        }
        let width = Terminal.columns ?? 200
        print(Dashboard.headerLine(snapshot, width: width, wallClock: now, utcOffsetSeconds: Terminal.utcOffsetSeconds))
    }
}

struct QueuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queues",
        abstract: "List the task queues: ready work by priority, pending, blocked, running, dead, rates, oldest wait.",
        discussion: """
            Pause and resume a queue with `switchboard queue pause|resume NAME`.

            Examples:
              switchboard queues
              switchboard queues --json
            """)

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print a JSON array of queues.")
    var json = false

    func run() throws {
        let opened = try CLI.openStore(store)
        let queues = try opened.read { db in try EngineRows.summary(db)?.queues ?? [] }
        if json {
            try CLI.printJSON(queues)
            return
        }
        let now = CLI.clock.now()
        print(TextTable.render(
            ["QUEUE", "STATE", "READY c/u/h/n/l", "PENDING", "BLOCKED", "RUNNING", "DEAD", "IN/S", "OUT/S", "OLDEST"],
            queues.map { queue in
                [queue.name, queue.paused ? "paused" : "running",
                 Priority.servingOrder.map { "\(queue.queuedByPriority[$0.rank])" }.joined(separator: "/"),
                 "\(queue.count(.queued) + queue.count(.pending))", "\(queue.count(.blocked))", "\(queue.count(.running))", "\(queue.dead)",
                 String(format: "%.1f", queue.inPerSecond), String(format: "%.1f", queue.outPerSecond),
                 queue.oldestQueuedAt.map { TextTable.age($0, now: now) } ?? "-"]
            }))
    }
}

struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send a message to an agent, to the agents of a role, or to everyone.",
        discussion: """
            TARGET is an agent's name, role:NAME (one agent with that role takes it) or all (a copy \
            for every agent). The engine delivers it with the agent's next messages, by priority; \
            a message past its ttl is not delivered.

            Examples:
              switchboard send Agent-3 "rebase onto main before the next task"
              switchboard send role:captain "release freeze at 17:00" --kind coordination --priority high
              switchboard send all "pausing the queue for maintenance" --kind broadcast --ttl 10m --tag ops
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "An agent's name, role:NAME, or all.")
    var target: String

    @Argument(help: "The message text (several words are joined).")
    var text: [String]

    @Option(help: "coordination, task, response, status, alert, broadcast, direct, system, validation or feedback.")
    var kind = "direct"

    @Option(help: "low, normal, high, urgent or critical.")
    var priority = "normal"

    @Option(help: "Drop the message if it is not delivered within this long (30s, 10m).")
    var ttl: String?

    @Option(help: "A tag (repeatable).")
    var tag: [String] = []

    @Flag(help: "The text is JSON, sent as it is.")
    var jsonBody = false

    @Flag(help: "Print the message ids as JSON.")
    var json = false

    func run() throws {
        guard let kind = MessageKind(rawValue: kind.lowercased()) else {
            throw ValidationError("--kind: one of \(MessageKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let priority = Priority(parsing: priority) else { throw ValidationError("--priority: one of low, normal, high, urgent, critical") }
        var lifetime: Duration?
        if let ttl {
            lifetime = try CLI.parseDuration(ttl, option: "--ttl")
        }
        let recipient: Recipient
        switch target {
        case "all", "*", "broadcast": recipient = .broadcast
        default:
            guard let parsed = Recipient(parsing: target) else { throw ValidationError("the target is an agent's name, role:NAME or all") }
            recipient = parsed
        }
        let words = text.joined(separator: " ")
        guard !words.isEmpty else { throw ValidationError("give the message's text") }
        let body: MessageBody
        if jsonBody {
            do {
                body = try MessageBody(jsonText: words)
            } catch {
                throw ValidationError("--json-body: the text is not JSON: \(error)")
            }
        } else {
            body = MessageBody(json: ["text": .string(words)])
        }
        let draft = MessageDraft(kind: kind, priority: priority, sender: "operator", recipient: recipient, body: body, tags: tag, ttl: lifetime)
        let outcome = try CLI.send(.send(draft), store)
        if json {
            print(JSONValue.object(["messages": .array(outcome.messages.map { .integer(Int64($0.rawValue)) })]).jsonText)
        } else {
            print(outcome.message)
        }
    }
}

/// The terminal the CLI prints to, when it is one.
enum Terminal {
    static var columns: Int? {
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    static var utcOffsetSeconds: Int {
        var now = time(nil)
        var local = tm()
        localtime_r(&now, &local)
        return Int(local.tm_gmtoff)
    }
}
