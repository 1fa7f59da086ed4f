import Foundation
import SwitchboardCore

/// Process agents: long-running children speaking the agent protocol (see `AgentProtocol`).
/// Each gets `SWITCHBOARD_AGENT` (its name), `SWITCHBOARD_HEARTBEAT_INTERVAL` and
/// `SWITCHBOARD_PROTOCOL` in its environment. Its stdout lines become reports, its stderr lines
/// the agent's stderr tail.
final class ProcessDriver: @unchecked Sendable {
    private let io: ProcessIO
    private let report: @Sendable (AgentReport) -> Void
    private let lock = NSLock()
    private var intervals: [String: Double] = [:]

    init(io: ProcessIO, report: @escaping @Sendable (AgentReport) -> Void) {
        self.io = io
        self.report = report
    }

    func start(_ agent: String, pool: PoolSpec) {
        guard var launch = pool.launch else {
            report(.stderr(agent: agent, line: "pool \(pool.record.name) has no command"))
            report(.exited(agent: agent, status: 127, signal: nil))
            return
        }
        launch.environment["SWITCHBOARD_AGENT"] = agent
        launch.environment["SWITCHBOARD_POOL"] = pool.record.name
        launch.environment["SWITCHBOARD_HEARTBEAT_INTERVAL"] = String(pool.record.heartbeatInterval)
        launch.environment["SWITCHBOARD_PROTOCOL"] = String(AgentProtocol.version)
        launch.environment["PYTHONUNBUFFERED"] = "1"
        lock.lock()
        intervals[agent] = pool.record.heartbeatInterval
        lock.unlock()
        do {
            let pid = try io.launch(agent, launch)
            report(.started(agent: agent, pool: pool.record.name, pid: pid))
        } catch {
            report(.started(agent: agent, pool: pool.record.name, pid: nil))
            report(.stderr(agent: agent, line: "cannot start: \(error)"))
            report(.exited(agent: agent, status: 127, signal: nil))
        }
    }

    /// A line from an agent's stdout.
    func received(_ agent: String, line: [UInt8]) {
        let decoded = AgentProtocol.decode(line, agent: agent)
        if case .hello = decoded {
            lock.lock()
            let interval = intervals[agent] ?? 1
            lock.unlock()
            io.send(agent, line: AgentProtocol.welcome(agent: agent, heartbeatInterval: interval))
        }
        report(decoded)
    }

    func handle(_ effect: EngineEffect) {
        let agent = effect.agent
        switch effect {
        case .stopAgent:
            if let line = AgentProtocol.line(for: effect) { io.send(agent, line: line) }
            io.terminate(agent, grace: 3)
        case .killAgent, .restartAgent:
            io.signal(agent, SIGKILL)
        default:
            if let line = AgentProtocol.line(for: effect) { io.send(agent, line: line) }
        }
    }

    func pid(of agent: String) -> Int32? { io.pid(of: agent) }
}
