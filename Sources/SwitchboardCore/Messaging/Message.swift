/// One message in a queue.
///
/// The fields every message uses are stored inline; the ones most messages leave empty (tags,
/// metadata, dependencies, correlation, last error, time to live, a retry policy of its own)
/// live in one shared, immutable box that is only allocated when one of them is set. That keeps
/// a pending message with a 100-byte body under 300 resident bytes (see `switchboard bench queue`).
public struct Message: Sendable, Hashable {
    // The fields a claim reads come first, so that they share the message's first cache line.
    public var id: MessageID
    public var kind: MessageKind
    public var priority: Priority
    public var status: MessageStatus
    private var attemptStorage: UInt16
    private var maxAttemptsStorage: UInt16
    private var extras: MessageExtras?
    public var createdAt: Instant
    /// When the message entered its current status.
    public var updatedAt: Instant
    /// The retry due time while blocked by a retry delay; the lease expiry while in flight.
    var deadline: Instant
    /// The consumer holding the lease while in flight.
    public var leaseOwner: String?
    public var sender: String
    public var recipient: Recipient
    public var body: MessageBody

    public init(
        id: MessageID, kind: MessageKind = .direct, priority: Priority = .normal, status: MessageStatus = .pending,
        sender: String, recipient: Recipient, body: MessageBody = .empty, tags: [String] = [],
        metadata: [String: String] = [:], createdAt: Instant, ttl: Duration? = nil, attempt: Int = 0,
        maxAttempts: Int = RetryPolicy.standard.maxAttempts, dependsOn: [MessageID] = [],
        correlationID: MessageID? = nil, lastError: String? = nil, retryPolicy: RetryPolicy? = nil
    ) {
        self.id = id
        self.kind = kind
        self.priority = priority
        self.status = status
        attemptStorage = UInt16(clamping: attempt)
        maxAttemptsStorage = UInt16(clamping: maxAttempts)
        self.sender = sender
        self.recipient = recipient
        self.body = body
        self.createdAt = createdAt
        updatedAt = createdAt
        deadline = .distantFuture
        leaseOwner = nil
        extras = MessageExtras.make(
            tags: tags, metadata: metadata, dependsOn: dependsOn, correlationID: correlationID,
            lastError: lastError, ttl: ttl, retryPolicy: retryPolicy)
    }

    /// How many times it has been handed to a consumer.
    public var attempt: Int {
        get { Int(attemptStorage) }
        set { attemptStorage = UInt16(clamping: newValue) }
    }

    /// How many deliveries it gets before it is dead-lettered.
    public var maxAttempts: Int {
        get { Int(maxAttemptsStorage) }
        set { maxAttemptsStorage = UInt16(clamping: newValue) }
    }

    public var tags: [String] {
        get { extras?.tags ?? [] }
        set { updateExtras { $0.tags = newValue } }
    }

    public var metadata: [String: String] {
        get { extras?.metadata ?? [:] }
        set { updateExtras { $0.metadata = newValue } }
    }

    /// Messages that must be acknowledged before this one is delivered.
    public var dependsOn: [MessageID] {
        get { extras?.dependsOn ?? [] }
        set { updateExtras { $0.dependsOn = newValue } }
    }

    /// The message this one answers (reply-to).
    public var correlationID: MessageID? {
        get { extras?.correlationID }
        set { updateExtras { $0.correlationID = newValue } }
    }

    public var lastError: String? {
        get { extras?.lastError }
        set { updateExtras { $0.lastError = newValue } }
    }

    /// How long after creation it may still be delivered.
    public var ttl: Duration? {
        get { extras?.ttl }
        set { updateExtras { $0.ttl = newValue } }
    }

    /// Its own retry policy, overriding the queue's.
    public var retryPolicy: RetryPolicy? {
        get { extras?.retryPolicy }
        set { updateExtras { $0.retryPolicy = newValue } }
    }

    /// When its time to live runs out, if it has one.
    public var expiresAt: Instant? { ttl.map { createdAt + $0 } }

    /// When its lease runs out, while it is in flight.
    public var leaseExpiresAt: Instant? { status.isInFlight ? deadline : nil }

    /// When it becomes claimable again, while it waits out a retry delay.
    public var availableAt: Instant? { status == .blocked && deadline != .distantFuture ? deadline : nil }

    func isExpired(at now: Instant) -> Bool {
        guard let ttl = extras?.ttl else { return false }
        return createdAt + ttl <= now
    }

    var hasTTL: Bool { extras?.ttl != nil }

    private mutating func updateExtras(_ change: (inout MessageExtras.Fields) -> Void) {
        var fields = extras?.fields ?? MessageExtras.Fields()
        change(&fields)
        extras = fields.isEmpty ? nil : MessageExtras(fields)
    }

    /// Restores the bookkeeping fields when a message is read back from a store.
    public mutating func restoreLease(owner: String?, deadline: Instant?, updatedAt: Instant) {
        leaseOwner = owner
        self.deadline = deadline ?? .distantFuture
        self.updatedAt = updatedAt
    }

    /// The raw deadline (retry due time or lease expiry), for stores.
    public var storedDeadline: Instant? { deadline == .distantFuture ? nil : deadline }
}

/// The rarely-set fields of a message, shared between copies and replaced, never mutated.
final class MessageExtras: Sendable, Hashable {
    struct Fields: Hashable, Sendable {
        var tags: [String] = []
        var metadata: [String: String] = [:]
        var dependsOn: [MessageID] = []
        var correlationID: MessageID?
        var lastError: String?
        var ttl: Duration?
        var retryPolicy: RetryPolicy?

        var isEmpty: Bool {
            tags.isEmpty && metadata.isEmpty && dependsOn.isEmpty && correlationID == nil && lastError == nil
                && ttl == nil && retryPolicy == nil
        }
    }

    let fields: Fields
    var tags: [String] { fields.tags }
    var metadata: [String: String] { fields.metadata }
    var dependsOn: [MessageID] { fields.dependsOn }
    var correlationID: MessageID? { fields.correlationID }
    var lastError: String? { fields.lastError }
    var ttl: Duration? { fields.ttl }
    var retryPolicy: RetryPolicy? { fields.retryPolicy }

    init(_ fields: Fields) { self.fields = fields }

    static func make(
        tags: [String], metadata: [String: String], dependsOn: [MessageID], correlationID: MessageID?,
        lastError: String?, ttl: Duration?, retryPolicy: RetryPolicy?
    ) -> MessageExtras? {
        if tags.isEmpty, metadata.isEmpty, dependsOn.isEmpty, correlationID == nil, lastError == nil, ttl == nil,
           retryPolicy == nil {
            return nil
        }
        let fields = Fields(
            tags: tags, metadata: metadata, dependsOn: dependsOn, correlationID: correlationID,
            lastError: lastError, ttl: ttl, retryPolicy: retryPolicy)
        return fields.isEmpty ? nil : MessageExtras(fields)
    }

    static func == (lhs: MessageExtras, rhs: MessageExtras) -> Bool { lhs.fields == rhs.fields }
    func hash(into hasher: inout Hasher) { hasher.combine(fields) }
}
