extension QueueCore {
    @discardableResult
    mutating func enqueue(_ draft: MessageDraft) throws -> MessageIDs {
        // The common case, one message without batch references, skips the batch machinery.
        if draft.recipient != .broadcast, !draft.dependsOn.contains(where: { if case .draft = $0 { true } else { false } }) {
            let plan = try dependencyPlan(for: draft, batchIDs: [])
            try validate(draft)
            let id = MessageID(nextSequence)
            nextSequence += 1
            insert(draft, id: id, recipient: draft.recipient, plan: plan, now: clock.now())
            return MessageIDs(first: id, count: 1)
        }
        return try enqueue(batch: [draft])[0]
    }

    @discardableResult
    mutating func enqueue(batch drafts: [MessageDraft]) throws -> [MessageIDs] {
        // Everything is checked before anything changes, so a batch goes in whole or not at all.
        for draft in drafts { try validate(draft) }
        let order = try creationOrder(drafts)
        let broadcastTargets = consumerOrder
        var batchIDs: [MessageIDs] = []
        var next = nextSequence
        for draft in drafts {
            let copies = draft.recipient == .broadcast ? broadcastTargets.count : 1
            if draft.recipient == .broadcast, copies == 0 { throw QueueError.noRecipients }
            batchIDs.append(MessageIDs(first: MessageID(next), count: copies))
            next += UInt64(copies)
        }
        var plans: [DependencyPlan] = []
        for draft in drafts { plans.append(try dependencyPlan(for: draft, batchIDs: batchIDs)) }

        let now = clock.now()
        nextSequence = next
        for position in order {
            let draft = drafts[position]
            let ids = batchIDs[position]
            for (copy, id) in ids.enumerated() {
                let recipient = draft.recipient == .broadcast ? Recipient.agent(broadcastTargets[copy]) : draft.recipient
                insert(draft, id: id, recipient: recipient, plan: plans[position], now: now)
            }
        }
        return batchIDs
    }

    /// How a new message relates to what it depends on: the ids it must wait for, or the
    /// reason it is cancelled at once because a dependency already did not succeed.
    struct DependencyPlan {
        var all: [MessageID] = []
        var waitFor: [MessageID] = []
        var cancelReason: String?
    }

    func validate(_ draft: MessageDraft) throws {
        if let ttl = draft.ttl, ttl <= .zero { throw QueueError.invalidMessage("ttl must be positive") }
        if case .agent(let name) = draft.recipient, name.isEmpty { throw QueueError.invalidMessage("empty agent name") }
        if case .role(let role) = draft.recipient, role.isEmpty { throw QueueError.invalidMessage("empty role") }
    }

    func dependencyPlan(for draft: MessageDraft, batchIDs: [MessageIDs]) throws -> DependencyPlan {
        var plan = DependencyPlan()
        for reference in draft.dependsOn {
            switch reference {
            case .draft(let position):
                guard batchIDs.indices.contains(position) else {
                    throw QueueError.invalidDependency("draft \(position) is not part of this batch")
                }
                plan.waitFor.append(contentsOf: batchIDs[position])
                plan.all.append(contentsOf: batchIDs[position])
            case .id(let id):
                plan.all.append(id)
                if let slot = liveSlot(id) {
                    if slots[slot].status == .failed {
                        plan.cancelReason = plan.cancelReason ?? "dependency \(id) failed"
                    } else {
                        plan.waitFor.append(id)
                    }
                } else if let outcome = finishedOutcome(id) {
                    if outcome != .acknowledged {
                        plan.cancelReason = plan.cancelReason ?? "dependency \(id) \(outcome.rawValue)"
                    }
                } else {
                    throw QueueError.unknownDependency(id)
                }
            }
        }
        return plan
    }

    /// The drafts in an order where each comes after the drafts it depends on; refuses cycles.
    func creationOrder(_ drafts: [MessageDraft]) throws -> [Int] {
        var edges = [[Int]](repeating: [], count: drafts.count)
        var hasBatchEdges = false
        for (position, draft) in drafts.enumerated() {
            for case .draft(let other) in draft.dependsOn {
                guard drafts.indices.contains(other) else {
                    throw QueueError.invalidDependency("draft \(other) is not part of this batch")
                }
                edges[position].append(other)
                hasBatchEdges = true
            }
        }
        guard hasBatchEdges else { return Array(drafts.indices) }
        if let cycle = findCycle(edges) { throw QueueError.dependencyCycle(cycle) }
        return topologicalOrder(edges)
    }

    /// Stores a new message as `blocked`, then moves it to where its dependencies put it:
    /// pending, still blocked, or cancelled.
    mutating func insert(_ draft: MessageDraft, id: MessageID, recipient: Recipient, plan: DependencyPlan, now: Instant) {
        let slot = store(
            Message(
                id: id, kind: draft.kind, priority: draft.priority, status: .blocked, sender: draft.sender,
                recipient: recipient, body: draft.body, tags: draft.tags, metadata: draft.metadata, createdAt: now,
                ttl: draft.ttl, maxAttempts: (draft.retryPolicy ?? configuration.retryPolicy).maxAttempts,
                dependsOn: plan.all, correlationID: draft.correlationID, retryPolicy: draft.retryPolicy))
        recorder.enqueued += 1
        recorder.enqueueRate.record(at: now)
        if let reason = plan.cancelReason {
            retire(slot, as: .cancelled, now: now, reason: reason)
        } else if plan.waitFor.isEmpty {
            setStatus(slot, .pending, now: now)
        } else {
            touch(id)
            unmetDependencies[id] = plan.waitFor.count
            for dependency in plan.waitFor { dependents[dependency, default: []].append(id) }
        }
    }
}
