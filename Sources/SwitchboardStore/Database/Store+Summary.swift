import GRDB

/// What a store holds, in numbers, for `switchboard store check`.
public struct StoreSummary: Sendable {
    public var bytes: Int
    public var messagesByStatus: [String: Int]
    public var tasksByStatus: [String: Int]
}

extension Store {
    public func summary() throws(StoreError) -> StoreSummary {
        let (messages, tasks) = try read { db in
            (try Self.counts(db, table: "messages"), try Self.counts(db, table: "tasks"))
        }
        return StoreSummary(bytes: bytesOnDisk, messagesByStatus: messages, tasksByStatus: tasks)
    }

    private static func counts(_ db: Database, table: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM \(table) GROUP BY status") {
            counts[row["status"]] = row["n"]
        }
        return counts
    }
}
