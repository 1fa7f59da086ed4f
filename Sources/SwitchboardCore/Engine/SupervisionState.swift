/// What the engine tracks to supervise agents, beyond their records.
struct SupervisionState: Sendable {
    /// Why an agent's process is expected to end, set when the engine asks for it.
    enum ExitIntent: Sendable {
        /// An operator stopped it, or the pool shrank: it stays stopped.
        case stop
        /// An operator asked for a restart: start it again at once.
        case restartNow
        /// The engine killed it (dead, stalled, over its memory limit): restart with backoff.
        case restartWithBackoff(String)
    }

    var observations: [String: HealthModel.Observations] = [:]
    var restarts: [String: RestartHistory] = [:]
    var pendingRestarts: [String: Instant] = [:]
    var exitIntent: [String: ExitIntent] = [:]
    var violations: [String: [Instant]] = [:]
    var autoscaler: Autoscaler
    /// Agents being drained because their pool shrinks; stopped once idle.
    var scalingDown: Set<String> = []
    var nextAgentNumber: [String: Int] = [:]
    /// When each running task last showed life (assignment or progress).
    var progressAt: [TaskID: Instant] = [:]
    /// Queued tasks by the capabilities they need, for the autoscaler's backlog.
    var queuedByCapabilities: [[String]: Int] = [:]
    /// Recent durations of completed tasks, by queue and by pool.
    var queueDurations: [String: [Double]] = [:]
    var poolDurations: [String: [Double]] = [:]
    var agentRates: [String: RateWindow] = [:]
    /// Set when the engine shuts down: no more restarts or scaling.
    var shuttingDown = false
    var lastHistorySecond: Int64 = .min

    init(cooldown: Duration) { autoscaler = Autoscaler(cooldown: cooldown) }

    static func remember(_ value: Double, in list: inout [Double], keep: Int = 200) {
        list.append(value)
        if list.count > keep { list.removeFirst(list.count - keep) }
    }

    /// Nearest rank, as everywhere (see `Percentile`).
    static func percentile(_ values: [Double], _ fraction: Double) -> Double? {
        Percentile.nearestRank(values, fraction)
    }
}
