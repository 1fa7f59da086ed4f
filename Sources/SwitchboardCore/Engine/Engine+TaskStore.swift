extension Engine {
    // MARK: Slots

    func slot(of id: TaskID) -> Int? { taskSlots[id] }

    /// Stores a new task and returns its slot.
    func storeTask(_ task: Task) -> Int {
        let slot: Int
        if let free = freeTaskSlots.popLast() {
            slot = free
            tasks[slot] = task
        } else {
            slot = tasks.count
            tasks.append(task)
        }
        taskSlots[task.id] = slot
        statusCounts[task.status, default: 0] += 1
        queues[task.queue, default: QueueState(settings: QueueSettings(name: task.queue))].tally.add(task, slot: slot)
        return slot
    }

    func markDirty(_ slot: Int) { dirtyTasks.insert(slot) }

    func queue(named name: String) -> QueueState {
        if let existing = queues[name] { return existing }
        let created = QueueState(settings: QueueSettings(name: name))
        queues[name] = created
        return created
    }

    // MARK: Status changes

    /// Moves a task to `status`, keeping counts, orderings and history right.
    func transition(_ slot: Int, to status: TaskStatus, actor: Actor, reason: String, now: Instant) {
        let old = tasks[slot].status
        guard old != status else { return }
        statusCounts[old, default: 0] -= 1
        statusCounts[status, default: 0] += 1
        let queueName = tasks[slot].queue
        queues[queueName, default: QueueState(settings: QueueSettings(name: queueName))].tally.move(tasks[slot], slot: slot, to: status, at: now)
        if old == .running {
            runningCount -= 1
            queues[queueName]?.running -= 1
            supervision.progressAt.removeValue(forKey: tasks[slot].id)
            // Back to wait for another attempt: that attempt starts from nothing, and the bar
            // must not claim work that was lost with the last one.
            if [.pending, .queued, .blocked].contains(status) {
                tasks[slot].progress = 0
                tasks[slot].progressNote = nil
            }
        }
        if old == .queued { supervision.queuedByCapabilities[tasks[slot].capabilities, default: 1] -= 1 }
        if status == .queued { supervision.queuedByCapabilities[tasks[slot].capabilities, default: 0] += 1 }
        if status == .running {
            runningCount += 1
            queues[queueName, default: QueueState(settings: QueueSettings(name: queueName))].running += 1
        }
        tasks[slot].status = status
        tasks[slot].updatedAt = now
        switch status {
        case .queued:
            tasks[slot].queuedAt = now
            tasks[slot].availableAt = nil
            ready.push(tasks[slot], slot: slot)
            ready.compact(liveCount: count(.queued)) { entry in self.isReady(entry) }
        case .completed, .failed, .cancelled, .timeout:
            tasks[slot].finishedAt = now
            queues[queueName]?.finished.record(at: now)
        default:
            break
        }
        record(TaskHistoryEntry(task: tasks[slot].id, at: now, event: .transition, from: old, to: status, actor: actor, reason: reason))
        markDirty(slot)
    }

    /// Whether a ready-heap entry still describes a queued task at that priority.
    func isReady(_ entry: ReadyEntry) -> Bool {
        let slot = Int(entry.slot)
        guard slot < tasks.count else { return false }
        let task = tasks[slot]
        return task.status == .queued && task.sequence == ReadyKey.id(of: entry.key)
            && task.priority.rank == ReadyKey.rank(of: entry.key) && taskSlots[task.id] == slot
    }

    /// Records a history line: into the changes (for the store), and into memory if configured.
    func record(_ entry: TaskHistoryEntry) {
        changes.history.append(entry)
        if configuration.keepHistoryInMemory { historyByTask[entry.task, default: []].append(entry) }
    }

    /// Records an action that does not change the status.
    func recordAction(_ slot: Int, actor: Actor, reason: String, now: Instant) {
        record(TaskHistoryEntry(task: tasks[slot].id, at: now, event: .action, actor: actor, reason: reason))
        tasks[slot].updatedAt = now
        markDirty(slot)
    }

    func log(_ kind: EngineEvent.Kind, _ subject: String, _ message: String, at now: Instant) {
        let event = EngineEvent(at: now, kind: kind, subject: subject, message: message)
        eventsLogged += 1
        changes.events.append(event)
        recentEvents.append(event)
        if recentEvents.count > configuration.eventLogSize { recentEvents.removeFirst(recentEvents.count - configuration.eventLogSize) }
    }

    // MARK: Where a task goes when nothing holds it back

    /// Puts a task whose prerequisites are met where it belongs now: pending (start-after or
    /// backoff in the future) or queued.
    func release(_ slot: Int, actor: Actor, reason: String, now: Instant) {
        let task = tasks[slot]
        let due = max(task.startAfter ?? now, task.availableAt ?? now)
        if due > now {
            tasks[slot].availableAt = due
            transition(slot, to: .pending, actor: actor, reason: reason, now: now)
            schedule(TaskTimer(at: due.nanosecondsSinceEpoch, kind: .release, slot: Int32(slot), sequence: task.sequence, attempt: 0))
        } else {
            transition(slot, to: .queued, actor: actor, reason: reason, now: now)
        }
    }

    /// Re-evaluates a task that is not running or final: blocked, pending or queued.
    func settle(_ slot: Int, actor: Actor, reason: String, now: Instant) {
        if (unmet[tasks[slot].id] ?? 0) > 0 {
            transition(slot, to: .blocked, actor: actor, reason: reason, now: now)
        } else {
            release(slot, actor: actor, reason: reason, now: now)
        }
    }
}
