import Foundation
import SwitchboardAgents
import SwitchboardConfig
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore
import SwitchboardTestSupport
import Synchronization

/// A swarm running for real in the test process: its engine on a temporary store, its agents
/// as real processes (or commands, or simulations).
final class SwarmFixture: @unchecked Sendable {
    let folder = TemporaryFolder()
    let runner: SwarmRunner
    private final class EventLog: Sendable {
        let events = Mutex<[EngineEvent]>([])
    }
    private let log = EventLog()

    init(_ swarm: SwarmSpec, configuration: EngineConfiguration = EngineConfiguration(seed: 3)) throws {
        let store = try Store.open(path: folder.file("swarm.sqlite"))
        let log = self.log
        runner = try SwarmRunner(swarm: swarm, store: store, configuration: configuration, onEvent: { event in
            log.events.withLock { $0.append(event) }
        })
        runner.start()
    }

    convenience init(toml: String, configuration: EngineConfiguration = EngineConfiguration(seed: 3)) throws {
        try self.init(SwarmFile.parse(text: toml, file: "test.toml", baseDirectory: RepositoryPath.file("examples")), configuration: configuration)
    }

    deinit { runner.stop(grace: 1) }

    func submit(_ specs: [TaskSpec]) -> [TaskID] {
        runner.withHost { host in host.engine.execute(.submit(specs), actor: .cli).tasks }
    }

    func engine<T>(_ body: (Engine) -> T) -> T { runner.withHost { body($0.engine) } }

    /// Polls until `condition` holds (true) or `timeout` passes (false).
    @discardableResult
    func wait(timeout: TimeInterval = 20, _ condition: (Engine) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if engine(condition) { return true }
            usleep(20_000)
        }
        return engine(condition)
    }

    var eventLog: [EngineEvent] { log.events.withLock { $0 } }
}

let echoSwarm = """
    [[pool]]
    name = "echo"
    driver = "process"
    command = ["python3", "agents/echo_agent.py"]
    capabilities = ["echo"]
    min_replicas = 2
    max_replicas = 2
    heartbeat_interval = "0.5s"
    """
