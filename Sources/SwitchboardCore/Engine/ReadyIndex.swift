/// Ready (queued) tasks, ordered for dispatch: highest priority first, then oldest.
///
/// Tasks are grouped into classes by queue and required capabilities, each with its own heap,
/// so that the scheduler never scans tasks no free agent could take: it looks at the top of
/// each class. Entries are deleted lazily (a reprioritised or dispatched task leaves a stale
/// entry that is skipped when it surfaces).
struct ReadyIndex {
    struct ClassKey: Hashable {
        var queue: String
        var capabilities: [String]
    }

    struct ReadyClass {
        let key: ClassKey
        var heap = MinHeap<ReadyEntry>()
    }

    private(set) var classes: [ReadyClass] = []
    private var classByKey: [ClassKey: Int] = [:]
    var entries = 0

    /// The class of a task (created on first use).
    mutating func classIndex(queue: String, capabilities: [String]) -> Int {
        let key = ClassKey(queue: queue, capabilities: capabilities)
        if let index = classByKey[key] { return index }
        classes.append(ReadyClass(key: key))
        classByKey[key] = classes.count - 1
        return classes.count - 1
    }

    mutating func push(_ task: Task, slot: Int) {
        let index = classIndex(queue: task.queue, capabilities: task.capabilities)
        classes[index].heap.push(ReadyEntry(key: ReadyKey.make(rank: task.priority.rank, id: task.sequence), slot: UInt32(slot)))
        entries += 1
    }

    /// The best current entry of a class, dropping stale ones.
    mutating func top(of index: Int, isCurrent: (ReadyEntry) -> Bool) -> ReadyEntry? {
        while let entry = classes[index].heap.min {
            if isCurrent(entry) { return entry }
            classes[index].heap.popMin()
            entries -= 1
        }
        return nil
    }

    mutating func pop(_ index: Int) {
        classes[index].heap.popMin()
        entries -= 1
    }

    mutating func compact(liveCount: Int, isCurrent: (ReadyEntry) -> Bool) {
        guard entries > 2 * liveCount + 4096 else { return }
        entries = 0
        for index in classes.indices {
            classes[index].heap.rebuild(keeping: isCurrent)
            entries += classes[index].heap.count
        }
    }

    mutating func removeAll() {
        classes.removeAll()
        classByKey.removeAll()
        entries = 0
    }
}

/// Something due at a time for one task: a pending task's release, a timeout, a deadline.
struct TaskTimer: Comparable {
    enum Kind: UInt8 { case release, timeout, deadline }

    var at: Int64
    var kind: Kind
    var slot: Int32
    /// The task's sequence (guards against a reused slot) and, for timeouts, its attempt.
    var sequence: UInt64
    var attempt: Int32

    static func < (lhs: TaskTimer, rhs: TaskTimer) -> Bool {
        (lhs.at, lhs.sequence, lhs.kind.rawValue) < (rhs.at, rhs.sequence, rhs.kind.rawValue)
    }
}
