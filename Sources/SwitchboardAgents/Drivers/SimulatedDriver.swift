import Foundation
import SwitchboardCore

/// Simulated agents in real time: a `SimulatedSwarm` advanced by the runtime's ticker.
final class SimulatedDriver: @unchecked Sendable {
    private let swarm: SimulatedSwarm
    private let clock: any Clock & Sendable
    private let report: @Sendable (AgentReport) -> Void
    private let lock = NSLock()

    init(seed: UInt64, clock: any Clock & Sendable, report: @escaping @Sendable (AgentReport) -> Void) {
        swarm = SimulatedSwarm(seed: seed)
        self.clock = clock
        self.report = report
    }

    func start(_ agent: String, pool: PoolSpec) {
        lock.lock()
        let reports = swarm.start(agent, pool: pool.record.name, profile: pool.simulation, capabilities: pool.record.capabilities, role: pool.record.role, now: clock.now())
        lock.unlock()
        reports.forEach(report)
    }

    func handle(_ effect: EngineEffect) {
        lock.lock()
        let reports = swarm.handle(effect, now: clock.now())
        lock.unlock()
        reports.forEach(report)
    }

    func tick() {
        lock.lock()
        let reports = swarm.advance(to: clock.now())
        lock.unlock()
        reports.forEach(report)
    }
}
