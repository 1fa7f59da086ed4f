import SwitchboardCore
import Testing

/// A queue under test with the manual clock that drives it.
public struct QueueFixture {
    public let queue: any MessageQueue
    public let clock: ManualClock

    public init(queue: any MessageQueue, clock: ManualClock) {
        self.queue = queue
        self.clock = clock
    }
}

/// Makes a fresh, empty queue with the given configuration on the given clock.
public typealias QueueFactory = (QueueConfiguration, ManualClock) throws -> any MessageQueue

/// One behaviour every `MessageQueue` must have. The same checks run against the in-memory
/// queue (SwitchboardCoreTests) and the durable one (SwitchboardStoreTests), unchanged.
public struct QueueCheck: Sendable, CustomTestStringConvertible {
    public let name: String
    public let configuration: QueueConfiguration
    let body: @Sendable (QueueFixture) throws -> Void

    init(_ name: String, configuration: QueueConfiguration = QueueConfiguration(), body: @escaping @Sendable (QueueFixture) throws -> Void) {
        self.name = name
        self.configuration = configuration
        self.body = body
    }

    public var testDescription: String { name }

    public func run(with factory: QueueFactory) throws {
        let clock = ManualClock()
        let queue = try factory(configuration, clock)
        try body(QueueFixture(queue: queue, clock: clock))
    }
}

public enum QueueConformance {
    /// Every check, grouped by the rule it covers.
    public static let checks: [QueueCheck] =
        orderingChecks + recipientChecks + leaseChecks + retryChecks + dependencyChecks + ttlChecks + administrationChecks
}

/// Short helpers the checks share.
extension QueueFixture {
    @discardableResult
    public func send(
        _ priority: Priority = .normal, to recipient: Recipient = .agent("a"), body: String = "",
        ttl: Duration? = nil, dependsOn: [MessageID] = [], tags: [String] = [], kind: MessageKind = .direct,
        sender: String = "tester", retry: RetryPolicy? = nil
    ) throws -> MessageID {
        try queue.enqueue(
            MessageDraft(
                kind: kind, priority: priority, sender: sender, recipient: recipient, body: MessageBody(bytes: Array(body.utf8)),
                tags: tags, ttl: ttl, retryPolicy: retry, dependsOn: dependsOn.map { .id($0) })
        ).first
    }

    public func claim(_ name: String = "a", roles: [String] = [], lease: Duration? = nil) throws -> Delivery? {
        try queue.claim(for: Consumer(name: name, roles: roles), lease: lease)
    }

    public func status(_ id: MessageID) -> MessageStatus? { queue.message(id)?.status }
}
