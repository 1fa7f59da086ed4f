import ArgumentParser
import Foundation
import Logging
import SwitchboardAgents
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the built-in demo swarm and open the dashboard on it (what `switchboard` alone does).",
        discussion: """
            Eight simulated agents, Agent-1 … Agent-8, in three pools (a captain, builders that \
            scale with the backlog, testers of whom Agent-7 leaks memory), under a steady workload: \
            pipelines with dependencies at all five priorities, retries, a task that times out, an \
            agent that crashes and is restarted, and a backlog spike every two minutes. The store \
            is $XDG_DATA_HOME/switchboard/demo.sqlite unless --db says otherwise, so a second \
            terminal can `switchboard submit --db …` into it.

            Examples:
              switchboard demo
              switchboard demo --db /tmp/demo.sqlite --theme light
              switchboard demo --headless --duration 10 --json
              switchboard demo --pace 4          # slower still: tasks of 5–8 s
            """)

    @Option(name: .long, help: ArgumentHelp("The store (SQLite file); the default is the demo's own.", valueName: "path"))
    var db: String?

    @Flag(help: "Run without the dashboard and print a summary at the end.")
    var headless = false

    @Option(help: ArgumentHelp("Stop after this long (30s, 5m); headless runs default to 10s.", valueName: "duration"))
    var duration: String?

    @Flag(help: "With --headless: print the summary as one JSON object.")
    var json = false

    @Option(help: "Seed of the workload and the simulated agents.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("How slowly the demo runs: 2 (the default) doubles every task's duration and halves how often work arrives, so there is time to act on a task; 1 is the brisk pace.", valueName: "factor"))
    var pace: Double = 2

    @OptionGroup var dashboard: DashboardFlags
    @OptionGroup var logging: LoggingOptions

    var storePath: String { db.map { StoreLocation.resolve($0) } ?? StoreLocation.dataDirectory() + "/demo.sqlite" }

    func validate() throws {
        guard pace.isFinite, pace >= 0.1, pace <= 20 else { throw ValidationError("--pace: \(pace) is not between 0.1 and 20") }
    }

    func run() throws {
        var limit: Duration?
        if let duration {
            limit = try CLI.parseDuration(duration, option: "--duration")
        } else if headless {
            limit = .seconds(10)
        }
        let logger = logging.bootstrap(headless: headless, storePath: storePath)
        let store = try Store.open(path: storePath)
        let demo: DemoRunner
        do {
            demo = try DemoRunner(
                store: store, seed: seed, pace: pace,
                onEvent: { event in logger.info("\(event.message)", metadata: ["event": "\(event.kind.rawValue)"]) },
                onError: { error in logger.error("\(error)") })
        } catch let error as EngineHostError {
            throw CLIError("\(error.description); open it with `switchboard dash --db \(storePath)`")
        }
        demo.start()
        defer { demo.stop() }
        if headless {
            try runHeadless(demo, limit: limit ?? .seconds(10), logger: logger)
        } else {
            try DashboardLauncher.run(store: store, flags: dashboard, runFor: limit)
        }
    }

    private func runHeadless(_ demo: DemoRunner, limit: Duration, logger: Logger) throws {
        let finished = DispatchSemaphore(value: 0)
        let watcher = SignalWatcher { _ in finished.signal() }
        defer { watcher.cancel() }
        _ = finished.wait(timeout: .now() + limit.seconds)
        let summary = demo.summary()
        demo.stop()
        if json {
            try CLI.printJSON(summary)
        } else {
            print("demo ran \(formatSeconds(summary.seconds)) on \(storePath)")
            print("tasks    " + summary.tasks.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
            print("agents   " + summary.agents.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
            print("restarts \(summary.restarts), scaling events \(summary.scalingEvents), \(String(format: "%.1f", summary.messagesPerSecond)) messages/s")
        }
    }
}
