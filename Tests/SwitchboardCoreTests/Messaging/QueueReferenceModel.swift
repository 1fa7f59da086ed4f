import SwitchboardCore

/// A deliberately naive model of the queue's contract: a flat list scanned on every operation.
/// The randomized test runs the same operations against it and the real queue and demands the
/// same answers. Retries use a zero backoff so that the model needs no jitter.
struct QueueReferenceModel {
    enum State: Equatable {
        case pending
        case retryWait(due: Instant)
        case inFlight(deadline: Instant, owner: String)
        case acknowledged, failed, expired, cancelled
    }

    struct Entry {
        var id: MessageID
        var priority: Priority
        var recipient: Recipient
        var state: State
        var attempt = 0
        var maxAttempts: Int
        var expiresAt: Instant?
    }

    var entries: [Entry] = []
    let lease: Duration

    var publicStatuses: [MessageID: MessageStatus] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.id, Self.status(of: $0.state)) })
    }

    static func status(of state: State) -> MessageStatus {
        switch state {
        case .pending: .pending
        case .retryWait: .blocked
        case .inFlight: .processing
        case .acknowledged: .acknowledged
        case .failed: .failed
        case .expired: .expired
        case .cancelled: .cancelled
        }
    }

    mutating func enqueue(id: MessageID, priority: Priority, recipient: Recipient, maxAttempts: Int, expiresAt: Instant?) {
        entries.append(Entry(id: id, priority: priority, recipient: recipient, state: .pending, maxAttempts: maxAttempts, expiresAt: expiresAt))
    }

    private func isExpired(_ entry: Entry, _ now: Instant) -> Bool { entry.expiresAt.map { $0 <= now } ?? false }

    private mutating func failAttempt(_ index: Int, retryable: Bool, now: Instant) {
        if !retryable || entries[index].attempt >= entries[index].maxAttempts {
            entries[index].state = .failed
        } else if isExpired(entries[index], now) {
            entries[index].state = .expired
        } else {
            entries[index].state = .retryWait(due: now)
        }
    }

    private mutating func releaseRetries(_ now: Instant) {
        for index in entries.indices {
            if case .retryWait(let due) = entries[index].state, due <= now {
                entries[index].state = isExpired(entries[index], now) ? .expired : .pending
            }
        }
    }

    private mutating func expireLeases(_ now: Instant) {
        let due = entries.indices.compactMap { index -> (Instant, MessageID, Int)? in
            if case .inFlight(let deadline, _) = entries[index].state, deadline <= now { return (deadline, entries[index].id, index) }
            return nil
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        for (_, _, index) in due { failAttempt(index, retryable: true, now: now) }
    }

    mutating func claim(_ consumer: Consumer, now: Instant) -> MessageID? {
        releaseRetries(now)
        expireLeases(now)
        while true {
            let candidates = entries.indices.filter { index in
                guard entries[index].state == .pending else { return false }
                switch entries[index].recipient {
                case .agent(let name): return name == consumer.name
                case .role(let role): return consumer.roles.contains(role)
                case .broadcast: return false
                }
            }
            guard let best = candidates.min(by: { a, b in
                (-entries[a].priority.rank, entries[a].id) < (-entries[b].priority.rank, entries[b].id)
            }) else { return nil }
            if isExpired(entries[best], now) {
                entries[best].state = .expired
                continue
            }
            entries[best].attempt += 1
            entries[best].state = .inFlight(deadline: now + lease, owner: consumer.name)
            return entries[best].id
        }
    }

    /// Returns whether the acknowledgement is accepted (the first time) or idempotent.
    mutating func acknowledge(_ id: MessageID) -> AcknowledgeOutcome? {
        guard let index = entries.firstIndex(where: { $0.id == id }) else { return nil }
        switch entries[index].state {
        case .inFlight:
            entries[index].state = .acknowledged
            return .acknowledged
        case .acknowledged: return .alreadyAcknowledged
        default: return nil
        }
    }

    mutating func reject(_ id: MessageID, retryable: Bool, now: Instant) -> Bool {
        guard let index = entries.firstIndex(where: { $0.id == id }), case .inFlight = entries[index].state else { return false }
        failAttempt(index, retryable: retryable, now: now)
        return true
    }

    mutating func cancel(_ id: MessageID) -> Bool {
        guard let index = entries.firstIndex(where: { $0.id == id }) else { return false }
        switch entries[index].state {
        case .pending, .retryWait, .inFlight:
            entries[index].state = .cancelled
            return true
        default: return false
        }
    }

    mutating func reprioritize(_ id: MessageID, to priority: Priority) -> Bool {
        guard let index = entries.firstIndex(where: { $0.id == id }) else { return false }
        switch entries[index].state {
        case .pending, .retryWait, .failed:
            entries[index].priority = priority
            return true
        default:
            return false
        }
    }

    mutating func sweep(now: Instant) {
        releaseRetries(now)
        expireLeases(now)
        for index in entries.indices where isExpired(entries[index], now) {
            switch entries[index].state {
            case .pending, .retryWait: entries[index].state = .expired
            default: break
            }
        }
    }
}
