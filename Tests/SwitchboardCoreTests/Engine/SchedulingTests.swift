import SwitchboardCore
import SwitchboardTestSupport
import Testing

@Suite("Scheduling and assignment")
struct SchedulingTests {
    @Test func highestPriorityFirstThenOldest() {
        let h = EngineHarness()
        let low = h.submit("low", priority: .low)
        let normalOld = h.submit("normal old")
        let critical = h.submit("critical", priority: .critical)
        let normalNew = h.submit("normal new")
        h.addAgent("a")
        for _ in 0..<4 {
            h.tick()
            if let running = h.deliveries.last?.task, h.status(running) == .running { h.complete(running) }
        }
        #expect(h.deliveries.map(\.task) == [critical, normalOld, normalNew, low])
    }

    @Test func neverToAnAgentWithoutTheCapabilities() {
        let h = EngineHarness()
        h.addAgent("plain")
        let gpu = h.submit("train", capabilities: ["gpu"])
        h.tick()
        #expect(h.deliveries.isEmpty)
        #expect(h.status(gpu) == .queued)
        h.addAgent("gpu-box", capabilities: ["gpu", "cuda"])
        h.tick()
        #expect(h.deliveries.map(\.agent) == ["gpu-box"])
    }

    @Test func neverToAPausedOrDrainingAgent() {
        let h = EngineHarness()
        h.addAgent("a")
        h.addAgent("b")
        h.engine.execute(.agent(.pause, name: "a"), actor: .dashboard)
        h.engine.execute(.agent(.drain, name: "b"), actor: .dashboard)
        let id = h.submit("x")
        h.tick()
        #expect(h.deliveries.isEmpty)
        h.engine.execute(.agent(.resume, name: "b"), actor: .dashboard)
        h.tick()
        #expect(h.deliveries.map(\.agent) == ["b"])
        #expect(h.status(id) == .running)
    }

    @Test func concurrencyLimitsPerAgentQueueAndOverall() {
        let h = EngineHarness(configuration: EngineConfiguration(maxRunning: 3, keepHistoryInMemory: true))
        h.addAgent("a", concurrency: 2)
        h.addAgent("b", concurrency: 2)
        for n in 0..<5 { h.submit("task \(n)") }
        h.tick()
        #expect(h.engine.count(.running) == 3)
        let perAgent = Dictionary(grouping: h.deliveries, by: \.agent).mapValues(\.count)
        #expect(perAgent.values.allSatisfy { $0 <= 2 })

        let q = EngineHarness()
        q.addAgent("a", concurrency: 10)
        q.engine.configure(queue: QueueSettings(name: "slow", maxRunning: 1))
        q.submit("s1", queue: "slow")
        q.submit("s2", queue: "slow")
        q.submit("f1", queue: "fast")
        q.tick()
        #expect(q.engine.count(.running) == 2)
        #expect(q.engine.queueState("slow")?.running == 1)
    }

    @Test func aPausedQueueDispatchesNothingUntilResumed() {
        let h = EngineHarness()
        h.addAgent("a")
        h.engine.enqueue(.pauseQueue("default"), actor: .dashboard)
        let id = h.submit("x")
        h.tick()
        #expect(h.deliveries.isEmpty)
        #expect(h.engine.queueState("default")?.isPaused == true)
        h.engine.enqueue(.resumeQueue("default"), actor: .dashboard)
        h.tick()
        #expect(h.deliveries.map(\.task) == [id])
    }

    @Test func tasksTravelAsTaskMessagesThroughTheMessagingCore() {
        let h = EngineHarness()
        h.addAgent("a")
        let id = h.submit("x")
        h.tick()
        guard case .deliverTask(_, let assignment)? = h.effects.last else {
            Issue.record("expected a delivery")
            return
        }
        #expect(assignment.task == id)
        let message = h.engine.transport.message(assignment.message)
        #expect(message?.kind == .task)
        #expect(message?.status == .delivered)
        #expect(message?.recipient == .agent("a"))
        h.complete(id)
        #expect(h.engine.transport.message(assignment.message)?.status == .acknowledged)
    }
}

@Suite("Assignment strategies")
struct AssignmentStrategyTests {
    func agent(_ name: String, capabilities: [String], running: Int = 0, concurrency: Int = 4, score: Int = 100, done: Int = 0, failed: Int = 0) -> AgentRecord {
        var record = AgentRecord(name: name, pool: "p", capabilities: capabilities, concurrency: concurrency, state: .idle)
        record.currentTasks = (0..<running).map { TaskID("t-\($0)") }
        record.health.score = score
        record.tasksDone = done
        record.tasksFailed = failed
        return record
    }

    func task(_ capabilities: [String]) -> Task {
        Task(id: TaskID("t-1"), sequence: 1, spec: TaskSpec(title: "t", capabilities: capabilities), dependencies: [], maxAttempts: 1, createdAt: .epoch)
    }

    @Test func capabilityMatchKeepsSpecialistsFree() {
        var strategy = CapabilityMatchStrategy()
        let chosen = strategy.choose(for: task(["python"]), among: [agent("specialist", capabilities: ["python", "gpu", "cuda"]), agent("general", capabilities: ["python"])])
        #expect(chosen == "general")
    }

    @Test func leastLoadedTakesTheEmptiest() {
        var strategy = LeastLoadedStrategy()
        #expect(strategy.choose(for: task([]), among: [agent("busy", capabilities: [], running: 3), agent("calm", capabilities: [], running: 1)]) == "calm")
    }

    @Test func roundRobinRotates() {
        var strategy = RoundRobinStrategy()
        let pool = [agent("a", capabilities: []), agent("b", capabilities: []), agent("c", capabilities: [])]
        #expect((0..<4).map { _ in strategy.choose(for: task([]), among: pool) } == ["a", "b", "c", "a"])
    }

    @Test func scoredUsesTheReplacedSystemsWeightsAndMinimum() {
        let strategy = ScoredStrategy()
        #expect(strategy.weights == ScoredWeights(capability: 0.4, load: 0.3, health: 0.2, performance: 0.1, minimumScore: 0.6))
        let exact = agent("exact", capabilities: ["python"], score: 100, done: 10)
        // Exact fit, idle, healthy, perfect record: 0.4 + 0.3 + 0.2 + 0.1 = 1.
        #expect(abs(strategy.score(exact, for: task(["python"])) - 1.0) < 1e-9)
        let struggling = agent("struggling", capabilities: ["python", "gpu", "cuda", "x"], running: 4, score: 20, done: 1, failed: 9)
        #expect(strategy.score(struggling, for: task(["python"])) < 0.6)
        var chooser = strategy
        #expect(chooser.choose(for: task(["python"]), among: [struggling]) == nil)
        #expect(chooser.choose(for: task(["python"]), among: [struggling, exact]) == "exact")
    }

    @Test func theWeightsAreConfigurable() {
        var strategy = ScoredStrategy(weights: ScoredWeights(capability: 0, load: 1, health: 0, performance: 0, minimumScore: 0))
        let chosen = strategy.choose(for: task([]), among: [agent("loaded", capabilities: [], running: 3), agent("free", capabilities: ["a", "b"], running: 0)])
        #expect(chosen == "free")
    }
}
