import Foundation
import SwitchboardCore
import SwitchboardRuntime

/// Turns the engine's effects into things done to real agents, and what agents do into
/// reports for the engine. It knows the pools of a swarm and routes each agent to its pool's
/// driver; a ticker advances simulated agents, heartbeats command agents and samples the
/// CPU and memory of process agents from /proc every second.
public final class AgentRuntime: @unchecked Sendable {
    private let pools: [String: PoolSpec]
    private let report: @Sendable (AgentReport) -> Void
    private let lock = NSLock()
    private var poolOfAgent: [String: String] = [:]
    private var io: ProcessIO!
    private var processes: ProcessDriver!
    private var commands: CommandDriver!
    private let simulated: SimulatedDriver
    private let sampler = ProcSampler()
    private var ticker: Thread?
    private var stopping = false
    private let tickInterval: TimeInterval

    public init(
        pools: [PoolSpec], clock: any Clock & Sendable = SystemClock(), seed: UInt64 = 1, tickInterval: TimeInterval = 0.05,
        report: @escaping @Sendable (AgentReport) -> Void
    ) {
        self.pools = Dictionary(pools.map { ($0.record.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.report = report
        self.tickInterval = tickInterval
        simulated = SimulatedDriver(seed: seed, clock: clock, report: report)
        io = ProcessIO(callbacks: ProcessIO.Callbacks(
            line: { [weak self] name, line in self?.received(name, line: line) },
            lineTooLong: { [weak self] name, length in self?.tooLong(name, length: length) },
            stderr: { [weak self] name, line in self?.stderr(name, line: line) },
            exit: { [weak self] name, status, signal in self?.exited(name, status: status, signal: signal) }))
        processes = ProcessDriver(io: io, report: report)
        commands = CommandDriver(io: io, report: report)
        let thread = Thread { [weak self] in self?.tick() }
        thread.name = "switchboard.agents"
        ticker = thread
        thread.start()
    }

    /// Carries out the effects of an engine step.
    public func handle(_ effects: [EngineEffect]) {
        for effect in effects {
            if case .startAgent(let pool, let agent) = effect {
                start(agent, pool: pool)
                continue
            }
            switch driver(of: effect.agent) {
            case .process?: processes.handle(effect)
            case .command?: commands.handle(effect)
            case .simulated?: simulated.handle(effect)
            case nil: break
            }
        }
    }

    private func start(_ agent: String, pool name: String) {
        guard let pool = pools[name] else {
            report(.stderr(agent: agent, line: "no pool named \(name) in this swarm"))
            return
        }
        lock.lock()
        poolOfAgent[agent] = name
        lock.unlock()
        switch pool.driver {
        case .process: processes.start(agent, pool: pool)
        case .command: commands.start(agent, pool: pool)
        case .simulated: simulated.start(agent, pool: pool)
        }
    }

    private func driver(of agent: String) -> DriverKind? {
        lock.lock()
        defer { lock.unlock() }
        return poolOfAgent[agent].flatMap { pools[$0]?.driver }
    }

    // MARK: Process I/O

    private func received(_ name: String, line: [UInt8]) {
        if commands.owns(name) {
            commands.output(name, line: String(decoding: line, as: UTF8.self), fromStdout: true)
        } else {
            processes.received(name, line: line)
        }
    }

    private func tooLong(_ name: String, length: Int) {
        if commands.owns(name) { return }
        report(.protocolViolation(agent: name, reason: "line longer than 1 MiB (\(length) bytes)"))
    }

    private func stderr(_ name: String, line: String) {
        if commands.owns(name) {
            commands.output(name, line: line, fromStdout: false)
        } else {
            report(.stderr(agent: name, line: line))
        }
    }

    private func exited(_ name: String, status: Int32?, signal: Int32?) {
        if commands.owns(name) {
            commands.exited(name, status: status, signal: signal)
        } else {
            report(.exited(agent: name, status: status, signal: signal))
            processes.exited(name)
        }
    }

    // MARK: Ticker

    private func tick() {
        var lastSecond = Date()
        var lastHeartbeat = Date()
        while true {
            lock.lock()
            let stop = stopping
            lock.unlock()
            if stop { break }
            Thread.sleep(forTimeInterval: tickInterval)
            simulated.tick()
            let now = Date()
            if now.timeIntervalSince(lastHeartbeat) >= 1 {
                lastHeartbeat = now
                commands.heartbeat()
            }
            if now.timeIntervalSince(lastSecond) >= 1 {
                lastSecond = now
                sampleProcesses()
            }
        }
    }

    private func sampleProcesses() {
        lock.lock()
        let processAgents = poolOfAgent.filter { pools[$0.value]?.driver == .process }.map(\.key)
        lock.unlock()
        var roots: [String: Int32] = [:]
        for agent in processAgents { if let pid = processes.pid(of: agent) { roots[agent] = pid } }
        guard !roots.isEmpty else { return }
        for (agent, sample) in sampler.sample(roots) {
            report(.resources(agent: agent, cpuPercent: sample.cpuPercent, memoryBytes: sample.memoryBytes))
        }
    }

    /// Asks every agent to stop — the shutdown line, SIGTERM 3 s later, SIGKILL 3 s after
    /// that, to each process group — and waits for them to leave, at most `grace` seconds
    /// (then the rest are killed at once).
    public func shutdown(grace: TimeInterval = 6.5) {
        lock.lock()
        let agents = poolOfAgent
        stopping = true
        lock.unlock()
        for (agent, pool) in agents {
            let effect = EngineEffect.stopAgent(agent: agent, reason: "switchboard is shutting down")
            switch pools[pool]?.driver {
            case .process?: processes.handle(effect)
            case .command?: commands.handle(effect)
            default: break
            }
        }
        let deadline = Date().addingTimeInterval(grace)
        while !io.runningNames.isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        io.shutdown()
    }
}
