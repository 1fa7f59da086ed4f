extension QueueCore {
    /// The slot of a message that is in flight, checking the caller holds its lease.
    func inFlightSlot(_ id: MessageID, action: String, consumer: String?) throws -> Int {
        guard let slot = liveSlot(id) else {
            if let outcome = finishedOutcome(id) {
                throw QueueError.invalidTransition(id, from: outcome, action: action)
            }
            throw QueueError.unknownMessage(id)
        }
        let message = slots[slot]
        guard message.status.isInFlight else { throw notInFlight(message, action: action) }
        if let consumer, let holder = message.leaseOwner, holder != consumer {
            throw QueueError.notLeaseHolder(id, holder: holder, caller: consumer)
        }
        return slot
    }

    /// Why a message that is not in flight cannot be settled: its lease ran out and it is
    /// waiting for redelivery, or it is in some other state.
    func notInFlight(_ message: Message, action: String) -> QueueError {
        if message.status == .pending || message.status == .blocked, message.attempt > 0,
           message.lastError?.hasPrefix("lease expired") == true {
            return .leaseExpired(message.id)
        }
        return .invalidTransition(message.id, from: message.status, action: action)
    }

    mutating func markDelivered(_ id: MessageID) throws {
        let slot = try inFlightSlot(id, action: "mark delivered", consumer: nil)
        let deadline = slots[slot].deadline
        setStatus(slot, .delivered, now: clock.now())
        slots[slot].deadline = deadline
    }

    @discardableResult
    mutating func acknowledge(_ id: MessageID, by consumer: String?) throws -> AcknowledgeOutcome {
        guard let slot = liveSlot(id) else {
            if finishedOutcome(id) == .acknowledged { return .alreadyAcknowledged }
            if let outcome = finishedOutcome(id) {
                throw QueueError.invalidTransition(id, from: outcome, action: "acknowledge")
            }
            throw QueueError.unknownMessage(id)
        }
        guard slots[slot].status.isInFlight else { throw notInFlight(slots[slot], action: "acknowledge") }
        if let consumer, let holder = slots[slot].leaseOwner, holder != consumer {
            throw QueueError.notLeaseHolder(id, holder: holder, caller: consumer)
        }
        let now = clock.now()
        recorder.service.record(nanoseconds: now.nanoseconds(since: slots[slot].updatedAt))
        recorder.acknowledgeRate.record(at: now)
        finish(slot, as: .acknowledged, now: now)
        return .acknowledged
    }

    @discardableResult
    mutating func reject(_ id: MessageID, error: String, retryable: Bool, by consumer: String?) throws -> RejectOutcome {
        let slot = try inFlightSlot(id, action: "reject", consumer: consumer)
        return scheduleRetry(slot, error: error, retryable: retryable, now: clock.now())
    }

    @discardableResult
    mutating func extendLease(_ id: MessageID, by lease: Duration?, consumer: String?) throws -> Instant {
        let slot = try inFlightSlot(id, action: "extend the lease of", consumer: consumer)
        let deadline = Instant(nanosecondsSinceEpoch: clock.now().nanosecondsSinceEpoch &+ (lease?.nanoseconds ?? defaultLeaseNanoseconds))
        slots[slot].deadline = deadline
        leaseTimers.push(TimerEntry(at: deadline.nanosecondsSinceEpoch, id: id.rawValue))
        compactLeaseTimersIfNeeded()
        touch(id)
        return deadline
    }

    mutating func cancel(_ id: MessageID, reason: String) throws {
        guard let slot = liveSlot(id) else {
            if let outcome = finishedOutcome(id) { throw QueueError.invalidTransition(id, from: outcome, action: "cancel") }
            throw QueueError.unknownMessage(id)
        }
        guard slots[slot].status != .failed else {
            throw QueueError.invalidTransition(id, from: .failed, action: "cancel (purge dead letters instead)")
        }
        finish(slot, as: .cancelled, now: clock.now(), reason: reason)
    }

    mutating func reprioritize(_ id: MessageID, to priority: Priority) throws {
        guard let slot = liveSlot(id) else {
            if let outcome = finishedOutcome(id) { throw QueueError.invalidTransition(id, from: outcome, action: "reprioritise") }
            throw QueueError.unknownMessage(id)
        }
        let message = slots[slot]
        switch message.status {
        case .pending, .blocked, .failed:
            guard message.priority != priority else { return }
        default:
            throw QueueError.invalidTransition(id, from: message.status, action: "reprioritise")
        }
        switch message.status {
        case .pending:
            pendingByPriority[message.priority.rank] -= 1
            pendingByPriority[priority.rank] += 1
            slots[slot].priority = priority
            pushReady(slot: slot, id: id, rank: priority.rank, heap: heap(for: message.recipient))
        default:
            slots[slot].priority = priority
        }
        touch(id)
    }
}
