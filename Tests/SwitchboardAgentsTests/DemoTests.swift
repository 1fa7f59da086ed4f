import Foundation
import SwitchboardAgents
import SwitchboardCore
import SwitchboardTestSupport
import Testing

@Suite("The demo swarm")
struct DemoTests {
    @Test("the workload is the same for the same seed, and covers every priority, DAGs, a crash, a hang and a spike")
    func workload() {
        var first = DemoWorkload(seed: 9)
        var second = DemoWorkload(seed: 9)
        var batches: [[TaskSpec]] = []
        for tenth in 0...600 {
            let a = first.due(at: Double(tenth) / 10)
            #expect(a == second.due(at: Double(tenth) / 10))
            batches += a
        }
        let specs = batches.flatMap { $0 }
        #expect(Set(specs.map(\.priority)) == Set(Priority.allCases))
        #expect(specs.contains { $0.payload?["outcome"]?.stringValue == "crash" })
        #expect(specs.contains { $0.payload?["outcome"]?.stringValue == "hang" && $0.timeout != nil && $0.maxAttempts == 1 })
        #expect(batches.contains { $0.count == DemoWorkload.spikeSize && $0.allSatisfy { $0.tags.contains("spike") } })
        let pipelines = batches.filter { batch in batch.contains { !$0.dependencies.isEmpty } }
        #expect(pipelines.count >= 30)
        #expect(pipelines.allSatisfy { $0.count == 4 && $0.last?.capabilities == ["review"] })
    }

    @Test("--pace stretches the demo: work arrives less often, and tasks, timeouts and the agents' durations last longer")
    func pace() {
        func firstMinute(_ pace: Double) -> [[TaskSpec]] {
            var workload = DemoWorkload(seed: 9, pace: pace)
            return (0...600).flatMap { workload.due(at: Double($0) / 10) }
        }
        let brisk = firstMinute(1)
        let calm = firstMinute(3)
        let pipelines = { (batches: [[TaskSpec]]) in batches.filter { $0.count == 4 }.count }
        #expect(pipelines(calm) * 3 <= pipelines(brisk) + 3, "\(pipelines(calm)) pipelines at pace 3 against \(pipelines(brisk)) at 1")
        let hang = { (batches: [[TaskSpec]]) in batches.flatMap { $0 }.first { $0.payload?["outcome"]?.stringValue == "hang" }?.timeout }
        #expect(hang(calm) == .seconds(12))
        #expect(hang(brisk) == .seconds(4))
        #expect(DemoSwarm.spec(pace: 3).pools.map(\.simulation.taskSeconds) == DemoSwarm.spec.pools.map { $0.simulation.taskSeconds * 3 })
    }

    @Test("the swarm: eight agents Agent-1 … Agent-8 in three pools with different capabilities, one captain")
    func swarm() {
        let spec = DemoSwarm.spec
        #expect(spec.pools.count == 3)
        let first = spec.pools.flatMap { pool in pool.record.agentNames.prefix(pool.record.minReplicas) }
        #expect(Set(first) == Set((1...8).map { "Agent-\($0)" }))
        #expect(spec.pools.filter { $0.record.role == "captain" }.map(\.record.minReplicas) == [1])
        #expect(Set(spec.pools.map { Set($0.record.capabilities) }).count == 3)
        #expect(spec.pools.contains { $0.record.maxReplicas > $0.record.minReplicas }, "a pool can scale")
        #expect(spec.pools.contains { $0.simulation.leakingAgents == [DemoSwarm.leakyAgent] && $0.simulation.memoryGrowthPerSecond > 0 })
    }

    @Test("demo --headless --duration 10 --json: completed work, the eight agents (and the spike's builders), a restart, a scaling event, no give-up")
    func headless() throws {
        let folder = TemporaryFolder()
        let result = try ProcessRunner.run(
            TestBinary.switchboard, ["demo", "--headless", "--duration", "10", "--json", "--pace", "1", "--db", folder.file("demo.sqlite")], timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try JSONParser.parse(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let tasks = summary["tasks"]?.objectValue ?? [:]
        #expect(Set(tasks.keys) == Set(TaskStatus.allCases.map(\.rawValue)))
        #expect((tasks["completed"]?.integerValue ?? 0) > 10)
        #expect((tasks["timeout"]?.integerValue ?? 0) == 1, "the hanging task timed out")
        // The eight, and the two builders the first spike added (the scale-down waits out its
        // 10 s cooldown); none given up on.
        let agents = summary["agents"]?.objectValue ?? [:]
        let count = agents.values.compactMap(\.integerValue).reduce(0, +)
        #expect((8...10).contains(count), "\(agents)")
        #expect(agents["failed"]?.integerValue == 0)
        let names = Set(summary["agent_names"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        #expect(names.isSuperset(of: (1...8).map { "Agent-\($0)" }) && names.isSubset(of: (1...10).map { "Agent-\($0)" }), "\(names)")
        #expect(summary["give_ups"]?.objectValue?.isEmpty == true)
        #expect((summary["restarts"]?.integerValue ?? 0) >= 1)
        #expect((summary["scaling_events"]?.integerValue ?? 0) >= 1)
        #expect((summary["messages_per_s"]?.doubleValue ?? 0) > 1)
        #expect((summary["seconds"]?.doubleValue ?? 0) >= 9.9)
    }
}
