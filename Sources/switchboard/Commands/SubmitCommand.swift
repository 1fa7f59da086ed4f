import ArgumentParser
import Foundation
import SwitchboardConfig
import SwitchboardCore

struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit a task, or a whole graph of tasks from a file; prints the new id(s).",
        discussion: """
            Works whether or not an engine is running on the store. A graph file is a list of \
            [[task]] tables with name, title, after (names), and optionally priority, needs, \
            command, queue, tags, timeout; it is submitted atomically or not at all, and errors \
            name the line.

            Examples:
              switchboard submit --title "Build" --priority high --needs swift -- make -j4
              switchboard submit --title "Test" --after t-4f2a --tag nightly --timeout 10m
              switchboard submit --file graph.toml
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "The title (or use --title).")
    var titleArgument: String?

    @Option(name: .customLong("title"), help: "The title.")
    var title: String?

    @Option(help: "JSON handed to the agent with the task.")
    var payload: String?

    @Option(help: "low, normal, high, urgent or critical.")
    var priority: String = "normal"

    @Option(name: .customLong("needs"), help: "A capability the agent must have (repeatable).")
    var capabilities: [String] = []

    @Option(name: .customLong("after"), help: "A task that must complete first (repeatable).")
    var after: [String] = []

    @Option(help: "The queue.")
    var queue: String = "default"

    @Option(name: .customLong("tag"), help: "A tag (repeatable).")
    var tags: [String] = []

    @Option(help: "How long an attempt may run (30s, 10m, 1h).")
    var timeout: String?

    @Option(help: "When it should be done: a time (RFC 3339) or a duration from now (+2h).")
    var deadline: String?

    @Option(name: .customLong("start-after"), help: "Not before this time (RFC 3339) or duration from now (+5m).")
    var startAfter: String?

    @Option(name: .customLong("max-attempts"), help: "Attempts before it fails for good.")
    var maxAttempts: Int?

    @Option(help: "The task this one is a subtask of.")
    var parent: String?

    @Option(help: "A TOML file of [[task]] tables to submit as one graph.")
    var file: String?

    @Flag(help: "Print {\"tasks\": [ids]} as JSON.")
    var json = false

    @Argument(parsing: .postTerminator, help: "The command to run (after --), as an argument array.")
    var command: [String] = []

    func validate() throws {
        if file != nil, title != nil || titleArgument != nil {
            throw ValidationError("--file and a title do not go together: the file holds the titles")
        }
        if file == nil, title == nil, titleArgument == nil, command.isEmpty {
            throw ValidationError("a task needs a title (--title \"…\") or a command (after --)")
        }
        if Priority(parsing: priority) == nil {
            throw ValidationError("--priority: \"\(priority)\" is not one of low, normal, high, urgent, critical")
        }
        if let timeout { _ = try CLI.parseDuration(timeout, option: "--timeout") }
        if let maxAttempts, !InputLimits.maxAttempts.contains(maxAttempts) {
            throw ValidationError("--max-attempts must be between \(InputLimits.maxAttempts.lowerBound) and \(InputLimits.maxAttempts.upperBound)")
        }
        // Refused before it is parsed: a payload over the limit never costs more than its text.
        if let payload, payload.utf8.count > InputLimits.payloadBytes {
            throw ValidationError("--payload is \(payload.utf8.count) bytes; at most \(InputLimits.payloadBytes) are accepted")
        }
    }

    func run() throws {
        let specs = try file.map(graph) ?? [single()]
        let outcome: CommandOutcome
        do {
            outcome = try CLI.send(.submit(specs), store)
        } catch let error as CLIError {
            throw CLIError(withLine(error.message), code: error.code)
        }
        if json {
            print(JSONValue.object(["tasks": .array(outcome.tasks.map { .string($0.rawValue) })]).jsonText)
        } else {
            for id in outcome.tasks { print(id) }
        }
    }

    private func single() throws -> TaskSpec {
        var payloadValue: JSONValue?
        if let payload {
            do {
                payloadValue = try JSONParser.parse(payload)
            } catch {
                throw ValidationError("--payload: \(error)")
            }
        }
        return TaskSpec(
            title: title ?? titleArgument ?? command.joined(separator: " "), queue: queue, payload: payloadValue,
            command: command.isEmpty ? nil : command, capabilities: capabilities, priority: Priority(parsing: priority)!,
            tags: tags, dependencies: try after.map { .init(.id(try CLI.parseTaskID($0))) },
            timeout: try timeout.map { try CLI.parseDuration($0, option: "--timeout") },
            deadline: try deadline.map { try CLI.parseTime($0, option: "--deadline") },
            startAfter: try startAfter.map { try CLI.parseTime($0, option: "--start-after") },
            maxAttempts: maxAttempts, parent: try parent.map(CLI.parseTaskID))
    }

    private func graph(_ path: String) throws -> [TaskSpec] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIError("cannot read \(path)")
        }
        let specs = try GraphFile.parse(text: text, file: path)
        if let cycle = TaskSpec.cycle(in: specs) {
            let names = cycle.map { specs[$0].localName ?? "?" }.joined(separator: " → ")
            let line = GraphFile.line(ofTask: cycle[0], in: text, file: path).map { ":\($0)" } ?? ""
            throw CLIError("\(path)\(line): the dependencies form a cycle: \(names); nothing was submitted", code: 64)
        }
        return specs
    }

    /// Puts the file's line in front of an engine refusal about one of its tasks ("task 3 …").
    private func withLine(_ message: String) -> String {
        guard let file, let text = try? String(contentsOfFile: file, encoding: .utf8) else { return message }
        let digits = message.split(separator: " ").dropFirst().first.map { $0.filter(\.isNumber) } ?? ""
        if message.hasPrefix("task "), let number = Int(digits), let line = GraphFile.line(ofTask: number - 1, in: text, file: file) {
            return "\(file):\(line): \(message)"
        }
        return "\(file): \(message)"
    }
}
