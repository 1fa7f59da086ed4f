/// Throughput, success and latency per queue and per agent, from finished tasks: what
/// `switchboard report` prints.
public struct TaskReport: Hashable, Sendable, Codable {
    public struct Line: Hashable, Sendable, Codable {
        public var name: String
        public var completed: Int
        public var failed: Int
        /// Tasks finished per minute over the window.
        public var throughputPerMinute: Double
        /// Completed ÷ finished (nil when nothing finished).
        public var successRate: Double?
        /// Queued → started, seconds.
        public var waitP50: Double?
        public var waitP95: Double?
        /// Started → finished, seconds.
        public var runP50: Double?
        public var runP95: Double?
    }

    public var windowSeconds: Double
    public var queues: [Line]
    public var agents: [Line]

    /// Aggregates the tasks that finished within `window` before `now`.
    public init(tasks: [Task], now: Instant, window: Duration) {
        windowSeconds = window.seconds
        let since = now - window
        let finished = tasks.filter { task in task.status.isFinal && (task.finishedAt.map { $0 >= since } ?? false) }
        func line(_ name: String, _ group: [Task]) -> Line {
            // Counted as the Agents pane counts (`TaskTally`): the final status, for the agent
            // of the last attempt.
            let completed = group.filter { TaskTally($0.status) == .done }.count
            let failed = group.filter { TaskTally($0.status) == .failed }.count
            let waits = group.compactMap { task -> Double? in
                guard let queued = task.queuedAt, let started = task.startedAt, started >= queued else { return nil }
                return (started - queued).seconds
            }.sorted()
            let runs = group.compactMap { task -> Double? in
                guard let started = task.startedAt, let finished = task.finishedAt, finished >= started else { return nil }
                return (finished - started).seconds
            }.sorted()
            return Line(
                name: name, completed: completed, failed: failed,
                throughputPerMinute: Double(group.count) / max(1 / 60, window.seconds / 60),
                successRate: TaskTally.successRate(done: completed, failed: failed),
                waitP50: Self.percentile(waits, 0.5), waitP95: Self.percentile(waits, 0.95),
                runP50: Self.percentile(runs, 0.5), runP95: Self.percentile(runs, 0.95))
        }
        queues = Dictionary(grouping: finished, by: \.queue).map { line($0.key, $0.value) }.sorted { $0.name < $1.name }
        agents = Dictionary(grouping: finished.filter { $0.agent != nil }, by: { $0.agent! }).map { line($0.key, $0.value) }
            .sorted { $0.name.localizedNumericLess(than: $1.name) }
    }

    /// Nearest-rank percentile of sorted values, as everywhere (see `Percentile`).
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double? {
        Percentile.nearestRank(sorted: sorted, fraction)
    }
}
