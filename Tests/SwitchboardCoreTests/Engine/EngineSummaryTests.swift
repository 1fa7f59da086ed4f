import SwitchboardCore
import SwitchboardTestSupport
import Testing

@Suite("Engine summary")
struct EngineSummaryTests {
    /// The queue rows recounted from every task, to compare with the kept tallies.
    func recount(_ engine: Engine, queue: String) -> (statuses: [String: Int], ready: [Int]) {
        var statuses = Dictionary(uniqueKeysWithValues: TaskStatus.allCases.map { ($0.rawValue, 0) })
        var ready = [0, 0, 0, 0, 0]
        for task in engine.allTasks where task.queue == queue {
            statuses[task.status.rawValue, default: 0] += 1
            if task.status == .queued { ready[task.priority.rank] += 1 }
        }
        return (statuses, ready)
    }

    @Test("queue rows match a recount through submissions, dispatch, reprioritising, failure and retention")
    func tallies() {
        let harness = EngineHarness()
        harness.addAgent("a1", capabilities: ["build"])
        let first = harness.submit("build", priority: .low, capabilities: ["build"], queue: "ci")
        let second = harness.submit("test", priority: .high, capabilities: ["build"], needs: [first], queue: "ci")
        let third = harness.submit("lint", priority: .normal, capabilities: ["build"], queue: "ci")
        harness.submit("other", priority: .critical, capabilities: ["nobody"], queue: "ops")
        harness.advance(.seconds(3))
        harness.tick()
        func check(_ when: String) {
            let summary = harness.engine.summary()
            for queue in ["ci", "ops"] {
                let row = summary.queues.first { $0.name == queue }
                let expected = recount(harness.engine, queue: queue)
                #expect(row?.tasks == expected.statuses, "\(queue) statuses \(when)")
                #expect(row?.queuedByPriority == expected.ready, "\(queue) ready by priority \(when)")
            }
        }
        check("after the first dispatch")
        harness.engine.execute(.reprioritize(.id(third), .urgent), actor: .dashboard)
        check("after a reprioritise")
        #expect(harness.engine.agent("a1")?.currentTasks == [third], "the lint task ran first (the build waits for nothing but is low)")
        harness.complete(third)
        harness.tick()
        check("after a completion")
        harness.engine.execute(.cancel(.id(second), reason: nil), actor: .cli)
        check("after a cancel")
        harness.engine.execute(.cancel(.id(first), reason: nil), actor: .cli)
        harness.clock.advance(by: .seconds(7200))
        harness.engine.forget(harness.engine.finishedTasks(olderThan: .seconds(60), limit: 100))
        check("after retention")
        #expect(harness.engine.summary().queues.first { $0.name == "ci" }?.tasks["completed"] == 0, "retention forgot the finished ones")
    }

    @Test("the oldest ready task's wait is the longest-waiting queued task, skipping those that left")
    func oldestQueued() {
        let harness = EngineHarness()
        let start = harness.clock.now()
        let early = harness.submit("early", capabilities: ["x"], queue: "ci")
        harness.clock.advance(by: .seconds(5))
        harness.submit("late", capabilities: ["x"], queue: "ci")
        harness.tick()
        #expect(harness.engine.summary().queues.first?.oldestQueuedAt == start)
        harness.engine.execute(.cancel(.id(early), reason: nil), actor: .cli)
        #expect(harness.engine.summary().queues.first?.oldestQueuedAt == start + .seconds(5))
    }

    @Test("the summary counts every status and state, and the rates over the last seconds")
    func totals() {
        let harness = EngineHarness()
        harness.addAgent("a1")
        harness.addAgent("a2")
        for index in 0..<6 { harness.submit("task \(index)") }
        harness.tick()
        let summary = harness.engine.summary(node: "ops-1")
        #expect(summary.node == "ops-1")
        #expect(summary.taskCount(.running) == 2)
        #expect(summary.taskCount(.queued) == 4)
        #expect(summary.tasks.values.reduce(0, +) == 6)
        #expect(summary.agentCount(.busy) == 2)
        #expect(summary.submittedPerSecond.count == EngineSummary.seriesSeconds)
        #expect(summary.depth.count == EngineSummary.seriesSeconds)
    }
}

@Suite("Engine summary of a store with no engine")
struct OfflineSummaryTests {
    @Test("agents count as stopped, but those given up on stay failed; every rate is zero")
    func givenUpStaysFailed() {
        let now = Instant(secondsSinceEpoch: 1)
        let summary = EngineSummary(
            at: now, startedAt: now, node: "n", tasks: [:], agents: ["idle": 2, "busy": 1, "failed": 1, "stopped": 1], queues: [],
            submittedPerSecond: [3], completedPerSecond: [2], failedPerSecond: [1], depth: [4], wait: .empty, run: .empty,
            messagesPerSecond: 5, errorRate: 0.5, commitLatency: .empty, eventsLogged: 9)
        let offline = summary.offline
        #expect(offline.agentCount(.failed) == 1)
        #expect(offline.agentCount(.stopped) == 4)
        #expect(offline.agentCount(.idle) == 0 && offline.agentCount(.busy) == 0)
        #expect(offline.messagesPerSecond == 0 && offline.completedPerSecond == [0])
    }
}
