import GRDB
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

@Suite("Engine state in the store")
struct EngineStateTests {
    @Test("tasks, history, queues and pools written by a tick read back the same")
    func roundTrip() throws {
        let folder = TemporaryFolder()
        let store = try Store.open(path: folder.file("s.sqlite"))
        let h = EngineHarness()
        h.addAgent("a", capabilities: ["x"])
        let ids = h.submit([
            TaskSpec(title: "build", payload: ["n": 1], command: ["make", "-j4"], capabilities: ["x"], priority: .high, tags: ["ci"], timeout: .seconds(30), localName: "b"),
            TaskSpec(title: "test", dependencies: [.init(.local("b"), condition: .anyOutcome)], deadline: h.clock.now() + .seconds(600), maxAttempts: 2),
        ])
        h.engine.execute(.pauseQueue("ci"), actor: .cli)
        h.tick()
        h.engine.handle(.progress(agent: "a", task: ids[0], percent: 40, note: "compiling"))
        let changes = h.engine.takeChanges()
        try store.write { db in try EngineRows.write(changes, at: h.clock.now(), db) }

        let state = try store.read { db in try EngineRows.loadState(db) }
        let byID = Dictionary(uniqueKeysWithValues: state.tasks.map { ($0.id, $0) })
        for id in ids { #expect(byID[id] == h.engine.task(id), "\(id)") }
        #expect(state.queues.contains(QueueSettings(name: "ci", paused: true)))
        #expect(state.pools.map(\.name) == ["default"])
        #expect(state.agents.first?.name == "a")
        let history = try store.read { db in try TaskQueries.history(of: ids[0], db) }
        #expect(history == h.history(ids[0]))
    }

    @Test("commands wait as rows until the engine writes their outcome")
    func commandRows() throws {
        let folder = TemporaryFolder()
        let store = try Store.open(path: folder.file("s.sqlite"))
        let now = Instant(secondsSinceEpoch: 1000)
        let id = try store.write { db in try CommandRows.insert(.reprioritize(.id(TaskID("t-1234")), .urgent), by: .cli, at: now, db) }
        try store.write { db in try db.execute(sql: "INSERT INTO commands (created_at, issued_by, body) VALUES (0, 'cli', 'not json')") }
        let (pending, unreadable) = try store.read { db in try CommandRows.pending(after: 0, db) }
        #expect(pending.map(\.id) == [id])
        #expect(pending.first?.command == .reprioritize(.id(TaskID("t-1234")), .urgent))
        #expect(pending.first?.issuedBy == .cli)
        #expect(unreadable.count == 1)
        #expect(try store.read { db in try CommandRows.outcome(id: id, db) } == nil)
        try store.write { db in try CommandRows.writeOutcome(id: id, CommandOutcome(accepted: true, message: "ok", tasks: [TaskID("t-1234")]), at: now, db) }
        #expect(try store.read { db in try CommandRows.outcome(id: id, db) }?.tasks == [TaskID("t-1234")])
        #expect(try store.read { db in try CommandRows.pending(after: 0, db) }.commands.isEmpty)
    }
}
