import SwitchboardCore
import Testing

extension QueueConformance {
    static let leaseChecks: [QueueCheck] = [
        QueueCheck("a claim leases the message for the default visibility timeout") { f in
            let id = try f.send()
            let delivery = try #require(try f.claim())
            #expect(delivery.message.id == id)
            #expect(delivery.message.status == .processing)
            #expect(delivery.message.attempt == 1)
            #expect(delivery.leaseExpiresAt == f.clock.now() + .seconds(30))
            #expect(try f.claim() == nil)
        },
        QueueCheck("an expired lease counts as a failed attempt and redelivers") { f in
            let id = try f.send()
            _ = try f.claim(lease: .seconds(5))
            f.clock.advance(by: .seconds(6))
            try f.queue.sweep()
            let waiting = try #require(f.queue.message(id))
            #expect(waiting.status == .blocked)
            #expect(waiting.lastError?.hasPrefix("lease expired") == true)
            f.clock.advance(by: .seconds(2))
            let again = try #require(try f.claim())
            #expect(again.message.id == id)
            #expect(again.message.attempt == 2)
            #expect(f.queue.metrics().retried == 1)
        },
        QueueCheck("a claim also notices expired leases without a sweep") { f in
            let id = try f.send()
            _ = try f.claim(lease: .seconds(1))
            f.clock.advance(by: .seconds(10))
            _ = try f.claim()
            f.clock.advance(by: .seconds(10))
            #expect(try f.claim()?.message.id == id)
        },
        QueueCheck("extending a lease keeps the message with its consumer") { f in
            let id = try f.send()
            _ = try f.claim(lease: .seconds(5))
            f.clock.advance(by: .seconds(4))
            let expiry = try f.queue.extendLease(id, by: .seconds(5))
            #expect(expiry == f.clock.now() + .seconds(5))
            f.clock.advance(by: .seconds(4))
            try f.queue.sweep()
            #expect(f.status(id) == .processing)
            #expect(try f.queue.acknowledge(id) == .acknowledged)
        },
        QueueCheck("acknowledging twice counts once") { f in
            let id = try f.send()
            _ = try f.claim()
            #expect(try f.queue.acknowledge(id) == .acknowledged)
            #expect(try f.queue.acknowledge(id) == .alreadyAcknowledged)
            #expect(f.queue.counts()[.acknowledged] == 1)
            #expect(f.queue.metrics().acknowledged == 1)
            #expect(f.status(id) == .acknowledged)
        },
        QueueCheck("only the lease holder may acknowledge") { f in
            let id = try f.send(to: .role("r"))
            _ = try f.claim("holder", roles: ["r"])
            #expect(throws: QueueError.notLeaseHolder(id, holder: "holder", caller: "intruder")) {
                try f.queue.acknowledge(id, by: "intruder")
            }
            #expect(try f.queue.acknowledge(id, by: "holder") == .acknowledged)
        },
        QueueCheck("acknowledging after the lease expired is refused") { f in
            let id = try f.send()
            _ = try f.claim(lease: .seconds(1))
            f.clock.advance(by: .seconds(2))
            try f.queue.sweep()
            #expect(throws: QueueError.leaseExpired(id)) { try f.queue.acknowledge(id) }
        },
        QueueCheck("a delivered message is still leased and can be acknowledged") { f in
            let id = try f.send()
            _ = try f.claim()
            try f.queue.markDelivered(id)
            #expect(f.status(id) == .delivered)
            #expect(f.queue.counts()[.delivered] == 1)
            #expect(try f.queue.acknowledge(id) == .acknowledged)
        },
        QueueCheck("an unclaimed message cannot be acknowledged") { f in
            let id = try f.send()
            #expect(throws: QueueError.invalidTransition(id, from: .pending, action: "acknowledge")) {
                try f.queue.acknowledge(id)
            }
            #expect(throws: QueueError.unknownMessage(MessageID(999))) { try f.queue.acknowledge(MessageID(999)) }
        },
        QueueCheck("a lease that expires on the last attempt dead-letters the message") { f in
            let id = try f.send(retry: RetryPolicy(baseDelay: .seconds(1), maxRetries: 1))
            _ = try f.claim(lease: .seconds(1))
            f.clock.advance(by: .seconds(2))
            try f.queue.sweep()
            f.clock.advance(by: .seconds(2))
            _ = try #require(try f.claim(lease: .seconds(1)))
            f.clock.advance(by: .seconds(2))
            let report = try f.queue.sweep()
            #expect(report.deadLettered == 1)
            #expect(f.status(id) == .failed)
        },
    ]
}
