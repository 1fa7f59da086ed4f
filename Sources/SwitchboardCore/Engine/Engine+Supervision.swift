extension Engine {
    /// Health, supervision and scaling of agents, once per tick.
    func superviseAgents(_ now: Instant) {}

    func observeHeartbeat(_ name: String, at now: Instant) {}

    func observeTaskDuration(_ name: String, seconds: Double, succeeded: Bool, now: Instant) {}

    func recordResources(_ name: String, cpuPercent: Double, memoryBytes: Int, now: Instant) {
        guard agents[name] != nil else { return }
        agents[name]?.resources.cpuPercent = cpuPercent
        agents[name]?.resources.memoryBytes = memoryBytes
        dirtyAgents.insert(name)
    }

    func checkQuarantine(_ name: String, now: Instant) {}

    func agentExited(_ name: String, status: Int32?, signal: Int32?, now: Instant) {
        guard agents[name] != nil else { return }
        requeueTasks(of: name, reason: "\(name) exited", now: now)
        agents[name]?.state = .stopped
        agents[name]?.pid = nil
        dirtyAgents.insert(name)
        log(.agentDied, name, "\(name) exited" + (status.map { " with status \($0)" } ?? "") + (signal.map { " on signal \($0)" } ?? ""), at: now)
    }
}
