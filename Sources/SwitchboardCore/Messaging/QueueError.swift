/// Why a queue refused an operation. Each case has a one-line human message.
public enum QueueError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownMessage(MessageID)
    case unknownDependency(MessageID)
    case invalidDependency(String)
    case dependencyCycle([Int])
    case noRecipients
    case invalidTransition(MessageID, from: MessageStatus, action: String)
    case notLeaseHolder(MessageID, holder: String?, caller: String)
    case leaseExpired(MessageID)
    case invalidMessage(String)
    /// The durable store could not take the write (disk full, read-only, locked). Nothing of
    /// the failed operation was kept; what was committed before is intact.
    case storeUnavailable(String)

    public var description: String {
        switch self {
        case .unknownMessage(let id): "no message \(id) in this queue"
        case .unknownDependency(let id): "dependency \(id) is not a message in this queue"
        case .invalidDependency(let reason): "invalid dependency: \(reason)"
        case .dependencyCycle(let positions):
            "the batch's dependencies form a cycle through drafts \(positions.map(String.init).joined(separator: " → "))"
        case .noRecipients: "a broadcast needs at least one registered consumer"
        case .invalidTransition(let id, let status, let action): "cannot \(action) \(id): it is \(status.rawValue)"
        case .notLeaseHolder(let id, let holder, let caller):
            "\(caller) does not hold the lease on \(id) (held by \(holder ?? "nobody"))"
        case .leaseExpired(let id): "the lease on \(id) expired; it will be delivered again"
        case .invalidMessage(let reason): "invalid message: \(reason)"
        case .storeUnavailable(let reason): "the store refused the write: \(reason)"
        }
    }
}
