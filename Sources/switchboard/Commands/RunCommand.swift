import ArgumentParser
import Foundation
import Logging
import SwitchboardAgents
import SwitchboardConfig
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore
import SwitchboardTerminal

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a swarm from a swarm file: the engine, its agents, and the dashboard unless --headless.",
        discussion: """
            The swarm file declares pools of agents (process, command or simulated). The engine \
            starts and supervises them, scales each pool between its bounds, and works through the \
            store's tasks. SIGINT or SIGTERM stops everything cleanly.

            Examples:
              switchboard run --config examples/swarm.toml
              switchboard run --config examples/swarm.toml --headless --exit-when-idle
            """)

    @Option(help: ArgumentHelp("The swarm file (TOML).", valueName: "path"))
    var config: String

    @OptionGroup var store: StoreOptions

    @Flag(help: "Run without the dashboard, logging to stderr (or --log-file).")
    var headless = false

    @Flag(help: "Exit (0) once no runnable work remains.")
    var exitWhenIdle = false

    @OptionGroup var dashboard: DashboardFlags
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let swarm = try SwarmFile.load(path: config)
        if !headless {
            // Refuse before any agent starts, not after.
            _ = try DashboardLauncher.options(dashboard)
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw CLIError(TerminalError.notATerminal.description) }
        }
        let logger = logging.bootstrap(headless: headless, storePath: store.path)
        let opened = try CLI.openStore(store)
        let runner: SwarmRunner
        do {
            runner = try SwarmRunner(
                swarm: swarm, store: opened, configuration: CLI.engineConfiguration(),
                onEvent: { event in logger.info("\(event.message)", metadata: ["event": "\(event.kind.rawValue)"]) },
                onError: { error in logger.error("\(error)") })
        } catch let error as EngineHostError {
            throw CLIError(error.description)
        }
        logger.info("engine running on \(opened.path) with \(swarm.pools.count) pool(s)")
        if headless {
            try SwarmSession.run(runner, headless: headless, exitWhenIdle: exitWhenIdle, logger: logger)
        } else {
            // The dashboard on the swarm's store, as `demo` does; `q` (or a signal) stops both.
            runner.start()
            defer {
                runner.stop()
                logger.info("stopped")
            }
            try DashboardLauncher.run(store: opened, flags: dashboard)
        }
    }
}

/// Runs a started swarm until it is told to stop (a signal, `q` in the dashboard) or, with
/// `exitWhenIdle`, until no runnable work remains; then stops it cleanly.
enum SwarmSession {
    static func run(_ runner: SwarmRunner, headless: Bool, exitWhenIdle: Bool, logger: Logger) throws {
        let finished = DispatchSemaphore(value: 0)
        let watcher = SignalWatcher { signal in
            logger.notice("signal \(signal): stopping")
            finished.signal()
        }
        defer { watcher.cancel() }
        runner.start()
        if exitWhenIdle {
            Thread.detachNewThread {
                // Give the pools a moment to start before judging idleness.
                Thread.sleep(forTimeInterval: 0.5)
                while runner.hasRunnableWork { Thread.sleep(forTimeInterval: 0.2) }
                logger.info("no runnable work remains")
                finished.signal()
            }
        }
        finished.wait()
        runner.stop()
        logger.info("stopped")
    }
}
