import Foundation
import SwitchboardBench
import SwitchboardCore
import Testing

@Suite("Benchmark output")
struct BenchOutputTests {
    @Test func aLineWithABaselineCarriesTheRatio() throws {
        let result = BenchResult(name: "queue.memory.cycle.100000", value: 1_200_000, unit: "msgs/s", baseline: "heap", baselineValue: 4_800_000, runs: 5)
        let line = try JSONParser.parse(result.jsonLine)
        #expect(line["name"] == "queue.memory.cycle.100000")
        #expect(line["value"]?.doubleValue == 1_200_000)
        #expect(line["unit"] == "msgs/s")
        #expect(line["baseline"] == "heap")
        #expect(line["baseline_value"]?.doubleValue == 4_800_000)
        #expect(line["ratio"]?.doubleValue == 0.25)
    }

    @Test func aLineWithoutABaselineHasNoRatio() throws {
        let line = try JSONParser.parse(BenchResult(name: "x", value: 0.1234, unit: "ms").jsonLine)
        #expect(line["ratio"] == nil)
        #expect(line["value"]?.doubleValue == 0.123)
    }

    @Test func mediansOfOddAndEvenCounts() {
        #expect(Median.of([5, 1, 3]) == 3)
        #expect(Median.of([4, 1, 3, 2]) == 2.5)
    }

    @Test("a short queue benchmark reports every figure by name")
    func queueBenchmarkNamesEveryFigure() throws {
        var results: [BenchResult] = []
        try QueueBenchmark(backlogs: [1000], runs: 1, operations: 2000, recipients: 10).run { results.append($0) }
        #expect(results.map(\.name) == [
            "queue.memory.bytes_per_pending", "queue.memory.enqueue.1000", "queue.memory.claim_ack.1000", "queue.memory.cycle.1000",
        ])
        // Rates are positive; the memory figure of so small a backlog is within page noise.
        #expect(results.filter { $0.unit == "msgs/s" }.allSatisfy { $0.value > 0 })
        #expect(results.first?.value.isFinite == true)
        #expect(results.last?.baseline == "heap.insert_remove_max.1000")
    }

    @Test("a short task benchmark burns down every task and reports every figure by name")
    func taskBenchmarkFinishes() throws {
        var results: [BenchResult] = []
        let folder = NSTemporaryDirectory()
        try TaskBenchmark(tasks: 3000, agents: 4, concurrency: 100, rate: 1000, seconds: 1, runs: 1, folder: folder).run { results.append($0) }
        #expect(results.map(\.name) == ["tasks.insert", "tasks.burndown", "tasks.dispatch.rate", "tasks.dispatch.p50", "tasks.dispatch.p99"])
        #expect(results.allSatisfy { $0.value > 0 && $0.value.isFinite })
        let achieved = try #require(results.first { $0.name == "tasks.dispatch.rate" })
        #expect(achieved.value > 500, "the agents stopped taking work: \(achieved.value) tasks/s of 1000 submitted")
    }
}
