import Foundation
import GRDB
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Rows of the `commands` table written by anything — an older CLI, a script, a damaged disk —
/// are refused when the engine cannot apply them, and the engine carries on with the next.
@Suite("Poisoned commands")
struct PoisonedCommandTests {
    let folder = TemporaryFolder()
    var path: String { folder.file("poison.sqlite") }

    /// Bodies no engine can apply: each was (or would have been) a crash.
    static let poisons: [String] = [
        #"{"op":"submit","tasks":[{"title":"x","deadline":"9999-12-31T23:59:59.999Z"}]}"#,
        #"{"op":"submit","tasks":[{"title":"x","deadline":"2300-01-01T00:00:00Z"}]}"#,
        #"{"op":"submit","tasks":[{"title":"x","timeout":1e300}]}"#,
        #"{"op":"submit","tasks":[{"title":"x","timeout":9223372036.9}]}"#,
        #"{"op":"submit","tasks":[{"title":"a\u0000b"}]}"#,
        #"{"op":"submit","tasks":[{"title":"x","maxAttempts":-5}]}"#,
        #"{"op":"send","message":{"recipient":"all","correlationId":-1}}"#,
        #"{"op":"send","message":{"recipient":"Agent-1","ttl":1e300}}"#,
        #"{"op":"scale","pool":"p","min":-9223372036854775808}"#,
        #"{"op":"replicas","pool":"p","delta":-9223372036854775808}"#,
        #"{"op":"nonsense"}"#,
        "not json at all",
        "",
    ]

    func insert(_ body: String, into store: Store) throws -> Int64 {
        try store.write { db in
            try db.execute(sql: "INSERT INTO commands (created_at, issued_by, body) VALUES (0, 'cli', ?)", arguments: [body])
            return db.lastInsertedRowID
        }
    }

    func status(of id: Int64, in store: Store) throws -> String? {
        try store.read { db in try String.fetchOne(db, sql: "SELECT status FROM commands WHERE id = ?", arguments: [id]) }
    }

    @Test("each poisoned row is refused with a reason; the good command after them is applied")
    func refusedAndCarriesOn() throws {
        let store = try Store.open(path: path)
        var poisoned: [Int64] = []
        for body in Self.poisons { poisoned.append(try insert(body, into: store)) }
        // Not text at all: a blob of bytes, NUL included.
        poisoned.append(try store.write { db in
            try db.execute(sql: "INSERT INTO commands (created_at, issued_by, body) VALUES (0, 'cli', x'00ff00')")
            return db.lastInsertedRowID
        })
        let good = try insert(OperatorCommand.submit([TaskSpec(title: "the good one")]).json.jsonText, into: store)

        let unusable = try store.read { db in try CommandRows.unusable(db) }
        #expect(Set(unusable.map(\.id)) == Set(poisoned), "store check lists exactly the poisoned rows")

        let host = try EngineHost.open(store: store, clock: SystemClock())
        defer { host.close() }
        try host.step()
        for id in poisoned {
            #expect(try status(of: id, in: store) == "refused", "row \(id)")
            let outcome = try store.read { db in try CommandRows.outcome(id: id, db) }
            #expect(outcome?.message.isEmpty == false)
        }
        #expect(try status(of: good, in: store) == "applied")
        let titles = try store.read { db in try TaskQueries.matching(TaskFilter(), db) }.map(\.title)
        #expect(titles == ["the good one"])
        #expect(try store.read { db in try CommandRows.unusable(db) }.isEmpty)
    }

    @Test("a short-lived engine (a CLI command) on a poisoned store refuses the row and applies its own command")
    func cliOnPoisonedStore() throws {
        let store = try Store.open(path: path)
        let poisoned = try insert(Self.poisons[0], into: store)
        let outcome = try EngineHost.send(.submit([TaskSpec(title: "mine")]), to: store, clock: SystemClock())
        #expect(outcome.accepted, "\(outcome.message)")
        #expect(try status(of: poisoned, in: store) == "refused")
    }
}
