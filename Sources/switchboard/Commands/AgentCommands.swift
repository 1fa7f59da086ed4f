import ArgumentParser
import SwitchboardCore
import SwitchboardStore

struct AgentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents",
        abstract: "List agents: state, health, current tasks, resources.",
        discussion: "Examples:\n  switchboard agents\n  switchboard agents --json")

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print a JSON array of agents.")
    var json = false

    func run() throws {
        let agents = try CLI.openStore(store).read { db in try EngineRows.agents(db) }
            .sorted { $0.name.localizedNumericLess(than: $1.name) }
        if json {
            try CLI.printJSON(agents)
            return
        }
        print(TextTable.render(
            ["NAME", "POOL", "STATE", "HEALTH", "TASKS", "CPU", "MEMORY", "DONE", "FAILED", "RESTARTS"],
            agents.map { agent in
                [agent.name, agent.pool, agent.state.rawValue + (agent.quarantined ? " (quarantined)" : ""),
                 "\(agent.health.level.rawValue) \(agent.health.score)", agent.currentTasks.map(\.rawValue).joined(separator: ","),
                 "\(Int(agent.resources.cpuPercent.rounded()))%", ByteText.format(agent.resources.memoryBytes),
                 "\(agent.tasksDone)", "\(agent.tasksFailed)", "\(agent.restarts)"]
            }))
    }
}

struct AgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Act on an agent: drain, restart, pause, resume or stop it.",
        discussion: """
            drain: finish current work, take no more. pause: take no work (current work goes on). \
            resume: take work again (also lifts a quarantine). restart: stop and start it (its tasks \
            go back to wait at once). stop: stop it for good.

            Examples:
              switchboard agent drain Agent-3
              switchboard agent restart Agent-3
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "drain, restart, pause, resume or stop")
    var action: String

    @Argument(help: "The agent's name.")
    var name: String

    func run() throws {
        guard let parsed = AgentAction(rawValue: action) else {
            throw ValidationError("the action is one of drain, restart, pause, resume, stop — not \"\(action)\"")
        }
        print(try CLI.send(.agent(parsed, name: name), store).message)
    }
}

struct PoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool",
        abstract: "Change a pool's replica bounds while it runs.",
        discussion: "Example:\n  switchboard pool scale workers --min 2 --max 8",
        subcommands: [PoolScale.self])
}

struct PoolScale: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scale", abstract: "Set a pool's minimum and maximum replicas.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The pool.")
    var name: String

    @Option(help: "Fewest agents.")
    var min: Int?

    @Option(help: "Most agents.")
    var max: Int?

    func validate() throws {
        if min == nil, max == nil { throw ValidationError("give --min, --max or both") }
    }

    func run() throws {
        print(try CLI.send(.scalePool(name, minimum: min, maximum: max), store).message)
    }
}

/// "512 MiB", "1.5 GiB".
enum ByteText {
    static func format(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : "\(value >= 100 ? String(Int(value.rounded())) : String((value * 10).rounded() / 10)) \(units[unit])"
    }
}
