import ArgumentParser
import SwitchboardStore

struct DashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dash",
        abstract: "Open the dashboard on a store, whichever process runs its engine.",
        discussion: """
            The dashboard reads the store: the engine's summary, the tasks on screen, agents, \
            pools and events. Actions (reprioritise, cancel, drain, …) are written to the store as \
            commands; the engine running on it applies them on its next tick, or a short-lived \
            engine does when none runs. Press ? for every key.

            Examples:
              switchboard dash
              switchboard dash --db /srv/swarm/switchboard.sqlite --theme light
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var dashboard: DashboardFlags

    func run() throws {
        try DashboardLauncher.run(store: try CLI.openStore(store), flags: dashboard)
    }
}
