@testable import SwitchboardCore
import Testing

@Suite("Queue internals")
struct QueueInternalsTests {
    @Test func minHeapPopsInOrderAndRebuilds() {
        var random = SeededRandom(seed: 5)
        var heap = MinHeap<UInt64>()
        let values = (0..<2000).map { _ in random.next() % 10_000 }
        for value in values { heap.push(value) }
        var popped: [UInt64] = []
        while let value = heap.popMin() { popped.append(value) }
        #expect(popped == values.sorted())
        for value in values { heap.push(value) }
        heap.rebuild { $0 % 2 == 0 }
        var evens: [UInt64] = []
        while let value = heap.popMin() { evens.append(value) }
        #expect(evens == values.filter { $0 % 2 == 0 }.sorted())
    }

    @Test func readyKeysOrderByPriorityThenAge() {
        let urgentOld = ReadyKey.make(rank: 3, id: 10)
        let urgentNew = ReadyKey.make(rank: 3, id: 11)
        let criticalNew = ReadyKey.make(rank: 4, id: 99)
        #expect(criticalNew < urgentOld)
        #expect(urgentOld < urgentNew)
        #expect(ReadyKey.rank(of: urgentNew) == 3)
        #expect(ReadyKey.id(of: urgentNew) == 11)
    }

    @Test func pagedIndexSpansPagesAndForgetsEmptyOnes() {
        var index = PagedSlotIndex()
        for id in UInt64(1)...20_000 { index.set(UInt32(id % 977), for: id) }
        #expect(index.slot(for: 12_345) == UInt32(12_345 % 977))
        #expect(index.slot(for: 20_001) == nil)
        for id in UInt64(1)...15_000 { index.remove(id) }
        #expect(index.slot(for: 100) == nil)
        #expect(index.slot(for: 15_001) == UInt32(15_001 % 977))
        #expect(index.nextOccupiedID(after: 10) == 15_001)
        index.set(7, for: 3)
        #expect(index.slot(for: 3) == 7)
    }

    @Test func nameTableGrowsAndFinds() {
        var table = NameTable()
        for n in 0..<500 { table.set(n, for: "agent-\(n)") }
        #expect(table.count == 500)
        #expect(table.value(for: "agent-321") == 321)
        #expect(table.value(for: "agent-500") == nil)
        table.set(7, for: "agent-321")
        #expect(table.value(for: "agent-321") == 7)
        #expect(table.count == 500)
    }

    @Test("a large backlog reuses slots and keeps its order")
    func largeBacklog() throws {
        let clock = ManualClock()
        let queue = InMemoryMessageQueue(configuration: QueueConfiguration(finishedMessagesKept: 10), clock: clock)
        var random = SeededRandom(seed: 11)
        var expected: [Priority: [MessageID]] = [:]
        for _ in 0..<30_000 {
            let priority = Priority(rank: Int(random.next() % 5))!
            let id = try queue.enqueue(MessageDraft(priority: priority, sender: "s", recipient: .agent("a"))).first
            expected[priority, default: []].append(id)
        }
        var order: [MessageID] = []
        while let delivery = try queue.claim(for: Consumer(name: "a")) {
            order.append(delivery.message.id)
            try queue.acknowledge(delivery.message.id)
        }
        #expect(order == Priority.servingOrder.flatMap { expected[$0] ?? [] })
        #expect(queue.counts()[.acknowledged] == 30_000)
        // Finished messages forgotten by memory still answer for idempotent acknowledgements.
        #expect(try queue.acknowledge(order[0]) == .alreadyAcknowledged)
        #expect(queue.core.slots.count <= 30_000)
        let second = try queue.enqueue(MessageDraft(sender: "s", recipient: .agent("a"))).first
        #expect(queue.message(second)?.status == .pending)
    }
}
