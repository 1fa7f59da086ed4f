import SwitchboardCore
import SwitchboardTestSupport
import Testing

@Suite("Operator control")
struct OperatorControlTests {
    @Test func commandsTakeEffectOnTheNextTickAndNameTheActor() {
        let h = EngineHarness()
        let id = h.submit("x", priority: .low)
        h.engine.enqueue(.reprioritize(.id(id), .critical), actor: .dashboard)
        #expect(h.engine.task(id)?.priority == .low)
        h.tick()
        #expect(h.engine.task(id)?.priority == .critical)
        let entry = h.history(id).last!
        #expect(entry.actor == .dashboard)
        #expect(entry.reason == "priority low → critical by dashboard")
    }

    @Test func raisingATaskRaisesItsUnfinishedPrerequisites() {
        let h = EngineHarness()
        let base = h.submit("base", priority: .low)
        let middle = h.submit("middle", priority: .normal, needs: [base])
        let top = h.submit("top", priority: .normal, needs: [middle])
        let unrelated = h.submit("unrelated", priority: .low)
        h.engine.execute(.reprioritize(.id(top), .urgent), actor: .cli)
        #expect(h.engine.task(middle)?.priority == .urgent)
        #expect(h.engine.task(base)?.priority == .urgent)
        #expect(h.engine.task(unrelated)?.priority == .low)
        #expect(h.history(base).last?.reason.contains("because \(top) (urgent) needs it") == true)
        // Lowering does not lower prerequisites.
        h.engine.execute(.reprioritize(.id(top), .low), actor: .cli)
        #expect(h.engine.task(base)?.priority == .urgent)
    }

    @Test func aRaisedTaskIsServedInItsNewPlace() {
        let h = EngineHarness()
        let first = h.submit("first")
        let second = h.submit("second")
        h.engine.execute(.shiftPriority(.id(second), by: 1), actor: .dashboard)
        #expect(h.engine.task(second)?.priority == .high)
        h.addAgent("a")
        h.tick()
        #expect(h.deliveries.map(\.task) == [second])
        _ = first
    }

    @Test func reprioritiseEveryTaskMatchingAFilter() throws {
        let h = EngineHarness()
        let tagged = h.submit([TaskSpec(title: "a", tags: ["nightly"]), TaskSpec(title: "b", tags: ["nightly"]), TaskSpec(title: "c")])
        let outcome = h.engine.execute(.reprioritize(.filter(try TaskFilter(parsing: "tag:nightly")), .high), actor: .cli)
        #expect(outcome.tasks == Array(tagged.prefix(2)))
        #expect(h.engine.task(tagged[2])?.priority == .normal)
    }

    @Test func cancellingStopsARunningTaskAndItsDependents() {
        let h = EngineHarness()
        h.addAgent("a")
        let root = h.submit("root")
        let dependent = h.submit("dependent", needs: [root])
        h.tick()
        h.engine.execute(.cancel(.id(root), reason: "wrong branch"), actor: .dashboard)
        #expect(h.status(root) == .cancelled)
        #expect(h.status(dependent) == .cancelled)
        #expect(h.engine.takeEffects().contains { if case .cancelTask(agent: "a", task: root, _) = $0 { true } else { false } })
        #expect(h.engine.agent("a")?.currentTasks.isEmpty == true)
    }

    @Test func retryBringsBackATaskAndTheDependentsItsFailureCancelled() {
        let h = EngineHarness()
        h.addAgent("a")
        let root = h.submit([TaskSpec(title: "root", maxAttempts: 1)])[0]
        let dependent = h.submit("dependent", needs: [root])
        h.tick()
        h.fail(root)
        #expect(h.status(dependent) == .cancelled)
        h.engine.execute(.retry(.id(root)), actor: .cli)
        #expect(h.status(root) == .queued)
        #expect(h.engine.task(root)?.attempts == 0)
        #expect(h.status(dependent) == .blocked)
        #expect(h.history(root).last?.reason == "retried by cli")
        h.tick()
        h.complete(root)
        #expect(h.status(dependent) == .queued)
    }

    @Test func retryIsOnlyForFinishedUnsuccessfulTasks() {
        let h = EngineHarness()
        let id = h.submit("x")
        let outcome = h.engine.execute(.retry(.id(id)), actor: .cli)
        #expect(!outcome.accepted)
        #expect(outcome.message == "\(id) is queued; it cannot be retried")
    }

    @Test func pausingATaskHoldsItOutOfScheduling() {
        let h = EngineHarness()
        h.addAgent("a")
        let id = h.submit("x")
        h.engine.execute(.pauseTasks(.id(id)), actor: .dashboard)
        h.tick()
        #expect(h.status(id) == .paused)
        #expect(h.deliveries.isEmpty)
        h.engine.execute(.resumeTasks(.id(id)), actor: .dashboard)
        h.tick()
        #expect(h.status(id) == .running)
    }

    @Test func aCommandFromTheStoreGetsItsOutcomeBack() {
        let h = EngineHarness()
        h.engine.enqueue(.submit([TaskSpec(title: "from the cli")]), actor: .cli, id: 42)
        h.tick()
        let changes = h.engine.takeChanges()
        #expect(changes.commandOutcomes.count == 1)
        #expect(changes.commandOutcomes[0].id == 42)
        #expect(changes.commandOutcomes[0].outcome.accepted)
        #expect(changes.insertedTasks.map(\.title) == ["from the cli"])
        #expect(changes.history.contains { $0.reason == "submitted" && $0.actor == .cli })
    }
}
