import Foundation
import GRDB
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

@Suite("Persistence")
struct PersistenceTests {
    let folder = TemporaryFolder()
    var path: String { folder.file("store.sqlite") }

    func reopen(_ clock: ManualClock, configuration: QueueConfiguration = QueueConfiguration(name: "messages")) throws -> PersistentMessageQueue {
        try PersistentMessageQueue(store: try Store.open(path: path), configuration: configuration, clock: clock)
    }

    @Test("what was committed is there after reopening, with its counters")
    func survivesReopening() throws {
        let clock = ManualClock()
        var ids: [MessageID] = []
        do {
            let queue = try reopen(clock)
            for priority in Priority.allCases {
                ids.append(try queue.enqueue(MessageDraft(priority: priority, sender: "s", recipient: .agent("a"), tags: ["t"], metadata: ["k": "v"])).first)
            }
            let first = try #require(try queue.claim(for: Consumer(name: "a")))
            try queue.acknowledge(first.message.id)
            try queue.cancel(ids[0], reason: "not needed")
        }
        let queue = try reopen(clock)
        #expect(queue.counts()[.acknowledged] == 1)
        #expect(queue.counts()[.cancelled] == 1)
        #expect(queue.counts()[.pending] == 3)
        #expect(queue.message(ids[4])?.status == .acknowledged)
        #expect(queue.message(ids[1])?.tags == ["t"])
        #expect(queue.message(ids[1])?.metadata == ["k": "v"])
        // New ids continue after the old ones.
        let next = try queue.enqueue(MessageDraft(sender: "s", recipient: .agent("a"))).first
        #expect(next > ids.max()!)
        #expect(try queue.claim(for: Consumer(name: "a"))?.message.id == ids[3])
    }

    @Test("a message in flight when the process stopped is delivered again, its attempt counted")
    func redeliversWhatWasInFlight() throws {
        let clock = ManualClock()
        let id: MessageID
        do {
            let queue = try reopen(clock)
            id = try queue.enqueue(MessageDraft(sender: "s", recipient: .agent("a"))).first
            let delivery = try #require(try queue.claim(for: Consumer(name: "a")))
            #expect(delivery.message.attempt == 1)
        }
        let queue = try reopen(clock)
        let restored = try #require(queue.message(id))
        #expect(restored.status == .blocked)
        #expect(restored.lastError?.contains("lease expired") == true)
        clock.advance(by: .seconds(2))
        let again = try #require(try queue.claim(for: Consumer(name: "a")))
        #expect(again.message.id == id)
        #expect(again.message.attempt == 2)
    }

    @Test("a batch is one commit: all of it or none of it is on disk")
    func batchesCommitTogether() throws {
        let clock = ManualClock()
        let queue = try reopen(clock)
        let store = queue.store
        let before = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") }
        try queue.batch {
            for _ in 0..<10 { try queue.enqueue(MessageDraft(sender: "s", recipient: .agent("a"))) }
            let during = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") }
            #expect(during == before)
        }
        let after = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") }
        #expect(after == (before ?? 0) + 10)
    }

    @Test("dependencies and dead letters survive reopening")
    func dependenciesSurvive() throws {
        let clock = ManualClock()
        let (root, dependent, dead): (MessageID, MessageID, MessageID)
        do {
            let queue = try reopen(clock)
            root = try queue.enqueue(MessageDraft(sender: "s", recipient: .agent("a"))).first
            dependent = try queue.enqueue(MessageDraft(sender: "s", recipient: .agent("a"), dependsOn: [.id(root)])).first
            dead = try queue.enqueue(MessageDraft(sender: "s", recipient: .agent("b"), retryPolicy: RetryPolicy(maxRetries: 0))).first
            _ = try queue.claim(for: Consumer(name: "b"))
            try queue.reject(dead, error: "fatal")
        }
        let queue = try reopen(clock)
        #expect(queue.message(dependent)?.status == .blocked)
        #expect(queue.message(dead)?.status == .failed)
        #expect(queue.message(dead)?.retryPolicy == RetryPolicy(maxRetries: 0))
        _ = try queue.claim(for: Consumer(name: "a"))
        try queue.acknowledge(root)
        #expect(queue.message(dependent)?.status == .pending)
        #expect(try queue.requeueDeadLetters(nil) == 1)
    }

    @Test("the file is created private to its owner (mode 0600)")
    func fileIsPrivate() throws {
        _ = try Store.open(path: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("store check summarises a sound store")
    func storeCheckSummarises() throws {
        let queue = try reopen(ManualClock())
        try queue.enqueue(MessageDraft(sender: "s", recipient: .agent("a")))
        let result = try ProcessRunner.switchboard(["store", "check", "--db", path, "--json"])
        #expect(result.status == 0)
        let summary = try JSONParser.parse(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(summary["messages"]?["pending"] == 1)
    }
}
