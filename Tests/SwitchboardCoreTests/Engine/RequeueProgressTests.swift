import SwitchboardCore
import SwitchboardTestSupport
import Testing

@Suite("Progress of requeued tasks")
struct RequeueProgressTests {
    @Test("a task whose agent dies at 75 % waits for its next attempt at 0 %, whatever sent it back")
    func progressStartsAgain() {
        let h = EngineHarness()
        h.addAgent("a", capabilities: ["work"])
        let crashed = h.submit("crashes", capabilities: ["work"])
        h.tick()
        h.engine.handle(.progress(agent: "a", task: crashed, percent: 75, note: "three quarters"))
        #expect(h.engine.task(crashed)?.progress == 75)
        h.engine.handle(.exited(agent: "a", status: 1, signal: nil))
        #expect(h.status(crashed) == .pending)
        #expect(h.engine.task(crashed)?.progress == 0)
        #expect(h.engine.task(crashed)?.progressNote == nil)

        let h2 = EngineHarness()
        h2.addAgent("b", capabilities: ["work"])
        let failed = h2.submit("fails", capabilities: ["work"])
        h2.tick()
        h2.engine.handle(.progress(agent: "b", task: failed, percent: 50, note: nil))
        h2.fail(failed)
        #expect(h2.status(failed) == .pending)
        #expect(h2.engine.task(failed)?.progress == 0)
    }
}
