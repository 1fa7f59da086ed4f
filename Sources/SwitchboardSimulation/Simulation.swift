import Foundation
import SwitchboardAgents
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore
import Synchronization

/// One deterministic run: the real engine and the real store (a SQLite file) in virtual time,
/// simulated agents, and a seeded schedule of work and faults, with every invariant checked
/// after every step. Nothing depends on wall time or thread scheduling, so a seed replays the
/// run exactly.
public final class Simulation {
    /// Where virtual time starts in every simulated run (2026-01-01T00:00:00Z).
    static let start = Instant(nanosecondsSinceEpoch: 1_767_225_600_000_000_000)

    public let seed: UInt64
    let options: SimulationOptions
    var random: SeededRandom
    let clock: ManualClock
    let storePath: String
    var store: Store
    var host: EngineHost
    var swarm: SimulatedSwarm
    let pools: [String: PoolSpec]
    var step = 0
    var trace: Trace
    var checker = InvariantChecker()
    var supervision: SupervisionChecker
    var faults: [FaultKind: Int] = [:]
    var diskFullUntil: Int?
    var silencedUntil: [String: Int] = [:]
    var crashLoopUntil: [String: Int] = [:]
    /// Completions agents reported, for duplicates.
    var completions: [(agent: String, task: TaskID)] = []
    var graphs = 0
    var sabotageStep: Int?

    /// The dashboard's summary is not under test: written rarely, it costs the run little.
    static let summaryInterval = Duration.seconds(30)

    static let retention = RetentionPolicy(finished: .seconds(10 * 365 * 86_400), deadLetters: .seconds(10 * 365 * 86_400))

    init(seed: UInt64, options: SimulationOptions) throws {
        self.seed = seed
        self.options = options
        random = SeededRandom(seed: seed)
        clock = ManualClock(Self.start)
        storePath = options.folder + "/switchboard-simulation-\(getpid())-\(seed)-\(Self.runs.add(1, ordering: .relaxed).newValue).sqlite"
        Self.remove(storePath)
        store = try Store.open(path: storePath, durability: .normal)
        host = try EngineHost.open(store: store, clock: clock, configuration: SimulatedWorld.configuration(seed: seed), retention: Self.retention)
        host.summaryInterval = Self.summaryInterval
        swarm = SimulatedSwarm(seed: seed)
        pools = Dictionary(uniqueKeysWithValues: SimulatedWorld.pools.map { ($0.record.name, $0) })
        trace = Trace(capacity: options.traceLength, storePath: storePath)
        supervision = SupervisionChecker(policy: SimulatedWorld.configuration(seed: seed).restartPolicy, eventsPerStep: SimulatedWorld.eventsPerStep)
        for pool in SimulatedWorld.pools { host.engine.register(pool: pool.record) }
        for queue in SimulatedWorld.queues { host.engine.configure(queue: QueueSettings(name: queue)) }
        try host.commit()
        if options.sabotage != nil { sabotageStep = options.faultSteps / 3 + random.nextInt(options.faultSteps / 3) }
    }

    /// Numbers the runs of this process, for the store files' names (runs of one seed may
    /// share a folder, and several run at once).
    static let runs = Atomic<Int>(0)

    /// Runs one seed to the end (or to its first violation).
    public static func run(seed: UInt64, options: SimulationOptions = SimulationOptions()) -> SimulationRun {
        let simulation: Simulation
        do {
            simulation = try Simulation(seed: seed, options: options)
        } catch {
            return SimulationRun(
                seed: seed, steps: 0, faults: [:], tasks: 0, virtualSeconds: 0,
                violation: Violation(seed: seed, step: 0, invariant: "setup", detail: "\(error)", trace: []), fingerprint: 0)
        }
        defer { simulation.finish() }
        var violation: Violation?
        do {
            try simulation.runAll()
        } catch let found as Violation {
            violation = found
        } catch {
            violation = Violation(seed: seed, step: simulation.step, invariant: "no unexpected errors", detail: "\(error)", trace: simulation.trace.recent)
        }
        return SimulationRun(
            seed: seed, steps: simulation.step, faults: simulation.faults, tasks: simulation.host.engine.taskCount,
            virtualSeconds: (simulation.clock.now() - Simulation.start).seconds,
            violation: violation, fingerprint: simulation.trace.digest, supervision: SupervisionFigures(simulation.supervision))
    }

    func runAll() throws {
        while step < options.faultSteps {
            try stepWithFaults()
        }
        try quietPhase()
    }

    private func finish() {
        host.close()
        try? store.close()
        Self.remove(storePath)
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    // MARK: Steps

    private func stepWithFaults() throws {
        step += 1
        liftExpiredFaults()
        if random.chance(0.3) { submitGraph() }
        if random.chance(0.12) { operatorActs() }
        try injectFaults()
        var advance = options.stepDuration
        if random.chance(0.01) {
            let jump = Duration.seconds(fractional: 5 + 60 * random.nextUnit())
            advance += jump
            count(.clockJump, "the clock jumps \(formatSeconds(jump.seconds)) forward")
        }
        try engineStep(advance: advance)
        if step == sabotageStep, let sabotage = options.sabotage { try plant(sabotage) }
        try checker.check(self)
    }

    /// Faults stop and the operator lifts every hold; every task must then finish in bounded
    /// virtual time.
    private func quietPhase() throws {
        try? store.setMaximumPageCount(nil)
        diskFullUntil = nil
        swarm.silenced.removeAll()
        silencedUntil.removeAll()
        swarm.crashOnStart.removeAll()
        crashLoopUntil.removeAll()
        step += 1
        trace.note(step, "faults stop; the operator resumes every queue, task and agent, and restarts those given up on")
        for queue in SimulatedWorld.queues { writeCommand(.resumeQueue(queue)) }
        writeCommand(.resumeTasks(.filter(try! TaskFilter(parsing: "status:paused"))))
        for agent in host.engine.allAgents where [.paused, .draining, .unhealthy].contains(agent.state) || agent.quarantined {
            writeCommand(.agent(.resume, name: agent.name))
        }
        for agent in host.engine.allAgents where agent.state == .failed { writeCommand(.agent(.restart, name: agent.name)) }
        let started = clock.now()
        while true {
            // With nothing ready to dispatch the engine only waits (for timeouts, backoffs,
            // stalls): it ticks every 5 s while the agents still report every second.
            let waiting = host.engine.count(.queued) == 0
            try engineStep(advance: .seconds(waiting ? 5 : 1), reportsEvery: .seconds(1))
            try checker.check(self)
            let unfinished = TaskStatus.allCases.filter { !$0.isFinal }.reduce(0) { $0 + host.engine.count($1) }
            if unfinished == 0, try pendingCommands() == 0 { break }
            if clock.now() - started > options.livenessBound {
                let sample = host.engine.tasks { !$0.status.isFinal }.sorted { $0.sequence < $1.sequence }.prefix(5)
                    .map { "\($0.id) \($0.status.rawValue) in \($0.queue) needing \($0.capabilities.joined(separator: "+"))" }.joined(separator: ", ")
                let agents = host.engine.allAgents.map { "\($0.name) \($0.state.rawValue)\($0.quarantined ? " quarantined" : "") \($0.health.level.rawValue) (\($0.health.reasons.joined(separator: "; ")))" }
                throw violation(
                    "liveness: every task finishes once faults stop",
                    "\(unfinished) task(s) unfinished \(formatSeconds(options.livenessBound.seconds)) after the faults stopped: \(sample); agents: \(agents.joined(separator: ", "))")
            }
            step += 1
        }
        try checker.checkEnd(self)
    }

    /// One engine step, as the runtime does it: agents act, the engine ticks, its effects reach
    /// the agents, their answers reach the engine, and the step's changes are committed.
    private func engineStep(advance: Duration, reportsEvery: Duration? = nil) throws {
        let slice = min(advance, reportsEvery ?? advance)
        var advanced = Duration.zero
        while advanced < advance {
            let next = min(slice, advance - advanced)
            clock.advance(by: next)
            advanced += next
            deliver(swarm.advance(to: clock.now()))
        }
        supervision.absorbEvents(host.engine)
        let effects: [EngineEffect]
        do {
            effects = try host.tick()
        } catch {
            trace.note(step, "tick failed: \(error)")
            effects = []
        }
        try checker.checkDispatches(effects, in: self)
        for effect in effects { carryOut(effect) }
        do {
            try host.commit()
        } catch {
            // A full disk: the engine carries on; the host writes its changes once it can.
            trace.note(step, "commit failed (kept for the next commit): \(error)")
        }
        checker.collectOutcomes(self)
        try checkSupervision(effects)
    }

    func checkSupervision(_ effects: [EngineEffect]) throws {
        if let (invariant, detail) = supervision.check(effects, engine: host.engine, now: clock.now()) {
            throw violation(invariant, detail)
        }
    }

    func deliver(_ reports: [AgentReport]) {
        for report in reports {
            if case .completed(let agent, let task, _, _) = report {
                completions.append((agent, task))
                if completions.count > 50 { completions.removeFirst() }
            }
            trace.fold(Self.describe(report))
            host.handle(report)
        }
    }

    private func carryOut(_ effect: EngineEffect) {
        trace.fold(Self.describe(effect))
        let now = clock.now()
        if case .startAgent(let pool, let agent) = effect, let spec = pools[pool] {
            deliver(swarm.start(agent, pool: pool, profile: spec.simulation, capabilities: spec.record.capabilities, role: spec.record.role, now: now))
            return
        }
        deliver(swarm.handle(effect, now: now))
    }

    // MARK: Work and operators

    private func submitGraph() {
        graphs += 1
        let specs = SimulatedWorld.graph(&random, number: graphs)
        count(.submissionBurst, "submits a graph of \(specs.count) task(s)")
        writeCommand(.submit(specs))
    }

    private func operatorActs() {
        let tasks = host.engine.allTasks
        func pick(_ matching: (Task) -> Bool) -> TaskID? {
            let candidates = tasks.filter(matching)
            return candidates.isEmpty ? nil : candidates[random.nextInt(candidates.count)].id
        }
        let agents = host.engine.allAgents.filter { $0.state != .stopped }
        let agent = agents.isEmpty ? nil : agents[random.nextInt(agents.count)].name
        let queue = SimulatedWorld.queues[random.nextInt(SimulatedWorld.queues.count)]
        let command: OperatorCommand?
        switch random.nextInt(12) {
        case 0: command = pick { !$0.status.isFinal }.map { .reprioritize(.id($0), Priority.allCases[random.nextInt(5)]) }
        case 1: command = pick { !$0.status.isFinal }.map { .shiftPriority(.id($0), by: random.chance(0.5) ? 1 : -1) }
        case 2: command = pick { !$0.status.isFinal }.map { .cancel(.id($0), reason: "operator") }
        case 3: command = pick { $0.status.isUnsuccessful }.map { .retry(.id($0)) }
        case 4: command = .pauseQueue(queue)
        case 5: command = .resumeQueue(queue)
        case 6: command = pick { [.queued, .blocked, .pending].contains($0.status) }.map { .pauseTasks(.id($0)) }
        case 7: command = pick { $0.status == .paused }.map { .resumeTasks(.id($0)) }
        case 8: command = agent.map { .agent(.drain, name: $0) }
        case 9: command = agent.map { .agent(random.chance(0.5) ? .pause : .resume, name: $0) }
        case 10: command = agent.map { .agent(.restart, name: $0) }
        default: command = .send(operatorMessage(to: agent))
        }
        guard let command else { return }
        count(.operatorCommand, "operator: \(command.summary)\(Self.target(of: command))")
        writeCommand(command)
    }

    /// A message from the operator to one agent, the captains, or everyone.
    private func operatorMessage(to agent: String?) -> MessageDraft {
        let recipients: [Recipient] = [agent.map(Recipient.agent) ?? .broadcast, .role("captain"), .broadcast]
        let ttl: Duration? = random.chance(0.3) ? .seconds(fractional: 1 + 5 * random.nextUnit()) : nil
        return MessageDraft(
            kind: .direct, priority: Priority.allCases[random.nextInt(5)], sender: "operator", recipient: recipients[random.nextInt(recipients.count)],
            body: MessageBody(json: ["note": .string("step \(step)")]), ttl: ttl)
    }

    /// Writes a command row, as the CLI does; the engine picks it up on its next tick. A full
    /// disk refuses it (the operator would see the error and try again).
    func writeCommand(_ command: OperatorCommand) {
        let now = clock.now()
        do {
            let id = try store.write { db in try CommandRows.insert(command, by: .cli, at: now, db) }
            checker.commandWritten(id, command)
            if case .agent(.restart, let name) = command { supervision.operatorRestarted(name) }
        } catch {
            trace.note(step, "the command could not be written: \(error)")
        }
    }

    func pendingCommands() throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM commands WHERE status = 'pending'") ?? 0 }
    }

    // MARK: Faults

    private func injectFaults() throws {
        let agents = host.engine.allAgents.filter { $0.state.isAlive && $0.state != .starting }.map(\.name).filter(swarm.isAlive)
        func anyAgent() -> String? { agents.isEmpty ? nil : agents[random.nextInt(agents.count)] }
        if random.chance(0.02), let agent = anyAgent() {
            count(.agentCrash, "\(agent) crashes")
            deliver(swarm.handle(.killAgent(agent: agent, reason: "simulated crash"), now: clock.now()))
        }
        if random.chance(0.01), let agent = anyAgent() {
            count(.agentHang, "\(agent) hangs on its work")
            swarm.hang(agent)
        }
        if random.chance(0.02), let agent = anyAgent() {
            let steps = random.chance(0.5) ? 3 + random.nextInt(5) : 20 + random.nextInt(40)
            count(.lostHeartbeats, "\(agent)'s heartbeats stop for \(steps) step(s)")
            swarm.silenced.insert(agent)
            silencedUntil[agent] = step + steps
        }
        if random.chance(0.02), let agent = anyAgent() {
            count(.malformedOutput, "\(agent) writes a garbled line")
            deliver([.protocolViolation(agent: agent, reason: "not JSON: \"{\\\"type\\\": comp\"")])
        }
        if random.chance(0.02), !completions.isEmpty {
            let (agent, task) = completions[random.nextInt(completions.count)]
            count(.duplicateCompletion, "\(agent) reports \(task) completed again")
            deliver([.completed(agent: agent, task: task, result: nil, output: nil)])
        }
        if random.chance(0.02), let agent = anyAgent() {
            let foreign = host.engine.tasks { $0.agent != agent }.sorted { $0.sequence < $1.sequence }
            if !foreign.isEmpty {
                let task = foreign[random.nextInt(foreign.count)].id
                count(.foreignCompletion, "\(agent) reports \(task), which it does not hold, completed")
                deliver([.completed(agent: agent, task: task, result: nil, output: nil)])
            }
        }
        if random.chance(0.01), let agent = anyAgent() {
            let loop: SimulatedSwarm.CrashOnStart = random.chance(0.5) ? .beforeHello : .afterHello
            let steps = 20 + random.nextInt(60)
            count(.crashLoop, "\(agent) crashes and then exits at every start (\(loop == .beforeHello ? "before" : "after") its hello) for \(steps) step(s)")
            swarm.crashOnStart[agent] = loop
            crashLoopUntil[agent] = step + steps
            deliver(swarm.handle(.killAgent(agent: agent, reason: "simulated crash"), now: clock.now()))
        }
        if random.chance(0.01) { try crashEngine() }
        if diskFullUntil == nil, random.chance(0.01) {
            let pages = (try? store.read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }) ?? 0
            if (try? store.setMaximumPageCount(pages)) != nil {
                diskFullUntil = step + 1 + random.nextInt(5)
                count(.diskFull, "the disk is full (the store may not grow past \(pages) pages)")
            }
        }
    }

    private func liftExpiredFaults() {
        if let until = diskFullUntil, step >= until {
            try? store.setMaximumPageCount(nil)
            diskFullUntil = nil
            trace.note(step, "the disk has room again")
        }
        for (agent, until) in silencedUntil where step >= until {
            swarm.silenced.remove(agent)
            silencedUntil[agent] = nil
        }
        for (agent, until) in crashLoopUntil where step >= until {
            swarm.crashOnStart[agent] = nil
            crashLoopUntil[agent] = nil
        }
    }

    /// SIGKILL of the engine's process: its memory and its agents (its children) are gone;
    /// a new engine opens the store and carries on from what was committed.
    private func crashEngine() throws {
        count(.engineCrash, "the engine is killed and restarts from the store")
        host.close()
        swarm = SimulatedSwarm(seed: random.next())
        silencedUntil.removeAll()
        crashLoopUntil.removeAll()
        completions.removeAll()
        do {
            host = try EngineHost.open(store: store, clock: clock, configuration: SimulatedWorld.configuration(seed: random.next()), retention: Self.retention)
            host.summaryInterval = Self.summaryInterval
            checker.engineRestarted()
            supervision.engineRestarted(host.engine)
        } catch {
            throw violation("the engine restarts from the store after a crash", "\(error)")
        }
    }

    private func plant(_ sabotage: Sabotage) throws {
        switch sabotage {
        case .loseATask:
            guard let lost = checker.acknowledgedTasks.sorted().first else { sabotageStep = step + 1; return }
            try? store.setMaximumPageCount(nil)
            try store.write { db in try db.execute(sql: "DELETE FROM tasks WHERE id = ?", arguments: [lost.rawValue]) }
            trace.note(step, "SABOTAGE: \(lost)'s row is deleted behind the engine's back")
        case .completeTwice:
            guard let done = host.engine.allTasks.first(where: { $0.status == .completed }) else { sabotageStep = step + 1; return }
            try? store.setMaximumPageCount(nil)
            try store.write { db in
                try db.execute(
                    sql: "INSERT INTO task_history (task_sequence, task_id, at, event, from_status, to_status, actor, reason) VALUES (?,?,?,?,?,?,?,?)",
                    arguments: [Int64(bitPattern: done.sequence), done.id.rawValue, clock.now().nanosecondsSinceEpoch, "transition", "running", "completed", "agent:ghost", "sabotage"])
            }
            trace.note(step, "SABOTAGE: \(done.id) is recorded completed a second time")
        case .restartGivenUp:
            guard let failed = host.engine.allAgents.first(where: { $0.state == .failed }) else {
                // None yet: make one, an agent that dies at every start until it is given up on
                // (committed at once, so that the step's checks see the store and the engine agree).
                if swarm.crashOnStart.isEmpty, let victim = host.engine.allAgents.first(where: { $0.state.isAlive && swarm.isAlive($0.name) }) {
                    swarm.crashOnStart[victim.name] = .afterHello
                    crashLoopUntil[victim.name] = nil
                    deliver(swarm.handle(.killAgent(agent: victim.name, reason: "sabotage"), now: clock.now()))
                    try? host.commit()
                }
                sabotageStep = step + 1
                return
            }
            let start = EngineEffect.startAgent(pool: failed.pool, agent: failed.name)
            trace.note(step, "SABOTAGE: \(failed.name), given up on, is started again behind the operator's back")
            carryOut(start)
            try checkSupervision([start])
        }
    }

    // MARK: Bookkeeping

    func count(_ kind: FaultKind, _ text: String) {
        faults[kind, default: 0] += 1
        trace.note(step, text)
    }

    func violation(_ invariant: String, _ detail: String) -> Violation {
        Violation(seed: seed, step: step, invariant: invariant, detail: detail, trace: trace.recent)
    }

    static func target(of command: OperatorCommand) -> String {
        switch command {
        case .reprioritize(.ids(let ids), let priority): " \(ids.map(\.rawValue).joined(separator: ",")) → \(priority.rawValue)"
        case .shiftPriority(.ids(let ids), _), .cancel(.ids(let ids), _), .retry(.ids(let ids)), .pauseTasks(.ids(let ids)), .resumeTasks(.ids(let ids)):
            " " + ids.map(\.rawValue).joined(separator: ",")
        default: ""
        }
    }

    static func describe(_ report: AgentReport) -> String {
        switch report {
        case .completed(let agent, let task, _, _): "done \(agent) \(task)"
        case .failed(let agent, let task, _, _, _): "fail \(agent) \(task)"
        case .exited(let agent, _, let signal): "exit \(agent) \(signal ?? 0)"
        case .heartbeat(let agent): "beat \(agent)"
        case .progress(let agent, let task, let percent, _): "prog \(agent) \(task) \(percent)"
        default: "other \(report.agent)"
        }
    }

    static func describe(_ effect: EngineEffect) -> String {
        switch effect {
        case .deliverTask(let agent, let assignment): "task \(agent) \(assignment.task) \(assignment.attempt)"
        case .cancelTask(let agent, let task, _): "cancel \(agent) \(task)"
        case .startAgent(let pool, let agent): "start \(pool) \(agent)"
        case .stopAgent(let agent, _): "stop \(agent)"
        case .restartAgent(let agent, _): "restart \(agent)"
        case .killAgent(let agent, _): "kill \(agent)"
        case .deliverMessage(let agent, let message): "message \(agent) \(message.id)"
        case .replyError(let agent, _): "error \(agent)"
        }
    }
}
