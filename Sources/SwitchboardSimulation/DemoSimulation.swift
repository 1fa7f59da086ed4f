import Foundation
import GRDB
import SwitchboardAgents
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore

/// The demo — its swarm, its engine settings, its workload and its store — in virtual time:
/// what `switchboard demo --headless` does in minutes of wall time, done in seconds, with the
/// supervision invariants (`SupervisionChecker`) checked at every step. The real demo's
/// runaway (a give-up restarted by its pool in a tight loop) took three minutes to start;
/// this runs ten and more without waiting for them.
public final class DemoSimulation {
    /// What a run did.
    public struct Report: Sendable {
        public var virtualSeconds: Double
        public var steps: Int
        /// Agents restarted (the engine's count, as in every summary).
        public var restarts: Int
        /// Give-ups by agent.
        public var giveUps: [String: Int]
        /// Events by kind, over the run.
        public var events: [EngineEvent.Kind: Int]
        public var tasksCompleted: Int
        /// The store's files (database, WAL, shared memory) at the end; the database's own size
        /// (its pages, wherever they are: the WAL is a window of recent commits, which a
        /// checkpointer on wall time lets grow more in virtual time than it would in real
        /// time), at the end and at each minute.
        public var storeBytes: Int
        public var databaseBytes: Int
        public var databaseBytesByMinute: [Int]
        public var agents: [AgentRecord]
        public var pools: [PoolRecord]
        public var supervision: SupervisionFigures
        public var violation: Violation?

        public var scalingEvents: Int { events[.poolScaled] ?? 0 }
        public var eventCount: Int { events.values.reduce(0, +) }
    }

    let seed: UInt64
    let clock: ManualClock
    let storePath: String
    let store: Store
    let host: EngineHost
    let swarm: SimulatedSwarm
    let pools: [String: PoolSpec]
    var workload: DemoWorkload
    var checker: SupervisionChecker
    var step = 0
    var eventsSeen = 0
    var events: [EngineEvent.Kind: Int] = [:]
    var giveUps: [String: Int] = [:]
    var trace: Trace

    static let start = Simulation.start

    init(seed: UInt64, folder: String) throws {
        self.seed = seed
        clock = ManualClock(Self.start)
        storePath = folder + "/switchboard-demo-simulation-\(getpid())-\(seed)-\(Simulation.runs.add(1, ordering: .relaxed).newValue).sqlite"
        Simulation.remove(storePath)
        store = try Store.open(path: storePath)
        let configuration = DemoSwarm.configuration(seed: seed)
        host = try EngineHost.open(store: store, clock: clock, configuration: configuration)
        swarm = SimulatedSwarm(seed: seed)
        pools = Dictionary(uniqueKeysWithValues: DemoSwarm.spec.pools.map { ($0.record.name, $0) })
        for pool in DemoSwarm.spec.pools { host.engine.register(pool: pool.record) }
        for queue in DemoSwarm.spec.queues { host.engine.configure(queue: queue) }
        try host.commit()
        workload = DemoWorkload(seed: seed)
        checker = SupervisionChecker(policy: configuration.restartPolicy, eventsPerStep: SimulatedWorld.eventsPerStep)
        trace = Trace(capacity: 25, storePath: storePath)
    }

    /// Runs the demo for `seconds` of virtual time, one engine step per tick of the demo's
    /// swarm (100 ms), and reports; the store is removed afterwards.
    public static func run(seconds: Double, seed: UInt64 = 42, folder: String = NSTemporaryDirectory()) -> Report {
        let simulation: DemoSimulation
        do {
            simulation = try DemoSimulation(seed: seed, folder: folder)
        } catch {
            return Report(
                virtualSeconds: 0, steps: 0, restarts: 0, giveUps: [:], events: [:], tasksCompleted: 0, storeBytes: 0, databaseBytes: 0,
                databaseBytesByMinute: [], agents: [],
                pools: [], supervision: SupervisionFigures(),
                violation: Violation(seed: seed, step: 0, invariant: "setup", detail: "\(error)", trace: []))
        }
        defer { simulation.finish() }
        return simulation.run(seconds: seconds)
    }

    private func run(seconds: Double) -> Report {
        var violation: Violation?
        var byMinute: [Int] = []
        let tick = DemoSwarm.spec.tickInterval
        do {
            while (clock.now() - Self.start).seconds < seconds {
                step += 1
                try engineStep(advance: tick)
                let elapsed = (clock.now() - Self.start).seconds
                if Int(elapsed) % 60 == 0, Int((elapsed - tick.seconds)) % 60 != 0 { byMinute.append(databaseBytes()) }
            }
        } catch let found as Violation {
            violation = found
        } catch {
            violation = Violation(seed: seed, step: step, invariant: "no unexpected errors", detail: "\(error)", trace: trace.recent)
        }
        let engine = host.engine
        return Report(
            virtualSeconds: (clock.now() - Self.start).seconds, steps: step, restarts: engine.restartCount, giveUps: giveUps, events: events,
            tasksCompleted: engine.count(.completed), storeBytes: fileBytes(["", "-wal", "-shm"]), databaseBytes: databaseBytes(),
            databaseBytesByMinute: byMinute, agents: engine.allAgents,
            pools: engine.allPools, supervision: SupervisionFigures(checker), violation: violation)
    }

    /// One step as the demo's runtime takes it: agents act, the workload submits what is due,
    /// the engine ticks, its effects reach the agents, and the step is committed.
    private func engineStep(advance: Duration) throws {
        clock.advance(by: advance)
        deliver(swarm.advance(to: clock.now()))
        for batch in workload.due(at: (clock.now() - Self.start).seconds) { host.engine.enqueue(.submit(batch), actor: .workload) }
        checker.absorbEvents(host.engine)
        let effects = try host.tick()
        for effect in effects { carryOut(effect) }
        try host.commit()
        countEvents()
        if let (invariant, detail) = checker.check(effects, engine: host.engine, now: clock.now()) {
            throw Violation(seed: seed, step: step, invariant: invariant, detail: detail, trace: trace.recent)
        }
    }

    private func deliver(_ reports: [AgentReport]) {
        for report in reports {
            if case .exited(let agent, let status, let signal) = report {
                trace.note(step, "\(agent) exited \(status.map { "with status \($0)" } ?? "on signal \(signal ?? 0)")")
            }
            host.handle(report)
        }
    }

    private func carryOut(_ effect: EngineEffect) {
        let now = clock.now()
        if case .startAgent(let pool, let agent) = effect, let spec = pools[pool] {
            trace.note(step, "start \(agent)")
            deliver(swarm.start(agent, pool: pool, profile: spec.simulation, capabilities: spec.record.capabilities, role: spec.record.role, now: now))
            return
        }
        deliver(swarm.handle(effect, now: now))
    }

    private func countEvents() {
        let engine = host.engine
        for event in engine.events(after: eventsSeen) {
            events[event.kind, default: 0] += 1
            if event.kind == .supervisorGaveUp { giveUps[event.subject, default: 0] += 1 }
            if event.kind != .operatorAction { trace.note(step, "\(event.kind.rawValue): \(event.message)") }
        }
        eventsSeen = engine.eventsLogged
    }

    private func databaseBytes() -> Int {
        (try? store.read { db in
            try Int.fetchOne(db, sql: "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()") ?? 0
        }) ?? 0
    }

    private func fileBytes(_ suffixes: [String]) -> Int {
        suffixes.reduce(0) { total, suffix in
            let size = (try? FileManager.default.attributesOfItem(atPath: storePath + suffix))?[.size] as? Int
            return total + (size ?? 0)
        }
    }

    private func finish() {
        host.close()
        try? store.close()
        Simulation.remove(storePath)
    }
}
