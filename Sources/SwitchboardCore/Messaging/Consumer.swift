/// Someone who claims messages: an agent, with the roles it answers to.
public struct Consumer: Hashable, Sendable {
    public var name: String
    public var roles: [String]

    public init(name: String, roles: [String] = []) {
        self.name = name
        self.roles = roles
    }
}

/// A claimed message and its lease.
public struct Delivery: Sendable, Hashable {
    public var message: Message
    /// The message goes back to the queue (as a failed attempt) unless acknowledged, rejected
    /// or extended before this.
    public var leaseExpiresAt: Instant
}

/// What an acknowledgement did. Acknowledging twice is not an error: it is counted once.
public enum AcknowledgeOutcome: Sendable, Hashable {
    case acknowledged
    case alreadyAcknowledged
}

/// What a rejection (negative acknowledgement) did.
public enum RejectOutcome: Sendable, Hashable {
    /// It will be delivered again after a backoff.
    case retryScheduled(at: Instant)
    /// Its attempts ran out (or the failure was not retryable): it is a dead letter now.
    case deadLettered
    /// Its time to live ran out, so it will not be tried again.
    case expired
}

/// What a periodic sweep changed.
public struct SweepReport: Sendable, Hashable {
    public var expired = 0
    public var leasesExpired = 0
    public var retriesReleased = 0
    public var deadLettered = 0

    public init() {}
}
