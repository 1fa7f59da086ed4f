/// How many agents a pool should have: `clamp(ceil(backlog / tasks per agent), min, max)`,
/// where the backlog is the work the pool could take (queued tasks whose capabilities it has,
/// plus tasks running on its agents).
///
/// It decides the pool's target (`desiredReplicas`), not its live agents: an agent that crashed
/// or was given up on is the supervisor's business, not a reason to scale. Two rules keep a
/// pool from flapping with a backlog that hovers around a boundary (as Kubernetes' autoscaler
/// does with its stabilisation window):
///
/// - scaling up happens at once, to what the backlog needs, but not again within `upInterval`
///   of the last scale-up — a growing backlog gives one step, not one per task;
/// - scaling down goes to the most agents wanted at any moment of the last `cooldown`, and only
///   once the last scaling is at least `cooldown` old — one quiet moment does not drop agents
///   that the next second needs again.
public struct Autoscaler: Hashable, Sendable {
    public var cooldown: Duration
    public var upInterval: Duration
    /// Each pool's wish over the last `cooldown`: the moments it changed, oldest first; the
    /// first may be older than the window (it holds the value at the window's start).
    private var wishes: [String: [Wish]] = [:]
    /// When each pool last scaled up.
    private var lastUp: [String: Instant] = [:]

    private struct Wish: Hashable, Sendable {
        var at: Instant
        var replicas: Int
    }

    public init(cooldown: Duration = .seconds(30), upInterval: Duration = .seconds(10)) {
        self.cooldown = cooldown
        self.upInterval = upInterval
    }

    public static func wanted(backlog: Int, pool: PoolRecord) -> Int {
        let needed = (backlog + pool.tasksPerAgent - 1) / max(1, pool.tasksPerAgent)
        return min(max(needed, pool.minReplicas), pool.maxReplicas)
    }

    /// The pool's new target, or nil to keep `pool.desiredReplicas`.
    public mutating func decide(pool: PoolRecord, backlog: Int, now: Instant) -> (replicas: Int, reason: String)? {
        let wanted = Self.wanted(backlog: backlog, pool: pool)
        let highest = remember(wanted, of: pool.name, at: now)
        let target = pool.desiredReplicas
        if wanted > target {
            if let last = lastUp[pool.name], now - last < upInterval { return nil }
            lastUp[pool.name] = now
            return (wanted, "backlog \(backlog) needs \(wanted) agent(s) at \(pool.tasksPerAgent) task(s) each")
        }
        let sinceScaling = pool.lastScaledAt.map { now - $0 } ?? cooldown
        guard let highest, highest < target, sinceScaling >= cooldown else { return nil }
        return (highest, "backlog needed at most \(highest) agent(s) for \(formatSeconds(cooldown.seconds))")
    }

    /// Records the wish and returns the most agents wanted over the whole last `cooldown`, or
    /// nil while the pool's wishes do not yet cover that long.
    private mutating func remember(_ wanted: Int, of pool: String, at now: Instant) -> Int? {
        var list = wishes[pool] ?? []
        if list.last?.replicas != wanted { list.append(Wish(at: now, replicas: wanted)) }
        let start = now - cooldown
        // Keep the last change at or before the window's start: it holds the value there.
        while list.count > 1, list[1].at <= start { list.removeFirst() }
        wishes[pool] = list
        guard let first = list.first, first.at <= start else { return nil }
        return list.map(\.replicas).max()
    }
}
