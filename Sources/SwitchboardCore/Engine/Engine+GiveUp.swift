extension Engine {
    // MARK: Giving up

    /// The supervisor gives up on an agent that crashed more often than its restart policy
    /// allows. The agent goes to `failed` and stays there — nothing in the engine starts it
    /// again, only an operator's restart — with the reason as its last error and a dead
    /// health, and one event says so. Its pool replaces it after a backoff, or is marked
    /// failing (see `ReplacementPolicy`).
    func giveUp(on name: String, why: String, now: Instant) {
        guard let agent = agents[name] else { return }
        let policy = configuration.restartPolicy
        let reason = "more than \(policy.intensity) restarts within \(formatSeconds(policy.period.seconds)) (last: \(why))"
        agents[name]?.state = .failed
        agents[name]?.pid = nil
        agents[name]?.lastError = "given up: " + reason
        agents[name]?.health = AgentHealth(givenUp: reason)
        supervision.pendingRestarts.removeValue(forKey: name)
        supervision.exitIntent.removeValue(forKey: name)
        supervision.scalingDown.remove(name)
        dirtyAgents.insert(name)
        let neverCameUp = !supervision.cameUp.contains(name)
        let (next, failing) = poolLost(name, of: agent.pool, neverCameUp: neverCameUp, now: now)
        log(.supervisorGaveUp, name, "\(name) given up: \(reason); it stays down until an operator restarts it (agent restart \(name))\(next)", at: now)
        if let failing { log(.poolFailing, agent.pool, failing, at: now) }
    }

    /// The pool's side of a give-up: when it may replace the agent, or that it is failing.
    /// Returns the words for the give-up's event, and the pool's own event when it turns failing.
    private func poolLost(_ name: String, of poolName: String, neverCameUp: Bool, now: Instant) -> (String, String?) {
        guard var pool = pools[poolName] else { return ("", nil) }
        let policy = configuration.replacementPolicy
        var giveUps = supervision.poolGiveUps[poolName] ?? []
        giveUps.removeAll { now - $0 > policy.period }
        giveUps.append(now)
        supervision.poolGiveUps[poolName] = giveUps
        if pool.isFailing { return ("; its pool \(poolName) is failing", nil) }
        guard giveUps.count >= policy.failingAfter || neverCameUp else {
            let delay = policy.delay(afterGiveUps: giveUps.count)
            supervision.replaceNotBefore[poolName] = max(supervision.replaceNotBefore[poolName] ?? now, now + delay)
            return ("; its pool \(poolName) starts no agent for \(formatSeconds(delay.seconds))", nil)
        }
        let why = neverCameUp
            ? "\(name) never came up (it never said hello), so another agent would fail the same way"
            : "\(giveUps.count) of its agents were given up on within \(formatSeconds(policy.period.seconds))"
        pool.failingSince = now
        pool.failingReason = why
        pools[poolName] = pool
        dirtyPools.insert(poolName)
        supervision.replaceNotBefore.removeValue(forKey: poolName)
        return ("; its pool \(poolName) is failing", "pool \(poolName) is failing: \(why); it starts no agent until an operator restarts one of its agents or scales it")
    }

    /// An operator took charge of an agent (restarted it) or of its pool (scaled it): the
    /// agent gets a fresh restart budget and the pool starts agents again.
    func operatorTookCharge(of poolName: String, agent: String?, now: Instant) {
        if let agent { supervision.restarts[agent] = nil }
        supervision.replaceNotBefore.removeValue(forKey: poolName)
        guard var pool = pools[poolName], pool.isFailing else { return }
        pool.failingSince = nil
        pool.failingReason = nil
        pools[poolName] = pool
        dirtyPools.insert(poolName)
    }
}

extension AgentHealth {
    /// The health of an agent its supervisor gave up on: dead, whatever it last looked like.
    public init(givenUp reason: String) {
        self.init()
        level = .dead
        score = 0
        reasons = ["given up by its supervisor: \(reason)"]
    }
}
