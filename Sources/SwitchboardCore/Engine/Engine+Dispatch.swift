extension Engine {
    /// Assigns ready tasks to free agents: the best task first (highest priority, then oldest)
    /// among the classes some free agent can take, within the queue's and the swarm's limits.
    func dispatch(_ now: Instant) {
        guard count(.queued) > 0 else { return }
        var free = agents.values.filter(\.isAssignable).map(\.name)
        guard !free.isEmpty else { return }
        var deferred: [(classIndex: Int, entry: ReadyEntry)] = []
        var blockedClasses = Set<Int>()
        while !free.isEmpty {
            if let limit = configuration.maxRunning, runningCount >= limit { break }
            var best: (classIndex: Int, entry: ReadyEntry)?
            for index in ready.classes.indices where !blockedClasses.contains(index) {
                let key = ready.classes[index].key
                if let state = queues[key.queue], state.isPaused || !state.hasRoom {
                    blockedClasses.insert(index)
                    continue
                }
                guard let entry = ready.top(of: index, isCurrent: isReady) else { continue }
                if let current = best, current.entry.key <= entry.key { continue }
                if !free.contains(where: { agents[$0]?.canServe(key.capabilities) ?? false }) {
                    blockedClasses.insert(index)
                    continue
                }
                best = (index, entry)
            }
            guard let (classIndex, entry) = best else { break }
            ready.pop(classIndex)
            let slot = Int(entry.slot)
            let candidates = free.compactMap { agents[$0] }.filter { $0.canServe(tasks[slot].capabilities) }
            guard let chosen = strategy.choose(for: tasks[slot], among: candidates) else {
                // The strategy declined every candidate (the scored strategy's minimum): the
                // task waits, and others of its class would fare no better this tick.
                deferred.append((classIndex, entry))
                blockedClasses.insert(classIndex)
                continue
            }
            assign(slot, to: chosen, now: now)
            if !(agents[chosen]?.isAssignable ?? false) { free.removeAll { $0 == chosen } }
        }
        for (_, entry) in deferred { ready.push(tasks[Int(entry.slot)], slot: Int(entry.slot)) }
    }

    /// Hands a task to an agent: through the messaging core as a `task` message, claimed at once
    /// for that agent and delivered by the runtime.
    func assign(_ slot: Int, to agentName: String, now: Instant) {
        let task = tasks[slot]
        tasks[slot].agent = agentName
        tasks[slot].attempts += 1
        tasks[slot].startedAt = now
        tasks[slot].progress = 0
        tasks[slot].progressNote = nil
        let attempt = tasks[slot].attempts
        let reason = "assigned to \(agentName) (attempt \(attempt) of \(task.maxAttempts))"
        transition(slot, to: .running, actor: .engine, reason: reason, now: now)
        agents[agentName]?.currentTasks.append(task.id)
        supervision.progressAt[task.id] = now
        if agents[agentName]?.state == .idle { agents[agentName]?.state = .busy }
        dirtyAgents.insert(agentName)
        if let queuedAt = task.queuedAt { metrics.wait.record(now.nanoseconds(since: queuedAt), at: now) }
        metrics.dispatched.record(at: now)
        if let timeout = task.timeout {
            schedule(TaskTimer(at: (now + timeout).nanosecondsSinceEpoch, kind: .timeout, slot: Int32(slot), sequence: task.sequence, attempt: Int32(attempt)))
        }
        var assignment = TaskAssignment(
            task: task.id, message: MessageID(0), title: task.title, payload: task.payload, command: task.command,
            attempt: attempt, priority: task.priority, timeout: task.timeout?.seconds, deadline: task.deadline, queuedAt: task.queuedAt)
        do {
            // The message names the task and attempt; the delivery carries the rest of the assignment.
            let draft = MessageDraft(
                kind: .task, priority: task.priority, sender: configuration.nodeName, recipient: .agent(agentName),
                body: MessageBody(bytes: Array("\(task.id.rawValue) \(attempt)".utf8)), tags: task.tags)
            let messageID = try transport.enqueue(draft).first
            guard let delivery = try transport.claim(for: Consumer(name: agentName)), delivery.message.id == messageID else {
                // Another task message for this agent was older; it is delivered now instead and
                // this one waits its turn (it cannot happen with one message per assignment).
                return
            }
            try transport.markDelivered(messageID)
            taskMessages[task.id] = messageID
            assignment.message = messageID
        } catch {
            log(.storeError, task.id.rawValue, "could not queue the task message: \(error)", at: now)
        }
        if let queuedAt = task.queuedAt { metrics.dispatch.record(now.nanoseconds(since: queuedAt), at: now) }
        effects.append(.deliverTask(agent: agentName, assignment: assignment))
    }

    /// Ends the transport message of a task's attempt (acknowledged on success, cancelled otherwise).
    func settleTaskMessage(_ id: TaskID, succeeded: Bool) {
        guard let messageID = taskMessages.removeValue(forKey: id) else { return }
        if succeeded {
            _ = try? transport.acknowledge(messageID)
        } else {
            try? transport.cancel(messageID, reason: "attempt ended")
        }
    }

    /// Takes a task off its agent's list (in place: an agent may hold a thousand tasks).
    func release(task id: TaskID, from agentName: String?, now: Instant) {
        guard let agentName, agents[agentName] != nil else { return }
        if let index = agents[agentName]!.currentTasks.lastIndex(of: id) {
            agents[agentName]!.currentTasks.swapAt(index, agents[agentName]!.currentTasks.count - 1)
            agents[agentName]!.currentTasks.removeLast()
        }
        let isEmpty = agents[agentName]!.currentTasks.isEmpty
        if agents[agentName]!.state == .busy, isEmpty { agents[agentName]!.state = .idle }
        dirtyAgents.insert(agentName)
        if agents[agentName]!.state == .draining, isEmpty { finishDraining(agentName, now: now) }
    }

    /// Hands queued messages to connected agents (direct, role and broadcast copies).
    func deliverMessages(_ now: Instant) {
        for name in agents.keys.sorted() {
            guard let agent = agents[name], agent.state != .starting, agent.state.isAlive, !agent.quarantined else { continue }
            let consumer = Consumer(name: name, roles: agent.role.map { [$0] } ?? [])
            for _ in 0..<configuration.messagesPerAgentPerTick {
                guard let delivery = try? messages.claim(for: consumer, lease: nil) else { break }
                effects.append(.deliverMessage(agent: name, message: delivery.message))
                // A message counts as delivered once it is handed to a live agent's connection.
                _ = try? messages.acknowledge(delivery.message.id, by: name)
            }
        }
    }
}
