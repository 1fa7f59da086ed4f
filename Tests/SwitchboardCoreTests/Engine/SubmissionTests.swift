import SwitchboardCore
import SwitchboardTestSupport
import Testing

@Suite("Submitting tasks")
struct SubmissionTests {
    @Test func aTaskGetsAShortIDAndIsQueued() {
        let h = EngineHarness()
        let id = h.submit("build")
        #expect(id.rawValue.hasPrefix("t-"))
        #expect(id.rawValue.count == 6)
        #expect(h.status(id) == .queued)
        #expect(h.history(id).first?.reason == "submitted")
        #expect(h.history(id).first?.actor == .cli)
    }

    @Test func aGraphWithACycleIsRefusedWhole() {
        let h = EngineHarness()
        let specs = [
            TaskSpec(title: "a", dependencies: [.init(.local("c"))], localName: "a"),
            TaskSpec(title: "b", dependencies: [.init(.local("a"))], localName: "b"),
            TaskSpec(title: "c", dependencies: [.init(.local("b"))], localName: "c"),
        ]
        let outcome = h.engine.execute(.submit(specs), actor: .cli)
        #expect(!outcome.accepted)
        #expect(outcome.message.contains("cycle"))
        #expect(h.engine.taskCount == 0)
    }

    @Test func unknownPrerequisitesAndDuplicateNamesAreRefused() {
        let h = EngineHarness()
        #expect(!h.engine.execute(.submit([TaskSpec(title: "x", dependencies: [.init(.id(TaskID("t-dead")))])]), actor: .cli).accepted)
        #expect(!h.engine.execute(.submit([TaskSpec(title: "x", dependencies: [.init(.local("nope"))])]), actor: .cli).accepted)
        #expect(!h.engine.execute(.submit([TaskSpec(title: "x", localName: "n"), TaskSpec(title: "y", localName: "n")]), actor: .cli).accepted)
        #expect(!h.engine.execute(.submit([TaskSpec(title: "  ")]), actor: .cli).accepted)
        #expect(h.engine.taskCount == 0)
    }

    @Test func aGraphResolvesLocalNamesInAnyOrder() {
        let h = EngineHarness()
        let ids = h.submit([
            TaskSpec(title: "deploy", dependencies: [.init(.local("test"))], localName: "deploy"),
            TaskSpec(title: "test", dependencies: [.init(.local("build"))], localName: "test"),
            TaskSpec(title: "build", localName: "build"),
        ])
        #expect(h.engine.task(ids[0])?.dependencies.map(\.prerequisite) == [ids[1]])
        #expect(h.status(ids[0]) == .blocked)
        #expect(h.status(ids[1]) == .blocked)
        #expect(h.status(ids[2]) == .queued)
    }

    @Test func startAfterKeepsATaskPendingUntilItsTime() {
        let h = EngineHarness()
        h.addAgent("a")
        let id = h.submit([TaskSpec(title: "later", startAfter: h.clock.now() + .seconds(30))])[0]
        #expect(h.status(id) == .pending)
        h.tick()
        #expect(h.deliveries.isEmpty)
        h.advance(.seconds(31))
        h.tick()
        #expect(h.deliveries.map(\.task) == [id])
    }
}
