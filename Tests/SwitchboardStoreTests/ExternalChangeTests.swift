import Foundation
import GRDB
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Synchronization
import Testing

@Suite("Changes from other processes")
struct ExternalChangeTests {
    @Test("a commit by another process is noticed within 50 ms, and own commits are not")
    func noticesOtherWriters() throws {
        let folder = TemporaryFolder()
        let path = folder.file("store.sqlite")
        let store = try Store.open(path: path)
        let noticed = Mutex<[ContinuousClock.Instant]>([])
        let monitor = ExternalChangeMonitor(store: store, interval: .milliseconds(10)) {
            noticed.withLock { $0.append(.now) }
        }
        defer { monitor.stop() }
        usleep(100_000)
        // The engine's own commits do not count.
        try store.write { db in try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('own', 'x')") }
        usleep(100_000)
        #expect(noticed.withLock { $0.isEmpty })
        // Another process commits a command row.
        let written = ContinuousClock.now
        let result = try ProcessRunner.run(
            "/usr/bin/sqlite3", [path, "INSERT INTO commands (created_at, issued_by, body) VALUES (0, 'cli', '{}');"])
        #expect(result.status == 0, "\(result.stderr)")
        let deadline = ContinuousClock.now + .seconds(2)
        while noticed.withLock({ $0.isEmpty }), ContinuousClock.now < deadline { usleep(2_000) }
        let first = try #require(noticed.withLock { $0.first })
        // The insert itself takes a few milliseconds (sqlite3 starting); the monitor adds at most one interval.
        #expect(first - written < .milliseconds(50) + .milliseconds(40))
    }
}
