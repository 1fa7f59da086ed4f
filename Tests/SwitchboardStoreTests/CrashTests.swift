import Foundation
import GRDB
import SwitchboardCore
import SwitchboardTestSupport
import Testing

/// SIGKILLs a real process that enqueues, claims and acknowledges continuously, again and
/// again, then checks the store against what the process reported as committed.
@Suite("Crash safety")
struct CrashTests {
    static let kills = 24

    @Test("nothing acknowledged or enqueued is lost across repeated SIGKILLs, nothing is acknowledged twice")
    func survivesRepeatedKills() throws {
        let folder = TemporaryFolder()
        let db = folder.file("crash.sqlite")
        var random = SeededRandom(seed: UInt64(Date().timeIntervalSince1970))
        var logs: [String] = []
        for round in 0..<Self.kills {
            let log = folder.file("round-\(round).out")
            let pid = try ProcessRunner.spawn(
                TestBinary.switchboard, ["stress", "--db", db, "--seed", String(round)], stdoutPath: log,
                stderrPath: folder.file("round-\(round).err"))
            usleep(UInt32(150_000 + random.next() % 350_000))
            kill(pid, SIGKILL)
            #expect(ProcessRunner.wait(for: pid, timeout: 10) == 128 + SIGKILL)
            logs.append(log)
        }
        // One clean start recovers what was in flight at the last kill.
        let recovery = try ProcessRunner.switchboard(["stress", "--db", db, "--seconds", "0"])
        #expect(recovery.status == 0, "\(recovery.stderr)")

        var enqueued = Set<UInt64>()
        var acknowledged: [UInt64: Int] = [:]
        for log in logs {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            // The last line may be cut by the kill; only whole lines count.
            for line in text.split(separator: "\n", omittingEmptySubsequences: true) where text.contains(line + "\n") {
                let parts = line.split(separator: " ")
                guard parts.count == 2, let id = UInt64(parts[1]) else { continue }
                if parts[0] == "E" { enqueued.insert(id) }
                if parts[0] == "A" { acknowledged[id, default: 0] += 1 }
            }
        }
        #expect(enqueued.count > 500, "the stress process did too little work to test anything")
        #expect(acknowledged.count > 200)

        let twice = acknowledged.filter { $0.value > 1 }.map(\.key)
        #expect(twice.isEmpty, "acknowledged more than once: \(twice.prefix(10))")

        let queue = try DatabaseQueue(path: db)
        let statuses = try queue.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, status FROM messages").map {
                (UInt64($0["id"] as Int64), $0["status"] as String)
            })
        }
        let integrity = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])
        let missing = enqueued.filter { statuses[$0] == nil }
        #expect(missing.isEmpty, "enqueued but missing: \(missing.prefix(10))")
        let allowed: Set<String> = ["acknowledged", "pending", "blocked", "failed"]
        let wrong = enqueued.compactMap { id in statuses[id].flatMap { allowed.contains($0) ? nil : "\(id): \($0)" } }
        #expect(wrong.isEmpty, "in a state a recovered queue cannot have: \(wrong.prefix(10))")
        let lostAcknowledgements = acknowledged.keys.filter { statuses[$0] != "acknowledged" }
        #expect(lostAcknowledgements.isEmpty, "acknowledged, then not: \(lostAcknowledgements.prefix(10))")
    }
}
