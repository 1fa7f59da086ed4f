import GRDB
import SwitchboardCore

/// A durable `MessageQueue`: the in-memory queue for every decision, with each change written
/// through to SQLite before the caller is answered.
///
/// Outside a batch every operation is its own commit. Inside `batch { … }` (and in the engine,
/// which commits once per tick) the changes of the whole batch go into one transaction: group
/// commit. When a write fails (a full disk, say), the queue reloads the last committed state
/// from the store, so memory never runs ahead of disk, and the operation fails with
/// `QueueError.storeUnavailable`; nothing committed before is lost.
///
/// At open, messages that were in flight when the last process stopped are delivered again with
/// the attempt counted (their leases are expired), and the counters are rebuilt from the rows.
public final class PersistentMessageQueue: MessageQueue {
    public let store: Store
    private var memory: InMemoryMessageQueue
    private let clock: any Clock
    private var batchDepth = 0
    /// Messages with ids from here on were created after the last commit: they are inserted,
    /// the others updated.
    private var firstUncommittedID: UInt64 = 1

    public init(store: Store, configuration: QueueConfiguration = QueueConfiguration(name: "messages"), clock: any Clock) throws {
        self.store = store
        self.clock = clock
        memory = InMemoryMessageQueue(configuration: configuration, clock: clock)
        try load(into: memory, expireOpenLeases: true)
        try commit()
    }

    public var name: String { memory.name }

    private func load(into queue: InMemoryMessageQueue, expireOpenLeases: Bool) throws {
        let (live, totals, maximumID) = try store.read { db in
            (try MessageRows.fetchLive(db), try MessageRows.finishedTotals(db), try MessageRows.maximumID(db))
        }
        let store = self.store
        queue.finishedLookup = { id in try? store.read { db in try MessageRows.fetch(id, db) } }
        // Journaling is on before restoring, so that the recovery's own changes get written.
        queue.isJournaling = true
        queue.restore(live, nextSequence: maximumID + 1, totals: totals, expireOpenLeases: expireOpenLeases)
        firstUncommittedID = maximumID + 1
    }

    // MARK: Commits

    /// Runs `body` and commits everything it changed in one transaction. Nested batches join
    /// the outermost one.
    public func batch<T>(_ body: () throws -> T) throws -> T {
        batchDepth += 1
        let result: T
        do {
            result = try body()
        } catch {
            batchDepth -= 1
            if batchDepth == 0 { try commit() }
            throw error
        }
        batchDepth -= 1
        if batchDepth == 0 { try commit() }
        return result
    }

    /// Runs `body` without committing what it changes: the caller writes `takeWrites()` in a
    /// transaction of its own (the engine host does, once per step).
    public func withoutCommitting<T>(_ body: () throws -> T) rethrows -> T {
        batchDepth += 1
        defer { batchDepth -= 1 }
        return try body()
    }

    /// The rows changed since the last commit, for a caller that writes them in a transaction
    /// of its own (the engine's tick). Follow with `didCommit()` or `didFailToCommit()`.
    public func takeWrites() -> MessageWrites {
        let journal = memory.takeJournal()
        var writes = MessageWrites()
        guard !journal.isEmpty else { return writes }
        var seen = Set<MessageID>(minimumCapacity: journal.touched.count)
        for id in journal.touched where seen.insert(id).inserted && !journal.purged.contains(id) {
            guard let message = journal.departed[id] ?? memory.message(id) else { continue }
            if id.rawValue >= firstUncommittedID {
                writes.inserts.append(message)
            } else {
                writes.updates.append(message)
            }
        }
        writes.deletes = journal.purged.filter { $0.rawValue < firstUncommittedID }
        firstUncommittedID = memory.nextSequence
        return writes
    }

    /// A write of `takeWrites()` failed: go back to what the store holds.
    public func didFailToCommit() throws {
        let consumers = memory.consumers
        let fresh = InMemoryMessageQueue(configuration: memory.configuration, clock: clock)
        try load(into: fresh, expireOpenLeases: false)
        for consumer in consumers { fresh.register(consumer) }
        memory = fresh
    }

    /// Writes pending changes now, in one transaction.
    public func commit() throws {
        let writes = takeWrites()
        guard !writes.isEmpty else { return }
        do {
            try store.write { db in try writes.write(db) }
        } catch {
            try? didFailToCommit()
            throw QueueError.storeUnavailable(error.description)
        }
    }

    private func changing<T>(_ body: () throws -> T) throws -> T {
        let result = try body()
        if batchDepth == 0 { try commit() }
        return result
    }

    // MARK: MessageQueue

    public func register(_ consumer: Consumer) { memory.register(consumer) }
    public func unregister(consumerNamed name: String) { memory.unregister(consumerNamed: name) }
    public var consumers: [Consumer] { memory.consumers }

    @discardableResult
    public func enqueue(_ draft: MessageDraft) throws -> MessageIDs { try changing { try memory.enqueue(draft) } }

    @discardableResult
    public func enqueue(batch drafts: [MessageDraft]) throws -> [MessageIDs] {
        try changing { try memory.enqueue(batch: drafts) }
    }

    public func claim(for consumer: Consumer, lease: Duration?) throws -> Delivery? {
        try changing { try memory.claim(for: consumer, lease: lease) }
    }

    public func markDelivered(_ id: MessageID) throws { try changing { try memory.markDelivered(id) } }

    @discardableResult
    public func acknowledge(_ id: MessageID, by consumer: String?) throws -> AcknowledgeOutcome {
        try changing { try memory.acknowledge(id, by: consumer) }
    }

    @discardableResult
    public func reject(_ id: MessageID, error: String, retryable: Bool, by consumer: String?) throws -> RejectOutcome {
        try changing { try memory.reject(id, error: error, retryable: retryable, by: consumer) }
    }

    @discardableResult
    public func extendLease(_ id: MessageID, by lease: Duration?, consumer: String?) throws -> Instant {
        try changing { try memory.extendLease(id, by: lease, consumer: consumer) }
    }

    public func cancel(_ id: MessageID, reason: String) throws { try changing { try memory.cancel(id, reason: reason) } }

    public func reprioritize(_ id: MessageID, to priority: Priority) throws {
        try changing { try memory.reprioritize(id, to: priority) }
    }

    public func message(_ id: MessageID) -> Message? { memory.message(id) }

    /// Live messages from memory, finished ones from the store (and those finished since the
    /// last commit from memory), merged by id.
    public func list(_ filter: MessageFilter, page: PageRequest) -> [Message] {
        var byID: [MessageID: Message] = [:]
        let limit = page.limit == .max ? Int.max : page.offset + page.limit
        if filter.statuses.map({ $0.contains(where: \.isFinal) }) ?? true {
            let stored = (try? store.read { db in try MessageRows.fetchFinished(filter, limit: min(limit, 1_000_000), db) }) ?? []
            for message in stored { byID[message.id] = message }
        }
        for message in memory.list(filter, page: .everything) { byID[message.id] = message }
        let sorted = byID.values.sorted { $0.id < $1.id }
        guard page.offset < sorted.count else { return [] }
        let end = page.limit >= sorted.count - page.offset ? sorted.count : page.offset + page.limit
        return Array(sorted[page.offset..<end])
    }

    public func counts() -> QueueCounts { memory.counts() }
    public func metrics() -> QueueMetricsSnapshot { memory.metrics() }

    @discardableResult
    public func purgeDeadLetters(before: Instant?) throws -> Int { try changing { try memory.purgeDeadLetters(before: before) } }

    @discardableResult
    public func requeueDeadLetters(_ ids: [MessageID]?) throws -> Int { try changing { try memory.requeueDeadLetters(ids) } }

    @discardableResult
    public func sweep() throws -> SweepReport { try changing { try memory.sweep() } }
}
