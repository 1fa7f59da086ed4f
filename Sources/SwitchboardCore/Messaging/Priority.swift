/// How urgent a message or task is. Higher priorities are always served first; within one
/// priority, the oldest first. The JSON form is the lowercase name.
public enum Priority: String, CaseIterable, Codable, Sendable, Comparable {
    case low, normal, high, urgent, critical

    /// 0 for `low` up to 4 for `critical`.
    @inlinable public var rank: Int {
        switch self {
        case .low: 0
        case .normal: 1
        case .high: 2
        case .urgent: 3
        case .critical: 4
        }
    }

    public init?(rank: Int) {
        switch rank {
        case 0: self = .low
        case 1: self = .normal
        case 2: self = .high
        case 3: self = .urgent
        case 4: self = .critical
        default: return nil
        }
    }

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rank < rhs.rank }

    /// One level up, or the same when already `critical`.
    public var raised: Priority { Priority(rank: min(rank + 1, 4))! }
    /// One level down, or the same when already `low`.
    public var lowered: Priority { Priority(rank: max(rank - 1, 0))! }

    /// Parses a name (any case) or a rank digit, for command lines.
    public init?(parsing text: String) {
        let lowered = text.lowercased()
        if let priority = Priority(rawValue: lowered) {
            self = priority
        } else if let rank = Int(lowered), let priority = Priority(rank: rank) {
            self = priority
        } else {
            return nil
        }
    }

    /// Highest first: the order in which priorities are served and shown.
    public static let servingOrder: [Priority] = [.critical, .urgent, .high, .normal, .low]
}
