/// A prioritised, leased message queue with at-least-once delivery.
///
/// The contract, shared by `InMemoryMessageQueue` and the durable `PersistentMessageQueue`
/// (one conformance suite runs against both):
///
/// - **Order.** `claim` returns the highest-priority claimable message for the consumer, FIFO
///   within a priority by id (the enqueue sequence). Payloads are never compared.
/// - **Recipients.** A message for an agent is claimed only by that agent; one for a role by any
///   consumer with that role; a broadcast becomes one copy per registered consumer.
/// - **Leases.** A claim leases the message; it must be acknowledged, rejected or extended
///   before the lease expires, or the expiry counts as a failed attempt and it is delivered
///   again. Acknowledging twice is harmless and counted once.
/// - **Retries.** A rejected message is retried after exponential backoff with jitter until its
///   attempts run out; then it is dead-lettered (`failed`), never dropped.
/// - **Dependencies.** A message is `blocked` until everything it depends on is acknowledged;
///   when a dependency fails, expires or is cancelled, the dependent is cancelled with that
///   reason. Unknown ids and cycles are refused at enqueue.
/// - **Time to live.** A message past its TTL is never delivered: it becomes `expired` when a
///   claim meets it or at the next sweep.
///
/// Errors are `QueueError`s. A queue is used from one thread at a time (the engine's).
public protocol MessageQueue: AnyObject {
    var name: String { get }

    /// Makes a consumer known, so that broadcasts include it.
    func register(_ consumer: Consumer)
    func unregister(consumerNamed name: String)
    var consumers: [Consumer] { get }

    /// Adds a message; a broadcast adds one copy per registered consumer (consecutive ids).
    @discardableResult
    func enqueue(_ draft: MessageDraft) throws -> MessageIDs
    /// Adds several messages atomically: all or none. Drafts may depend on each other.
    @discardableResult
    func enqueue(batch drafts: [MessageDraft]) throws -> [MessageIDs]

    /// Leases the next message for this consumer, or nil when none is claimable.
    func claim(for consumer: Consumer, lease: Duration?) throws -> Delivery?
    /// Records that the claimed message reached the consumer's agent.
    func markDelivered(_ id: MessageID) throws
    /// Marks a message done. `consumer`, when given, must hold the lease.
    @discardableResult
    func acknowledge(_ id: MessageID, by consumer: String?) throws -> AcknowledgeOutcome
    /// Negative acknowledgement: retry later (when `retryable` and attempts remain) or dead-letter.
    @discardableResult
    func reject(_ id: MessageID, error: String, retryable: Bool, by consumer: String?) throws -> RejectOutcome
    /// Heartbeat: pushes the lease's expiry out again. Returns the new expiry.
    @discardableResult
    func extendLease(_ id: MessageID, by lease: Duration?, consumer: String?) throws -> Instant
    func cancel(_ id: MessageID, reason: String) throws
    /// Changes the priority of a message that has not been claimed yet.
    func reprioritize(_ id: MessageID, to priority: Priority) throws

    func message(_ id: MessageID) -> Message?
    /// Matching messages in ascending id order, windowed by `page`.
    func list(_ filter: MessageFilter, page: PageRequest) -> [Message]
    func counts() -> QueueCounts
    func metrics() -> QueueMetricsSnapshot

    /// Removes dead letters (all, or those dead-lettered before `before`). Returns how many.
    @discardableResult
    func purgeDeadLetters(before: Instant?) throws -> Int
    /// Puts dead letters (the given ones, or all) back as pending with fresh attempts.
    @discardableResult
    func requeueDeadLetters(_ ids: [MessageID]?) throws -> Int

    /// Expires messages past their TTL, expires leases, releases retries that are due.
    @discardableResult
    func sweep() throws -> SweepReport
}

extension MessageQueue {
    public func claim(for consumer: Consumer) throws -> Delivery? { try claim(for: consumer, lease: nil) }

    @discardableResult
    public func acknowledge(_ id: MessageID) throws -> AcknowledgeOutcome { try acknowledge(id, by: nil) }

    @discardableResult
    public func reject(_ id: MessageID, error: String, retryable: Bool = true) throws -> RejectOutcome {
        try reject(id, error: error, retryable: retryable, by: nil)
    }

    @discardableResult
    public func extendLease(_ id: MessageID, by lease: Duration? = nil) throws -> Instant {
        try extendLease(id, by: lease, consumer: nil)
    }

    public func list(_ filter: MessageFilter = .all) -> [Message] { list(filter, page: .everything) }
}
