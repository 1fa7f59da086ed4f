import ArgumentParser
import Foundation
import SwitchboardCore

@main
struct Switchboard: ParsableCommand {
    /// Runs the command. Errors are printed on one line, `switchboard: <what went wrong>`,
    /// without usage text or a stack trace; help and version go to stdout as usual.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("switchboard: \(error.message)\n".utf8))
            Foundation.exit(error.code)
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit { exit(withError: error) }
            let full = fullMessage(for: error)
            var line = full.split(separator: "\n").first.map(String.init) ?? "\(error)"
            if line.hasPrefix("Error: ") { line.removeFirst(7) }
            FileHandle.standardError.write(Data("switchboard: \(line)\n".utf8))
            Foundation.exit(code.rawValue)
        }
    }

    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "An operator console for a swarm of agents.",
        discussion: """
            Switchboard runs an engine (prioritised messaging, tasks with dependencies, supervised \
            agents) and a live dashboard that watches and steers it.
            """,
        version: version,
        subcommands: [
            DemoCommand.self, DashCommand.self, RunCommand.self, SubmitCommand.self, TasksCommand.self, TaskCommand.self, ReprioritizeCommand.self, CancelCommand.self,
            RetryCommand.self, QueueCommand.self, ReportCommand.self, AgentsCommand.self, AgentCommand.self, PoolCommand.self,
            StoreCommand.self, ThemesCommand.self, BenchCommand.self,
            StressCommand.self, TerminalProbeCommand.self,
        ]
    )
}
