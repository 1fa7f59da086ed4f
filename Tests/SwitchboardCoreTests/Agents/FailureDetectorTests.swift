import SwitchboardCore
import SwitchboardTestSupport
import Testing

@Suite("Failure detection")
struct FailureDetectorTests {
    @Test("phi grows with silence and adapts to jitter")
    func phiAdapts() {
        var steady = PhiAccrualDetector(expectedInterval: 1)
        var jittery = PhiAccrualDetector(expectedInterval: 1)
        var random = SeededRandom(seed: 4)
        var now = Instant(secondsSinceEpoch: 0)
        var jitteryNow = now
        for _ in 0..<200 {
            now = now + .seconds(1)
            steady.heartbeat(at: now)
            jitteryNow = jitteryNow + .seconds(fractional: 0.5 + random.nextUnit())
            jittery.heartbeat(at: jitteryNow)
        }
        #expect(steady.phi(at: now + .milliseconds(500)) < 1)
        #expect(steady.phi(at: now + .seconds(2)) > 8)
        // The same silence is far less suspicious from an agent known to be erratic.
        #expect(jittery.phi(at: jitteryNow + .milliseconds(1600)) < steady.phi(at: now + .milliseconds(1600)))
    }

    @Test("a silent agent is declared dead within two heartbeat intervals, after a long jittery run without a false alarm")
    func deadWithinTwoIntervals() {
        let h = EngineHarness()
        h.addAgent("steady")
        h.silenced.insert("steady")
        var random = SeededRandom(seed: 11)
        var worst = AgentHealth.Level.healthy
        // 2 000 heartbeats, each 0.8–1.2 s after the last (±20 % jitter).
        for _ in 0..<2000 {
            h.clock.advance(by: .seconds(fractional: 0.8 + 0.4 * random.nextUnit()))
            h.engine.handle(.heartbeat(agent: "steady"))
            h.tick()
            if let level = h.engine.agent("steady")?.health.level, level != .healthy, level != .degraded { worst = level }
        }
        #expect(worst == .healthy, "false alarm during the jittery run")
        #expect(!h.engine.events.contains { $0.kind == .agentDied })
        // Then it stops.
        let last = h.clock.now()
        var declared: Instant?
        while declared == nil, h.clock.now() - last < .seconds(5) {
            h.clock.advance(by: .milliseconds(50))
            h.tick()
            if h.engine.events.contains(where: { $0.kind == .agentDied && $0.subject == "steady" }) { declared = h.clock.now() }
        }
        let after = declared.map { $0 - last }
        #expect(after != nil, "never declared dead")
        #expect(after.map { $0 <= .seconds(2) } == true, "declared dead after \(String(describing: after))")
        #expect(h.effects.contains(.killAgent(agent: "steady", reason: "steady declared dead")))
    }
}

@Suite("Health and forecasts")
struct HealthTests {
    @Test("a leaking agent is marked degraded with a forecast well before it reaches its limit")
    func leakForecast() {
        let h = EngineHarness()
        h.addAgent("leaky")
        let limit = 1_000_000_000
        h.engine.register(pool: PoolRecord(name: "default", minReplicas: 1, maxReplicas: 1, memoryLimitBytes: limit))
        var memory = 200_000_000
        var degradedAt: Int?
        var forecast: String?
        for second in 0..<400 {
            h.advance(.seconds(1))
            memory += 2_000_000
            h.engine.handle(.resources(agent: "leaky", cpuPercent: 5, memoryBytes: memory))
            h.tick()
            if degradedAt == nil, let health = h.engine.agent("leaky")?.health, health.level == .degraded {
                degradedAt = memory
                forecast = health.forecast
                _ = second
            }
        }
        #expect(degradedAt.map { $0 < limit * 6 / 10 } == true, "degraded only at \(String(describing: degradedAt)) bytes")
        #expect(forecast?.hasPrefix("memory limit in ~") == true)
        #expect(h.engine.events.contains { $0.kind == .agentDegraded && $0.message.contains("memory limit") })
    }

    @Test("failures and slowness lower the score, with reasons")
    func scoreHasReasons() {
        var model = HealthModel()
        model.deadAfterIntervals = 1000
        var observations = HealthModel.Observations(expectedInterval: 1)
        let now = Instant(secondsSinceEpoch: 100)
        observations.detector.heartbeat(at: now)
        for _ in 0..<5 { observations.recordOutcome(succeeded: false, seconds: 20, at: now) }
        let health = model.assess(observations, at: now, memoryLimit: nil, poolMedianSeconds: 5)
        #expect(health.score < 60)
        #expect(health.reasons.contains { $0.hasPrefix("errors:") })
        #expect(health.reasons.contains { $0.hasPrefix("slow:") })
        #expect(health.slowdown == 4)
    }

    @Test("a bad track record fades while the agent gets no work, so that it can earn work again")
    func trackRecordFades() {
        var model = HealthModel()
        model.deadAfterIntervals = 1000
        var observations = HealthModel.Observations(expectedInterval: 1)
        let finished = Instant(secondsSinceEpoch: 100)
        for _ in 0..<8 { observations.recordOutcome(succeeded: false, seconds: 20, at: finished) }
        observations.detector.heartbeat(at: finished)
        #expect(model.assess(observations, at: finished, memoryLimit: nil, poolMedianSeconds: 5).level == .unhealthy)
        let later = finished + .seconds(3 * model.trackRecordHalfLife)
        observations.detector.heartbeat(at: later)
        let health = model.assess(observations, at: later, memoryLimit: nil, poolMedianSeconds: 5)
        #expect(health.level == .healthy || health.level == .degraded)
        #expect(!health.reasons.contains { $0.hasPrefix("slow:") })
    }
}

@Suite("Supervision")
struct SupervisionTests {
    @Test("a crashed agent is restarted with backoff, its tasks back at once with the attempt counted")
    func restartsWithBackoff() {
        let h = EngineHarness()
        h.addAgent("a")
        let id = h.submit("work")
        h.tick()
        h.engine.handle(.exited(agent: "a", status: nil, signal: 9))
        #expect(h.status(id) == .pending)
        #expect(h.engine.task(id)?.attempts == 1)
        #expect(h.engine.agent("a")?.state == .restarting)
        h.tick()
        #expect(!h.effects.contains(.startAgent(pool: "default", agent: "a")))
        h.clock.advance(by: .milliseconds(250))
        h.tick()
        #expect(h.effects.contains(.startAgent(pool: "default", agent: "a")))
    }

    @Test("past the restart intensity the supervisor gives up and raises an alert")
    func givesUp() {
        let h = EngineHarness(configuration: EngineConfiguration(keepHistoryInMemory: true, restartPolicy: RestartPolicy(intensity: 3, period: .seconds(60))))
        h.addAgent("crashy")
        for _ in 0..<4 {
            h.engine.handle(.exited(agent: "crashy", status: 1, signal: nil))
            h.clock.advance(by: .seconds(2))
            h.tick()
            h.engine.handle(.started(agent: "crashy", pool: "default", pid: 1))
            h.engine.handle(.hello(agent: "crashy", capabilities: [], role: nil, protocolVersion: 1))
        }
        #expect(h.engine.events.contains { $0.kind == .supervisorGaveUp && $0.subject == "crashy" })
    }

    @Test("an agent that keeps breaking the protocol is quarantined; others are not disturbed")
    func quarantine() {
        let h = EngineHarness()
        h.addAgent("noisy")
        h.addAgent("good")
        for n in 0..<5 { h.engine.handle(.protocolViolation(agent: "noisy", reason: "line \(n) is not JSON")) }
        #expect(h.engine.agent("noisy")?.quarantined == true)
        #expect(h.engine.agent("good")?.quarantined == false)
        let first = h.submit("one")
        let second = h.submit("two")
        h.tick()
        #expect(Set(h.deliveries.map(\.agent)) == ["good"])
        h.complete(first)
        h.tick()
        h.complete(second)
        #expect(h.status(second) == .completed)
        #expect(h.engine.events.contains { $0.kind == .agentQuarantined })
        h.engine.execute(.agent(.resume, name: "noisy"), actor: .dashboard)
        #expect(h.engine.agent("noisy")?.quarantined == false)
    }

    @Test(
        "a task with no progress for much longer than usual is reassigned and the agent restarted; while its queue has finished too few tasks to say what is usual, its pool's tasks say",
        arguments: [(finishedIn: "default", hangsIn: "default"), (finishedIn: "ci", hangsIn: "ops")])
    func stallReassigns(finishedIn: String, hangsIn: String) {
        let h = EngineHarness(configuration: EngineConfiguration(keepHistoryInMemory: true, stallFactor: 3, stallFloor: .seconds(5)))
        h.addAgent("a")
        h.addAgent("b")
        for n in 0..<6 {
            let id = h.submit("quick \(n)", queue: finishedIn)
            h.tick()
            h.advance(.seconds(1))
            h.complete(id)
        }
        let slow = h.submit("hangs", queue: hangsIn)
        h.tick()
        let holder = h.engine.task(slow)!.agent!
        h.advance(.seconds(10))
        h.tick()
        #expect(h.engine.events.contains { $0.kind == .agentStalled && $0.subject == holder })
        #expect(h.status(slow) == .pending)
        #expect(h.engine.task(slow)?.attempts == 1)
        #expect(h.effects.contains { if case .killAgent(agent: holder, _) = $0 { true } else { false } })
    }

    @Test("with no finished task anywhere to compare with, a task is stalled after 20 × the floor without progress")
    func stallWithoutHistory() {
        let h = EngineHarness(configuration: EngineConfiguration(keepHistoryInMemory: true, stallFactor: 3, stallFloor: .seconds(5)))
        h.addAgent("a")
        let slow = h.submit("hangs")
        h.tick()
        h.advance(.seconds(90))
        h.tick()
        #expect(h.status(slow) == .running, "90 s is not yet 20 × 5 s")
        h.advance(.seconds(20))
        h.tick()
        #expect(h.engine.events.contains { $0.kind == .agentStalled && $0.message.contains("no task has finished yet") })
        #expect(h.status(slow) == .pending)
    }

    @Test("a backlog spike scales a pool up within two ticks and down only after the cooldown, without flapping")
    func autoscaling() {
        let h = EngineHarness(configuration: EngineConfiguration(keepHistoryInMemory: true, scaleDownCooldown: .seconds(30)))
        h.engine.register(pool: PoolRecord(name: "workers", capabilities: ["w"], minReplicas: 1, maxReplicas: 5, tasksPerAgent: 2))
        func replicas() -> Int { h.engine.allAgents.filter { $0.pool == "workers" && $0.state != .stopped }.count }
        func bringUpStartedAgents() {
            for case .startAgent(let pool, let agent) in h.engine.takeEffects() + h.effects where h.engine.agent(agent)?.state == .restarting {
                h.engine.handle(.started(agent: agent, pool: pool, pid: nil))
                h.engine.handle(.hello(agent: agent, capabilities: ["w"], role: nil, protocolVersion: 1))
            }
        }
        h.tick()
        bringUpStartedAgents()
        #expect(replicas() == 1)
        let spike = (0..<9).map { n in h.submit("job \(n)", capabilities: ["w"]) }
        h.tick()
        h.tick()
        #expect(replicas() == 5)
        #expect(h.engine.pool("workers")?.desiredReplicas == 5)
        bringUpStartedAgents()
        var history: [Int] = []
        for id in spike {
            h.tick()
            bringUpStartedAgents()
            if h.status(id) == .running { h.complete(id) }
        }
        for _ in 0..<20 {
            h.tick()
            for id in spike where h.status(id) == .running { h.complete(id) }
            h.advance(.seconds(1))
            history.append(replicas())
        }
        #expect(spike.allSatisfy { h.status($0) == .completed })
        // Twenty idle seconds are inside the cooldown: no scale-down yet.
        #expect(history.allSatisfy { $0 == 5 }, "\(history)")
        for _ in 0..<15 {
            h.advance(.seconds(1))
            h.tick()
            history.append(replicas())
        }
        #expect(history.last == 1)
        // Monotone: up once, then down once, never back up.
        let changes = zip(history, history.dropFirst()).filter { $0 != $1 }
        #expect(changes.allSatisfy { $0.0 > $0.1 })
        // Two decisions in all: up for the spike, down after it (starting the pool's minimum is
        // not a scaling decision).
        let scaled = h.engine.events.filter { $0.kind == .poolScaled }.map(\.message)
        #expect(scaled.count == 2, "\(scaled)")
        #expect(scaled.last?.hasPrefix("workers: 5 → 1") == true)
    }
}
