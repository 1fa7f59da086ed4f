/// A queue's tasks counted by status and its ready tasks by priority, kept up to date on every
/// transition so that the dashboard's queue rows cost nothing to read however many tasks exist.
public struct QueueTally: Hashable, Sendable {
    /// Indexed by `TaskStatus.allCases` order.
    private var byStatus = [Int](repeating: 0, count: TaskStatus.allCases.count)
    /// Queued tasks, indexed by `Priority.rank`.
    private var queuedByRank = [Int](repeating: 0, count: Priority.allCases.count)
    /// Queued tasks in the order they became ready (oldest first), as (queued at, sequence,
    /// slot); entries of tasks that left the queued state are skipped lazily.
    private var waitingLine: [WaitingEntry] = []
    private var waitingHead = 0

    struct WaitingEntry: Hashable, Sendable {
        var queuedAt: Int64
        var sequence: UInt64
        var slot: Int32
    }

    public init() {}

    public func count(_ status: TaskStatus) -> Int { byStatus[status.tallyIndex] }

    public func queued(_ priority: Priority) -> Int { queuedByRank[priority.rank] }

    mutating func add(_ task: Task, slot: Int) {
        byStatus[task.status.tallyIndex] += 1
        if task.status == .queued { enterQueued(task, slot: slot) }
    }

    mutating func remove(_ task: Task) {
        byStatus[task.status.tallyIndex] -= 1
        if task.status == .queued { queuedByRank[task.priority.rank] -= 1 }
    }

    /// `task` is in its state before the move.
    mutating func move(_ task: Task, slot: Int, to status: TaskStatus, at now: Instant) {
        remove(task)
        var moved = task
        moved.status = status
        moved.queuedAt = status == .queued ? now : task.queuedAt
        add(moved, slot: slot)
    }

    mutating func changePriority(of task: Task, to priority: Priority) {
        guard task.status == .queued else { return }
        queuedByRank[task.priority.rank] -= 1
        queuedByRank[priority.rank] += 1
    }

    private mutating func enterQueued(_ task: Task, slot: Int) {
        queuedByRank[task.priority.rank] += 1
        let at = (task.queuedAt ?? task.updatedAt).nanosecondsSinceEpoch
        waitingLine.append(WaitingEntry(queuedAt: at, sequence: task.sequence, slot: Int32(slot)))
    }

    /// When the longest-waiting ready task became ready. `isWaiting` tells whether an entry still
    /// describes a queued task (its slot holds that sequence, queued at that time).
    mutating func oldestQueuedAt(isWaiting: (Int, UInt64, Int64) -> Bool) -> Instant? {
        while waitingHead < waitingLine.count {
            let entry = waitingLine[waitingHead]
            if isWaiting(Int(entry.slot), entry.sequence, entry.queuedAt) { return Instant(nanosecondsSinceEpoch: entry.queuedAt) }
            waitingHead += 1
        }
        compactWaitingLine(isWaiting: isWaiting)
        return nil
    }

    /// Drops skipped entries once they make up most of the line.
    mutating func compactWaitingLine(isWaiting: (Int, UInt64, Int64) -> Bool) {
        let queued = byStatus[TaskStatus.queued.tallyIndex]
        guard waitingLine.count > 2 * queued + 1024 else { return }
        waitingLine = waitingLine[waitingHead...].filter { isWaiting(Int($0.slot), $0.sequence, $0.queuedAt) }
        waitingHead = 0
    }
}

extension TaskStatus {
    var tallyIndex: Int {
        switch self {
        case .pending: 0
        case .blocked: 1
        case .queued: 2
        case .running: 3
        case .paused: 4
        case .completed: 5
        case .failed: 6
        case .cancelled: 7
        case .timeout: 8
        }
    }
}
