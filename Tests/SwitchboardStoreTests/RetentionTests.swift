import Foundation
import GRDB
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

@Suite("Retention")
struct RetentionTests {
    @Test("finished messages go after 24 hours, dead letters after 7 days, in small batches")
    func prunesByAge() throws {
        let folder = TemporaryFolder()
        let clock = ManualClock()
        let queue = try PersistentMessageQueue(store: try Store.open(path: folder.file("s.sqlite")), clock: clock)
        var acknowledged: [MessageID] = []
        for _ in 0..<30 {
            let id = try queue.enqueue(MessageDraft(sender: "s", recipient: .agent("a"))).first
            _ = try queue.claim(for: Consumer(name: "a"))
            try queue.acknowledge(id)
            acknowledged.append(id)
        }
        let dead = try queue.enqueue(MessageDraft(sender: "s", recipient: .agent("b"), retryPolicy: RetryPolicy(maxRetries: 0))).first
        _ = try queue.claim(for: Consumer(name: "b"))
        try queue.reject(dead, error: "x")
        let waiting = try queue.enqueue(MessageDraft(sender: "s", recipient: .agent("c"))).first
        let policy = RetentionPolicy(batchSize: 10)

        clock.advance(by: .seconds(23 * 3600))
        #expect(try queue.applyRetention(policy, now: clock.now()) == 0)
        clock.advance(by: .seconds(2 * 3600))
        #expect(try queue.applyRetention(policy, now: clock.now()) == 10)
        #expect(try queue.applyRetention(policy, now: clock.now()) == 10)
        #expect(try queue.applyRetention(policy, now: clock.now()) == 10)
        let rows = try queue.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") }
        #expect(rows == 2)
        #expect(queue.message(dead)?.status == .failed)
        #expect(queue.message(waiting)?.status == .pending)

        clock.advance(by: .seconds(7 * 24 * 3600))
        #expect(try queue.applyRetention(policy, now: clock.now()) == 1)
        #expect(queue.message(dead) == nil)
        #expect(queue.message(waiting)?.status == .pending)
    }

    @Test("under a steady load with retention the file stops growing")
    func fileDoesNotGrowWithoutBound() throws {
        let folder = TemporaryFolder()
        let clock = ManualClock()
        let store = try Store.open(path: folder.file("steady.sqlite"))
        let queue = try PersistentMessageQueue(store: store, clock: clock)
        let policy = RetentionPolicy(finished: .seconds(60), batchSize: 2000, vacuumPages: 1000)
        let body = MessageBody(bytes: [UInt8](repeating: 1, count: 200))
        func minute() throws {
            for _ in 0..<20 {
                try queue.batch {
                    for _ in 0..<100 {
                        let id = try queue.enqueue(MessageDraft(sender: "s", recipient: .agent("a"), body: body)).first
                        _ = try queue.claim(for: Consumer(name: "a"))
                        try queue.acknowledge(id)
                    }
                }
                clock.advance(by: .seconds(3))
                try queue.applyRetention(policy, now: clock.now())
            }
            try store.checkpoint()
        }
        for _ in 0..<3 { try minute() }
        let settled = store.bytesOnDisk
        for _ in 0..<6 { try minute() }
        let later = store.bytesOnDisk
        #expect(later <= settled + settled / 5, "grew from \(settled) to \(later) bytes")
        let rows = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") } ?? 0
        #expect(rows <= 2 * 2000 + 2000)
    }
}
