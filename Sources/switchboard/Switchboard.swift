import ArgumentParser
import SwitchboardCore

@main
struct Switchboard: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "An operator console for a swarm of agents.",
        discussion: """
            Switchboard runs an engine (prioritised messaging, tasks with dependencies, supervised \
            agents) and a live dashboard that watches and steers it.
            """,
        version: version,
        subcommands: [BenchCommand.self, StoreCommand.self, StressCommand.self, TerminalProbeCommand.self]
    )
}
