import SwitchboardCore
import SwitchboardTestSupport
import Testing

@Suite("Dependencies")
struct DependencyTests {
    @Test func aDependentWaitsUntilItsPrerequisiteCompletes() {
        let h = EngineHarness()
        h.addAgent("a")
        let first = h.submit("first")
        let second = h.submit("second", priority: .critical, needs: [first])
        #expect(h.status(second) == .blocked)
        h.tick()
        #expect(h.deliveries.map(\.task) == [first])
        h.complete(first)
        #expect(h.status(second) == .queued)
        h.tick()
        #expect(h.deliveries.map(\.task) == [first, second])
    }

    @Test func aFailedPrerequisiteCancelsItsDependentsRecursively() {
        let h = EngineHarness()
        h.addAgent("a")
        let root = h.submit([TaskSpec(title: "root", maxAttempts: 1)])[0]
        let middle = h.submit("middle", needs: [root])
        let leaf = h.submit("leaf", needs: [middle])
        h.tick()
        h.fail(root)
        #expect(h.status(root) == .failed)
        #expect(h.status(middle) == .cancelled)
        #expect(h.status(leaf) == .cancelled)
        #expect(h.engine.task(middle)?.lastError == "prerequisite \(root) failed")
        #expect(h.engine.task(leaf)?.lastError == "prerequisite \(middle) cancelled")
    }

    @Test func anAnyOutcomeEdgeIsSatisfiedByFailure() {
        let h = EngineHarness()
        h.addAgent("a")
        let root = h.submit([TaskSpec(title: "root", maxAttempts: 1)])[0]
        let cleanup = h.submit([TaskSpec(title: "cleanup", dependencies: [.init(.id(root), condition: .anyOutcome)])])[0]
        h.tick()
        h.fail(root)
        #expect(h.status(cleanup) == .queued)
    }

    @Test func anOptionalEdgeNeverBlocks() {
        let h = EngineHarness()
        let root = h.submit("root")
        let free = h.submit([TaskSpec(title: "free", dependencies: [.init(.id(root), optional: true)])])[0]
        #expect(h.status(free) == .queued)
        #expect(h.engine.task(free)?.dependencies.first?.optional == true)
    }

    @Test func aTaskNeedingAnAlreadyFailedTaskIsCancelledAtOnce() {
        let h = EngineHarness()
        h.addAgent("a")
        let root = h.submit([TaskSpec(title: "root", maxAttempts: 1)])[0]
        h.tick()
        h.fail(root)
        let late = h.submit("late", needs: [root])
        #expect(h.status(late) == .cancelled)
    }
}
