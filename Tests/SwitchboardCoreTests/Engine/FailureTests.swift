import SwitchboardCore
import SwitchboardTestSupport
import Testing

@Suite("Failures, retries, timeouts and deadlines")
struct FailureTests {
    @Test func aRetryableFailureWaitsOutABackoffThenRunsAgain() {
        let h = EngineHarness()
        h.addAgent("a")
        let id = h.submit("flaky")
        h.tick()
        h.fail(id)
        #expect(h.status(id) == .pending)
        let task = h.engine.task(id)!
        #expect(task.attempts == 1)
        let due = task.availableAt!
        #expect(due > h.clock.now())
        #expect(due <= h.clock.now() + .seconds(1))
        h.tick()
        #expect(h.deliveries.count == 1)
        h.clock.set(due)
        h.tick()
        #expect(h.deliveries.count == 2)
        #expect(h.engine.task(id)?.attempts == 2)
    }

    @Test func afterItsLastAttemptATaskFailsForGood() {
        let h = EngineHarness()
        h.addAgent("a")
        let id = h.submit([TaskSpec(title: "doomed", maxAttempts: 2)])[0]
        h.tick()
        h.fail(id)
        h.advance(.seconds(5))
        h.tick()
        h.fail(id)
        #expect(h.status(id) == .failed)
        #expect(h.engine.events.contains { $0.kind == .taskFailed && $0.subject == id.rawValue })
    }

    @Test func aNonRetryableFailureFailsAtOnce() {
        let h = EngineHarness()
        h.addAgent("a")
        let id = h.submit("bad input")
        h.tick()
        h.fail(id, retryable: false)
        #expect(h.status(id) == .failed)
    }

    @Test func aLostAgentsTasksGoBackWithTheAttemptCounted() {
        let h = EngineHarness()
        h.addAgent("a", concurrency: 2)
        let first = h.submit("one")
        let second = h.submit("two")
        h.tick()
        h.engine.handle(.exited(agent: "a", status: nil, signal: 9))
        for id in [first, second] {
            #expect(h.status(id) == .pending)
            #expect(h.engine.task(id)?.attempts == 1)
            #expect(h.engine.task(id)?.agent == nil)
        }
        #expect(h.engine.agent("a")?.currentTasks.isEmpty == true)
        h.addAgent("b", concurrency: 2)
        h.advance(.seconds(2))
        h.tick()
        #expect(h.deliveries.suffix(2).map(\.agent) == ["b", "b"])
    }

    @Test func aTimeoutEndsTheAttemptAndRetries() {
        let h = EngineHarness()
        h.addAgent("a")
        let id = h.submit("slow", timeout: .seconds(10))
        h.tick()
        h.advance(.seconds(11))
        let effects = h.tick()
        #expect(effects.contains(.cancelTask(agent: "a", task: id, reason: "timed out after 10s")))
        #expect(h.status(id) == .pending)
        #expect(h.history(id).contains { $0.to == .timeout })
        #expect(h.engine.agent("a")?.currentTasks.isEmpty == true)
    }

    @Test func aTimeoutOnTheLastAttemptIsFinal() {
        let h = EngineHarness()
        h.addAgent("a")
        let id = h.submit([TaskSpec(title: "slow", timeout: .seconds(1), maxAttempts: 1)])[0]
        h.tick()
        h.advance(.seconds(2))
        h.tick()
        #expect(h.status(id) == .timeout)
    }

    @Test func aTaskPastItsDeadlineIsOverdueAndStaysVisible() {
        let h = EngineHarness()
        let id = h.submit([TaskSpec(title: "report", deadline: h.clock.now() + .seconds(60))])[0]
        h.advance(.seconds(61))
        h.tick()
        #expect(h.engine.task(id)?.overdue == true)
        #expect(h.status(id) == .queued)
        #expect(h.history(id).contains { $0.reason.hasPrefix("overdue") })
    }

    @Test func progressGivesAnETA() {
        let h = EngineHarness()
        h.addAgent("a")
        let id = h.submit("compile")
        h.tick()
        h.advance(.seconds(30))
        h.engine.handle(.progress(agent: "a", task: id, percent: 25, note: "compiling"))
        let task = h.engine.task(id)!
        #expect(task.progress == 25)
        #expect(task.progressNote == "compiling")
        let eta = task.estimatedCompletion(at: h.clock.now())
        #expect(eta == h.clock.now() + .seconds(90))
    }

    @Test func anAgentCanOnlyReportOnItsOwnTasks() {
        let h = EngineHarness()
        h.addAgent("a")
        h.addAgent("b")
        let id = h.submit("x")
        h.tick()
        let holder = h.engine.task(id)!.agent!
        let other = holder == "a" ? "b" : "a"
        h.engine.handle(.completed(agent: other, task: id, result: nil, output: nil))
        #expect(h.status(id) == .running)
        #expect(h.engine.takeEffects().contains(.replyError(agent: other, message: "task \(id) is not assigned to you")))
        h.complete(id)
        #expect(h.status(id) == .completed)
        // A second completion is refused: completion is recorded once.
        h.engine.handle(.completed(agent: holder, task: id, result: nil, output: nil))
        #expect(h.history(id).filter { $0.to == .completed }.count == 1)
        #expect(h.engine.agent(holder)?.tasksDone == 1)
    }
}
