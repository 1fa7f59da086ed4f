import SwitchboardCore
import SwitchboardTestSupport
import Testing

/// The engine's own pauses (`kill -STOP`, a stuck write) are not the agents' silence.
@Suite("Engine pauses")
struct EnginePauseTests {
    /// Three healthy agents, one of them running a task, heartbeating every half second for a while.
    private func runningSwarm() -> (EngineHarness, TaskID) {
        let h = EngineHarness()
        for name in ["a", "b", "c"] { h.addAgent(name, capabilities: ["work"]) }
        let id = h.submit("long job", capabilities: ["work"])
        for _ in 0..<20 {
            h.advance(.milliseconds(500))
            h.tick()
        }
        return (h, id)
    }

    @Test("a 12 s gap between ticks is the engine's pause: no agent is declared dead, the task keeps running, one event says so")
    func pauseBlamesNoAgent() throws {
        let (h, id) = runningSwarm()
        let runner = try #require(h.engine.task(id)?.agent)
        #expect(h.status(id) == .running)
        let effectsBefore = h.effects.count
        // The engine process is stopped for 12 s; the agents' heartbeats wait unread in their pipes.
        h.clock.advance(by: .seconds(12))
        h.tick()
        for name in ["a", "b", "c"] { h.engine.handle(.heartbeat(agent: name)) }
        for _ in 0..<10 {
            h.advance(.milliseconds(500))
            h.tick()
        }
        let after = h.effects[effectsBefore...]
        #expect(!after.contains { if case .killAgent = $0 { true } else { false } }, "agents were killed: \(Array(after))")
        #expect(!h.engine.events.contains { $0.kind == .agentDied })
        #expect(h.engine.allAgents.allSatisfy { $0.health.level == .healthy && $0.state != .restarting })
        #expect(h.status(id) == .running)
        #expect(h.engine.task(id)?.agent == runner)
        let pauses = h.engine.events.filter { $0.kind == .enginePaused }
        #expect(pauses.count == 1)
        #expect(pauses.first?.message.contains("12s") == true)
    }

    @Test("a pause longer than the stall limit does not make a running task stalled")
    func pauseIsNoStall() {
        let (h, id) = runningSwarm()
        // With no finished task to compare with, ten minutes without progress is a stall.
        h.clock.advance(by: .seconds(11 * 60))
        h.tick()
        for name in ["a", "b", "c"] { h.engine.handle(.heartbeat(agent: name)) }
        h.advance(.seconds(1))
        h.tick()
        #expect(!h.engine.events.contains { $0.kind == .agentStalled || $0.kind == .agentDied })
        #expect(h.status(id) == .running)
    }

    @Test("an agent that really stops heartbeating after the pause is still declared dead within two intervals")
    func realSilenceAfterPause() {
        let (h, _) = runningSwarm()
        h.clock.advance(by: .seconds(12))
        h.tick()
        h.silenced.insert("b")
        let resumed = h.clock.now()
        var declared: Instant?
        while declared == nil, h.clock.now() - resumed < .seconds(5) {
            h.advance(.milliseconds(100))
            h.tick()
            if h.engine.events.contains(where: { $0.kind == .agentDied && $0.subject == "b" }) { declared = h.clock.now() }
        }
        #expect(declared.map { $0 - resumed <= .seconds(2) } == true, "declared dead at \(String(describing: declared.map { $0 - resumed }))")
        #expect(!h.engine.events.contains { $0.kind == .agentDied && $0.subject != "b" })
    }

    @Test("gaps below the threshold are ordinary time: a silent agent is judged on them")
    func shortGapsAreOrdinary() {
        let (h, _) = runningSwarm()
        h.silenced.insert("a")
        for _ in 0..<5 {
            h.advance(.milliseconds(900))
            h.tick()
        }
        #expect(h.engine.events.contains { $0.kind == .agentDied && $0.subject == "a" })
        #expect(!h.engine.events.contains { $0.kind == .enginePaused })
    }
}
