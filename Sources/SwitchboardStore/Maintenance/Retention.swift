import GRDB
import SwitchboardCore

/// How long finished work is kept. Pruning runs in small batches (one per engine tick) so that
/// it never stalls a tick; freed pages go back to the file system through incremental vacuum,
/// so the file does not grow without bound under a steady load.
public struct RetentionPolicy: Sendable, Hashable {
    /// Acknowledged, expired and cancelled messages; completed, failed and cancelled tasks.
    public var finished: Duration
    /// Dead letters (failed messages).
    public var deadLetters: Duration
    /// Rows deleted per batch.
    public var batchSize: Int
    /// Pages returned to the file system per batch.
    public var vacuumPages: Int

    public init(finished: Duration = .seconds(24 * 3600), deadLetters: Duration = .seconds(7 * 24 * 3600), batchSize: Int = 500, vacuumPages: Int = 256) {
        self.finished = finished
        self.deadLetters = deadLetters
        self.batchSize = max(1, batchSize)
        self.vacuumPages = max(0, vacuumPages)
    }

    public static let standard = RetentionPolicy()
}

public enum Retention {
    /// Deletes up to one batch of finished messages older than the policy allows. Returns how
    /// many rows went.
    @discardableResult
    public static func pruneFinishedMessages(_ db: Database, now: Instant, policy: RetentionPolicy) throws -> Int {
        let cutoff = (now - policy.finished).nanosecondsSinceEpoch
        try db.execute(
            sql: """
                DELETE FROM messages WHERE id IN (
                  SELECT id FROM messages INDEXED BY finished_messages_by_age
                  WHERE status IN (\(MessageRows.finishedStatusList)) AND updated_at < ? LIMIT ?)
                """,
            arguments: [cutoff, policy.batchSize])
        return db.changesCount
    }

    /// Returns up to `pages` free pages to the file system.
    public static func vacuum(_ db: Database, pages: Int) throws {
        guard pages > 0 else { return }
        try db.execute(sql: "PRAGMA incremental_vacuum(\(pages))")
    }
}

extension PersistentMessageQueue {
    /// One round of retention: dead letters past their age are purged (from memory and disk),
    /// one batch of old finished messages is deleted, and free pages are returned.
    @discardableResult
    public func applyRetention(_ policy: RetentionPolicy, now: Instant) throws -> Int {
        let purged = try purgeDeadLetters(before: now - policy.deadLetters)
        let pruned = try store.write { db in try Retention.pruneFinishedMessages(db, now: now, policy: policy) }
        try store.writeWithoutTransaction { db in try Retention.vacuum(db, pages: policy.vacuumPages) }
        return purged + pruned
    }
}
