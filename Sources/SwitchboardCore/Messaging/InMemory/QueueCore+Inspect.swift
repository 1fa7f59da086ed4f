extension QueueCore {
    func message(_ id: MessageID) -> Message? {
        if let slot = liveSlot(id) { return slots[slot] }
        return finishedRing.message(id) ?? finishedLookup?(id)
    }

    /// Live messages and the finished ones still kept in memory, matching, by ascending id.
    func list(_ filter: MessageFilter, page: PageRequest) -> [Message] {
        var matches: [Message] = []
        let wantsLive = filter.statuses.map { $0.contains(where: { !$0.isFinal }) } ?? true
        let wantsFinished = filter.statuses.map { $0.contains(where: \.isFinal) } ?? true
        if wantsLive {
            for slot in slots.indices where slots[slot].id.rawValue != 0 && filter.matches(slots[slot]) { matches.append(slots[slot]) }
        }
        if wantsFinished {
            for message in finishedRing.all where filter.matches(message) { matches.append(message) }
        }
        matches.sort { $0.id < $1.id }
        guard page.offset < matches.count else { return [] }
        let end = page.limit >= matches.count - page.offset ? matches.count : page.offset + page.limit
        return Array(matches[page.offset..<end])
    }

    func counts() -> QueueCounts {
        var byStatus: [MessageStatus: Int] = [:]
        for status in MessageStatus.allCases where !status.isFinal {
            byStatus[status] = liveStatusCounts[status.ordinal]
        }
        byStatus[.acknowledged] = recorder.acknowledged
        byStatus[.expired] = recorder.expired
        byStatus[.cancelled] = recorder.cancelled
        var byPriority: [Priority: Int] = [:]
        for priority in Priority.allCases { byPriority[priority] = pendingByPriority[priority.rank] }
        return QueueCounts(byStatus: byStatus, pendingByPriority: byPriority)
    }

    mutating func metrics() -> QueueMetricsSnapshot {
        let now = clock.now()
        var snapshot = QueueMetricsSnapshot(queue: configuration.name)
        snapshot.enqueued = recorder.enqueued
        snapshot.claimed = recorder.claimed
        snapshot.acknowledged = recorder.acknowledged
        snapshot.retried = recorder.retried
        snapshot.deadLettered = recorder.deadLettered
        snapshot.expired = recorder.expired
        snapshot.cancelled = recorder.cancelled
        for priority in Priority.allCases { snapshot.depthByPriority[priority] = pendingByPriority[priority.rank] }
        snapshot.blocked = liveStatusCounts[MessageStatus.blocked.ordinal]
        snapshot.inFlight = inFlightCount
        snapshot.deadLetters = liveStatusCounts[MessageStatus.failed.ordinal]
        if let oldest = oldestPendingMessage() { snapshot.oldestPendingAge = (now - oldest.createdAt).seconds }
        snapshot.enqueuedPerSecond = recorder.enqueueRate.rate(at: now)
        snapshot.acknowledgedPerSecond = recorder.acknowledgeRate.rate(at: now)
        snapshot.wait = recorder.wait.summary
        snapshot.service = recorder.service.summary
        return snapshot
    }

    /// The pending message enqueued first. The hint only moves forward here and back when a
    /// message becomes pending, so the scan is amortised over the ids it passes once.
    mutating func oldestPendingMessage() -> Message? {
        guard pendingCount > 0 else {
            oldestPendingHint = .max
            return nil
        }
        var id = oldestPendingHint
        while id < nextSequence {
            if let slot = slotIndex.slot(for: id), slots[Int(slot)].status == .pending {
                oldestPendingHint = id
                return slots[Int(slot)]
            }
            id = slotIndex.nextOccupiedID(after: id) ?? nextSequence
        }
        oldestPendingHint = .max
        return nil
    }

    /// Per-second counts of enqueues and acknowledgements over the last `seconds`, oldest first.
    mutating func rateSeries(seconds: Int) -> (enqueued: [Int], acknowledged: [Int]) {
        let now = clock.now()
        return (recorder.enqueueRate.series(at: now, count: seconds), recorder.acknowledgeRate.series(at: now, count: seconds))
    }
}
