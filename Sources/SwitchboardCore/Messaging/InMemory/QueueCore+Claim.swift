extension QueueCore {
    mutating func claim(for consumer: Consumer, lease: Duration?) throws -> Delivery? {
        let now = clock.now()
        releaseDueTimers(now)
        let agentHeap = agentHeaps.value(for: consumer.name)
        while true {
            var bestHeap = -1
            var best = ReadyEntry(key: .max, slot: 0)
            if let heap = agentHeap, let entry = validTop(of: heap) {
                bestHeap = heap
                best = entry
            }
            for role in consumer.roles {
                if let heap = roleHeaps.value(for: role), let entry = validTop(of: heap), entry.key < best.key {
                    bestHeap = heap
                    best = entry
                }
            }
            guard bestHeap >= 0 else { return nil }
            readyHeaps[bestHeap].popMin()
            readyEntries -= 1
            let slot = Int(best.slot)
            if slots[slot].isExpired(at: now) {
                finish(slot, as: .expired, now: now, reason: "time to live ran out before delivery")
                continue
            }
            return grantLease(slot, to: consumer.name, forNanoseconds: lease?.nanoseconds ?? defaultLeaseNanoseconds, now: now)
        }
    }

    /// The smallest valid key of a ready heap, dropping stale entries on the way.
    @inline(__always)
    mutating func validTop(of heap: Int) -> ReadyEntry? {
        while let entry = readyHeaps[heap].min {
            if isReadyEntryValid(entry) { return entry }
            readyHeaps[heap].popMin()
            readyEntries -= 1
        }
        return nil
    }

    @inline(__always)
    mutating func grantLease(_ slot: Int, to consumer: String, forNanoseconds duration: Int64, now: Instant) -> Delivery {
        let waitedSince = slots[slot].updatedAt
        setStatus(slot, .processing, now: now)
        let deadline = Instant(nanosecondsSinceEpoch: now.nanosecondsSinceEpoch &+ duration)
        slots[slot].attempt += 1
        slots[slot].leaseOwner = consumer
        slots[slot].deadline = deadline
        leaseTimers.push(TimerEntry(at: deadline.nanosecondsSinceEpoch, id: slots[slot].id.rawValue))
        compactLeaseTimersIfNeeded()
        recorder.claimed += 1
        recorder.wait.record(nanoseconds: now.nanoseconds(since: waitedSince))
        return Delivery(message: slots[slot], leaseExpiresAt: deadline)
    }

    /// Releases retries whose delay is over and expires leases that ran out. Cheap when
    /// nothing is due: two comparisons.
    @inline(__always)
    mutating func releaseDueTimers(_ now: Instant) {
        let nowNanos = now.nanosecondsSinceEpoch
        if let top = retryTimers.min, top.at <= nowNanos { _ = releaseRetries(now) }
        if let top = leaseTimers.min, top.at <= nowNanos { _ = expireLeases(now) }
    }

    mutating func releaseRetries(_ now: Instant) -> (released: Int, expired: Int) {
        var released = 0
        var expired = 0
        while let top = retryTimers.min, top.at <= now.nanosecondsSinceEpoch {
            retryTimers.popMin()
            guard isRetryTimerValid(top), let slot = liveSlot(MessageID(top.id)) else { continue }
            if slots[slot].isExpired(at: now) {
                finish(slot, as: .expired, now: now, reason: "time to live ran out before redelivery")
                expired += 1
            } else {
                setStatus(slot, .pending, now: now)
                released += 1
            }
        }
        return (released, expired)
    }

    /// An expired lease is a failed attempt: the message is retried (after backoff) or, when
    /// its attempts are used up, dead-lettered.
    mutating func expireLeases(_ now: Instant) -> (expired: Int, deadLettered: Int) {
        var expired = 0
        var deadLettered = 0
        while let top = leaseTimers.min, top.at <= now.nanosecondsSinceEpoch {
            leaseTimers.popMin()
            guard isLeaseTimerValid(top), let slot = liveSlot(MessageID(top.id)) else { continue }
            expired += 1
            let holder = slots[slot].leaseOwner ?? "consumer"
            if case .deadLettered = scheduleRetry(slot, error: "lease expired (held by \(holder))", retryable: true, now: now) {
                deadLettered += 1
            }
        }
        return (expired, deadLettered)
    }

    /// Ends an attempt that did not succeed: back off and retry, expire, or dead-letter.
    mutating func scheduleRetry(_ slot: Int, error: String, retryable: Bool, now: Instant) -> RejectOutcome {
        slots[slot].lastError = error
        guard retryable, slots[slot].attempt < slots[slot].maxAttempts else {
            deadLetter(slot, now: now, error: error)
            return .deadLettered
        }
        if slots[slot].isExpired(at: now) {
            finish(slot, as: .expired, now: now, reason: "time to live ran out after: \(error)")
            return .expired
        }
        let policy = slots[slot].retryPolicy ?? configuration.retryPolicy
        let due = now + policy.delay(afterAttempt: slots[slot].attempt, random: &random)
        setStatus(slot, .blocked, now: now)
        slots[slot].leaseOwner = nil
        slots[slot].deadline = due
        retryTimers.push(TimerEntry(at: due.nanosecondsSinceEpoch, id: slots[slot].id.rawValue))
        compactRetryTimersIfNeeded()
        recorder.retried += 1
        return .retryScheduled(at: due)
    }
}
