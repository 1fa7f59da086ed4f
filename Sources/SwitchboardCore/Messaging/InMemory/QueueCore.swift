/// The state and rules of an in-memory queue, as one value.
///
/// Messages live in a slab of slots (an array with a free list) found through a paged id
/// index; pending messages are ordered in one binary heap per recipient (agent or role) keyed by
/// priority and sequence; retries, leases and times to live are timer heaps. All heaps use lazy
/// deletion. Enqueue and claim are O(log n) in the number of pending messages of the recipients
/// involved, with a million pending messages as with ten.
///
/// It is a struct so that an operation on it is one exclusive access, not one per field; the
/// class `InMemoryMessageQueue` owns one and forwards to it.
struct QueueCore {
    let configuration: QueueConfiguration
    let defaultLeaseNanoseconds: Int64
    let clock: any Clock
    var random: SeededRandom

    // Storage.
    let slots = MessageSlab()
    var freeSlots: ContiguousArray<UInt32> = []
    var slotIndex = PagedSlotIndex()
    /// The id the next enqueued message gets.
    var nextSequence: UInt64 = 1

    // Ordering.
    var readyHeaps: ContiguousArray<MinHeap<ReadyEntry>> = []
    var readyEntries = 0
    var agentHeaps = NameTable()
    var roleHeaps = NameTable(seed: 0x9E37_79B9_7F4A_7C15)
    var retryTimers = MinHeap<TimerEntry>()
    var leaseTimers = MinHeap<TimerEntry>()
    var ttlTimers = MinHeap<TimerEntry>()
    var ttlLive = 0
    /// No pending message has an id below this; see `oldestPendingMessage`.
    var oldestPendingHint: UInt64 = .max

    // Dependencies: how many prerequisites each blocked message still waits for, and who waits
    // on each message.
    var unmetDependencies: [MessageID: Int] = [:]
    var dependents: [MessageID: [MessageID]] = [:]

    // Consumers known for broadcasts, in registration order.
    var consumerOrder: [String] = []
    var consumersByName: [String: Consumer] = [:]

    // Counts and measurements.
    var liveStatusCounts = [Int](repeating: 0, count: 8)
    var pendingByPriority = [Int](repeating: 0, count: 5)
    var recorder = QueueMetricsRecorder()
    var finishedRing: FinishedRing
    var ledger = OutcomeLedger()

    /// When set, every change is recorded here for a durable store to write.
    var journal: MessageJournal?
    /// Where a durable queue looks up finished messages that memory has forgotten.
    var finishedLookup: ((MessageID) -> Message?)?

    static let vacant = Message(id: MessageID(0), sender: "", recipient: .broadcast, createdAt: .epoch)

    init(configuration: QueueConfiguration, clock: any Clock) {
        self.configuration = configuration
        defaultLeaseNanoseconds = configuration.defaultLease.nanoseconds
        self.clock = clock
        random = SeededRandom(seed: configuration.seed)
        finishedRing = FinishedRing(capacity: configuration.finishedMessagesKept)
    }

    // MARK: Consumers

    mutating func register(_ consumer: Consumer) {
        if consumersByName[consumer.name] == nil { consumerOrder.append(consumer.name) }
        consumersByName[consumer.name] = consumer
    }

    mutating func unregister(consumerNamed name: String) {
        guard consumersByName.removeValue(forKey: name) != nil else { return }
        consumerOrder.removeAll { $0 == name }
    }

    var consumers: [Consumer] { consumerOrder.compactMap { consumersByName[$0] } }

    // MARK: Slots

    @inline(__always)
    func liveSlot(_ id: MessageID) -> Int? {
        guard let slot = slotIndex.slot(for: id.rawValue) else { return nil }
        return Int(slot)
    }

    /// Puts a message into a free slot. The caller sets up its ordering afterwards.
    @inline(__always)
    mutating func store(_ message: consuming Message) -> Int {
        let id = message.id
        let status = message.status
        let expiry = message.expiresAt
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = Int(free)
            slots.replace(slot, with: message)
        } else {
            slot = slots.append(message)
        }
        slotIndex.set(UInt32(slot), for: id.rawValue)
        liveStatusCounts[status.ordinal] += 1
        if let expiry {
            ttlLive += 1
            ttlTimers.push(TimerEntry(at: expiry.nanosecondsSinceEpoch, id: id.rawValue))
            compactTTLTimersIfNeeded()
        }
        return slot
    }

    @inline(__always)
    mutating func touch(_ id: MessageID) {
        if journal != nil { journal!.touched.append(id) }
    }

    // MARK: Status changes

    /// Moves a live message to another live status, keeping counts and orderings right.
    @inline(__always)
    mutating func setStatus(_ slot: Int, _ status: MessageStatus, now: Instant) {
        let old = slots[slot].status
        guard old != status else { return }
        liveStatusCounts[old.ordinal] -= 1
        liveStatusCounts[status.ordinal] += 1
        if old == .pending { pendingByPriority[slots[slot].priority.rank] -= 1 }
        slots[slot].status = status
        slots[slot].updatedAt = now
        if status == .pending { makeReady(slot) }
        touch(slots[slot].id)
    }

    /// Enters a pending message into the ready heap of its recipient.
    @inline(__always)
    mutating func makeReady(_ slot: Int) {
        slots[slot].deadline = .distantFuture
        slots[slot].leaseOwner = nil
        let id = slots[slot].id
        let rank = slots[slot].priority.rank
        pendingByPriority[rank] += 1
        pushReady(slot: slot, id: id, rank: rank, heap: heap(for: slots[slot].recipient))
        if id.rawValue < oldestPendingHint { oldestPendingHint = id.rawValue }
    }

    /// The ready heap of a recipient, created on first use.
    @inline(__always)
    mutating func heap(for recipient: Recipient) -> Int {
        switch recipient {
        case .agent(let name):
            if let existing = agentHeaps.value(for: name) { return existing }
            agentHeaps.set(readyHeaps.count, for: name)
        case .role(let role):
            if let existing = roleHeaps.value(for: role) { return existing }
            roleHeaps.set(readyHeaps.count, for: role)
        case .broadcast:
            preconditionFailure("broadcasts are copied per consumer before they reach a ready heap")
        }
        readyHeaps.append(MinHeap())
        return readyHeaps.count - 1
    }

    @inline(__always)
    mutating func pushReady(slot: Int, id: MessageID, rank: Int, heap: Int) {
        readyHeaps[heap].push(ReadyEntry(key: ReadyKey.make(rank: rank, id: id.rawValue), slot: UInt32(slot)))
        readyEntries += 1
        if readyEntries > 2 * pendingCount + 4096 { compactReadyHeaps() }
    }

    var pendingCount: Int { liveStatusCounts[MessageStatus.pending.ordinal] }
    var inFlightCount: Int {
        liveStatusCounts[MessageStatus.processing.ordinal] + liveStatusCounts[MessageStatus.delivered.ordinal]
    }

    /// Removes a message from memory with a final status, without touching its dependents.
    /// It stays visible in the ring of finished messages unless `forget` (a purge).
    mutating func retire(_ slot: Int, as status: MessageStatus, now: Instant, reason: String?, forget: Bool = false) {
        let oldStatus = slots[slot].status
        liveStatusCounts[oldStatus.ordinal] -= 1
        if oldStatus == .pending { pendingByPriority[slots[slot].priority.rank] -= 1 }
        if slots[slot].hasTTL { ttlLive -= 1 }
        slots[slot].status = status
        slots[slot].updatedAt = now
        if let reason { slots[slot].lastError = reason }
        slots[slot].deadline = .distantFuture
        switch status {
        case .acknowledged: recorder.acknowledged += 1
        case .expired: recorder.expired += 1
        case .cancelled: recorder.cancelled += 1
        default: break
        }
        let id = slots[slot].id
        ledger.record(id, status)
        if journal != nil {
            journal!.touched.append(id)
            journal!.departed[id] = slots[slot]
        }
        let message = slots.take(slot, leaving: Self.vacant)
        if !forget { finishedRing.append(message) }
        freeSlots.append(UInt32(slot))
        slotIndex.remove(id.rawValue)
        if !unmetDependencies.isEmpty { unmetDependencies.removeValue(forKey: id) }
    }

    /// Retires a message and settles everything that depends on it.
    mutating func finish(_ slot: Int, as status: MessageStatus, now: Instant, reason: String? = nil) {
        let id = slots[slot].id
        retire(slot, as: status, now: now, reason: reason)
        if !dependents.isEmpty { settleDependents(of: id, outcome: status, now: now) }
    }

    /// Dead-letters a live message: it stays in memory (it can be requeued) as `failed`.
    mutating func deadLetter(_ slot: Int, now: Instant, error: String) {
        slots[slot].lastError = error
        setStatus(slot, .failed, now: now)
        slots[slot].deadline = .distantFuture
        recorder.deadLettered += 1
        if !dependents.isEmpty { settleDependents(of: slots[slot].id, outcome: .failed, now: now) }
    }

    /// Releases dependents of an acknowledged message, or cancels them (recursively) when the
    /// message failed, expired or was cancelled.
    mutating func settleDependents(of id: MessageID, outcome: MessageStatus, now: Instant) {
        var work: [(MessageID, MessageStatus)] = [(id, outcome)]
        while let (finishedID, finishedOutcome) = work.popLast() {
            guard let waiting = dependents.removeValue(forKey: finishedID) else { continue }
            for dependent in waiting {
                guard let slot = liveSlot(dependent), slots[slot].status == .blocked,
                      let unmet = unmetDependencies[dependent] else { continue }
                if finishedOutcome == .acknowledged {
                    if unmet <= 1 {
                        unmetDependencies.removeValue(forKey: dependent)
                        setStatus(slot, .pending, now: now)
                    } else {
                        unmetDependencies[dependent] = unmet - 1
                    }
                } else {
                    retire(slot, as: .cancelled, now: now, reason: "dependency \(finishedID) \(finishedOutcome.rawValue)")
                    work.append((dependent, .cancelled))
                }
            }
        }
    }

    /// What became of a message that is no longer in memory, if anyone knows.
    func finishedOutcome(_ id: MessageID) -> MessageStatus? {
        if let outcome = ledger.outcome(id) { return outcome }
        return finishedLookup?(id)?.status
    }

    // MARK: Compaction of lazily deleted heap entries


    static func isLeaseTimerValid(_ entry: TimerEntry, slots: MessageSlab, index: PagedSlotIndex) -> Bool {
        guard let slot = index.slot(for: entry.id) else { return false }
        return slots[Int(slot)].status.isInFlight && slots[Int(slot)].deadline.nanosecondsSinceEpoch == entry.at
    }

    static func isRetryTimerValid(_ entry: TimerEntry, slots: MessageSlab, index: PagedSlotIndex) -> Bool {
        guard let slot = index.slot(for: entry.id) else { return false }
        return slots[Int(slot)].status == .blocked && slots[Int(slot)].deadline.nanosecondsSinceEpoch == entry.at
    }

    mutating func compactReadyHeaps() {
        let slots = slots
        readyEntries = 0
        for heap in readyHeaps.indices {
            readyHeaps[heap].rebuild { Self.isReadyEntryValid($0, slots: slots) }
            readyEntries += readyHeaps[heap].count
        }
    }

    mutating func compactTTLTimersIfNeeded() {
        guard ttlTimers.count > 2 * ttlLive + 4096 else { return }
        let index = slotIndex
        ttlTimers.rebuild { entry in index.slot(for: entry.id) != nil }
    }

    mutating func compactLeaseTimersIfNeeded() {
        guard leaseTimers.count > 2 * inFlightCount + 4096 else { return }
        let slots = slots
        let index = slotIndex
        leaseTimers.rebuild { Self.isLeaseTimerValid($0, slots: slots, index: index) }
    }

    mutating func compactRetryTimersIfNeeded() {
        guard retryTimers.count > 2 * liveStatusCounts[MessageStatus.blocked.ordinal] + 4096 else { return }
        let slots = slots
        let index = slotIndex
        retryTimers.rebuild { Self.isRetryTimerValid($0, slots: slots, index: index) }
    }

    /// A ready-heap entry is current while its slot still holds that message, pending, at that
    /// priority. Claim reads the message next anyway, so the check costs no extra cache miss.
    @inline(__always)
    static func isReadyEntryValid(_ entry: ReadyEntry, slots: MessageSlab) -> Bool {
        let message = UnsafePointer(slots.base + Int(entry.slot))
        return message.pointee.id.rawValue == ReadyKey.id(of: entry.key) && message.pointee.status == .pending
            && message.pointee.priority.rank == ReadyKey.rank(of: entry.key)
    }

    @inline(__always)
    func isReadyEntryValid(_ entry: ReadyEntry) -> Bool { Self.isReadyEntryValid(entry, slots: slots) }
    func isLeaseTimerValid(_ entry: TimerEntry) -> Bool { Self.isLeaseTimerValid(entry, slots: slots, index: slotIndex) }
    func isRetryTimerValid(_ entry: TimerEntry) -> Bool { Self.isRetryTimerValid(entry, slots: slots, index: slotIndex) }
}
