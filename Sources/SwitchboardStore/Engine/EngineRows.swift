import Foundation
import GRDB
import SwitchboardCore

/// Writes an engine tick's changes and reads an engine's state back.
public enum EngineRows {
    /// Writes everything one tick changed, inside the caller's transaction.
    public static func write(_ changes: EngineChanges, at now: Instant, _ db: Database) throws {
        if !changes.insertedTasks.isEmpty {
            let statement = try RawStatement(db, sql: TaskRows.insertSQL)
            for task in changes.insertedTasks { try TaskRows.insert(task, with: statement, db: db) }
        }
        if !changes.updatedTasks.isEmpty {
            let statement = try RawStatement(db, sql: TaskRows.updateSQL)
            for task in changes.updatedTasks { try TaskRows.update(task, with: statement, db: db) }
        }
        if !changes.history.isEmpty {
            let statement = try RawStatement(
                db, sql: "INSERT INTO task_history (task_sequence, task_id, at, event, from_status, to_status, actor, reason) VALUES (?,?,?,?,?,?,?,?)")
            for entry in changes.history {
                statement.bind(1, changes.sequences[entry.task].map { Int64(bitPattern: $0) })
                statement.bind(2, entry.task.rawValue)
                statement.bind(3, entry.at.nanosecondsSinceEpoch)
                statement.bind(4, entry.event.rawValue)
                statement.bind(5, entry.from?.rawValue)
                statement.bind(6, entry.to?.rawValue)
                statement.bind(7, entry.actor.description)
                statement.bind(8, entry.reason)
                try statement.step(db)
            }
        }
        if !changes.removedTasks.isEmpty {
            for id in changes.removedTasks {
                guard let sequence = changes.sequences[id] else { continue }
                try db.execute(sql: "DELETE FROM tasks WHERE sequence = ?", arguments: [Int64(bitPattern: sequence)])
                try db.execute(sql: "DELETE FROM task_history WHERE task_sequence = ?", arguments: [Int64(bitPattern: sequence)])
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for agent in changes.agents {
            try db.execute(
                sql: "INSERT INTO agents (name, pool, state, updated_at, snapshot) VALUES (?,?,?,?,?) ON CONFLICT(name) DO UPDATE SET pool = excluded.pool, state = excluded.state, updated_at = excluded.updated_at, snapshot = excluded.snapshot",
                arguments: [agent.name, agent.pool, agent.state.rawValue, now.nanosecondsSinceEpoch, agent.storedJSON])
        }
        for pool in changes.pools {
            try db.execute(
                sql: "INSERT INTO pools (name, updated_at, snapshot) VALUES (?,?,?) ON CONFLICT(name) DO UPDATE SET updated_at = excluded.updated_at, snapshot = excluded.snapshot",
                arguments: [pool.name, now.nanosecondsSinceEpoch, String(decoding: try encoder.encode(pool), as: UTF8.self)])
        }
        for queue in changes.queues {
            try db.execute(
                sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: ["queue:" + queue.name, String(decoding: try encoder.encode(queue), as: UTF8.self)])
        }
        for (id, outcome) in changes.commandOutcomes { try CommandRows.writeOutcome(id: id, outcome, at: now, db) }
        for event in changes.events {
            try db.execute(
                sql: "INSERT INTO events (at, kind, subject, message) VALUES (?,?,?,?)",
                arguments: [event.at.nanosecondsSinceEpoch, event.kind.rawValue, event.subject, event.message])
        }
        for sample in changes.metrics {
            try db.execute(
                sql: "INSERT OR REPLACE INTO metric_rollups (name, at, value) VALUES (?,?,?)",
                arguments: [sample.name, sample.at.nanosecondsSinceEpoch, sample.value])
        }
    }

    /// What an engine needs to start where the last one stopped.
    public static func loadState(_ db: Database) throws -> EngineState {
        let decoder = JSONDecoder()
        let agents = try Row.fetchAll(db, sql: "SELECT snapshot FROM agents").compactMap { row in
            try? decoder.decode(AgentRecord.self, from: Data((row["snapshot"] as String).utf8))
        }
        let pools = try Row.fetchAll(db, sql: "SELECT snapshot FROM pools").compactMap { row in
            try? decoder.decode(PoolRecord.self, from: Data((row["snapshot"] as String).utf8))
        }
        let queues = try Row.fetchAll(db, sql: "SELECT value FROM meta WHERE key LIKE 'queue:%'").compactMap { row in
            try? decoder.decode(QueueSettings.self, from: Data((row["value"] as String).utf8))
        }
        return EngineState(tasks: try TaskQueries.all(db), queues: queues, pools: pools, agents: agents)
    }

    public static func agents(_ db: Database) throws -> [AgentRecord] {
        let decoder = JSONDecoder()
        return try Row.fetchAll(db, sql: "SELECT snapshot FROM agents ORDER BY name").compactMap { row in
            try? decoder.decode(AgentRecord.self, from: Data((row["snapshot"] as String).utf8))
        }
    }

    /// The agents, decoding only those written since `cache` was filled: a dashboard reading
    /// a thousand agents four times a second decodes only the few that changed.
    public static func agents(_ db: Database, cache: inout [String: (updatedAt: Int64, agent: AgentRecord)]) throws -> [AgentRecord] {
        let decoder = JSONDecoder()
        var fresh: [String: (updatedAt: Int64, agent: AgentRecord)] = [:]
        let cursor = try Row.fetchCursor(db, sql: "SELECT name, updated_at FROM agents")
        var stale: [String] = []
        while let row = try cursor.next() {
            let name: String = row["name"]
            let updatedAt: Int64 = row["updated_at"]
            if let cached = cache[name], cached.updatedAt == updatedAt {
                fresh[name] = cached
            } else {
                stale.append(name)
            }
        }
        for chunk in stride(from: 0, to: stale.count, by: 500).map({ Array(stale[$0..<min($0 + 500, stale.count)]) }) {
            let rows = try Row.fetchAll(
                db, sql: "SELECT name, updated_at, snapshot FROM agents WHERE name IN (\(chunk.map { _ in "?" }.joined(separator: ",")))",
                arguments: StatementArguments(chunk))
            for row in rows {
                guard let agent = try? decoder.decode(AgentRecord.self, from: Data((row["snapshot"] as String).utf8)) else { continue }
                fresh[row["name"]] = (row["updated_at"], agent)
            }
        }
        cache = fresh
        return fresh.values.map(\.agent)
    }

    public static func pools(_ db: Database) throws -> [PoolRecord] {
        let decoder = JSONDecoder()
        return try Row.fetchAll(db, sql: "SELECT snapshot FROM pools ORDER BY name").compactMap { row in
            try? decoder.decode(PoolRecord.self, from: Data((row["snapshot"] as String).utf8))
        }
    }

    public static func queueSettings(_ db: Database) throws -> [QueueSettings] {
        let decoder = JSONDecoder()
        return try Row.fetchAll(db, sql: "SELECT value FROM meta WHERE key LIKE 'queue:%'").compactMap { row in
            try? decoder.decode(QueueSettings.self, from: Data((row["value"] as String).utf8))
        }
    }

    public static func recentEvents(limit: Int, _ db: Database) throws -> [EngineEvent] {
        try Row.fetchAll(db, sql: "SELECT at, kind, subject, message FROM events ORDER BY id DESC LIMIT ?", arguments: [limit])
            .reversed().map { row in
                EngineEvent(
                    at: Instant(nanosecondsSinceEpoch: row["at"]), kind: EngineEvent.Kind(rawValue: row["kind"]) ?? .operatorAction,
                    subject: row["subject"], message: row["message"])
            }
    }

    /// Keeps the engine's summary (one row, replaced on each write) for dashboards on the store.
    public static func writeSummary(_ summary: EngineSummary, _ db: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try db.execute(
            sql: "INSERT INTO meta (key, value) VALUES ('summary', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [String(decoding: try encoder.encode(summary), as: UTF8.self)])
    }

    /// The summary the engine last wrote, or nil when none has been (or it cannot be read).
    public static func summary(_ db: Database) throws -> EngineSummary? {
        guard let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'summary'") else { return nil }
        return try? JSONDecoder().decode(EngineSummary.self, from: Data(text.utf8))
    }

    /// A rollup series over the last `seconds`, oldest first (missing seconds are zero).
    public static func metricSeries(_ name: String, seconds: Int, endingAt now: Instant, _ db: Database) throws -> [Double] {
        let end = now.nanosecondsSinceEpoch / 1_000_000_000
        let start = end - Int64(seconds)
        var values = [Double](repeating: 0, count: seconds)
        for row in try Row.fetchAll(
            db, sql: "SELECT at, value FROM metric_rollups WHERE name = ? AND at >= ? AND at < ?",
            arguments: [name, start * 1_000_000_000, end * 1_000_000_000]
        ) {
            let index = Int((row["at"] as Int64) / 1_000_000_000 - start)
            if values.indices.contains(index) { values[index] = row["value"] }
        }
        return values
    }

    /// Deletes one batch of old events, rollups and applied commands.
    public static func pruneBookkeeping(before cutoff: Instant, batch: Int, _ db: Database) throws {
        let limit = max(1, batch)
        try db.execute(sql: "DELETE FROM events WHERE id IN (SELECT id FROM events WHERE at < ? ORDER BY at LIMIT \(limit))", arguments: [cutoff.nanosecondsSinceEpoch])
        try db.execute(sql: "DELETE FROM metric_rollups WHERE (name, at) IN (SELECT name, at FROM metric_rollups WHERE at < ? LIMIT \(limit))", arguments: [cutoff.nanosecondsSinceEpoch])
        try db.execute(sql: "DELETE FROM commands WHERE id IN (SELECT id FROM commands WHERE status != 'pending' AND created_at < ? LIMIT \(limit))", arguments: [cutoff.nanosecondsSinceEpoch])
    }
}
