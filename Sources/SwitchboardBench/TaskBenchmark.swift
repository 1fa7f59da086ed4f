import Foundation
import Synchronization
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore

/// `switchboard bench tasks`: the burn-down used by the PostgreSQL job queues (a million no-op
/// tasks inserted, then drained by in-process no-op agents, store at `normal` durability), and
/// dispatch latency (queued → delivered to an agent) under a steady submission rate, with the
/// engine on its own thread as in production.
public struct TaskBenchmark {
    public var tasks: Int
    public var agents: Int
    public var concurrency: Int
    public var rate: Int
    public var seconds: Double
    public var runs: Int
    public var folder: String

    public init(
        tasks: Int = 1_000_000, agents: Int = 8, concurrency: Int = 1000, rate: Int = 10_000, seconds: Double = 5, runs: Int = 3,
        folder: String = NSTemporaryDirectory()
    ) {
        self.tasks = max(1000, tasks)
        self.agents = max(1, agents)
        self.concurrency = max(1, concurrency)
        self.rate = max(100, rate)
        self.seconds = max(1, seconds)
        self.runs = max(1, runs)
        self.folder = folder
    }

    public func run(report: (BenchResult) -> Void) throws {
        var inserts: [Double] = []
        var burndowns: [Double] = []
        for _ in 0..<runs {
            let (insert, burndown) = try burnDown()
            inserts.append(insert)
            burndowns.append(burndown)
        }
        report(BenchResult(name: "tasks.insert", value: Median.of(inserts), unit: "tasks/s", runs: runs))
        report(BenchResult(name: "tasks.burndown", value: Median.of(burndowns), unit: "tasks/s", runs: runs))
        var p50: [Double] = []
        var p99: [Double] = []
        var achieved: [Double] = []
        for _ in 0..<runs {
            let measured = try dispatchLatency()
            p50.append(measured.p50)
            p99.append(measured.p99)
            achieved.append(measured.rate)
        }
        report(BenchResult(name: "tasks.dispatch.rate", value: Median.of(achieved), unit: "tasks/s", runs: runs))
        report(BenchResult(name: "tasks.dispatch.p50", value: Median.of(p50), unit: "ms", runs: runs))
        report(BenchResult(name: "tasks.dispatch.p99", value: Median.of(p99), unit: "ms", runs: runs))
    }

    private func scratch(_ name: String) -> String { "\(folder)/switchboard-bench-\(name)-\(UUID().uuidString.prefix(8)).sqlite" }

    private func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    private func addAgents(_ host: EngineHost) {
        // A fixed size: the scaler must neither stop these agents nor start ones nobody runs.
        host.engine.register(pool: PoolRecord(name: "bench", minReplicas: agents, maxReplicas: agents, tasksPerAgent: concurrency))
        for index in 0..<agents {
            host.handle(.started(agent: "bench-\(index)", pool: "bench", pid: nil))
            host.handle(.hello(agent: "bench-\(index)", capabilities: [], role: nil, protocolVersion: 1))
        }
    }

    /// The agents are in-process and always alive: they say so, or health checks would stop
    /// giving them work.
    private var heartbeats: [AgentReport] { (0..<agents).map { .heartbeat(agent: "bench-\($0)") } }

    /// Inserts `tasks` no-op tasks (10 000 a commit), then runs steps, completing every
    /// delivered task at once, until all are done. Returns (insert rate, drain rate).
    private func burnDown() throws -> (Double, Double) {
        let path = scratch("burndown")
        defer { remove(path) }
        let clock = SystemClock()
        let host = try EngineHost.open(store: try Store.open(path: path, durability: .normal), clock: clock, configuration: EngineConfiguration(seed: 7))
        defer { host.close() }
        addAgents(host)
        let chunk = 10_000
        var inserted = 0
        var watch = Stopwatch()
        while inserted < tasks {
            let count = min(chunk, tasks - inserted)
            let specs = (0..<count).map { TaskSpec(title: "noop \(inserted + $0)") }
            let outcome = host.engine.execute(.submit(specs), actor: .engine)
            guard outcome.accepted else { throw BenchError(outcome.message) }
            try host.commit()
            inserted += count
        }
        let insertRate = Double(inserted) / watch.elapsedSeconds
        watch = Stopwatch()
        var lastProgress = (completed: 0, at: Stopwatch())
        while host.engine.count(.completed) < tasks {
            for heartbeat in heartbeats { host.handle(heartbeat) }
            let effects = try host.step()
            for case .deliverTask(let agent, let assignment) in effects {
                host.handle(.completed(agent: agent, task: assignment.task, result: nil, output: nil))
            }
            if effects.isEmpty, host.engine.count(.running) == 0, host.engine.count(.queued) == 0 { break }
            let completed = host.engine.count(.completed)
            if completed > lastProgress.completed {
                lastProgress = (completed, Stopwatch())
            } else if lastProgress.at.elapsedSeconds > 10 {
                throw BenchError("burn-down made no progress for 10 s at \(completed) of \(tasks) tasks")
            }
        }
        let drained = host.engine.count(.completed)
        guard drained == tasks else { throw BenchError("burn-down stopped at \(drained) of \(tasks) tasks") }
        return (insertRate, Double(drained) / watch.elapsedSeconds)
    }

    /// Submits `rate` tasks a second through the engine loop for `seconds`; agents complete each
    /// delivered task at once. Latency: when the task became queued → when the agent got it.
    private func dispatchLatency() throws -> (p50: Double, p99: Double, rate: Double) {
        let path = scratch("dispatch")
        defer { remove(path) }
        let clock = SystemClock()
        let host = try EngineHost.open(store: try Store.open(path: path, durability: .normal), clock: clock, configuration: EngineConfiguration(seed: 9))
        defer { host.close() }
        addAgents(host)
        try host.commit()
        let latencies = Mutex(LatencyHistogram())
        let delivered = Mutex(0)
        let warmUp = clock.now() + .milliseconds(500)
        let loopBox = Mutex<EngineLoop?>(nil)
        let loop = EngineLoop(host: host, tickInterval: .milliseconds(50), onEffects: { effects in
            let now = clock.now()
            var completions: [AgentReport] = []
            for case .deliverTask(let agent, let assignment) in effects {
                if let queuedAt = assignment.queuedAt, queuedAt >= warmUp {
                    latencies.withLock { $0.record(nanoseconds: now.nanoseconds(since: queuedAt)) }
                    delivered.withLock { $0 += 1 }
                }
                completions.append(.completed(agent: agent, task: assignment.task, result: nil, output: nil))
            }
            loopBox.withLock { loop in for completion in completions { loop?.report(completion) } }
        })
        loopBox.withLock { $0 = loop }
        loop.start()
        let perMillisecond = max(1, rate / 1000)
        let start = Stopwatch()
        var sent = 0
        var lastBeat = -1.0
        while start.elapsedSeconds < seconds + 0.5 {
            if start.elapsedSeconds - lastBeat >= 0.5 {
                lastBeat = start.elapsedSeconds
                for heartbeat in heartbeats { loop.report(heartbeat) }
            }
            let due = Int(start.elapsedSeconds * Double(rate))
            if due > sent {
                let count = min(due - sent, perMillisecond * 10)
                loop.command(.submit((0..<count).map { TaskSpec(title: "steady \(sent + $0)") }), actor: .engine)
                sent += count
            }
            usleep(1000)
        }
        loop.stop()
        loopBox.withLock { $0 = nil }
        let summary = latencies.withLock { $0 }
        let count = delivered.withLock { $0 }
        return (Double(summary.percentile(0.5)) / 1e6, Double(summary.percentile(0.99)) / 1e6, Double(count) / seconds)
    }
}
