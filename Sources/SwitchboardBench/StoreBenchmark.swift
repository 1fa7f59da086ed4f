import Foundation
import GRDB
import GRDBSQLite
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore

/// `switchboard bench store`: the durable queue's enqueue, claim+ack and full cycle per second
/// at both durability levels, commit latency, bytes on disk per message; and in the same run the
/// baseline of raw batched SQLite inserts (one prepared statement, 1 000 rows a transaction)
/// into a table of the same shape.
///
/// Every figure uses group commit with 1 000 operations a transaction, like an engine tick
/// under load. A full cycle enqueues a batch in one commit and claims and acknowledges the
/// previous batch in the next, so every message is written twice, as in a running engine.
public struct StoreBenchmark {
    public var messages: Int
    public var runs: Int
    public var batch: Int
    public var folder: String

    public init(messages: Int = 200_000, runs: Int = 5, batch: Int = 1000, folder: String = NSTemporaryDirectory()) {
        self.messages = max(batch, messages)
        self.runs = max(1, runs)
        self.batch = max(1, batch)
        self.folder = folder
    }

    public func run(report: (BenchResult) -> Void) throws {
        var baseline: [Double] = []
        var results: [Durability: (enqueue: [Double], claimAck: [Double], cycle: [Double])] = [:]
        var bytesPerMessage: [Double] = []
        var commitLatency = LatencyHistogram()
        for _ in 0..<runs {
            baseline.append(try rawInsertRate())
            for durability in Durability.allCases {
                let measured = try measure(durability)
                results[durability, default: ([], [], [])].enqueue.append(measured.enqueue)
                results[durability, default: ([], [], [])].claimAck.append(measured.claimAck)
                results[durability, default: ([], [], [])].cycle.append(measured.cycle)
                if durability == .normal {
                    bytesPerMessage.append(measured.bytesPerMessage)
                    commitLatency.merge(measured.commits)
                }
            }
        }
        let baselineName = "sqlite.raw_insert.batch\(batch)"
        let baselineValue = Median.of(baseline)
        report(BenchResult(name: baselineName, value: baselineValue, unit: "rows/s", runs: runs))
        for durability in Durability.allCases {
            let figures = results[durability]!
            let suffix = durability.rawValue
            report(BenchResult(name: "store.enqueue.\(suffix)", value: Median.of(figures.enqueue), unit: "msgs/s", baseline: baselineName, baselineValue: baselineValue, runs: runs))
            report(BenchResult(name: "store.claim_ack.\(suffix)", value: Median.of(figures.claimAck), unit: "msgs/s", baseline: baselineName, baselineValue: baselineValue, runs: runs))
            report(BenchResult(name: "store.cycle.\(suffix)", value: Median.of(figures.cycle), unit: "msgs/s", baseline: baselineName, baselineValue: baselineValue, runs: runs))
        }
        report(BenchResult(name: "store.commit.p50", value: Double(commitLatency.percentile(0.5)) / 1e6, unit: "ms", runs: runs))
        report(BenchResult(name: "store.commit.p99", value: Double(commitLatency.percentile(0.99)) / 1e6, unit: "ms", runs: runs))
        report(BenchResult(name: "store.bytes_per_message", value: Median.of(bytesPerMessage), unit: "bytes", runs: runs))
    }

    struct Measured {
        var enqueue: Double
        var claimAck: Double
        var cycle: Double
        var bytesPerMessage: Double
        var commits: LatencyHistogram
    }

    private func scratchPath(_ name: String) -> String {
        let path = "\(folder)/switchboard-bench-\(name)-\(UUID().uuidString.prefix(8)).sqlite"
        return path
    }

    private func removeStore(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    func draft(_ random: inout SeededRandom, body: MessageBody) -> MessageDraft {
        MessageDraft(
            kind: .task, priority: Priority(rank: Int(random.next() % 5))!, sender: "bench",
            recipient: .agent("agent-\(random.next() % 16)"), body: body)
    }

    private func measure(_ durability: Durability) throws -> Measured {
        let path = scratchPath(durability.rawValue)
        defer { removeStore(path) }
        let store = try Store.open(path: path, durability: durability)
        let queue = try PersistentMessageQueue(
            store: store, configuration: QueueConfiguration(name: "bench", defaultLease: .seconds(3600), finishedMessagesKept: 1000),
            clock: SystemClock())
        var random = SeededRandom(seed: 1)
        let body = MessageBody(bytes: [UInt8](repeating: 0x62, count: 100))
        let consumers = (0..<16).map { Consumer(name: "agent-\($0)") }

        // Durable enqueues, a commit per batch.
        store.resetCommitLatency()
        var watch = Stopwatch()
        var done = 0
        while done < messages {
            try queue.batch {
                for _ in 0..<batch { try queue.enqueue(draft(&random, body: body)) }
            }
            done += batch
        }
        let enqueueRate = Double(done) / watch.elapsedSeconds
        let commits = durability == .normal ? store.commitLatencyHistogram : LatencyHistogram()
        try store.checkpoint()
        let bytesPerMessage = Double(store.bytesOnDisk) / Double(done)

        // Claim and acknowledge everything that was enqueued, a commit per batch.
        watch = Stopwatch()
        var settled = 0
        var consumerIndex = 0
        while settled < done {
            try queue.batch {
                var inBatch = 0
                while inBatch < batch, settled < done {
                    if let delivery = try queue.claim(for: consumers[consumerIndex % consumers.count]) {
                        try queue.acknowledge(delivery.message.id)
                        settled += 1
                        inBatch += 1
                    }
                    consumerIndex += 1
                }
            }
        }
        let claimAckRate = Double(settled) / watch.elapsedSeconds

        // Full cycles: each commit enqueues a new batch and settles the previous one.
        var previous: [Int] = []
        watch = Stopwatch()
        var cycles = 0
        while cycles < messages {
            try queue.batch {
                var next: [Int] = []
                for _ in 0..<batch {
                    var item = draft(&random, body: body)
                    let agent = Int(random.next() % 16)
                    item.recipient = .agent("agent-\(agent)")
                    try queue.enqueue(item)
                    next.append(agent)
                }
                for agent in previous {
                    if let delivery = try queue.claim(for: consumers[agent]) { try queue.acknowledge(delivery.message.id) }
                }
                cycles += previous.count
                previous = next
            }
        }
        let cycleRate = Double(cycles) / watch.elapsedSeconds
        try store.close()
        return Measured(enqueue: enqueueRate, claimAck: claimAckRate, cycle: cycleRate, bytesPerMessage: bytesPerMessage, commits: commits)
    }

    /// The baseline: one prepared INSERT into a table shaped like `messages`, bound through the
    /// C API, 1 000 rows a transaction, synchronous=NORMAL, WAL.
    private func rawInsertRate() throws -> Double {
        let path = scratchPath("raw")
        defer { removeStore(path) }
        var connection: OpaquePointer?
        guard sqlite3_open(path, &connection) == SQLITE_OK, let db = connection else { throw BenchError("cannot open \(path)") }
        defer { sqlite3_close(db) }
        func exec(_ sql: String) throws {
            guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw BenchError(String(cString: sqlite3_errmsg(db))) }
        }
        try exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; " + StorePragmas.performance)
        try exec("""
            CREATE TABLE messages (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, priority INTEGER NOT NULL, status TEXT NOT NULL,
              attempt INTEGER NOT NULL, max_attempts INTEGER NOT NULL, sender TEXT NOT NULL, recipient TEXT NOT NULL,
              body BLOB NOT NULL, body_encoding INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
            CREATE INDEX finished_messages_by_age ON messages(updated_at) WHERE status IN ('acknowledged', 'expired', 'cancelled');
            """)
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "INSERT INTO messages VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", -1, &statement, nil) == SQLITE_OK,
              let insert = statement else { throw BenchError(String(cString: sqlite3_errmsg(db))) }
        defer { sqlite3_finalize(insert) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let body = [UInt8](repeating: 0x62, count: 100)
        var random = SeededRandom(seed: 2)
        let recipients = (0..<16).map { "agent:agent-\($0)" }
        let watch = Stopwatch()
        var id: Int64 = 0
        while id < Int64(messages) {
            try exec("BEGIN")
            for _ in 0..<batch {
                id += 1
                let now = Int64(Stopwatch.monotonicNanoseconds())
                sqlite3_bind_int64(insert, 1, id)
                sqlite3_bind_text(insert, 2, "task", -1, transient)
                sqlite3_bind_int64(insert, 3, Int64(random.next() % 5))
                sqlite3_bind_text(insert, 4, "pending", -1, transient)
                sqlite3_bind_int64(insert, 5, 0)
                sqlite3_bind_int64(insert, 6, 4)
                sqlite3_bind_text(insert, 7, "bench", -1, transient)
                sqlite3_bind_text(insert, 8, recipients[Int(random.next() % 16)], -1, transient)
                _ = body.withUnsafeBytes { sqlite3_bind_blob(insert, 9, $0.baseAddress, Int32($0.count), transient) }
                sqlite3_bind_int64(insert, 10, 0)
                sqlite3_bind_int64(insert, 11, now)
                sqlite3_bind_int64(insert, 12, now)
                guard sqlite3_step(insert) == SQLITE_DONE else { throw BenchError(String(cString: sqlite3_errmsg(db))) }
                sqlite3_reset(insert)
            }
            try exec("COMMIT")
        }
        return Double(id) / watch.elapsedSeconds
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
