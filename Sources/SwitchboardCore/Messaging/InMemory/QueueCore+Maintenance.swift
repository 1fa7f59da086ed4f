extension QueueCore {
    @discardableResult
    mutating func sweep() throws -> SweepReport {
        let now = clock.now()
        var report = SweepReport()
        let retries = releaseRetries(now)
        report.retriesReleased = retries.released
        report.expired += retries.expired
        let leases = expireLeases(now)
        report.leasesExpired = leases.expired
        report.deadLettered = leases.deadLettered
        while let top = ttlTimers.min, top.at <= now.nanosecondsSinceEpoch {
            ttlTimers.popMin()
            guard let slot = liveSlot(MessageID(top.id)) else { continue }
            let status = slots[slot].status
            guard status == .pending || status == .blocked else { continue }
            finish(slot, as: .expired, now: now, reason: "time to live ran out before delivery")
            report.expired += 1
        }
        return report
    }

    @discardableResult
    mutating func purgeDeadLetters(before: Instant?) throws -> Int {
        let now = clock.now()
        var purged = 0
        for slot in slots.indices where slots[slot].id.rawValue != 0 && slots[slot].status == .failed {
            if let before, slots[slot].updatedAt >= before { continue }
            let id = slots[slot].id
            retire(slot, as: .failed, now: now, reason: nil, forget: true)
            if journal != nil {
                journal!.departed[id] = nil
                journal!.purged.insert(id)
            }
            purged += 1
        }
        return purged
    }

    @discardableResult
    mutating func requeueDeadLetters(_ ids: [MessageID]?) throws -> Int {
        let now = clock.now()
        let targets: [Int]
        if let ids {
            targets = try ids.map { id in
                guard let slot = liveSlot(id) else { throw QueueError.unknownMessage(id) }
                guard slots[slot].status == .failed else {
                    throw QueueError.invalidTransition(id, from: slots[slot].status, action: "requeue")
                }
                return slot
            }
        } else {
            targets = slots.indices.filter { slots[$0].id.rawValue != 0 && slots[$0].status == .failed }
        }
        for slot in targets {
            slots[slot].attempt = 0
            setStatus(slot, .pending, now: now)
        }
        return targets.count
    }

    /// Restores messages read back from a store, as they were, with their ids. When
    /// `expireOpenLeases` (a restart: their consumers are gone), each open lease counts as a failed
    /// attempt and its message is delivered again (or dead-lettered when out of attempts);
    /// otherwise (reloading after a failed write) leases keep running. The restored state itself
    /// is not journaled (it is what the store holds); the recovery changes are.
    mutating func restore(
        _ messages: [Message], nextSequence: UInt64, totals: (acknowledged: Int, expired: Int, cancelled: Int),
        expireOpenLeases: Bool
    ) {
        let now = clock.now()
        let journalBefore = journal
        journal = nil
        recorder.acknowledged = totals.acknowledged
        recorder.expired = totals.expired
        recorder.cancelled = totals.cancelled
        self.nextSequence = max(self.nextSequence, nextSequence)
        var inFlight: [Int] = []
        var blockedOnDependencies: [Int] = []
        for var message in messages.sorted(by: { $0.id < $1.id }) where !message.status.isFinal {
            let status = message.status
            let deadline = message.deadline
            message.status = .blocked
            let slot = store(message)
            switch status {
            case .pending, .failed:
                setStatus(slot, status, now: message.updatedAt)
            case .processing, .delivered:
                setStatus(slot, status, now: message.updatedAt)
                slots[slot].deadline = deadline
                leaseTimers.push(TimerEntry(at: deadline.nanosecondsSinceEpoch, id: message.id.rawValue))
                inFlight.append(slot)
            case .blocked where deadline != .distantFuture:
                retryTimers.push(TimerEntry(at: deadline.nanosecondsSinceEpoch, id: message.id.rawValue))
            case .blocked:
                blockedOnDependencies.append(slot)
            default:
                break
            }
        }
        var cancellations: [(slot: Int, reason: String)] = []
        var releases: [Int] = []
        for slot in blockedOnDependencies {
            let id = slots[slot].id
            var unmet = 0
            var cancelReason: String?
            for dependency in slots[slot].dependsOn {
                if let dependencySlot = liveSlot(dependency) {
                    if slots[dependencySlot].status == .failed {
                        cancelReason = "dependency \(dependency) failed"
                    } else {
                        unmet += 1
                        dependents[dependency, default: []].append(id)
                    }
                } else if let outcome = finishedOutcome(dependency), outcome != .acknowledged {
                    cancelReason = "dependency \(dependency) \(outcome.rawValue)"
                }
            }
            if let cancelReason {
                cancellations.append((slot, cancelReason))
            } else if unmet == 0 {
                releases.append(slot)
            } else {
                unmetDependencies[id] = unmet
            }
        }
        journal = journalBefore
        for (slot, reason) in cancellations where slots[slot].status == .blocked {
            finish(slot, as: .cancelled, now: now, reason: reason)
        }
        for slot in releases where slots[slot].status == .blocked { setStatus(slot, .pending, now: now) }
        for slot in inFlight where expireOpenLeases && slots[slot].status.isInFlight {
            let holder = slots[slot].leaseOwner ?? "consumer"
            _ = scheduleRetry(slot, error: "lease expired (held by \(holder) when the engine stopped)", retryable: true, now: now)
        }
    }
}
