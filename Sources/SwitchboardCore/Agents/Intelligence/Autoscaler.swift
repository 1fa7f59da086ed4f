/// How many agents a pool should have: `clamp(ceil(backlog / tasks per agent), min, max)`,
/// where the backlog is the work the pool could take (queued tasks whose capabilities it has,
/// plus tasks running on its agents). Scaling up happens at once; scaling down only after the
/// wish to scale down has held for a whole cooldown, so a pool never flaps.
public struct Autoscaler: Hashable, Sendable {
    public var cooldown: Duration
    private var lowSince: [String: Instant] = [:]

    public init(cooldown: Duration = .seconds(30)) { self.cooldown = cooldown }

    public static func wanted(backlog: Int, pool: PoolRecord) -> Int {
        let needed = (backlog + pool.tasksPerAgent - 1) / max(1, pool.tasksPerAgent)
        return min(max(needed, pool.minReplicas), pool.maxReplicas)
    }

    /// The replicas to run now, given the current ones; nil means no change.
    public mutating func decide(pool: PoolRecord, current: Int, backlog: Int, now: Instant) -> (replicas: Int, reason: String)? {
        let wanted = Self.wanted(backlog: backlog, pool: pool)
        if wanted > current {
            lowSince[pool.name] = nil
            return (wanted, "backlog \(backlog) needs \(wanted) agent(s) at \(pool.tasksPerAgent) task(s) each")
        }
        if wanted < current {
            guard let since = lowSince[pool.name] else {
                lowSince[pool.name] = now
                return nil
            }
            guard now - since >= cooldown else { return nil }
            lowSince[pool.name] = nil
            return (wanted, "backlog \(backlog) needs only \(wanted) agent(s) for \(formatSeconds(cooldown.seconds))")
        }
        lowSince[pool.name] = nil
        return nil
    }
}
