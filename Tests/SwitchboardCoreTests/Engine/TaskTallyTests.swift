import SwitchboardCore
import SwitchboardTestSupport
import Testing

@Suite("Done and failed, counted once")
struct TaskTallyTests {
    @Test("the Agents pane's DONE/FAIL and report's per-agent lines count the same tasks")
    func paneAndReportAgree() {
        let h = EngineHarness()
        h.addAgent("a", capabilities: ["work"])
        // Fails twice, then succeeds: one task done, no task failed.
        let flaky = h.submit("flaky", capabilities: ["work"])
        for _ in 0..<2 {
            h.tick()
            h.fail(flaky)
            h.advance(.seconds(70))
        }
        h.tick()
        h.complete(flaky)
        // Fails for good.
        let broken = h.submit([TaskSpec(title: "broken", capabilities: ["work"], maxAttempts: 1)])[0]
        h.tick()
        h.fail(broken, retryable: false)
        // Times out on its last attempt; progress 60 % before.
        let slow = h.submit([TaskSpec(title: "slow", capabilities: ["work"], timeout: .seconds(2), maxAttempts: 1)])[0]
        h.tick()
        h.engine.handle(.progress(agent: "a", task: slow, percent: 60, note: nil))
        h.advance(.seconds(3))
        h.tick()
        // Cancelled while running: neither.
        let dropped = h.submit("dropped", capabilities: ["work"])
        h.tick()
        _ = h.engine.execute(.cancel(.ids([dropped]), reason: nil), actor: .cli)
        h.tick()
        #expect(h.status(flaky) == .completed)
        #expect(h.status(broken) == .failed)
        #expect(h.status(slow) == .timeout)
        #expect(h.status(dropped) == .cancelled)

        let agent = h.engine.agent("a")
        #expect(agent?.tasksDone == 1)
        #expect(agent?.tasksFailed == 2)
        let report = TaskReport(tasks: h.engine.allTasks, now: h.clock.now(), window: .seconds(3600))
        let line = report.agents.first { $0.name == "a" }
        #expect(line?.completed == agent?.tasksDone)
        #expect(line?.failed == agent?.tasksFailed)
    }

    @Test("a success rate never rounds a failure away")
    func rateFormat() {
        #expect(TaskTally.formatRate(745.0 / 746.0) == "99.8%")
        #expect(TaskTally.formatRate(1) == "100%")
        #expect(TaskTally.formatRate(0.5) == "50%")
        #expect(TaskTally.successRate(done: 0, failed: 0) == nil)
    }
}
