extension Engine {
    /// Applies one operator command now and says what it did. Every task it changes gets a
    /// history line naming the actor.
    /// A command that fails `validate()` (a row written by something other than the CLI, or by
    /// an older one) is refused with the reason, never applied.
    func apply(_ command: OperatorCommand, actor: Actor, now: Instant) -> CommandOutcome {
        do {
            try command.validate()
        } catch {
            return .refused(error.message)
        }
        switch command {
        case .submit(let specs):
            do {
                let ids = try submit(specs, actor: actor, now: now)
                return CommandOutcome(accepted: true, message: "submitted \(ids.count) task(s)", tasks: ids)
            } catch {
                return error.notFound ? .notFound(error.message) : .refused(error.message)
            }
        case .reprioritize(let selector, let priority):
            return forEach(selector, matching: { !$0.status.isFinal }, verb: "reprioritised") { slot in
                reprioritize(slot, to: priority, actor: actor, now: now)
            }
        case .shiftPriority(let selector, let delta):
            return forEach(selector, matching: { !$0.status.isFinal }, verb: delta > 0 ? "raised" : "lowered") { slot in
                let current = tasks[slot].priority
                let target = delta > 0 ? current.raised : current.lowered
                guard target != current else { return false }
                return reprioritize(slot, to: target, actor: actor, now: now)
            }
        case .cancel(let selector, let reason):
            return forEach(selector, matching: { !$0.status.isFinal }, verb: "cancelled") { slot in
                cancel(slot, actor: actor, reason: reason.map { "cancelled by \(actor): \($0)" } ?? "cancelled by \(actor)", now: now)
                return true
            }
        case .retry(let selector):
            return forEach(selector, matching: { $0.status.isUnsuccessful }, verb: "retried") { slot in
                retry(slot, actor: actor, now: now)
                return true
            }
        case .pauseTasks(let selector):
            return forEach(selector, matching: { [.blocked, .pending, .queued].contains($0.status) }, verb: "paused") { slot in
                transition(slot, to: .paused, actor: actor, reason: "paused by \(actor)", now: now)
                return true
            }
        case .resumeTasks(let selector):
            return forEach(selector, matching: { $0.status == .paused }, verb: "resumed") { slot in
                settle(slot, actor: actor, reason: "resumed by \(actor)", now: now)
                return true
            }
        case .pauseQueue(let name), .resumeQueue(let name):
            let pause: Bool
            if case .pauseQueue = command { pause = true } else { pause = false }
            var state = queue(named: name)
            guard state.settings.paused != pause else {
                return CommandOutcome(accepted: true, message: "queue \(name) is already \(pause ? "paused" : "running")")
            }
            state.settings.paused = pause
            queues[name] = state
            dirtyQueues.insert(name)
            log(.operatorAction, name, "\(actor) \(pause ? "paused" : "resumed") queue \(name)", at: now)
            return CommandOutcome(accepted: true, message: "queue \(name) \(pause ? "paused" : "resumed")")
        case .send(let draft):
            do {
                let ids = try messages.enqueue(draft)
                return CommandOutcome(accepted: true, message: "sent \(ids.count) message(s)", messages: Array(ids))
            } catch {
                return .refused("\(error)")
            }
        case .agent(let action, let name):
            return act(action, on: name, actor: actor, now: now)
        case .scalePool(let name, let minimum, let maximum):
            return scale(pool: name, minimum: minimum, maximum: maximum, actor: actor, now: now)
        case .adjustReplicas(let name, let delta):
            guard let pool = pools[name] else { return .notFound("no pool named \(name)") }
            let target = max(0, pool.desiredReplicas + delta)
            return scale(pool: name, minimum: min(target, pool.minReplicas + delta).clamped(0, target), maximum: max(target, pool.maxReplicas), actor: actor, now: now, pin: target)
        }
    }

    /// Applies `change` to every selected task that `matching` allows; says how many it changed.
    private func forEach(_ selector: TaskSelector, matching: (Task) -> Bool, verb: String, _ change: (Int) -> Bool) -> CommandOutcome {
        var slots: [Int] = []
        switch selector {
        case .ids(let ids):
            for id in ids {
                guard let slot = taskSlots[id] else { return .notFound("no task \(id)") }
                guard matching(tasks[slot]) else { return .refused("\(id) is \(tasks[slot].status.rawValue); it cannot be \(verb)") }
                slots.append(slot)
            }
        case .filter(let filter):
            slots = taskSlots.values.filter { filter.matches(tasks[$0]) && matching(tasks[$0]) }.sorted { tasks[$0].sequence < tasks[$1].sequence }
        }
        var changed: [TaskID] = []
        for slot in slots where change(slot) { changed.append(tasks[slot].id) }
        return CommandOutcome(accepted: true, message: "\(verb) \(changed.count) task(s)", tasks: changed)
    }

    /// Sets a task's priority. Raising it raises its unfinished prerequisites to at least the
    /// same priority, so that urgent work never waits behind low-priority work it depends on.
    @discardableResult
    func reprioritize(_ slot: Int, to priority: Priority, actor: Actor, now: Instant) -> Bool {
        let old = tasks[slot].priority
        guard old != priority else { return false }
        setPriority(slot, to: priority)
        recordAction(slot, actor: actor, reason: "priority \(old.rawValue) → \(priority.rawValue) by \(actor)", now: now)
        if priority > old {
            let id = tasks[slot].id
            for prerequisite in unfinishedPrerequisites(of: id) {
                guard let other = taskSlots[prerequisite], tasks[other].priority < priority else { continue }
                let before = tasks[other].priority
                setPriority(other, to: priority)
                recordAction(
                    other, actor: actor,
                    reason: "priority \(before.rawValue) → \(priority.rawValue): raised because \(id) (\(priority.rawValue)) needs it", now: now)
            }
        }
        return true
    }

    private func setPriority(_ slot: Int, to priority: Priority) {
        queues[tasks[slot].queue]?.tally.changePriority(of: tasks[slot], to: priority)
        tasks[slot].priority = priority
        if tasks[slot].status == .queued { ready.push(tasks[slot], slot: slot) }
    }

    /// Cancels a task; a running one is told to stop; dependents that need it are cancelled.
    func cancel(_ slot: Int, actor: Actor, reason: String, now: Instant) {
        let task = tasks[slot]
        guard !task.status.isFinal else { return }
        if task.status == .running, let agent = task.agent {
            effects.append(.cancelTask(agent: agent, task: task.id, reason: reason))
            settleTaskMessage(task.id, succeeded: false)
            release(task: task.id, from: agent, now: now)
        }
        tasks[slot].lastError = reason
        transition(slot, to: .cancelled, actor: actor, reason: reason, now: now)
        finalize(slot, as: .cancelled, now: now)
    }

    /// Runs a failed, cancelled or timed-out task again with fresh attempts. Dependents that were
    /// cancelled because of it come back too.
    func retry(_ slot: Int, actor: Actor, now: Instant) {
        let id = tasks[slot].id
        tasks[slot].attempts = 0
        tasks[slot].result = nil
        tasks[slot].lastError = nil
        tasks[slot].finishedAt = nil
        tasks[slot].availableAt = nil
        tasks[slot].agent = nil
        tasks[slot].progress = 0
        rebuildWaiting(for: slot)
        if let (prerequisite, status) = doomingPrerequisite(of: slot) {
            recordAction(slot, actor: actor, reason: "retry asked by \(actor), but prerequisite \(prerequisite) is \(status.rawValue)", now: now)
            return
        }
        settle(slot, actor: actor, reason: "retried by \(actor)", now: now)
        // Revive dependents cancelled because this task did not succeed.
        let cancelledBecause = "prerequisite \(id) "
        for (_, other) in taskSlots where tasks[other].status == .cancelled && (tasks[other].lastError?.hasPrefix(cancelledBecause) ?? false) {
            if tasks[other].dependencies.contains(where: { $0.prerequisite == id }) { retry(other, actor: actor, now: now) }
        }
    }

    private func scale(pool name: String, minimum: Int?, maximum: Int?, actor: Actor, now: Instant, pin: Int? = nil) -> CommandOutcome {
        guard var pool = pools[name] else { return .notFound("no pool named \(name)") }
        let newMinimum = minimum ?? pool.minReplicas
        let newMaximum = maximum ?? pool.maxReplicas
        guard newMinimum >= 0, newMaximum >= newMinimum else {
            return .refused("replicas must satisfy 0 ≤ min ≤ max (asked min \(newMinimum), max \(newMaximum))")
        }
        operatorTookCharge(of: name, agent: nil, now: now)
        pool = pools[name] ?? pool
        pool.minReplicas = newMinimum
        pool.maxReplicas = newMaximum
        if let pin { pool.desiredReplicas = pin.clamped(newMinimum, newMaximum) }
        pool.desiredReplicas = pool.desiredReplicas.clamped(newMinimum, newMaximum)
        pools[name] = pool
        dirtyPools.insert(name)
        log(.operatorAction, name, "\(actor) set pool \(name) to \(newMinimum)…\(newMaximum) replicas", at: now)
        return CommandOutcome(accepted: true, message: "pool \(name): min \(newMinimum), max \(newMaximum), desired \(pool.desiredReplicas)")
    }
}

extension Comparable {
    func clamped(_ lower: Self, _ upper: Self) -> Self { min(max(self, lower), upper) }
}
