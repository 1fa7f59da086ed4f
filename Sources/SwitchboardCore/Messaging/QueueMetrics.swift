/// A queue's measurements at one moment: counters since it was created, the current depth,
/// rates over the last ten seconds and latency percentiles.
public struct QueueMetricsSnapshot: Sendable, Hashable, Codable {
    public var queue: String
    public var enqueued = 0
    public var claimed = 0
    public var acknowledged = 0
    public var retried = 0
    public var deadLettered = 0
    public var expired = 0
    public var cancelled = 0
    public var depthByPriority: [Priority: Int] = [:]
    public var blocked = 0
    public var inFlight = 0
    public var deadLetters = 0
    /// Age of the oldest pending message, in seconds; nil when nothing is pending.
    public var oldestPendingAge: Double?
    public var enqueuedPerSecond = 0.0
    public var acknowledgedPerSecond = 0.0
    /// Enqueue (or release from a retry delay) to claim.
    public var wait = LatencySummary.empty
    /// Claim to acknowledgement.
    public var service = LatencySummary.empty

    public init(queue: String) { self.queue = queue }

    public var pending: Int { depthByPriority.values.reduce(0, +) }
}

/// The live counters behind `QueueMetricsSnapshot`, updated on the hot path.
struct QueueMetricsRecorder {
    var enqueued = 0
    var claimed = 0
    var acknowledged = 0
    var retried = 0
    var deadLettered = 0
    var expired = 0
    var cancelled = 0
    var wait = LatencyHistogram()
    var service = LatencyHistogram()
    var enqueueRate = RateWindow(seconds: 120)
    var acknowledgeRate = RateWindow(seconds: 120)
}
