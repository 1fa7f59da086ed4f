extension Engine {
    /// Once per tick: restarts that are due, health (heartbeats, errors, slowness, memory,
    /// stalls) with its consequences, quarantine, and scaling.
    func superviseAgents(_ now: Instant) {
        guard !supervision.shuttingDown else { return }
        startDueRestarts(now)
        for name in agents.keys.sorted() { judge(name, now: now) }
        scalePools(now)
        sampleAgentHistories(now)
    }

    /// Stops every agent for good and suspends supervision and scaling: the engine is going
    /// away. Running tasks go back to wait for the next engine.
    public func shutDown(reason: String) {
        let now = clock.now()
        supervision.shuttingDown = true
        supervision.pendingRestarts.removeAll()
        // A given-up agent stays given up in the store: the next engine honours it.
        for name in agents.keys.sorted() where !(agents[name]?.state.isDown ?? true) {
            requeueTasks(of: name, reason: reason, now: now)
            agents[name]?.state = .stopped
            agents[name]?.pid = nil
            dirtyAgents.insert(name)
        }
        log(.agentStopped, "swarm", "all agents stopped: \(reason)", at: now)
    }

    // MARK: Restarts

    private func startDueRestarts(_ now: Instant) {
        for (name, due) in supervision.pendingRestarts.sorted(by: { $0.key < $1.key }) where due <= now {
            supervision.pendingRestarts.removeValue(forKey: name)
            guard agents[name]?.state == .restarting else { continue }
            start(name, restart: true)
        }
    }

    /// Asks the runtime to start an agent. Every start goes through here; a restart (by the
    /// supervisor or an operator) is counted in the agent's and the engine's `restarts`.
    func start(_ name: String, restart: Bool) {
        guard let pool = agents[name]?.pool else { return }
        agents[name]?.state = .restarting
        if restart {
            agents[name]?.restarts += 1
            restartCount += 1
        }
        supervision.cameUp.remove(name)
        effects.append(.startAgent(pool: pool, agent: name))
        dirtyAgents.insert(name)
    }

    /// Ends an agent's process on purpose; what happens after its exit depends on `intent`.
    func endAgent(_ name: String, intent: SupervisionState.ExitIntent, reason: String, now: Instant) {
        guard let agent = agents[name], !agent.state.isDown else { return }
        supervision.exitIntent[name] = intent
        requeueTasks(of: name, reason: reason, now: now)
        switch intent {
        case .stop:
            agents[name]?.state = .stopped
            effects.append(.stopAgent(agent: name, reason: reason))
        case .restartNow, .restartWithBackoff:
            agents[name]?.state = .restarting
            effects.append(.killAgent(agent: name, reason: reason))
        }
        dirtyAgents.insert(name)
    }

    func agentExited(_ name: String, status: Int32?, signal: Int32?, now: Instant) {
        guard agents[name] != nil else { return }
        let how = (status.map { "with status \($0)" } ?? "") + (signal.map { "on signal \($0)" } ?? "")
        requeueTasks(of: name, reason: "\(name) exited \(how)", now: now)
        agents[name]?.pid = nil
        dirtyAgents.insert(name)
        messages.unregister(consumerNamed: name)
        switch supervision.exitIntent.removeValue(forKey: name) {
        case .stop?:
            agents[name]?.state = .stopped
            supervision.scalingDown.remove(name)
            log(.agentStopped, name, "\(name) stopped", at: now)
        case .restartNow?:
            start(name, restart: true)
            log(.agentRestarted, name, "\(name) is restarting", at: now)
        case .restartWithBackoff(let why)?:
            scheduleRestart(name, why: why, kind: .agentRestarted, now: now)
        case nil:
            // Down already (stopped, or given up on): a late exit changes nothing.
            if agents[name]?.state.isDown ?? true { return }
            scheduleRestart(name, why: "exited unexpectedly \(how)", kind: .agentDied, now: now)
        }
    }

    /// Restarts an agent after a backoff, or gives up on it past the restart intensity. One
    /// event says both what happened and what comes next.
    private func scheduleRestart(_ name: String, why: String, kind: EngineEvent.Kind, now: Instant) {
        var history = supervision.restarts[name] ?? RestartHistory()
        guard history.allow(at: now, policy: configuration.restartPolicy) else {
            supervision.restarts[name] = history
            giveUp(on: name, why: why, now: now)
            return
        }
        supervision.restarts[name] = history
        let delay = configuration.restartPolicy.delay(forRestart: history.count)
        agents[name]?.state = .restarting
        agents[name]?.lastError = why
        supervision.pendingRestarts[name] = now + delay
        log(kind, name, "\(name) \(why); restarting in \(formatSeconds(delay.seconds))", at: now)
    }

    // MARK: Health

    /// Restarts of the agent within the restart policy's period: an agent that does not stay up
    /// is not healthy, whatever its last process looked like.
    func recentRestarts(of name: String, at now: Instant) -> Int {
        supervision.restarts[name]?.count(at: now, policy: configuration.restartPolicy) ?? 0
    }

    func observeHeartbeat(_ name: String, at now: Instant) {
        supervision.observations[name]?.detector.heartbeat(at: now)
    }

    func observeTaskDuration(_ name: String, seconds: Double, succeeded: Bool, now: Instant) {
        supervision.observations[name]?.recordOutcome(succeeded: succeeded, seconds: seconds, at: now)
        supervision.observations[name]?.stalledTask = nil
        guard succeeded, let agent = agents[name] else { return }
        SupervisionState.remember(seconds, in: &supervision.poolDurations[agent.pool, default: []])
        supervision.agentRates[name, default: RateWindow(seconds: 120)].record(at: now)
        let durations = supervision.observations[name]?.durations ?? []
        agents[name]?.meanTaskSeconds = durations.isEmpty ? nil : durations.reduce(0, +) / Double(durations.count)
        agents[name]?.p95TaskSeconds = SupervisionState.percentile(durations, 0.95)
    }

    func recordQueueDuration(_ queue: String, seconds: Double) {
        SupervisionState.remember(seconds, in: &supervision.queueDurations[queue, default: []])
    }

    func recordResources(_ name: String, cpuPercent: Double, memoryBytes: Int, now: Instant) {
        guard agents[name] != nil else { return }
        agents[name]?.resources.cpuPercent = cpuPercent
        agents[name]?.resources.memoryBytes = memoryBytes
        agents[name]?.cpuHistory.append(cpuPercent)
        agents[name]?.memoryHistory.append(memoryBytes)
        if let count = agents[name]?.cpuHistory.count, count > 60 {
            agents[name]?.cpuHistory.removeFirst(count - 60)
            agents[name]?.memoryHistory.removeFirst(count - 60)
        }
        supervision.observations[name]?.recordMemory(memoryBytes, at: now)
        dirtyAgents.insert(name)
    }

    func checkQuarantine(_ name: String, now: Instant) {
        var times = supervision.violations[name] ?? []
        times.append(now)
        times.removeAll { now - $0 > .seconds(60) }
        supervision.violations[name] = times
        guard times.count >= configuration.quarantineThreshold, !(agents[name]?.quarantined ?? true) else { return }
        agents[name]?.quarantined = true
        supervision.observations[name]?.quarantined = true
        requeueTasks(of: name, reason: "\(name) was quarantined", now: now)
        log(.agentQuarantined, name, "\(name) quarantined after \(times.count) protocol errors in a minute (last: \(agents[name]?.lastError ?? ""))", at: now)
        dirtyAgents.insert(name)
    }

    /// Lifts a quarantine (an operator resumed or restarted the agent).
    func clearQuarantine(_ name: String) {
        agents[name]?.quarantined = false
        supervision.observations[name]?.quarantined = false
        supervision.violations[name] = nil
    }

    /// Judges one agent and acts: dead or stalled agents are restarted, over-limit ones too.
    private func judge(_ name: String, now: Instant) {
        guard var agent = agents[name] else { return }
        switch agent.state {
        case .stopped, .failed, .restarting:
            return
        case .starting:
            if let started = agent.startedAt, now - started > configuration.helloTimeout {
                endAgent(name, intent: .restartWithBackoff("did not say hello within \(formatSeconds(configuration.helloTimeout.seconds))"), reason: "\(name) did not say hello", now: now)
            }
            return
        default:
            break
        }
        guard supervision.observations[name] != nil else { return }
        // Stalls: a running task without progress for much longer than its queue's tasks take
        // (while its queue has finished too few to say: its agent's pool's, then any queue's;
        // with no history at all, 20 × the floor).
        if supervision.observations[name]?.stalledTask == nil {
            for id in agent.currentTasks {
                guard let slot = taskSlots[id], let since = supervision.progressAt[id] else { continue }
                let usual = usualSeconds(queue: tasks[slot].queue, pool: agent.pool)
                let limit = usual.map { max(configuration.stallFloor.seconds, $0 * configuration.stallFactor) } ?? configuration.stallFloor.seconds * 20
                if (now - since).seconds > limit {
                    supervision.observations[name]?.stalledTask = id
                    log(.agentStalled, name, "\(name) made no progress on \(id) for \(formatSeconds((now - since).seconds)) (\(usual.map { "such tasks usually take \(formatSeconds($0))" } ?? "no task has finished yet to compare with")); reassigning it", at: now)
                    break
                }
            }
        }
        let pool = pools[agent.pool]
        let restarts = recentRestarts(of: name, at: now)
        supervision.observations[name]?.recentRestarts = restarts
        let health = configuration.healthModel.assess(
            supervision.observations[name]!, at: now, memoryLimit: agent.resources.memoryLimitBytes ?? pool?.memoryLimitBytes,
            poolMedianSeconds: SupervisionState.percentile(supervision.poolDurations[agent.pool] ?? [], 0.5))
        let before = agent.health.level
        if health != agent.health {
            agent.health = health
            agents[name] = agent
            dirtyAgents.insert(name)
        }
        if health.level != before {
            let why = health.reasons.first ?? "all signals normal"
            switch health.level {
            case .healthy: log(.agentRecovered, name, "\(name) is healthy again", at: now)
            case .degraded: log(.agentDegraded, name, "\(name) degraded: \(why)", at: now)
            case .unhealthy: log(.agentUnhealthy, name, "\(name) unhealthy: \(why)", at: now)
            case .dead: log(.agentDied, name, "\(name) declared dead: \(why)", at: now)
            }
        }
        if health.level == .dead {
            endAgent(name, intent: .restartWithBackoff("declared dead (\(health.reasons.first ?? "no heartbeat"))"), reason: "\(name) declared dead", now: now)
        } else if let stalled = supervision.observations[name]?.stalledTask {
            supervision.observations[name]?.stalledTask = nil
            endAgent(name, intent: .restartWithBackoff("stalled on \(stalled)"), reason: "\(name) stalled on \(stalled)", now: now)
        } else if let limit = agent.resources.memoryLimitBytes ?? pool?.memoryLimitBytes, agent.resources.memoryBytes > limit {
            endAgent(name, intent: .restartWithBackoff("over its memory limit (\(agent.resources.memoryBytes) > \(limit) bytes)"), reason: "\(name) over its memory limit", now: now)
        }
    }

    /// The 95th percentile of finished tasks' durations: of the queue's when it has five, else
    /// of the pool's, else of every queue's; nil before five tasks have finished anywhere.
    private func usualSeconds(queue: String, pool: String) -> Double? {
        let candidates = [supervision.queueDurations[queue] ?? [], supervision.poolDurations[pool] ?? [], supervision.queueDurations.values.flatMap { $0 }]
        return candidates.first { $0.count >= 5 }.flatMap { SupervisionState.percentile($0, 0.95) }
    }

    private func sampleAgentHistories(_ now: Instant) {
        let second = now.nanosecondsSinceEpoch / 1_000_000_000
        guard second != supervision.lastHistorySecond else { return }
        supervision.lastHistorySecond = second
        for name in agents.keys {
            let series = supervision.agentRates[name]?.series(at: now, count: 60) ?? []
            if agents[name]?.throughputHistory != series {
                agents[name]?.throughputHistory = series
                dirtyAgents.insert(name)
            }
        }
    }

    // MARK: Scaling

    /// The pool's backlog: queued tasks it could take, plus tasks running on its agents.
    func backlog(of pool: PoolRecord) -> Int {
        var queued = 0
        for (capabilities, count) in supervision.queuedByCapabilities where count > 0 {
            if capabilities.allSatisfy(pool.capabilities.contains) { queued += count }
        }
        let running = agents.values.filter { $0.pool == pool.name }.reduce(0) { $0 + $1.currentTasks.count }
        return queued + running
    }

    /// The agents of a pool that count as replicas: alive or coming back, not leaving; and
    /// those an operator stopped, which keep their place. Agents given up on are not replicas:
    /// the pool may start others in their place (after its replacement backoff).
    func replicas(of pool: String) -> [AgentRecord] {
        agents.values.filter { $0.pool == pool && (!$0.state.isDown || heldByOperator.contains($0.name)) && !supervision.scalingDown.contains($0.name) }
    }

    func scalePools(_ now: Instant) {
        for name in pools.keys.sorted() {
            guard var pool = pools[name] else { continue }
            // A failing pool makes no decisions of its own: an operator has to look at it.
            if !pool.isFailing, let (target, reason) = supervision.autoscaler.decide(pool: pool, backlog: backlog(of: pool), now: now),
                target != pool.desiredReplicas
            {
                let before = pool.desiredReplicas
                pool.desiredReplicas = target
                pool.lastScaledAt = now
                pool.lastScaleReason = reason
                pools[name] = pool
                dirtyPools.insert(name)
                log(.poolScaled, name, "\(name): \(before) → \(target) agent(s): \(reason)", at: now)
            } else if pool.desiredReplicas < pool.minReplicas || pool.desiredReplicas > pool.maxReplicas {
                pool.desiredReplicas = pool.desiredReplicas.clamped(pool.minReplicas, pool.maxReplicas)
                pools[name] = pool
                dirtyPools.insert(name)
            }
            converge(pool: pools[name]!, current: replicas(of: name), now: now)
        }
        // Agents draining for a scale-down stop once idle.
        for name in supervision.scalingDown.sorted() where agents[name]?.currentTasks.isEmpty ?? true {
            supervision.scalingDown.remove(name)
            endAgent(name, intent: .stop, reason: "\(name) removed: its pool shrank", now: now)
        }
    }

    /// Starts or drains agents until the pool has its desired replicas. A failing pool starts
    /// none, and a pool that lost an agent to a give-up starts none before its replacement
    /// backoff is over (`ReplacementPolicy`).
    private func converge(pool: PoolRecord, current: [AgentRecord], now: Instant) {
        if current.count < pool.desiredReplicas {
            guard !pool.isFailing else { return }
            if let notBefore = supervision.replaceNotBefore[pool.name] {
                guard now >= notBefore else { return }
                supervision.replaceNotBefore.removeValue(forKey: pool.name)
            }
            var names = Set(current.map(\.name))
            for _ in current.count..<pool.desiredReplicas {
                let name = nextAgentName(for: pool, avoiding: names, now: now)
                names.insert(name)
                if agents[name] == nil { agents[name] = newAgent(name, pool: pool.name) }
                supervision.exitIntent.removeValue(forKey: name)
                supervision.pendingRestarts.removeValue(forKey: name)
                start(name, restart: false)
            }
        } else if current.count > pool.desiredReplicas {
            // Leave the busiest ones; prefer agents not yet connected, then idle, then newest.
            let ranked = current.sorted { a, b in
                if (a.state == .starting || a.state == .restarting) != (b.state == .starting || b.state == .restarting) {
                    return a.state == .starting || a.state == .restarting
                }
                if a.currentTasks.count != b.currentTasks.count { return a.currentTasks.count < b.currentTasks.count }
                return b.name.localizedNumericLess(than: a.name)
            }
            for agent in ranked.prefix(current.count - pool.desiredReplicas) {
                if heldByOperator.remove(agent.name) != nil { continue }  // already stopped: it just gives up its place
                supervision.scalingDown.insert(agent.name)
                if agent.currentTasks.isEmpty {
                    supervision.scalingDown.remove(agent.name)
                    supervision.pendingRestarts.removeValue(forKey: agent.name)
                    endAgent(agent.name, intent: .stop, reason: "\(agent.name) removed: its pool shrank", now: now)
                } else {
                    agents[agent.name]?.state = .draining
                    dirtyAgents.insert(agent.name)
                }
            }
        }
    }

    /// A name for a new replica: a stopped agent's of this pool first (its history stays with
    /// the name), never a given-up agent's — only an operator brings that one back — nor one
    /// restarted within the restart period: a crash-looping agent the pool let go must not come
    /// back at once under its old name with a fresh start its supervisor never counted.
    private func nextAgentName(for pool: PoolRecord, avoiding taken: Set<String>, now: Instant) -> String {
        let taken = taken.union(heldByOperator)
        func reusable(_ name: String) -> Bool {
            guard !taken.contains(name) else { return false }
            guard let agent = agents[name] else { return true }
            return agent.state == .stopped && (supervision.restarts[name]?.count(at: now, policy: configuration.restartPolicy) ?? 0) == 0
        }
        if let reused = pool.agentNames.first(where: reusable) {
            return reused
        }
        if let stopped = agents.values.filter({ $0.pool == pool.name && reusable($0.name) })
            .map(\.name).sorted(by: { $0.localizedNumericLess(than: $1) }).first {
            return stopped
        }
        while true {
            let number = (supervision.nextAgentNumber[pool.name] ?? 0) + 1
            supervision.nextAgentNumber[pool.name] = number
            let name = "\(pool.name)-\(number)"
            if reusable(name) { return name }
        }
    }
}
