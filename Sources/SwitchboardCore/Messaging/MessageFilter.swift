/// Which messages a listing returns. Every set condition must hold; nil means any.
public struct MessageFilter: Sendable, Hashable {
    public var statuses: Set<MessageStatus>?
    public var priorities: Set<Priority>?
    public var kinds: Set<MessageKind>?
    public var tag: String?
    public var sender: String?
    public var recipient: Recipient?

    public init(
        statuses: Set<MessageStatus>? = nil, priorities: Set<Priority>? = nil, kinds: Set<MessageKind>? = nil,
        tag: String? = nil, sender: String? = nil, recipient: Recipient? = nil
    ) {
        self.statuses = statuses
        self.priorities = priorities
        self.kinds = kinds
        self.tag = tag
        self.sender = sender
        self.recipient = recipient
    }

    public static let all = MessageFilter()

    public func matches(_ message: Message) -> Bool {
        if let statuses, !statuses.contains(message.status) { return false }
        if let priorities, !priorities.contains(message.priority) { return false }
        if let kinds, !kinds.contains(message.kind) { return false }
        if let tag, !message.tags.contains(tag) { return false }
        if let sender, message.sender != sender { return false }
        if let recipient, message.recipient != recipient { return false }
        return true
    }
}

/// A window of a listing, in ascending id order.
public struct PageRequest: Sendable, Hashable {
    public var offset: Int
    public var limit: Int

    public init(offset: Int = 0, limit: Int = 100) {
        self.offset = max(0, offset)
        self.limit = max(0, limit)
    }

    public static let everything = PageRequest(offset: 0, limit: .max)
}

/// How many messages there are in each status and, of the pending ones, at each priority.
/// For final statuses (acknowledged, expired, cancelled) the count is the total since the queue
/// was created.
public struct QueueCounts: Sendable, Hashable, Codable {
    public var byStatus: [MessageStatus: Int]
    public var pendingByPriority: [Priority: Int]

    public init(byStatus: [MessageStatus: Int] = [:], pendingByPriority: [Priority: Int] = [:]) {
        self.byStatus = byStatus
        self.pendingByPriority = pendingByPriority
    }

    public subscript(status: MessageStatus) -> Int { byStatus[status] ?? 0 }
    public subscript(priority: Priority) -> Int { pendingByPriority[priority] ?? 0 }
}
