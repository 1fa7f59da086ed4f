import Foundation
import SwitchboardAgents
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore
import SwitchboardTerminal
import SwitchboardUI

#if canImport(Glibc)
import Glibc
#endif

/// `switchboard bench render`: the dashboard's cost.
///
/// - `render.frame`: drawing one 200×60 frame (render and diff against the last frame) from a
///   snapshot of a store with 100 000 tasks and 1 000 agents; baseline: the same frame from a
///   store of 100 tasks and 10 agents (a ratio near 1 means the work follows the screen, not
///   the data).
/// - `render.snapshot_read`: reading that snapshot from the store (on the feed thread).
/// - `render.idle_bytes_per_s`: bytes ncurses writes per second on a store whose engine has
///   stopped (nothing changes, so nothing should be written).
/// - `render.demo_bytes_per_s`: the same while the demo runs; baseline: repainting the whole
///   screen on every refresh.
public struct RenderBenchmark {
    public var tasks: Int
    public var agents: Int
    public var width: Int
    public var height: Int
    public var frames: Int
    public var runs: Int
    public var seconds: Double
    public var folder: String

    public init(tasks: Int = 100_000, agents: Int = 1000, width: Int = 200, height: Int = 60, frames: Int = 200, runs: Int = 5, seconds: Double = 6, folder: String = NSTemporaryDirectory()) {
        self.tasks = max(100, tasks)
        self.agents = max(10, agents)
        self.width = width
        self.height = height
        self.frames = max(10, frames)
        self.runs = max(1, runs)
        self.seconds = max(3, seconds)
        self.folder = folder
    }

    public func run(report: (BenchResult) -> Void) throws {
        let small = try Self.populatedStore(tasks: 100, agents: 10, folder: folder)
        let large = try Self.populatedStore(tasks: tasks, agents: agents, folder: folder)
        defer {
            Self.remove(small)
            Self.remove(large)
        }
        let baseline = try frameMilliseconds(store: small)
        let measured = try frameMilliseconds(store: large)
        report(BenchResult(
            name: "render.frame", value: measured.frame, unit: "ms", baseline: "render.frame.100_tasks_10_agents", baselineValue: baseline.frame,
            runs: runs))
        report(BenchResult(name: "render.snapshot_read", value: measured.read, unit: "ms", baseline: "render.snapshot_read.100_tasks", baselineValue: baseline.read, runs: runs))
        let idle = try terminalBytes(store: large, withDemo: false)
        report(BenchResult(name: "render.idle_bytes_per_s", value: idle.perSecond, unit: "bytes/s", runs: 1))
        let demoStore = folder + "/switchboard-bench-render-demo-\(getpid()).sqlite"
        defer { Self.remove(path: demoStore) }
        let demo = try terminalBytes(store: try Store.open(path: demoStore), withDemo: true)
        report(BenchResult(
            name: "render.demo_bytes_per_s", value: demo.perSecond, unit: "bytes/s", baseline: "render.full_repaint_bytes_per_s",
            baselineValue: demo.fullRepaintPerSecond, runs: 1))
    }

    // MARK: Frames

    private func frameMilliseconds(store: Store) throws -> (frame: Double, read: Double) {
        let clock = SystemClock()
        let source = StoreDashboardSource(store: store, clock: clock)
        var state = ViewState()
        let layout = Layout(width: width, height: height, state: state)
        let query = state.query(visibleTaskRows: layout.visibleTaskRows)
        var reads: [Double] = []
        var snapshot = try source.snapshot(for: query)
        for _ in 0..<max(3, runs) {
            let watch = Stopwatch()
            snapshot = try source.snapshot(for: query)
            reads.append(watch.elapsedSeconds * 1000)
        }
        state = Dashboard.settle(state, UpdateContext(snapshot: snapshot, width: width, height: height, now: clock.now()))
        var medians: [Double] = []
        var previous: Canvas?
        for _ in 0..<runs {
            var times: [Double] = []
            for frame in 0..<frames {
                // Move the cursor every frame, so that each frame differs from the last.
                state.taskCursor = frame % layout.visibleTaskRows
                let watch = Stopwatch()
                let canvas = Dashboard.render(snapshot, state, width: width, height: height, wallClock: snapshot.readAt)
                let diff = CanvasDiff(from: previous, to: canvas)
                times.append(watch.elapsedSeconds * 1000)
                precondition(diff.changedCells >= 0)
                previous = canvas
            }
            medians.append(Median.of(times))
        }
        return (Median.of(medians), Median.of(reads))
    }

    // MARK: Bytes on the terminal

    private func terminalBytes(store: Store, withDemo: Bool) throws -> (perSecond: Double, fullRepaintPerSecond: Double) {
        let output = folder + "/switchboard-bench-render-\(getpid()).out"
        defer { Self.remove(path: output) }
        setenv("COLUMNS", "\(width)", 1)
        setenv("LINES", "\(height)", 1)
        if getenv("TERM") == nil { setenv("TERM", "xterm-256color", 1) }
        guard let file = fopen(output, "w"), let input = fopen("/dev/null", "r") else { throw BenchError("cannot open \(output)") }
        defer {
            fclose(file)
            fclose(input)
        }
        var demo: DemoRunner?
        if withDemo {
            demo = try DemoRunner(store: store, seed: 7)
            demo?.start()
        }
        defer { demo?.stop() }
        let refresh = 4.0
        var options = DashboardOptions()
        options.refreshPerSecond = refresh
        options.readsKeys = false
        options.runFor = .seconds(fractional: seconds)
        options.output = file
        options.input = input
        let clock = SystemClock()
        let source = StoreDashboardSource(store: store, clock: clock)
        // The first frame paints everything; count from the second second on.
        let samples = ByteSamples(path: output, from: 1.5, to: seconds - 0.5)
        samples.start()
        try DashboardApp.run(source: source, clock: clock, options: options) { _ in .refused("the benchmark sends no commands") }
        let (firstFrame, counted, span) = samples.result()
        return (Double(counted) / span, Double(firstFrame) * refresh)
    }

    /// Watches the output file's size: after the first frame, and over a window of time.
    private final class ByteSamples: @unchecked Sendable {
        let path: String
        let from: Double
        let to: Double
        private let lock = NSLock()
        private var firstFrame = 0
        private var atStart = 0
        private var atEnd = 0

        init(path: String, from: Double, to: Double) {
            self.path = path
            self.from = from
            self.to = to
        }

        func start() {
            let started = Stopwatch()
            Thread.detachNewThread { [self] in
                var sawFirst = false
                while started.elapsedSeconds < to + 0.2 {
                    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                    lock.lock()
                    if !sawFirst, size > 0, started.elapsedSeconds > 0.5 {
                        firstFrame = size
                        sawFirst = true
                    }
                    if started.elapsedSeconds < from { atStart = size }
                    if started.elapsedSeconds <= to { atEnd = size }
                    lock.unlock()
                    usleep(20_000)
                }
            }
        }

        func result() -> (firstFrame: Int, counted: Int, seconds: Double) {
            lock.lock()
            defer { lock.unlock() }
            return (firstFrame, max(0, atEnd - atStart), to - from)
        }
    }

    // MARK: Stores

    /// A store with `tasks` tasks (all priorities, some running, some finished) and `agents`
    /// agents, and the engine's summary, as a running engine would have left it.
    static func populatedStore(tasks: Int, agents: Int, folder: String) throws -> Store {
        let path = folder + "/switchboard-bench-render-\(tasks)-\(getpid()).sqlite"
        remove(path: path)
        let store = try Store.open(path: path)
        let clock = ManualClock()
        let host = try EngineHost.open(store: store, clock: clock, configuration: EngineConfiguration(seed: 1))
        defer { host.close() }
        let priorities = Priority.allCases
        var submitted = 0
        while submitted < tasks {
            let batch = min(5000, tasks - submitted)
            let specs = (0..<batch).map { index in
                TaskSpec(title: "Task \(submitted + index) of the benchmark", queue: ["ci", "ops", "reviews"][(submitted + index) % 3],
                         capabilities: ["bench"], priority: priorities[(submitted + index) % 5], tags: ["bench"])
            }
            host.engine.execute(.submit(specs), actor: .cli)
            try host.commit()
            submitted += batch
        }
        var changes = EngineChanges()
        changes.agents = (1...agents).map { number in
            var agent = AgentRecord(name: "Agent-\(number)", pool: ["builders", "testers", "captain"][number % 3], capabilities: ["bench"], state: number % 7 == 0 ? .idle : .busy)
            agent.lastHeartbeatAt = clock.now()
            agent.throughputHistory = (0..<60).map { ($0 * number) % 5 }
            agent.resources.memoryBytes = 100 << 20
            return agent
        }
        try store.write { db in try EngineRows.write(changes, at: clock.now(), db) }
        clock.advance(by: .seconds(2))
        try host.commit()
        return store
    }

    static func remove(_ store: Store) {
        try? store.close()
        remove(path: store.path)
    }

    static func remove(path: String) {
        for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
