/// The settings of one queue.
public struct QueueConfiguration: Sendable, Hashable {
    public var name: String
    /// The lease (visibility timeout) a claim gets unless it asks for another.
    public var defaultLease: Duration
    /// Retry policy for messages that do not carry their own.
    public var retryPolicy: RetryPolicy
    /// How many finished messages are kept in memory for inspection (`message(_:)`, `list`).
    /// A durable queue keeps all of them on disk regardless.
    public var finishedMessagesKept: Int
    /// Seed for the retry jitter, so that tests and simulations reproduce.
    public var seed: UInt64

    public init(
        name: String = "default", defaultLease: Duration = .seconds(30), retryPolicy: RetryPolicy = .standard,
        finishedMessagesKept: Int = 10_000, seed: UInt64 = 0x5EED
    ) {
        self.name = name
        self.defaultLease = defaultLease
        self.retryPolicy = retryPolicy
        self.finishedMessagesKept = max(0, finishedMessagesKept)
        self.seed = seed
    }
}
