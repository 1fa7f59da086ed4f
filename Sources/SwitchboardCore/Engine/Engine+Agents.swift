extension Engine {
    // MARK: Pools

    /// Declares a pool (from the swarm file or the demo). The autoscaler keeps its replicas
    /// between its bounds.
    public func register(pool: PoolRecord) {
        var record = pool
        if let existing = pools[pool.name] {
            record.desiredReplicas = existing.desiredReplicas
            record.lastScaledAt = existing.lastScaledAt
            record.lastScaleReason = existing.lastScaleReason
            record.failingSince = existing.failingSince
            record.failingReason = existing.failingReason
        }
        record.desiredReplicas = min(max(record.desiredReplicas, record.minReplicas), record.maxReplicas)
        pools[pool.name] = record
        dirtyPools.insert(pool.name)
    }

    /// Sets a queue's settings (from configuration): its concurrency limit and paused flag.
    public func configure(queue settings: QueueSettings) {
        var state = queue(named: settings.name)
        state.settings = settings
        queues[settings.name] = state
        dirtyQueues.insert(settings.name)
    }

    // MARK: Lifecycle reports

    func agentStarted(_ name: String, pool: String, pid: Int32?, now: Instant) {
        var agent = agents[name] ?? newAgent(name, pool: pool)
        // Restarts are counted when the engine asks for them (`start(_:restart:)`).
        agent.pid = pid
        agent.startedAt = now
        agent.lastHeartbeatAt = nil
        agent.health = configuration.healthModel.justStarted(recentRestarts: recentRestarts(of: name, at: now))
        agent.currentTasks = []
        // The last process's figures are not this one's: judged by them, a restart for being
        // over the memory limit would be judged over it again at once, and again.
        agent.resources.cpuPercent = 0
        agent.resources.memoryBytes = 0
        if agent.state != .paused { agent.state = .starting }
        agents[name] = agent
        dirtyAgents.insert(name)
        let interval = pools[agent.pool]?.heartbeatInterval ?? 1
        var observations = supervision.observations[name] ?? HealthModel.Observations(expectedInterval: interval)
        observations.detector.restart(at: now)
        observations.stalledTask = nil
        observations.memory.removeAll()
        observations.quarantined = agent.quarantined
        supervision.observations[name] = observations
        log(.agentStarted, name, "\(name) started" + (pid.map { " (pid \($0))" } ?? ""), at: now)
    }

    func newAgent(_ name: String, pool: String) -> AgentRecord {
        let poolRecord = pools[pool]
        var agent = AgentRecord(
            name: name, pool: pool, role: poolRecord?.role, capabilities: poolRecord?.capabilities ?? [],
            concurrency: poolRecord?.tasksPerAgent ?? 1)
        agent.resources.memoryLimitBytes = poolRecord?.memoryLimitBytes
        return agent
    }

    func agentHello(_ name: String, capabilities: [String], role: String?, now: Instant) {
        var agent = agents[name] ?? newAgent(name, pool: "default")
        if !capabilities.isEmpty { agent.capabilities = Array(Set(capabilities)).sorted() }
        if let role { agent.role = role }
        agent.lastHeartbeatAt = now
        if agent.startedAt == nil { agent.startedAt = now }
        if supervision.observations[name] == nil {
            supervision.observations[name] = HealthModel.Observations(expectedInterval: pools[agent.pool]?.heartbeatInterval ?? 1)
        }
        supervision.observations[name]?.detector.heartbeat(at: now)
        supervision.cameUp.insert(name)
        if agent.state == .starting || agent.state == .restarting || agent.state == .unhealthy {
            agent.state = agent.currentTasks.isEmpty ? .idle : .busy
        }
        agents[name] = agent
        dirtyAgents.insert(name)
        messages.register(Consumer(name: name, roles: agent.role.map { [$0] } ?? []))
    }

    func heartbeat(_ name: String, now: Instant) {
        guard agents[name] != nil else { return }
        agents[name]?.lastHeartbeatAt = now
        observeHeartbeat(name, at: now)
    }

    func protocolViolation(_ name: String, reason: String, now: Instant) {
        guard var agent = agents[name] else { return }
        agent.protocolViolations += 1
        agent.lastError = reason
        agents[name] = agent
        dirtyAgents.insert(name)
        effects.append(.replyError(agent: name, message: reason))
        checkQuarantine(name, now: now)
    }

    func appendStderr(_ name: String, _ line: String) {
        guard agents[name] != nil else { return }
        agents[name]?.stderrTail.append(String(line.prefix(400)))
        if let count = agents[name]?.stderrTail.count, count > 50 { agents[name]?.stderrTail.removeFirst(count - 50) }
        dirtyAgents.insert(name)
    }

    /// An attempt ended on the agent with its report: its health learns from it. (DONE/FAIL
    /// count tasks, not attempts: see `countOutcome`.)
    func agentFinishedTask(_ name: String, succeeded: Bool, seconds: Double, now: Instant) {
        guard agents[name] != nil else { return }
        observeTaskDuration(name, seconds: seconds, succeeded: succeeded, now: now)
        dirtyAgents.insert(name)
    }

    /// A task reached its final status: it counts for the agent of its last attempt, as
    /// `TaskTally` defines (the same count `switchboard report` makes).
    func countOutcome(of slot: Int, as status: TaskStatus) {
        guard let name = tasks[slot].agent, agents[name] != nil, let tally = TaskTally(status) else { return }
        switch tally {
        case .done: agents[name]?.tasksDone += 1
        case .failed: agents[name]?.tasksFailed += 1
        }
        dirtyAgents.insert(name)
    }

    /// A draining agent has finished its last task.
    func finishDraining(_ name: String, now: Instant) {
        log(.agentStopped, name, "\(name) is drained: it finished its work and takes no more", at: now)
    }

    // MARK: Operator actions

    func act(_ action: AgentAction, on name: String, actor: Actor, now: Instant) -> CommandOutcome {
        guard var agent = agents[name] else { return .notFound("no agent named \(name)") }
        switch action {
        case .pause:
            guard !agent.state.isDown else { return .refused(Self.downRefusal(agent)) }
            agent.state = .paused
        case .resume:
            guard !agent.state.isDown else { return .refused(Self.downRefusal(agent)) }
            guard agent.state == .paused || agent.state == .draining || agent.quarantined else {
                return .refused("\(name) is \(agent.state.rawValue), not paused or draining")
            }
            clearQuarantine(name)
            agent.quarantined = false
            agent.state = agent.currentTasks.isEmpty ? .idle : .busy
        case .drain:
            guard agent.state.isAlive else { return .refused("\(name) is \(agent.state.rawValue)") }
            agent.state = .draining
            agents[name] = agent
            if agent.currentTasks.isEmpty { finishDraining(name, now: now) }
        case .restart:
            if isStandIn, agent.state == .stopped {
                return .refused("no engine runs on this store to start \(name); start one with `switchboard run`")
            }
            heldByOperator.remove(name)
            clearQuarantine(name)
            agents[name]?.quarantined = false
            operatorTookCharge(of: agent.pool, agent: name, now: now)
            // Down, or between a crash and its backoff's restart: no process to end, so start
            // it now in place of the pending restart (ending it would start it twice).
            if agent.state.isDown || supervision.pendingRestarts[name] != nil {
                supervision.pendingRestarts.removeValue(forKey: name)
                start(name, restart: true)
            } else {
                endAgent(name, intent: .restartNow, reason: "\(name) restarted by \(actor)", now: now)
            }
            log(.operatorAction, name, "\(actor) asked \(name) to restart", at: now)
            return CommandOutcome(accepted: true, message: "\(name): restart")
        case .stop:
            guard !agent.state.isDown else { return .refused(Self.downRefusal(agent)) }
            endAgent(name, intent: .stop, reason: "\(name) stopped by \(actor)", now: now)
            heldByOperator.insert(name)
            log(.operatorAction, name, "\(actor) asked \(name) to stop", at: now)
            return CommandOutcome(accepted: true, message: "\(name): stop")
        }
        agents[name] = agent
        dirtyAgents.insert(name)
        log(.operatorAction, name, "\(actor) asked \(name) to \(action.rawValue)", at: now)
        return CommandOutcome(accepted: true, message: "\(name): \(action.rawValue)")
    }

    /// Why an action on an agent that is down is refused, and what to do instead.
    static func downRefusal(_ agent: AgentRecord) -> String {
        guard agent.state == .failed else { return "\(agent.name) is already stopped" }
        return "\(agent.name) is down: its supervisor gave up on it (\(agent.lastError ?? "it kept crashing")); `agent restart \(agent.name)` starts it again"
    }
}
