import SwitchboardCore
import SwitchboardTestSupport
import Testing

/// Drives an engine's agents the way a runtime does, with agents that may crash at start.
private struct CrashingRuntime {
    let h: EngineHarness
    /// Agents that exit as soon as they start (all of them when nil).
    var crashing: Set<String>? = []
    /// Whether a starting agent says hello before it exits.
    var saysHello = true
    /// Every start asked for, with its time, in order.
    private(set) var starts: [(agent: String, at: Instant)] = []

    init(_ h: EngineHarness) { self.h = h }

    func crashes(_ agent: String) -> Bool { crashing.map { $0.contains(agent) } ?? true }

    /// Runs `seconds` of time in ticks of 100 ms, carrying out starts, stops and kills.
    mutating func run(seconds: Double) {
        let end = h.clock.now() + .seconds(fractional: seconds)
        while h.clock.now() < end {
            h.clock.advance(by: .milliseconds(100))
            for effect in h.tick() {
                switch effect {
                case .startAgent(let pool, let agent):
                    starts.append((agent, h.clock.now()))
                    h.engine.handle(.started(agent: agent, pool: pool, pid: 1))
                    if saysHello || !crashes(agent) { h.engine.handle(.hello(agent: agent, capabilities: [], role: nil, protocolVersion: 1)) }
                    if crashes(agent) { h.engine.handle(.exited(agent: agent, status: 1, signal: nil)) }
                case .stopAgent(let agent, _), .killAgent(let agent, _), .restartAgent(let agent, _):
                    h.engine.handle(.exited(agent: agent, status: nil, signal: 9))
                default:
                    break
                }
            }
            for agent in h.engine.allAgents where agent.state.isAlive { h.engine.handle(.heartbeat(agent: agent.name)) }
        }
    }

    func starts(of agent: String) -> [Instant] { starts.filter { $0.agent == agent }.map(\.at) }

    func events(_ kind: EngineEvent.Kind) -> [EngineEvent] { h.engine.events.filter { $0.kind == kind } }
}

@Suite("Giving up on an agent")
struct GiveUpTests {
    static func engine(intensity: Int = 3, replacement: ReplacementPolicy = ReplacementPolicy()) -> EngineHarness {
        EngineHarness(configuration: EngineConfiguration(
            keepHistoryInMemory: true, restartPolicy: RestartPolicy(intensity: intensity, period: .seconds(60)), replacementPolicy: replacement))
    }

    @Test("past the restart intensity an agent is failed, with a dead health and the reason, in one event; nothing starts it again; its pool replaces it after a backoff")
    func givenUpStaysGivenUp() {
        let h = Self.engine()
        h.addAgent("crashy")
        var runtime = CrashingRuntime(h)
        runtime.crashing = ["crashy"]
        h.engine.handle(.exited(agent: "crashy", status: 1, signal: nil))
        runtime.run(seconds: 300)

        let agent = h.engine.agent("crashy")
        #expect(agent?.state == .failed)
        #expect(agent?.health.level == .dead)
        #expect(agent?.health.score == 0)
        #expect(agent?.lastError?.contains("given up") == true)
        #expect(agent?.lastError?.contains("exited unexpectedly with status 1") == true)
        let gaveUp = runtime.events(.supervisorGaveUp)
        #expect(gaveUp.count == 1)
        #expect(gaveUp.first?.message.contains("agent restart crashy") == true)
        // Three restarts (the intensity), then none: five minutes of ticks did not start it.
        #expect(runtime.starts(of: "crashy").count == 3)
        let givenUpAt = gaveUp.first!.at
        #expect(runtime.starts(of: "crashy").allSatisfy { $0 <= givenUpAt })
        // Its pool replaced it, under another name, once its backoff was over.
        let replacements = runtime.starts.filter { $0.agent != "crashy" }
        #expect(replacements.count == 1, "\(replacements.map(\.agent))")
        #expect(replacements.first.map { $0.at - givenUpAt >= ReplacementPolicy().initialDelay } == true)
        #expect(replacements.first.map { h.engine.agent($0.agent)?.state } == .idle)
        #expect(h.engine.pool("default")?.isFailing == false)
    }

    @Test("a pool whose agent never came up is failing at its first give-up: it starts nothing more, and says so once")
    func neverCameUpFailsThePool() {
        let h = Self.engine()
        h.engine.register(pool: PoolRecord(name: "workers", driver: "process", minReplicas: 2, maxReplicas: 2))
        var runtime = CrashingRuntime(h)
        runtime.crashing = nil
        runtime.saysHello = false
        runtime.run(seconds: 600)

        let pool = h.engine.pool("workers")
        #expect(pool?.isFailing == true)
        #expect(pool?.failingReason?.contains("never came up") == true)
        #expect(runtime.events(.poolFailing).count == 1)
        let failed = h.engine.allAgents.filter { $0.state == .failed }.map(\.name)
        #expect(failed.count == 2, "both agents crash at start and are given up on: \(failed)")
        #expect(runtime.events(.supervisorGaveUp).count == 2)
        // Two agents, each started once and restarted three times: no one else, nothing more.
        #expect(runtime.starts.count == 2 * 4, "\(runtime.starts.map(\.agent))")
        #expect(Set(runtime.starts.map(\.agent)) == Set(failed))
    }

    @Test("a pool whose agents keep giving up replaces them ever more slowly and is failing at the third give-up")
    func replacementBackoffThenFailing() {
        let h = Self.engine()
        h.addAgent("first")
        var runtime = CrashingRuntime(h)
        runtime.crashing = nil
        h.engine.handle(.exited(agent: "first", status: 1, signal: nil))
        runtime.run(seconds: 900)

        let gaveUp = runtime.events(.supervisorGaveUp)
        #expect(gaveUp.count == 3, "\(gaveUp.map(\.message))")
        #expect(h.engine.pool("default")?.isFailing == true)
        #expect(runtime.events(.poolFailing).count == 1)
        // Each replacement waited longer than the last: 10 s, then 20 s.
        let firstStarts = Set(runtime.starts.map(\.agent)).compactMap { name in runtime.starts(of: name).first.map { (name, $0) } }
            .filter { $0.0 != "first" }.sorted { $0.1 < $1.1 }
        #expect(firstStarts.count == 2)
        if firstStarts.count == 2 {
            #expect(firstStarts[0].1 - gaveUp[0].at >= .seconds(10))
            #expect(firstStarts[1].1 - gaveUp[1].at >= .seconds(20))
        }
        #expect(runtime.starts.count == 3 + 2 * 4, "three restarts of the first, four starts of each replacement")
    }

    @Test("only an operator brings a given-up agent back: pause, resume and stop are refused with what to do; restart starts it, with a fresh budget, and lifts its pool's failing mark")
    func operatorRestart() throws {
        let h = Self.engine()
        h.engine.register(pool: PoolRecord(name: "workers", driver: "process", minReplicas: 1, maxReplicas: 1))
        var runtime = CrashingRuntime(h)
        runtime.crashing = nil
        runtime.saysHello = false
        runtime.run(seconds: 60)
        let name = try #require(h.engine.allAgents.first { $0.state == .failed }?.name)
        #expect(h.engine.pool("workers")?.isFailing == true)
        for action in [AgentAction.pause, .resume, .stop] {
            let outcome = h.engine.execute(.agent(action, name: name), actor: .cli)
            #expect(!outcome.accepted)
            #expect(outcome.message.contains("agent restart \(name)"), "\(outcome.message)")
            #expect(h.engine.agent(name)?.state == .failed)
        }
        let restartsBefore = h.engine.restartCount
        runtime.crashing = []
        let outcome = h.engine.execute(.agent(.restart, name: name), actor: .cli)
        #expect(outcome.accepted)
        #expect(h.engine.pool("workers")?.isFailing == false)
        runtime.run(seconds: 5)
        #expect(h.engine.agent(name)?.state == .idle)
        #expect(h.engine.restartCount == restartsBefore + 1)
        #expect(runtime.events(.supervisorGaveUp).count == 1)
        // A fresh budget: it may crash `intensity` times again before it is given up on.
        runtime.crashing = [name]
        h.engine.handle(.exited(agent: name, status: 1, signal: nil))
        runtime.run(seconds: 1)
        #expect(h.engine.agent(name)?.state != .failed)
    }

    @Test("a new engine keeps a given-up agent failed and its pool failing, and starts neither")
    func survivesARestore() {
        let h = Self.engine()
        h.engine.register(pool: PoolRecord(name: "workers", driver: "process", minReplicas: 1, maxReplicas: 1))
        var runtime = CrashingRuntime(h)
        runtime.crashing = nil
        runtime.saysHello = false
        runtime.run(seconds: 60)
        let state = EngineState(tasks: [], queues: [], pools: h.engine.allPools, agents: h.engine.allAgents)

        let restored = EngineHarness(configuration: EngineConfiguration(keepHistoryInMemory: true))
        restored.engine.restore(state)
        restored.clock.set(h.clock.now())
        var next = CrashingRuntime(restored)
        next.run(seconds: 60)
        #expect(restored.engine.allAgents.map(\.state) == [.failed])
        #expect(restored.engine.pool("workers")?.isFailing == true)
        #expect(next.starts.isEmpty)
    }

    @Test("an agent restarted for its memory is judged by its new process's memory, not the last one's")
    func memoryRestartStartsAfresh() throws {
        let h = Self.engine()
        h.engine.register(pool: PoolRecord(name: "default", minReplicas: 1, maxReplicas: 1, memoryLimitBytes: 1000))
        var runtime = CrashingRuntime(h)
        runtime.run(seconds: 1)
        let name = try #require(h.engine.allAgents.first?.name)
        h.engine.handle(.resources(agent: name, cpuPercent: 10, memoryBytes: 2000))
        runtime.run(seconds: 30)
        #expect(runtime.starts(of: name).count == 2, "killed once for its memory, started once again")
        #expect(h.engine.agent(name)?.state == .idle)
        #expect(h.engine.agent(name)?.resources.memoryBytes == 0)
        #expect(h.engine.restartCount == 1)
        #expect(runtime.events(.supervisorGaveUp).isEmpty)
    }

    @Test("every restart is counted once, in the agent, the engine and the summary; scaling starts are not restarts")
    func restartsAreCounted() {
        let h = Self.engine(intensity: 5)
        h.addAgent("a")
        var runtime = CrashingRuntime(h)
        for _ in 0..<2 {
            h.engine.handle(.exited(agent: "a", status: 1, signal: nil))
            runtime.run(seconds: 5)
        }
        h.engine.execute(.agent(.restart, name: "a"), actor: .cli)
        runtime.run(seconds: 1)
        #expect(h.engine.agent("a")?.restarts == 3)
        #expect(h.engine.restartCount == 3)
        #expect(h.engine.summary().restarts == 3)
        // Growing the pool starts an agent: not a restart.
        h.engine.execute(.adjustReplicas("default", delta: 1), actor: .cli)
        runtime.run(seconds: 1)
        #expect(h.engine.allAgents.count == 2)
        #expect(h.engine.restartCount == 3)
    }

    @Test("an agent that keeps restarting is not healthy, even just after a start")
    func restartsHurtHealth() {
        let h = Self.engine(intensity: 5)
        h.addAgent("a")
        var runtime = CrashingRuntime(h)
        h.engine.handle(.exited(agent: "a", status: 1, signal: nil))
        runtime.run(seconds: 2)
        #expect(h.engine.agent("a")?.health.level == .degraded)
        #expect(h.engine.agent("a")?.health.reasons.contains { $0.contains("restarted 1×") } == true)
        for _ in 0..<3 {
            h.engine.handle(.exited(agent: "a", status: 1, signal: nil))
            runtime.run(seconds: 5)
        }
        #expect(h.engine.agent("a")?.health.level == .unhealthy)
        #expect(h.engine.agent("a")?.isAssignable == false)
        // Restarts older than the policy's period no longer count.
        runtime.run(seconds: 70)
        #expect(h.engine.agent("a")?.health.level == .healthy)
    }
}
