import SwitchboardCore
import Testing

extension QueueConformance {
    static let orderingChecks: [QueueCheck] = [
        QueueCheck("highest priority is claimed first") { f in
            let low = try f.send(.low)
            let critical = try f.send(.critical)
            let normal = try f.send(.normal)
            let urgent = try f.send(.urgent)
            let high = try f.send(.high)
            let order = try (0..<5).map { _ in try #require(try f.claim()).message.id }
            #expect(order == [critical, urgent, high, normal, low])
            #expect(try f.claim() == nil)
        },
        QueueCheck("within a priority the oldest is claimed first") { f in
            let ids = try (0..<20).map { _ in try f.send(.high) }
            let order = try (0..<20).map { _ in try #require(try f.claim()).message.id }
            #expect(order == ids)
        },
        QueueCheck("ids increase in enqueue order") { f in
            let ids = try (0..<10).map { n in try f.send(Priority(rank: n % 5)!) }
            #expect(ids == ids.sorted())
            #expect(Set(ids).count == 10)
        },
        QueueCheck("reprioritising a pending message moves it in the order") { f in
            let first = try f.send(.normal)
            let second = try f.send(.normal)
            try f.queue.reprioritize(second, to: .critical)
            #expect(try f.claim()?.message.id == second)
            #expect(try f.claim()?.message.id == first)
            #expect(f.queue.message(second)?.priority == .critical)
        },
        QueueCheck("lowering a priority moves a message behind others") { f in
            let first = try f.send(.high)
            let second = try f.send(.high)
            try f.queue.reprioritize(first, to: .low)
            #expect(try f.claim()?.message.id == second)
            #expect(try f.claim()?.message.id == first)
        },
        QueueCheck("a claimed message cannot be reprioritised") { f in
            let id = try f.send()
            _ = try f.claim()
            #expect(throws: QueueError.invalidTransition(id, from: .processing, action: "reprioritise")) {
                try f.queue.reprioritize(id, to: .critical)
            }
        },
        QueueCheck("counts by priority follow reprioritisation") { f in
            let id = try f.send(.low)
            try f.send(.low)
            try f.queue.reprioritize(id, to: .urgent)
            let counts = f.queue.counts()
            #expect(counts[.low] == 1)
            #expect(counts[.urgent] == 1)
            #expect(counts[.pending] == 2)
        },
    ]
}
