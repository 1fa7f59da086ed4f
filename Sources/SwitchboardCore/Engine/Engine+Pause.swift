extension Engine {
    /// Notices that the engine itself did not run for a while — its process was stopped
    /// (`kill -STOP`, a debugger, a suspended laptop), starved, or stuck in a slow write — and
    /// keeps the agents from being blamed for it.
    ///
    /// Called at every entry point that can judge agents (each tick, each agent report). When
    /// the time since the engine last ran exceeds `configuration.pauseThreshold`, the gap is
    /// taken as the engine's own pause: every heartbeat silence, every stall clock and every
    /// hello deadline is moved forward by the gap, as if the pause had not happened, and one
    /// event says so. Heartbeats that the agents sent meanwhile sit unread in their pipes; the
    /// silence before the pause still counts, so an agent that was already late stays late.
    ///
    /// Task timeouts and deadlines are not moved: the agents kept working in wall time, and a
    /// task's limit is a promise about wall time.
    func noticePause(_ now: Instant) {
        defer { lastActiveAt = now }
        guard let last = lastActiveAt, now > last else { return }
        let gap = now - last
        guard gap > configuration.pauseThreshold else { return }
        for name in supervision.observations.keys {
            supervision.observations[name]?.detector.pause(for: gap)
        }
        for id in supervision.progressAt.keys {
            supervision.progressAt[id] = supervision.progressAt[id]! + gap
        }
        for (name, agent) in agents where agent.state == .starting {
            agents[name]?.startedAt = agent.startedAt.map { $0 + gap }
        }
        log(
            .enginePaused, "engine",
            "the engine did not run for \(formatSeconds(gap.seconds)) (paused or stalled); heartbeat and stall clocks were moved on by as much, so no agent is blamed for it",
            at: now)
    }
}
