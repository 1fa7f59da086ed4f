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

    /// Agents whose next start is a restart (by the supervisor or an operator), for `restarts`.
    var restartStarts: Set<String> = []
    /// Agents that said hello since they were last started: a given-up agent that never did
    /// never came up at all.
    var cameUp: Set<String> = []
    /// Recent give-ups of each pool's agents, and when each pool may next start an agent.
    var poolGiveUps: [String: [Instant]] = [:]
    var replaceNotBefore: [String: Instant] = [:]

    init(cooldown: Duration, upInterval: Duration) { autoscaler = Autoscaler(cooldown: cooldown, upInterval: upInterval) }

    static func remember(_ value: Double, in list: inout [Double], keep: Int = 200) {
        list.append(value)
        if list.count > keep { list.removeFirst(list.count - keep) }
    }

    /// Nearest rank, as everywhere (see `Percentile`).
    static func percentile(_ values: [Double], _ fraction: Double) -> Double? {
        Percentile.nearestRank(values, fraction)
    }
}
