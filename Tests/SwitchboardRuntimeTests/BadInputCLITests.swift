import Foundation
import GRDB
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Bad input through the real binary: exit 64, one line on stderr, and nothing stored — the
/// task list and the commands table are the same before and after.
@Suite("Bad input through the CLI")
struct BadInputCLITests {
    let folder = TemporaryFolder()
    var db: String { folder.file("bad.sqlite") }

    func run(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.switchboard(arguments + ["--db", db])
    }

    /// What must not change: the tasks as `tasks --json` lists them, and every commands row.
    func snapshot() throws -> (tasks: String, commands: [String]) {
        let tasks = try run(["tasks", "--json"])
        let store = try Store.open(path: db)
        let commands = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT id, status, body FROM commands ORDER BY id").map { "\($0["id"] as Int64) \($0["status"] as String) \($0["body"] as String)" }
        }
        return (tasks.stdout, commands)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Each is one of issue 12's inputs (or of the same kind): each crashed, stored a part, or
    /// stored a command that bricked the store.
    func badInputs() throws -> [(String, [String])] {
        let hugeTimeout = try write("timeout.toml", "[[task]]\nname = \"a\"\ntimeout = 1e300\n")
        let rawNUL = try write("nul.toml", "[[task]]\nname = \"a\"\ntitle = \"first\"\n# \u{0} hides the rest\n[[task]]\nname = \"b\"\n")
        let escapedNUL = try write("escaped.toml", "[[task]]\nname = \"a\"\ntitle = \"cut\\u0000here\"\n")
        let farDeadline = try write("deadline.toml", "[[task]]\nname = \"a\"\ndeadline = \"2300-01-01T00:00:00Z\"\n")
        let attempts = try write("attempts.toml", "[[task]]\nname = \"a\"\nmax_attempts = 9223372036854775807\n")
        // Over 1 MiB: a file, since Linux refuses a single argument over 128 KiB.
        let bigPayload = try write("payload.toml", "[[task]]\nname = \"a\"\npayload = { data = \"" + String(repeating: "p", count: 1 << 20) + "\" }\n")
        return [
            ("a deadline 292 years from now", ["submit", "--title", "x", "--deadline", "+2562047h"]),
            ("a timeout of 292 years", ["submit", "--title", "x", "--timeout", "2562048h"]),
            ("a deadline after 2261", ["submit", "--title", "x", "--deadline", "2300-01-01T00:00:00Z"]),
            ("a start before 1970", ["submit", "--title", "x", "--start-after", "1969-12-31T23:00:00Z"]),
            ("a day that does not exist", ["submit", "--title", "x", "--deadline", "2026-02-30T00:00:00Z"]),
            ("a report window of 11 million years", ["report", "--window", "99999999999h"]),
            ("a graph with timeout = 1e300", ["submit", "--file", hugeTimeout]),
            ("a graph with a raw NUL", ["submit", "--file", rawNUL]),
            ("a graph with an escaped NUL in a title", ["submit", "--file", escapedNUL]),
            ("a graph with a deadline after 2261", ["submit", "--file", farDeadline]),
            ("a graph with max_attempts = Int64.max", ["submit", "--file", attempts]),
            ("a title with a terminal escape", ["submit", "--title", "a\u{1B}[2Jb"]),
            ("a title over 1024 bytes", ["submit", "--title", String(repeating: "t", count: 1025)]),
            ("a payload over 1 MiB", ["submit", "--file", bigPayload]),
            ("a payload that is not JSON", ["submit", "--title", "x", "--payload", "{nope"]),
            ("max attempts 0", ["submit", "--title", "x", "--max-attempts", "0"]),
            ("a reason with a control character", ["cancel", "t-0000", "--reason", "a\u{7}b"]),
            ("a ttl of 99999 days", ["send", "Agent-1", "hi", "--ttl", "99999d"]),
            ("a pool of a hundred million replicas", ["pool", "scale", "p", "--max", "100000000"]),
            ("a listing of no tasks", ["tasks", "--limit", "0"]),
        ]
    }

    @Test("each bad input: exit 64, one line on stderr, tasks and commands unchanged")
    func refusedAndNothingStored() throws {
        #expect(try run(["submit", "--title", "already there"]).status == 0)
        let before = try snapshot()
        for (what, arguments) in try badInputs() {
            let result = try run(arguments)
            #expect(result.status == 64, "\(what): exit \(result.status), stderr \(result.stderr)")
            #expect(result.stderr.hasPrefix("switchboard: ") && result.stderr.hasSuffix("\n"), "\(what): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(what): \(result.stderr)")
            #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{0}"), "\(what): the error shows control characters, it does not send them")
            let after = try snapshot()
            #expect(after.tasks == before.tasks, "\(what) changed the tasks")
            #expect(after.commands == before.commands, "\(what) changed the commands table")
        }
        // The store is still usable, and sound.
        #expect(try run(["submit", "--title", "after"]).status == 0)
        #expect(try run(["store", "check"]).status == 0)
    }

    @Test("a theme file with a NUL is refused with the line, not read as ok")
    func themeWithNUL() throws {
        let theme = try write("t.toml", "[colors]\nbackground = \"white\"\n\u{0}\nforeground = \"nope\"\n")
        let result = try ProcessRunner.switchboard(["themes", "check", theme])
        #expect(result.status == 64, "\(result.stdout)")
        #expect(result.stderr == "switchboard: \(theme):3: the control character U+0000 is not allowed in a TOML file (only tab and line ends are)\n")
    }

    @Test("not found exits 4: reprioritize, cancel, retry, agent actions, pool scale")
    func notFound() throws {
        let cases: [[String]] = [
            ["reprioritize", "t-ffff", "high"], ["cancel", "t-ffff"], ["retry", "t-ffff"],
            ["agent", "drain", "nobody"], ["agent", "restart", "nobody"], ["agent", "pause", "nobody"],
            ["agent", "resume", "nobody"], ["agent", "stop", "nobody"], ["pool", "scale", "nopool", "--min", "1"],
            ["submit", "--title", "x", "--after", "t-ffff"], ["task", "t-ffff"],
        ]
        for arguments in cases {
            let result = try run(arguments)
            #expect(result.status == 4, "\(arguments): exit \(result.status), \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        let submitted = try run(["submit", "--title", "x"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let refused = try run(["retry", submitted])
        #expect(refused.status == 1, "a task that exists but cannot be retried is a refusal, not not-found")
    }

    @Test("tasks --json says when it stopped at its limit, and --cursor pages through the rest")
    func paging() throws {
        var ids: [String] = []
        for index in 0..<5 { ids.append(try run(["submit", "--title", "task \(index)"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) }
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try JSONParser.parse(try run(["tasks", "--json", "--limit", "2"] + (cursor.map { ["--cursor", $0] } ?? [])).stdout)
            let tasks = page["tasks"]?.arrayValue ?? []
            seen += tasks.compactMap { $0["id"]?.stringValue }
            #expect(page["limit"]?.integerValue == 2)
            let more = page["more"]?.boolValue
            cursor = page["cursor"]?.stringValue
            #expect(more == (cursor != nil), "a cursor exactly when there is more")
            #expect(tasks.count == (more == true ? 2 : 1))
            pages += 1
        } while cursor != nil && pages < 10
        #expect(pages == 3)
        #expect(seen == ids.reversed(), "newest first, each task once")
        let all = try JSONParser.parse(try run(["tasks", "--json"]).stdout)
        #expect(all["more"] == .bool(false))
        #expect(all["cursor"] == .null)
        let text = try run(["tasks", "--limit", "2"])
        #expect(text.stderr.contains("--cursor"), "the table says there is more: \(text.stderr)")
    }

    @Test("store check reports a pending command the engine cannot apply; the next command refuses it")
    func storeCheckReportsPoison() throws {
        #expect(try run(["submit", "--title", "x"]).status == 0)
        let store = try Store.open(path: db)
        let id = try store.write { db in
            try db.execute(
                sql: "INSERT INTO commands (created_at, issued_by, body) VALUES (0, 'cli', ?)",
                arguments: [#"{"op":"submit","tasks":[{"title":"x","deadline":"9999-12-31T23:59:59.999Z"}]}"#])
            return db.lastInsertedRowID
        }
        let checked = try run(["store", "check"])
        #expect(checked.status == 1)
        #expect(checked.stdout.contains("command \(id) cannot be applied"), "\(checked.stdout)")
        let next = try run(["submit", "--title", "y"])
        #expect(next.status == 0, "a write after the poison works: \(next.stderr)")
        let status = try store.read { db in try String.fetchOne(db, sql: "SELECT status FROM commands WHERE id = ?", arguments: [id]) }
        #expect(status == "refused")
        #expect(try run(["store", "check"]).status == 0)
    }
}
