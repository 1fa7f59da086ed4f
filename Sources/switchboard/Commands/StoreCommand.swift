import ArgumentParser
import SwitchboardCore
import SwitchboardStore

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Inspect a store.",
        subcommands: [StoreCheck.self])
}

struct StoreCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Open a store the way the engine does (integrity check, schema) and summarise it.",
        discussion: """
            Exits 0 when the store is sound, 1 with a one-line reason when it is not (locked, \
            read-only, damaged, not a store, from a newer Switchboard) or when it holds pending \
            commands the engine cannot apply (they are listed; the engine refuses them).

            Example:
              switchboard store check --db ~/.local/share/switchboard/switchboard.sqlite
            """)

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    func run() throws {
        let opened = try Store.open(path: store.path)
        let summary = try opened.summary()
        let unusable = try opened.read { db in try CommandRows.unusable(db) }
        if json {
            print(JSONValue.object([
                "path": .string(opened.path), "bytes": .integer(Int64(summary.bytes)),
                "messages": .object(summary.messagesByStatus.mapValues { .integer(Int64($0)) }),
                "tasks": .object(summary.tasksByStatus.mapValues { .integer(Int64($0)) }),
                "unusableCommands": .array(unusable.map { ["id": .integer($0.id), "reason": .string($0.reason)] }),
            ]).jsonText)
        } else {
            print("\(unusable.isEmpty ? "ok" : "problems"): \(opened.path), \(summary.bytes) bytes")
            print("messages: " + describe(summary.messagesByStatus))
            print("tasks: " + describe(summary.tasksByStatus))
            for (id, reason) in unusable { print("command \(id) cannot be applied (the engine refuses it): \(Switchboard.oneLine(reason))") }
        }
        if !unusable.isEmpty {
            throw CLIError("\(unusable.count) pending command(s) cannot be applied; the engine refuses them when it runs")
        }
    }

    private func describe(_ counts: [String: Int]) -> String {
        counts.isEmpty ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
