/// The messaging core: a prioritised, leased queue held in memory.
///
/// See `MessageQueue` for the contract and `QueueCore` for how it is built. This class owns
/// the queue's state and forwards every operation to it. `PersistentMessageQueue` (in
/// SwitchboardStore) wraps one and writes its `journal` through to SQLite.
public final class InMemoryMessageQueue: MessageQueue {
    /// Every operation is one access to this; a queue is confined to one thread (the engine's),
    /// so the access needs no dynamic exclusivity check.
    @exclusivity(unchecked) var core: QueueCore

    public init(configuration: QueueConfiguration = QueueConfiguration(), clock: any Clock) {
        core = QueueCore(configuration: configuration, clock: clock)
    }

    public convenience init(name: String, clock: any Clock) {
        self.init(configuration: QueueConfiguration(name: name), clock: clock)
    }

    public var configuration: QueueConfiguration { core.configuration }
    public var name: String { core.configuration.name }
    /// The id the next enqueued message gets.
    public var nextSequence: UInt64 { core.nextSequence }

    /// When set, every change is recorded for a durable store to write; see `takeJournal`.
    public var isJournaling: Bool {
        get { core.journal != nil }
        set { core.journal = newValue ? (core.journal ?? MessageJournal()) : nil }
    }

    /// Hands over the changes recorded since the last call and starts a new journal.
    public func takeJournal() -> MessageJournal {
        guard let journal = core.journal else { return MessageJournal() }
        core.journal = MessageJournal()
        return journal
    }

    /// Where finished messages that memory has forgotten are looked up (a durable queue's store).
    public var finishedLookup: ((MessageID) -> Message?)? {
        get { core.finishedLookup }
        set { core.finishedLookup = newValue }
    }

    public func register(_ consumer: Consumer) { core.register(consumer) }
    public func unregister(consumerNamed name: String) { core.unregister(consumerNamed: name) }
    public var consumers: [Consumer] { core.consumers }

    @discardableResult
    public func enqueue(_ draft: MessageDraft) throws -> MessageIDs { try core.enqueue(draft) }

    @discardableResult
    public func enqueue(batch drafts: [MessageDraft]) throws -> [MessageIDs] { try core.enqueue(batch: drafts) }

    public func claim(for consumer: Consumer, lease: Duration?) throws -> Delivery? {
        try core.claim(for: consumer, lease: lease)
    }

    public func markDelivered(_ id: MessageID) throws { try core.markDelivered(id) }

    @discardableResult
    public func acknowledge(_ id: MessageID, by consumer: String?) throws -> AcknowledgeOutcome {
        try core.acknowledge(id, by: consumer)
    }

    @discardableResult
    public func reject(_ id: MessageID, error: String, retryable: Bool, by consumer: String?) throws -> RejectOutcome {
        try core.reject(id, error: error, retryable: retryable, by: consumer)
    }

    @discardableResult
    public func extendLease(_ id: MessageID, by lease: Duration?, consumer: String?) throws -> Instant {
        try core.extendLease(id, by: lease, consumer: consumer)
    }

    public func cancel(_ id: MessageID, reason: String) throws { try core.cancel(id, reason: reason) }
    public func reprioritize(_ id: MessageID, to priority: Priority) throws { try core.reprioritize(id, to: priority) }

    public func message(_ id: MessageID) -> Message? { core.message(id) }
    public func list(_ filter: MessageFilter, page: PageRequest) -> [Message] { core.list(filter, page: page) }
    public func counts() -> QueueCounts { core.counts() }
    public func metrics() -> QueueMetricsSnapshot { core.metrics() }

    /// Per-second counts of enqueues and acknowledgements over the last `seconds`, oldest first.
    public func rateSeries(seconds: Int) -> (enqueued: [Int], acknowledged: [Int]) { core.rateSeries(seconds: seconds) }

    @discardableResult
    public func purgeDeadLetters(before: Instant?) throws -> Int { try core.purgeDeadLetters(before: before) }

    @discardableResult
    public func requeueDeadLetters(_ ids: [MessageID]?) throws -> Int { try core.requeueDeadLetters(ids) }

    @discardableResult
    public func sweep() throws -> SweepReport { try core.sweep() }

    /// Restores messages read back from a store. With `expireOpenLeases` (after a restart) the
    /// leases that were open count as failed attempts and their messages are delivered again;
    /// without (a reload after a failed write) they keep running.
    public func restore(
        _ messages: [Message], nextSequence: UInt64, totals: (acknowledged: Int, expired: Int, cancelled: Int),
        expireOpenLeases: Bool = true
    ) {
        core.restore(messages, nextSequence: nextSequence, totals: totals, expireOpenLeases: expireOpenLeases)
    }
}
