import Foundation
import GRDB
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Every way a store can be unusable ends in one clear line naming the file, never a crash.
@Suite("Store errors")
struct StoreErrorTests {
    let folder = TemporaryFolder()

    func expectError(_ path: String, contains phrase: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try Store.open(path: path)
            Issue.record("opening \(path) should have failed", sourceLocation: sourceLocation)
        } catch {
            #expect(error.description.contains(path), sourceLocation: sourceLocation)
            #expect(error.description.contains(phrase), "\(error.description)", sourceLocation: sourceLocation)
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
        }
    }

    func expectCLIError(_ path: String, contains phrase: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try ProcessRunner.switchboard(["store", "check", "--db", path])
        #expect(result.status != 0, sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(phrase), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func aFileThatIsNotADatabase() throws {
        let path = folder.file("garbage.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31) })))
        expectError(path, contains: "is not a Switchboard store")
        try expectCLIError(path, contains: "is not a Switchboard store")
    }

    @Test func aDamagedDatabase() throws {
        let path = folder.file("damaged.sqlite")
        do {
            let queue = try PersistentMessageQueue(store: try Store.open(path: path), clock: ManualClock())
            try queue.batch {
                for n in 0..<2000 {
                    try queue.enqueue(MessageDraft(sender: "s", recipient: .agent("a"), body: MessageBody(bytes: Array("body \(n)".utf8))))
                }
            }
            try queue.store.checkpoint()
        }
        // Overwrite pages in the middle of the file, keeping the header intact.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: 8192)
        handle.write(Data(repeating: 0xA5, count: 40_000))
        try handle.close()
        expectError(path, contains: "is damaged")
        try expectCLIError(path, contains: "is damaged")
    }

    @Test func aStoreFromANewerSwitchboard() throws {
        let path = folder.file("newer.sqlite")
        _ = try Store.open(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try queue.close()
        expectError(path, contains: "newer Switchboard")
        try expectCLIError(path, contains: "newer Switchboard")
    }

    @Test func aStoreLockedByAnotherProcess() throws {
        let path = folder.file("locked.sqlite")
        try Store.open(path: path).close()
        // sqlite3 (another process) takes an exclusive lock and holds it for a while.
        let holderOutput = folder.file("holder.out")
        let release = folder.file("release")
        // The other process holds the lock until the test creates the release file.
        let holder = try ProcessRunner.spawn(
            "/usr/bin/sqlite3", [path],
            stdinPath: try writeScript(
                "PRAGMA journal_mode=DELETE; BEGIN EXCLUSIVE; SELECT 'holding';\n.shell while [ ! -e \(release) ]; do sleep 0.05; done\nCOMMIT;\n"),
            stdoutPath: holderOutput, stderrPath: folder.file("holder.err"))
        defer {
            _ = FileManager.default.createFile(atPath: release, contents: nil)
            _ = ProcessRunner.wait(for: holder, timeout: 30)
        }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !((try? String(contentsOfFile: holderOutput, encoding: .utf8)) ?? "").contains("holding") {
            usleep(20_000)
        }
        #expect(((try? String(contentsOfFile: holderOutput, encoding: .utf8)) ?? "").contains("holding"), "the other process never took the lock: \((try? String(contentsOfFile: folder.file("holder.err"), encoding: .utf8)) ?? "")")
        try expectCLIError(path, contains: "is locked by another process")
    }

    @Test func aReadOnlyStore() throws {
        let path = folder.file("readonly.sqlite")
        _ = try Store.open(path: path)
        if getuid() == 0 {
            // Root may write anything; run the check as an unprivileged user instead.
            chmod(folder.path, 0o755)
            chmod(path, 0o644)
            let result = try ProcessRunner.run(
                "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", TestBinary.switchboard, "store", "check", "--db", path])
            #expect(result.status != 0)
            #expect(result.stderr.contains("is read-only"), "stderr: \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        } else {
            chmod(path, 0o400)
            expectError(path, contains: "is read-only")
            try expectCLIError(path, contains: "is read-only")
        }
    }

    @Test func aFullDiskFailsTheWriteAndLosesNothing() throws {
        let path = folder.file("full.sqlite")
        let clock = ManualClock()
        let queue = try PersistentMessageQueue(store: try Store.open(path: path), clock: clock)
        var committed: [MessageID] = []
        for _ in 0..<50 { committed.append(try queue.enqueue(MessageDraft(sender: "s", recipient: .agent("a"))).first) }
        let pages = try queue.store.read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") } ?? 0
        try queue.store.setMaximumPageCount(pages + 2)
        var failure: (any Error)?
        let big = MessageBody(bytes: [UInt8](repeating: 7, count: 64 * 1024))
        for _ in 0..<100 {
            do {
                try queue.enqueue(MessageDraft(sender: "s", recipient: .agent("a"), body: big))
            } catch {
                failure = error
                break
            }
        }
        let error = try #require(failure as? QueueError)
        #expect(error.description.contains("is full"), "\(error)")
        #expect(error.description.contains(path))
        // Memory went back to what the disk holds: nothing committed is lost, nothing uncommitted is claimed.
        for id in committed { #expect(queue.message(id)?.status == .pending) }
        let onDisk = try queue.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") } ?? 0
        #expect(queue.counts()[.pending] == onDisk)
        // Space returns: writes work again.
        try queue.store.setMaximumPageCount(nil)
        let after = try queue.enqueue(MessageDraft(sender: "s", recipient: .agent("a"), body: big)).first
        #expect(queue.message(after)?.status == .pending)
        let reopened = try PersistentMessageQueue(store: try Store.open(path: path), clock: clock)
        #expect(reopened.message(after)?.status == .pending)
        for id in committed { #expect(reopened.message(id)?.status == .pending) }
    }

    private func writeScript(_ text: String) throws -> String {
        let path = folder.file("script-\(UUID().uuidString.prefix(6)).sql")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
