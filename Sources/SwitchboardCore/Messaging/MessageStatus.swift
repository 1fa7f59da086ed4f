/// Where a message is in its life. The JSON form is the lowercase name.
///
/// ```
///            ┌──────────── retry delay ────────────┐
///            ▼                                      │
/// blocked ─► pending ─► processing ─► delivered ─► acknowledged
///   (deps)     │  ▲         │  (leased)  │
///              │  └─ lease expired ──────┤
///              ▼                         ▼
///     expired / cancelled          failed (dead letter)
/// ```
public enum MessageStatus: String, CaseIterable, Codable, Sendable {
    /// Ready to be claimed.
    case pending
    /// Waiting on dependencies or on a retry delay.
    case blocked
    /// Leased to a consumer that has claimed it.
    case processing
    /// Handed to the consumer's agent; still leased until acknowledged.
    case delivered
    /// Done. Final.
    case acknowledged
    /// Dead-lettered after its attempts ran out or a non-retryable failure. Can be requeued.
    case failed
    /// Its time to live passed before it was delivered. Final.
    case expired
    /// Cancelled by an operator or because a dependency did not succeed. Final.
    case cancelled

    /// Final states: the message will not change again (a dead letter can be requeued, so
    /// `failed` is not final).
    public var isFinal: Bool {
        switch self {
        case .acknowledged, .expired, .cancelled: true
        default: false
        }
    }

    /// Leased to a consumer.
    public var isInFlight: Bool { self == .processing || self == .delivered }

    @usableFromInline var ordinal: Int {
        switch self {
        case .pending: 0
        case .blocked: 1
        case .processing: 2
        case .delivered: 3
        case .acknowledged: 4
        case .failed: 5
        case .expired: 6
        case .cancelled: 7
        }
    }

    static let byOrdinal: [MessageStatus] = [.pending, .blocked, .processing, .delivered, .acknowledged, .failed, .expired, .cancelled]
}
