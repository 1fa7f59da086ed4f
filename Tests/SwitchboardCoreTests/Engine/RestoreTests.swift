import SwitchboardCore
import SwitchboardTestSupport
import Testing

@Suite("Restoring an engine")
struct RestoreTests {
    @Test func runningTasksGoBackWithTheirAttemptCounted() {
        let h = EngineHarness()
        h.addAgent("a")
        let running = h.submit("running")
        let waiting = h.submit("waiting", needs: [running])
        let queued = h.submit("queued", priority: .low)
        h.tick()
        let state = EngineState(tasks: h.engine.allTasks, queues: [], pools: h.engine.allPools, agents: h.engine.allAgents)

        let clock = ManualClock(h.clock.now() + .seconds(5))
        let restored = Engine(configuration: EngineConfiguration(keepHistoryInMemory: true), clock: clock)
        restored.restore(state)
        #expect(restored.task(running)?.status == .pending)
        #expect(restored.task(running)?.attempts == 1)
        #expect(restored.task(running)?.lastError?.contains("engine stopped") == true)
        #expect(restored.task(waiting)?.status == .blocked)
        #expect(restored.task(queued)?.status == .queued)
        #expect(restored.agent("a")?.state == .stopped)
        let next = restored.execute(.submit([TaskSpec(title: "new")]), actor: .cli).tasks[0]
        #expect(restored.task(next)!.sequence > restored.task(queued)!.sequence)
    }
}
