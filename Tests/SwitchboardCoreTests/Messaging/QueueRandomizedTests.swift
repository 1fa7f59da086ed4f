import SwitchboardCore
import SwitchboardTestSupport
import Testing

/// Long random sequences of operations against the queue and the reference model. After every
/// step: the same answers, the same status for every message (nothing lost), counts that add
/// up, and no message acknowledged twice.
@Suite("InMemoryMessageQueue against a reference model")
struct QueueRandomizedTests {
    static let seeds: [UInt64] = Array(1...40)

    @Test(arguments: seeds)
    func agreesWithTheModel(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let clock = ManualClock()
        let lease = Duration.seconds(5)
        let configuration = QueueConfiguration(
            defaultLease: lease, retryPolicy: RetryPolicy(baseDelay: .zero, maxRetries: 2), finishedMessagesKept: 100_000)
        let queue = InMemoryMessageQueue(configuration: configuration, clock: clock)
        var model = QueueReferenceModel(lease: lease)
        let agents = ["a", "b", "c"]
        let roles = ["r1", "r2"]
        var acknowledged = Set<MessageID>()
        var ids: [MessageID] = []

        for step in 0..<1500 {
            let now = clock.now()
            let roll = random.nextUnit()
            func anyID() -> MessageID? { ids.isEmpty ? nil : ids[Int(random.next() % UInt64(ids.count))] }

            if roll < 0.35 {
                let priority = Priority(rank: Int(random.next() % 5))!
                let recipient: Recipient =
                    random.chance(0.7) ? .agent(agents[Int(random.next() % 3)]) : .role(roles[Int(random.next() % 2)])
                let ttl: Duration? = random.chance(0.3) ? .seconds(Int64(2 + random.next() % 18)) : nil
                let id = try queue.enqueue(MessageDraft(priority: priority, sender: "p", recipient: recipient, ttl: ttl)).first
                model.enqueue(id: id, priority: priority, recipient: recipient, maxAttempts: 3, expiresAt: ttl.map { now + $0 })
                ids.append(id)
            } else if roll < 0.60 {
                let name = agents[Int(random.next() % 3)]
                let consumer = Consumer(name: name, roles: random.chance(0.5) ? [roles[Int(random.next() % 2)]] : [])
                let got = try queue.claim(for: consumer)?.message.id
                let expected = model.claim(consumer, now: now)
                #expect(got == expected, "seed \(seed) step \(step): claim for \(consumer)")
            } else if roll < 0.72 {
                guard let id = anyID() else { continue }
                let expected = model.acknowledge(id)
                let got = try? queue.acknowledge(id)
                #expect(got == expected, "seed \(seed) step \(step): acknowledge \(id)")
                if got == .acknowledged {
                    #expect(!acknowledged.contains(id), "seed \(seed) step \(step): \(id) acknowledged twice")
                    acknowledged.insert(id)
                }
            } else if roll < 0.80 {
                guard let id = anyID() else { continue }
                let retryable = random.chance(0.8)
                let accepted = model.reject(id, retryable: retryable, now: now)
                let got = (try? queue.reject(id, error: "e", retryable: retryable)) != nil
                #expect(got == accepted, "seed \(seed) step \(step): reject \(id)")
            } else if roll < 0.84 {
                guard let id = anyID() else { continue }
                let accepted = model.cancel(id)
                let got = (try? queue.cancel(id, reason: "c")) != nil
                #expect(got == accepted, "seed \(seed) step \(step): cancel \(id)")
            } else if roll < 0.88 {
                guard let id = anyID() else { continue }
                let priority = Priority(rank: Int(random.next() % 5))!
                let accepted = model.reprioritize(id, to: priority)
                let got = (try? queue.reprioritize(id, to: priority)) != nil
                #expect(got == accepted, "seed \(seed) step \(step): reprioritize \(id)")
            } else if roll < 0.92 {
                try queue.sweep()
                model.sweep(now: now)
            } else {
                clock.advance(by: .milliseconds(Int64(random.next() % 3000)))
            }

            let statuses = model.publicStatuses
            if step % 10 == 0 {
                let lost = ids.filter { queue.message($0)?.status != statuses[$0] }
                #expect(lost.isEmpty, "seed \(seed) step \(step): statuses differ for \(lost)")
            }
            let counts = queue.counts()
            #expect(MessageStatus.allCases.map { counts[$0] }.reduce(0, +) == ids.count, "seed \(seed) step \(step): counts")
            let modelCounts = Dictionary(grouping: statuses.values, by: { $0 }).mapValues(\.count)
            let countMismatches = MessageStatus.allCases.filter { counts[$0] != modelCounts[$0, default: 0] }
            #expect(countMismatches.isEmpty, "seed \(seed) step \(step): counts differ for \(countMismatches)")
            let pendingByPriority = Dictionary(grouping: model.entries.filter { $0.state == .pending }, by: \.priority)
            let priorityMismatches = Priority.allCases.filter { counts[$0] != (pendingByPriority[$0]?.count ?? 0) }
            #expect(priorityMismatches.isEmpty, "seed \(seed) step \(step): pending counts differ for \(priorityMismatches)")
        }
    }
}
