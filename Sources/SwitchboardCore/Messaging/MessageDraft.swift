/// What a sender supplies to enqueue a message; the queue adds the id, times and status.
public struct MessageDraft: Sendable, Hashable {
    public var kind: MessageKind
    public var priority: Priority
    public var sender: String
    public var recipient: Recipient
    public var body: MessageBody
    public var tags: [String]
    public var metadata: [String: String]
    public var ttl: Duration?
    /// Overrides the queue's retry policy for this message.
    public var retryPolicy: RetryPolicy?
    public var dependsOn: [MessageReference]
    public var correlationID: MessageID?

    public init(
        kind: MessageKind = .direct, priority: Priority = .normal, sender: String, recipient: Recipient,
        body: MessageBody = .empty, tags: [String] = [], metadata: [String: String] = [:], ttl: Duration? = nil,
        retryPolicy: RetryPolicy? = nil, dependsOn: [MessageReference] = [], correlationID: MessageID? = nil
    ) {
        self.kind = kind
        self.priority = priority
        self.sender = sender
        self.recipient = recipient
        self.body = body
        self.tags = tags
        self.metadata = metadata
        self.ttl = ttl
        self.retryPolicy = retryPolicy
        self.dependsOn = dependsOn
        self.correlationID = correlationID
    }
}

/// A dependency: a message already in the queue, or another draft of the same batch (by its
/// position in the batch), so that a batch can carry a whole dependency graph.
public enum MessageReference: Hashable, Sendable {
    case id(MessageID)
    case draft(Int)
}
