import ArgumentParser
import Foundation
import SwitchboardConfig
import SwitchboardCore

@main
struct Switchboard: ParsableCommand {
    /// Runs the command. Errors are printed on one line, `switchboard: <what went wrong>`,
    /// without usage text or a stack trace; help and version go to stdout as usual.
    static func main() {
        do {
            try refuseUnknownSubcommand(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("switchboard: \(oneLine(error.message))\n".utf8))
            Foundation.exit(error.code)
        } catch let error as ConfigError {
            // A file that does not load (graph, swarm, theme) is wrong usage: exit 64.
            FileHandle.standardError.write(Data("switchboard: \(oneLine(error.description))\n".utf8))
            Foundation.exit(64)
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit || error is ExitCode { exit(withError: error) }
            let full = fullMessage(for: error)
            var line = full.split(separator: "\n").first.map(String.init) ?? "\(error)"
            if line.hasPrefix("Error: ") { line.removeFirst(7) }
            FileHandle.standardError.write(Data("switchboard: \(oneLine(line))\n".utf8))
            Foundation.exit(code.rawValue)
        }
    }

    /// An error message as one line: control characters (from a quoted bad value) are shown
    /// as `U+001B` instead of being written to the terminal.
    static func oneLine(_ message: String) -> String {
        var line = ""
        for scalar in message.unicodeScalars {
            if InputLimits.isControl(scalar) { line += InputLimits.describe(scalar) } else { line.unicodeScalars.append(scalar) }
        }
        return line
    }

    static let version = "0.1.0"

    /// With `demo` as the default subcommand, the argument parser would hand a mistyped
    /// subcommand to `demo` as a stray argument; name the real mistake instead.
    static func refuseUnknownSubcommand(_ arguments: [String]) throws {
        guard let first = arguments.first, !first.hasPrefix("-") else { return }
        let known = configuration.subcommands.flatMap { [$0._commandName] + $0.configuration.aliases }
        guard !known.contains(first), first != "help" else { return }
        throw CLIError("unknown subcommand '\(first)'; `switchboard --help` lists them", code: 64)
    }

    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "An operator console for a swarm of agents.",
        discussion: """
            Switchboard runs an engine (prioritised messaging, tasks with dependencies, supervised \
            agents) and a live dashboard that watches and steers it. With no subcommand it runs the \
            demo swarm and opens the dashboard on it.

            The store is --db, else $SWITCHBOARD_DB, else $XDG_DATA_HOME/switchboard/switchboard.sqlite \
            (the demo keeps its own, demo.sqlite, beside it).

            \(ExitCodes.summary)
            """,
        version: version,
        subcommands: [
            DemoCommand.self, DashCommand.self, RunCommand.self, StatusCommand.self, SubmitCommand.self, TasksCommand.self,
            TaskCommand.self, ReprioritizeCommand.self, CancelCommand.self, RetryCommand.self, QueuesCommand.self, QueueCommand.self,
            SendCommand.self, ReportCommand.self, AgentsCommand.self, AgentCommand.self, PoolCommand.self, StoreCommand.self,
            ThemesCommand.self, BenchCommand.self, SimulateCommand.self, CompletionsCommand.self, ManualCommand.self,
            StressCommand.self, TerminalProbeCommand.self,
        ],
        defaultSubcommand: DemoCommand.self
    )
}
