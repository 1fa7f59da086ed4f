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

    /// Sends a command to the engine through the store and returns its outcome. A value out of
    /// range is refused before anything is written (exit 64); a refusal is exit 1, or 4 when
    /// what it names does not exist; no answer from a running engine is exit 3.
    static func send(_ command: OperatorCommand, _ options: StoreOptions) throws -> CommandOutcome {
        do {
            try command.validate()
        } catch {
            throw CLIError(error.message, code: 64)
        }
        let store = try openStore(options)
        let outcome: CommandOutcome
        do {
            outcome = try EngineHost.send(command, to: store, actor: .cli, clock: clock, configuration: engineConfiguration())
        } catch let error as EngineHostError {
            throw CLIError(error.description, code: 3)
        }
        guard outcome.accepted else { throw CLIError(outcome.message, code: outcome.notFound ? 4 : 1) }
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
    /// Refused (exit 64) when malformed or outside 1970 … 2261.
    static func parseTime(_ text: String, option: String) throws -> Instant {
        do {
            return try Instant.parse(operatorTime: text, now: clock.now())
        } catch {
            throw ValidationError("\(option): \(error.message)")
        }
    }

    /// Parses a duration option (`30s`, `10m`, `1h30m`), refused (exit 64) when malformed,
    /// not positive or longer than `InputLimits.longestDuration`.
    static func parseDuration(_ text: String, option: String) throws -> Duration {
        let duration: Duration
        do {
            duration = try Duration.parse(text)
        } catch {
            throw ValidationError("\(option): \(error.message)")
        }
        guard duration > .zero else { throw ValidationError("\(option): must be longer than zero") }
        return duration
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
