/// The engine's running measurements: throughput per second and latency distributions over a
/// sliding window, for the dashboard's metrics pane and the store's rollups.
public struct EngineMetrics: Sendable {
    public var submitted = RateWindow(seconds: 600)
    public var dispatched = RateWindow(seconds: 600)
    public var completed = RateWindow(seconds: 600)
    public var failed = RateWindow(seconds: 600)
    /// Queued → started, and started → finished, of recent tasks.
    public var wait = WindowedHistogram()
    public var run = WindowedHistogram()
    /// Queued → delivered to an agent.
    public var dispatch = WindowedHistogram()
    /// Depth (queued + pending + blocked) sampled once a second.
    public var depth: [Int] = []
    var lastSampledSecond: Int64 = .min

    public init() {}
}

/// A latency histogram over roughly the last minute: two halves that take turns, so that old
/// samples age out without keeping every sample.
public struct WindowedHistogram: Sendable {
    private var current = LatencyHistogram()
    private var previous = LatencyHistogram()
    private var currentStarted: Int64 = .min
    public let halfWindowSeconds: Int64

    public init(halfWindowSeconds: Int64 = 30) { self.halfWindowSeconds = halfWindowSeconds }

    public mutating func record(_ nanoseconds: Int64, at now: Instant) {
        rotate(now)
        current.record(nanoseconds: nanoseconds)
    }

    private mutating func rotate(_ now: Instant) {
        let second = now.nanosecondsSinceEpoch / 1_000_000_000
        if currentStarted == .min { currentStarted = second }
        if second - currentStarted >= halfWindowSeconds {
            previous = second - currentStarted >= 2 * halfWindowSeconds ? LatencyHistogram() : current
            current = LatencyHistogram()
            currentStarted = second
        }
    }

    public func summary(at now: Instant) -> LatencySummary {
        var merged = current
        merged.merge(previous)
        return merged.summary
    }
}
