extension Engine {
    /// Takes in what an agent reported. Reports about tasks the agent does not hold are refused
    /// with an error line to the agent (an agent can only report on its own tasks), and counted.
    public func handle(_ report: AgentReport) {
        let now = clock.now()
        noticePause(now)
        switch report {
        case .started(let name, let pool, let pid):
            agentStarted(name, pool: pool, pid: pid, now: now)
        case .hello(let name, let capabilities, let role, _):
            agentHello(name, capabilities: capabilities, role: role, now: now)
        case .heartbeat(let name):
            heartbeat(name, now: now)
        case .progress(let name, let id, let percent, let note):
            guard let slot = ownedTask(id, by: name, now: now) else { return }
            let clamped = min(100, max(0, percent))
            let milestone = clamped / 25 > tasks[slot].progress / 25
            tasks[slot].progress = clamped
            tasks[slot].progressNote = note
            supervision.progressAt[id] = now
            supervision.observations[name]?.stalledTask = nil
            tasks[slot].updatedAt = now
            markDirty(slot)
            if milestone {
                record(TaskHistoryEntry(task: id, at: now, event: .progress, actor: .agent(name), reason: "\(clamped)%" + (note.map { " \($0)" } ?? "")))
            }
        case .completed(let name, let id, let result, let output):
            guard let slot = ownedTask(id, by: name, now: now) else { return }
            complete(slot, agent: name, result: result, output: output, now: now)
        case .failed(let name, let id, let error, let retryable, let output):
            guard let slot = ownedTask(id, by: name, now: now) else { return }
            fail(slot, agent: name, error: error, retryable: retryable, output: output, now: now)
        case .send(let name, let recipient, let kind, let priority, let body, let ttl, let tags, let correlation):
            let draft = MessageDraft(kind: kind, priority: priority, sender: name, recipient: recipient, body: body, tags: tags, ttl: ttl, correlationID: correlation)
            do {
                try messages.enqueue(draft)
            } catch {
                effects.append(.replyError(agent: name, message: "message refused: \(error)"))
            }
        case .log(let name, let level, let text):
            appendStderr(name, "[\(level)] \(text)")
        case .protocolViolation(let name, let reason):
            protocolViolation(name, reason: reason, now: now)
        case .resources(let name, let cpu, let memory):
            recordResources(name, cpuPercent: cpu, memoryBytes: memory, now: now)
        case .stderr(let name, let line):
            appendStderr(name, line)
        case .exited(let name, let status, let signal):
            agentExited(name, status: status, signal: signal, now: now)
        }
    }

    /// The slot of a running task held by `agent`, or nil after telling the agent it does not hold it.
    private func ownedTask(_ id: TaskID, by agent: String, now: Instant) -> Int? {
        guard let slot = taskSlots[id], tasks[slot].status == .running, tasks[slot].agent == agent else {
            let why = taskSlots[id] == nil ? "no task \(id)" : "task \(id) is not assigned to you"
            effects.append(.replyError(agent: agent, message: why))
            agents[agent]?.lastError = why
            return nil
        }
        return slot
    }

    func complete(_ slot: Int, agent: String, result: JSONValue?, output: String?, now: Instant) {
        let id = tasks[slot].id
        tasks[slot].result = result
        tasks[slot].progress = 100
        if let output { tasks[slot].outputTail = tail(output) }
        settleTaskMessage(id, succeeded: true)
        release(task: id, from: agent, now: now)
        let runSeconds = tasks[slot].startedAt.map { (now - $0).seconds } ?? 0
        transition(slot, to: .completed, actor: .agent(agent), reason: "completed in \(formatSeconds(runSeconds))", now: now)
        if let startedAt = tasks[slot].startedAt { metrics.run.record(now.nanoseconds(since: startedAt), at: now) }
        metrics.completed.record(at: now)
        recordQueueDuration(tasks[slot].queue, seconds: runSeconds)
        agentFinishedTask(agent, succeeded: true, seconds: runSeconds, now: now)
        finalize(slot, as: .completed, now: now)
    }

    func fail(_ slot: Int, agent: String, error: String, retryable: Bool, output: String?, now: Instant) {
        let id = tasks[slot].id
        tasks[slot].lastError = error
        if let output { tasks[slot].outputTail = tail(output) }
        settleTaskMessage(id, succeeded: false)
        release(task: id, from: agent, now: now)
        let runSeconds = tasks[slot].startedAt.map { (now - $0).seconds } ?? 0
        agentFinishedTask(agent, succeeded: false, seconds: runSeconds, now: now)
        if retryable, tasks[slot].attempts < tasks[slot].maxAttempts {
            retryLater(slot, now: now, reason: "failed on \(agent): \(error)")
        } else {
            let why = retryable ? "failed on \(agent): \(error); no attempts left" : "failed on \(agent): \(error) (not retryable)"
            transition(slot, to: .failed, actor: .agent(agent), reason: why, now: now)
            finalize(slot, as: .failed, now: now)
        }
    }

    /// The agent is gone (process died, declared dead, stopped): its running tasks go back to
    /// wait for another attempt at once (with the attempt counted and a backoff), or fail when
    /// they have no attempts left.
    func requeueTasks(of agentName: String, reason: String, now: Instant) {
        guard let held = agents[agentName]?.currentTasks, !held.isEmpty else { return }
        for id in held {
            guard let slot = taskSlots[id], tasks[slot].status == .running, tasks[slot].agent == agentName else { continue }
            settleTaskMessage(id, succeeded: false)
            tasks[slot].lastError = reason
            if tasks[slot].attempts < tasks[slot].maxAttempts {
                retryLater(slot, now: now, reason: reason)
            } else {
                transition(slot, to: .failed, actor: .engine, reason: "\(reason); no attempts left", now: now)
                finalize(slot, as: .failed, now: now)
            }
        }
        agents[agentName]?.currentTasks.removeAll()
        dirtyAgents.insert(agentName)
    }

    /// Keeps the last 2 KiB of output, on a line boundary where possible.
    func tail(_ output: String) -> String {
        guard output.utf8.count > 2048 else { return output }
        let suffix = String(decoding: Array(output.utf8.suffix(2048)), as: UTF8.self)
        if let newline = suffix.firstIndex(of: "\n") { return String(suffix[suffix.index(after: newline)...]) }
        return suffix
    }
}
