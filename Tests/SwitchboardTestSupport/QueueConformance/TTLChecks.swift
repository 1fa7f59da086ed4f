import SwitchboardCore
import Testing

extension QueueConformance {
    static let ttlChecks: [QueueCheck] = [
        QueueCheck("a message past its time to live is never delivered") { f in
            let stale = try f.send(.critical, ttl: .seconds(5))
            let fresh = try f.send(.low)
            f.clock.advance(by: .seconds(6))
            #expect(try f.claim()?.message.id == fresh)
            #expect(f.status(stale) == .expired)
            #expect(f.queue.counts()[.expired] == 1)
            #expect(f.queue.metrics().expired == 1)
        },
        QueueCheck("the sweep expires messages nobody claims") { f in
            let id = try f.send(ttl: .seconds(5))
            f.clock.advance(by: .seconds(4))
            #expect(try f.queue.sweep().expired == 0)
            f.clock.advance(by: .seconds(2))
            #expect(try f.queue.sweep().expired == 1)
            #expect(f.status(id) == .expired)
        },
        QueueCheck("a message in flight is not expired by its time to live") { f in
            let id = try f.send(ttl: .seconds(5))
            _ = try f.claim(lease: .seconds(60))
            f.clock.advance(by: .seconds(10))
            try f.queue.sweep()
            #expect(f.status(id) == .processing)
            #expect(try f.queue.acknowledge(id) == .acknowledged)
        },
        QueueCheck("a retry is not delivered after the time to live ran out") { f in
            let id = try f.send(ttl: .seconds(5))
            _ = try f.claim()
            f.clock.advance(by: .seconds(6))
            #expect(try f.queue.reject(id, error: "x") == .expired)
            #expect(f.status(id) == .expired)
        },
        QueueCheck("a non-positive time to live is refused") { f in
            #expect(throws: QueueError.invalidMessage("ttl must be positive")) { try f.send(ttl: .zero) }
        },
    ]
}
