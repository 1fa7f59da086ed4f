extension Engine {
    func schedule(_ timer: TaskTimer) { timers.push(timer) }

    /// Releases pending tasks that are due, ends attempts that ran out of time, and marks tasks
    /// past their deadline as overdue.
    func fireTimers(_ now: Instant) {
        while let timer = timers.min, timer.at <= now.nanosecondsSinceEpoch {
            timers.popMin()
            let slot = Int(timer.slot)
            guard slot < tasks.count, tasks[slot].sequence == timer.sequence, taskSlots[tasks[slot].id] == slot else { continue }
            switch timer.kind {
            case .release:
                guard tasks[slot].status == .pending, let due = tasks[slot].availableAt, due.nanosecondsSinceEpoch <= timer.at else { continue }
                tasks[slot].availableAt = nil
                tasks[slot].startAfter = nil
                settle(slot, actor: .engine, reason: "due", now: now)
            case .timeout:
                guard tasks[slot].status == .running, tasks[slot].attempts == Int(timer.attempt) else { continue }
                timeOut(slot, now: now)
            case .deadline:
                guard !tasks[slot].status.isFinal, !tasks[slot].overdue else { continue }
                tasks[slot].overdue = true
                recordAction(slot, actor: .engine, reason: "overdue: its deadline passed", now: now)
                log(.taskOverdue, tasks[slot].id.rawValue, "\(tasks[slot].id) \(tasks[slot].title) is past its deadline", at: now)
            }
        }
    }

    /// The running attempt took longer than the task's timeout: the agent is told to stop, and
    /// the task is retried after a backoff if attempts remain, or ends as `timeout`.
    func timeOut(_ slot: Int, now: Instant) {
        let task = tasks[slot]
        let limit = task.timeout.map { "\(formatSeconds($0.seconds))" } ?? "its limit"
        if let agent = task.agent { effects.append(.cancelTask(agent: agent, task: task.id, reason: "timed out after \(limit)")) }
        settleTaskMessage(task.id, succeeded: false)
        release(task: task.id, from: task.agent, now: now)
        tasks[slot].lastError = "timed out after \(limit)"
        transition(slot, to: .timeout, actor: .engine, reason: "timed out after \(limit) on \(task.agent ?? "?")", now: now)
        log(.taskTimedOut, task.id.rawValue, "\(task.id) \(task.title) timed out after \(limit)", at: now)
        if task.attempts < task.maxAttempts {
            retryLater(slot, now: now, reason: "timed out")
        } else {
            finalize(slot, as: .timeout, now: now)
        }
    }

    /// Puts a task whose attempt ended badly back to wait for its next attempt, after a backoff.
    func retryLater(_ slot: Int, now: Instant, reason: String) {
        let attempt = tasks[slot].attempts
        let delay = configuration.taskRetryPolicy.delay(afterAttempt: attempt, random: &random)
        tasks[slot].availableAt = now + delay
        tasks[slot].agent = nil
        // The next attempt starts from nothing (a timeout passes through `timeout` first, so
        // the reset on leaving `running` does not see it).
        tasks[slot].progress = 0
        tasks[slot].progressNote = nil
        let why = "\(reason) (attempt \(attempt) of \(tasks[slot].maxAttempts)); retry in \(formatSeconds(delay.seconds))"
        release(slot, actor: .engine, reason: why, now: now)
    }

    /// A task reached a final status: dependents learn of it, and a failure is logged.
    func finalize(_ slot: Int, as status: TaskStatus, now: Instant) {
        let id = tasks[slot].id
        countOutcome(of: slot, as: status)
        if status == .failed { log(.taskFailed, id.rawValue, "\(id) \(tasks[slot].title) failed: \(tasks[slot].lastError ?? "")", at: now) }
        if status == .failed || status == .timeout { metrics.failed.record(at: now) }
        prerequisiteFinished(id, status: status, now: now)
    }

    func sampleMetrics(_ now: Instant) {
        let second = now.nanosecondsSinceEpoch / 1_000_000_000
        guard second != metrics.lastSampledSecond else { return }
        metrics.lastSampledSecond = second
        let depth = count(.queued) + count(.pending) + count(.blocked)
        metrics.depth.append(depth)
        if metrics.depth.count > 600 { metrics.depth.removeFirst(metrics.depth.count - 600) }
        let at = Instant(nanosecondsSinceEpoch: second * 1_000_000_000)
        changes.metrics.append(MetricSample(name: "tasks.depth", at: at, value: Double(depth)))
        changes.metrics.append(MetricSample(name: "tasks.running", at: at, value: Double(runningCount)))
        changes.metrics.append(MetricSample(name: "tasks.completed", at: at, value: Double(metrics.completed.series(at: now, count: 1).first ?? 0)))
        changes.metrics.append(MetricSample(name: "tasks.submitted", at: at, value: Double(metrics.submitted.series(at: now, count: 1).first ?? 0)))
    }
}

/// "1.5s", "2m05s", "1h02m": short durations for history lines and tables.
public func formatSeconds(_ seconds: Double) -> String {
    // NaN reads as 0s and anything beyond a million days as that: Int() would trap on them.
    let seconds = min(seconds, 86_400e6)
    if !(seconds >= 0.001) { return "0s" }
    if seconds < 10 {
        let tenths = Int((seconds * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)s" : "\(tenths / 10).\(tenths % 10)s"
    }
    if seconds < 60 { return "\(Int(seconds.rounded()))s" }
    let total = Int(seconds.rounded())
    if total < 3600 { return "\(total / 60)m\(pad2(total % 60))s" }
    if total < 86_400 { return "\(total / 3600)h\(pad2(total % 3600 / 60))m" }
    return "\(total / 86_400)d\(pad2(total % 86_400 / 3600))h"
}

private func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

