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
    /// Starts asked for while the agent's previous process was still leaving: they happen when
    /// it has gone, so that two processes never run under one name.
    private var deferredStarts: [String: PoolSpec] = [:]

    /// How long an agent has, after the shutdown line, before SIGTERM; and after SIGTERM
    /// before SIGKILL (the agent protocol's promise).
    static let termAfter: TimeInterval = 3
    static let killAfter: TimeInterval = 3

    init(io: ProcessIO, report: @escaping @Sendable (AgentReport) -> Void) {
        self.io = io
        self.report = report
    }

    func start(_ agent: String, pool: PoolSpec) {
        if io.pid(of: agent) != nil {
            lock.lock()
            deferredStarts[agent] = pool
            lock.unlock()
            // The engine counts the old process as gone; make sure it goes.
            if !io.isStopping(agent) { end(agent, reason: "\(agent) is starting again") }
            return
        }
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

    /// The agent's process has exited (after its exit was reported): a start that waited for
    /// it happens now.
    func exited(_ agent: String) {
        lock.lock()
        let deferred = deferredStarts.removeValue(forKey: agent)
        lock.unlock()
        if let deferred { start(agent, pool: deferred) }
    }

    func handle(_ effect: EngineEffect) {
        let agent = effect.agent
        switch effect {
        case .stopAgent(_, let reason), .killAgent(_, let reason), .restartAgent(_, let reason):
            // Every way an agent is ended (stop, restart, scale-down, dead, stalled, over its
            // memory) goes the same way: the shutdown line, SIGTERM 3 s later, SIGKILL 3 s
            // after that, to the whole process group.
            end(agent, reason: reason)
        default:
            if let line = AgentProtocol.line(for: effect) { io.send(agent, line: line) }
        }
    }

    private func end(_ agent: String, reason: String) {
        if !io.isStopping(agent), let line = AgentProtocol.line(for: .stopAgent(agent: agent, reason: reason)) { io.send(agent, line: line) }
        io.stop(agent, termAfter: Self.termAfter, killAfter: Self.killAfter)
    }

    func pid(of agent: String) -> Int32? { io.pid(of: agent) }
}
