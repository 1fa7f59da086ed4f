import ArgumentParser
import Foundation
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore

/// What most commands do: open the store, send a command through it, print.
enum CLI {
    static let clock = SystemClock()

    static func openStore(_ options: StoreOptions) throws -> Store {
        try Store.open(path: options.path)
    }

    /// Sends a command to the engine through the store and returns its outcome; a refusal is an
    /// error (exit 1), no answer from a running engine exit 3.
    static func send(_ command: OperatorCommand, _ options: StoreOptions) throws -> CommandOutcome {
        let store = try openStore(options)
        let outcome: CommandOutcome
        do {
            outcome = try EngineHost.send(command, to: store, actor: .cli, clock: clock, configuration: engineConfiguration())
        } catch let error as EngineHostError {
            throw CLIError(error.description, code: 3)
        }
        guard outcome.accepted else { throw CLIError(outcome.message) }
        return outcome
    }

    /// The engine's settings for a short-lived engine started by a command: seeded from the
    /// clock, so that ids differ from store to store.
    static func engineConfiguration() -> EngineConfiguration {
        EngineConfiguration(seed: UInt64(bitPattern: clock.now().nanosecondsSinceEpoch))
    }

    /// Prints a value as one line of JSON with sorted keys.
    static func printJSON<T: Encodable>(_ value: T) throws {
        print(try jsonText(value))
    }

    static func jsonText<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Parses a time: RFC 3339 (`2026-12-01T09:00:00Z`) or a duration from now (`+30m`, `2h`).
    static func parseTime(_ text: String, option: String) throws -> Instant {
        if let instant = RFC3339.parse(text) { return instant }
        let relative = text.hasPrefix("+") ? String(text.dropFirst()) : text
        if let duration = Duration(parsing: relative) { return clock.now() + duration }
        throw ValidationError("\(option): \"\(text)\" is neither a time (2026-12-01T09:00:00Z) nor a duration from now (+30m)")
    }

    static func parseTaskID(_ text: String) throws -> TaskID {
        guard let id = TaskID(parsing: text) else { throw ValidationError("\"\(text)\" is not a task id (t-4f2a)") }
        return id
    }
}

/// Text layout for tables on a terminal.
enum TextTable {
    static func render(_ header: [String], _ rows: [[String]]) -> String {
        let columns = header.count
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < columns { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    static func age(_ instant: Instant?, now: Instant) -> String {
        guard let instant else { return "-" }
        return formatSeconds(max(0, (now - instant).seconds))
    }
}

/// A line on standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
