import Foundation
import GRDB
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore
import SwitchboardTestSupport
import Synchronization
import Testing

@Suite("Engine host")
struct EngineHostTests {
    let folder = TemporaryFolder()
    var path: String { folder.file("engine.sqlite") }

    @Test("with no engine running, a command is applied by a short-lived one")
    func offlineCommand() throws {
        let store = try Store.open(path: path)
        let outcome = try EngineHost.send(.submit([TaskSpec(title: "x")]), to: store, clock: SystemClock())
        #expect(outcome.accepted)
        let id = try #require(outcome.tasks.first)
        let task = try store.read { db in try TaskQueries.task(id, db) }
        #expect(task?.status == .queued)
        #expect(!WriterLock.isHeld(for: path))
    }

    @Test("only one engine per store")
    func singleWriter() throws {
        let store = try Store.open(path: path)
        let host = try EngineHost.open(store: store, clock: SystemClock())
        #expect(WriterLock.isHeld(for: path))
        #expect(throws: EngineHostError.alreadyRunning(path: path)) { try EngineHost.open(store: try Store.open(path: path), clock: SystemClock()) }
        host.close()
        #expect(!WriterLock.isHeld(for: path))
    }

    @Test("with an engine running, a command written by another connection is applied within its next tick")
    func onlineCommand() throws {
        let store = try Store.open(path: path)
        let host = try EngineHost.open(store: store, clock: SystemClock())
        let loop = EngineLoop(host: host, tickInterval: .seconds(5), onEffects: { _ in })
        loop.start()
        defer {
            loop.stop()
            host.close()
        }
        let client = try Store.open(path: path)
        let started = ContinuousClock.now
        let outcome = try EngineHost.send(.submit([TaskSpec(title: "online")]), to: client, clock: SystemClock())
        let elapsed = ContinuousClock.now - started
        #expect(outcome.accepted)
        // The loop ticks only every 5 s on its own: the store's change monitor woke it.
        #expect(elapsed < .seconds(1), "took \(elapsed)")
        let id = try #require(outcome.tasks.first)
        #expect(loop.withHost { $0.engine.task(id)?.title } == "online")
    }

    @Test("a restarted engine puts running tasks back with the attempt counted, durably")
    func restartRecovers() throws {
        let id: TaskID
        do {
            let host = try EngineHost.open(store: try Store.open(path: path), clock: SystemClock())
            host.engine.register(pool: PoolRecord(name: "p", tasksPerAgent: 1))
            host.handle(.started(agent: "a", pool: "p", pid: nil))
            host.handle(.hello(agent: "a", capabilities: [], role: nil, protocolVersion: 1))
            host.engine.enqueue(.submit([TaskSpec(title: "long")]), actor: .cli)
            try host.step()
            id = try #require(host.engine.allTasks.first?.id)
            #expect(host.engine.task(id)?.status == .running)
            host.close()
        }
        let host = try EngineHost.open(store: try Store.open(path: path), clock: SystemClock())
        defer { host.close() }
        #expect(host.engine.task(id)?.status == .pending)
        #expect(host.engine.task(id)?.attempts == 1)
        let stored = try host.store.read { db in try TaskQueries.task(id, db) }
        #expect(stored?.status == .pending)
        let history = try host.store.read { db in try TaskQueries.history(of: id, db) }
        #expect(history.contains { $0.reason.contains("the engine stopped while it ran on a") })
    }

    @Test("a failed commit keeps the step's changes in memory and writes them once the disk has room")
    func failedCommitIsWrittenLater() throws {
        let host = try EngineHost.open(store: try Store.open(path: path), clock: SystemClock())
        defer { host.close() }
        try host.store.write { db in try db.execute(sql: "CREATE TABLE filler (data BLOB)") }
        let pages = try host.store.read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") } ?? 0
        try host.store.setMaximumPageCount(pages)
        let big = JSONValue.string(String(repeating: "x", count: 200_000))
        host.engine.enqueue(.submit([TaskSpec(title: "big", payload: big)]), actor: .dashboard)
        #expect(throws: StoreError.self) { try host.step() }
        #expect(host.engine.taskCount == 1, "the engine carries on in memory")
        #expect(host.hasUnwrittenChanges)
        #expect(try host.store.read { db in try TaskQueries.counts(db) }.values.reduce(0, +) == 0, "nothing of the failed step is in the store")
        try host.store.setMaximumPageCount(nil)
        try host.step()
        #expect(!host.hasUnwrittenChanges)
        let stored = try host.store.read { db in try TaskQueries.matching(TaskFilter(), db) }
        #expect(stored.map(\.title) == ["big"], "the dashboard's command from the failed step sticks")
        let client = try Store.open(path: path)
        let id = try client.write { db in try CommandRows.insert(.submit([TaskSpec(title: "after")]), by: .cli, at: SystemClock().now(), db) }
        try host.step()
        #expect(try client.read { db in try CommandRows.outcome(id: id, db) }?.accepted == true)
    }
}
