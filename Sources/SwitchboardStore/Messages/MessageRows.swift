import Foundation
import GRDB
import SwitchboardCore

/// How a message is stored: one row of the `messages` table.
enum MessageRows {
    static let columns = """
        id, kind, priority, status, attempt, max_attempts, sender, recipient, body, body_encoding, created_at, \
        updated_at, deadline, lease_owner, ttl, tags, metadata, depends_on, correlation_id, last_error, retry_policy
        """

    static let insertSQL = "INSERT INTO messages (\(columns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"

    /// The fields that change after a message is created.
    static let updateSQL = """
        UPDATE messages SET priority = ?, status = ?, attempt = ?, max_attempts = ?, updated_at = ?, deadline = ?,
          lease_owner = ?, last_error = ? WHERE id = ?
        """

    static let finishedStatuses: [MessageStatus] = MessageStatus.allCases.filter(\.isFinal)
    static let finishedStatusList = finishedStatuses.map { "'\($0.rawValue)'" }.joined(separator: ",")

    /// Updates the fields of a stored message that can change.
    static func update(_ message: Message, with statement: RawStatement, db: Database) throws {
        statement.bind(1, message.priority.rank)
        statement.bind(2, message.status.rawValue)
        statement.bind(3, message.attempt)
        statement.bind(4, message.maxAttempts)
        statement.bind(5, message.updatedAt.nanosecondsSinceEpoch)
        statement.bind(6, message.storedDeadline?.nanosecondsSinceEpoch)
        statement.bind(7, message.leaseOwner)
        statement.bind(8, message.lastError)
        statement.bind(9, Int64(bitPattern: message.id.rawValue))
        try statement.step(db)
    }

    /// Inserts a whole new message.
    static func insert(_ message: Message, with statement: RawStatement, db: Database) throws {
        statement.bind(1, Int64(bitPattern: message.id.rawValue))
        statement.bind(2, message.kind.rawValue)
        statement.bind(3, message.priority.rank)
        statement.bind(4, message.status.rawValue)
        statement.bind(5, message.attempt)
        statement.bind(6, message.maxAttempts)
        statement.bind(7, message.sender)
        statement.bind(8, message.recipient.text)
        statement.bind(9, blob: message.body.bytes)
        statement.bind(10, Int(message.body.encoding.rawValue))
        statement.bind(11, message.createdAt.nanosecondsSinceEpoch)
        statement.bind(12, message.updatedAt.nanosecondsSinceEpoch)
        statement.bind(13, message.storedDeadline?.nanosecondsSinceEpoch)
        statement.bind(14, message.leaseOwner)
        statement.bind(15, message.ttl?.nanoseconds)
        statement.bind(16, message.tags.isEmpty ? nil : JSONValue.array(message.tags.map { .string($0) }).jsonText)
        statement.bind(17, message.metadata.isEmpty ? nil : JSONValue.object(message.metadata.mapValues { .string($0) }).jsonText)
        statement.bind(18, message.dependsOn.isEmpty ? nil : JSONValue.array(message.dependsOn.map { .integer(Int64($0.rawValue)) }).jsonText)
        statement.bind(19, message.correlationID.map { Int64(bitPattern: $0.rawValue) })
        statement.bind(20, message.lastError)
        statement.bind(21, message.retryPolicy.map(retryPolicyJSON))
        try statement.step(db)
    }

    static func retryPolicyJSON(_ policy: RetryPolicy) -> String {
        JSONValue.object([
            "baseDelay": .number(policy.baseDelay.seconds), "factor": .number(policy.factor),
            "maxDelay": .number(policy.maxDelay.seconds), "maxRetries": .integer(Int64(policy.maxRetries)),
        ]).jsonText
    }

    static func retryPolicy(fromJSON text: String) -> RetryPolicy? {
        guard let value = try? JSONParser.parse(text) else { return nil }
        let standard = RetryPolicy.standard
        return RetryPolicy(
            baseDelay: .seconds(fractional: value["baseDelay"]?.doubleValue ?? standard.baseDelay.seconds),
            factor: value["factor"]?.doubleValue ?? standard.factor,
            maxDelay: .seconds(fractional: value["maxDelay"]?.doubleValue ?? standard.maxDelay.seconds),
            maxRetries: Int(value["maxRetries"]?.integerValue ?? Int64(standard.maxRetries)))
    }

    /// Reads a message back from a row selected with `columns`.
    static func message(from row: Row) -> Message {
        func instant(_ column: String) -> Instant? {
            (row[column] as Int64?).map { Instant(nanosecondsSinceEpoch: $0) }
        }
        func json(_ column: String) -> JSONValue? {
            guard let text = row[column] as String? else { return nil }
            return try? JSONParser.parse(text)
        }
        let idValue: Int64 = row["id"]
        let tags = json("tags")?.arrayValue?.compactMap(\.stringValue) ?? []
        let metadata = json("metadata")?.objectValue?.compactMapValues(\.stringValue) ?? [:]
        let dependsOn = json("depends_on")?.arrayValue?.compactMap { $0.integerValue.flatMap(UInt64.init(exactly:)).map(MessageID.init) } ?? []
        let encoding = MessageBody.Encoding(rawValue: UInt8(row["body_encoding"] as Int)) ?? .bytes
        var message = Message(
            id: MessageID(UInt64(bitPattern: idValue)),
            kind: MessageKind(rawValue: row["kind"]) ?? .direct,
            priority: Priority(rank: row["priority"]) ?? .normal,
            status: MessageStatus(rawValue: row["status"]) ?? .pending,
            sender: row["sender"],
            recipient: Recipient(parsing: row["recipient"]) ?? .broadcast,
            body: MessageBody(storedEncoding: encoding, bytes: [UInt8](row["body"] as Data? ?? Data())),
            tags: tags, metadata: metadata,
            createdAt: instant("created_at") ?? .epoch,
            ttl: (row["ttl"] as Int64?).map { .nanoseconds($0) },
            attempt: row["attempt"], maxAttempts: row["max_attempts"],
            dependsOn: dependsOn,
            correlationID: (row["correlation_id"] as Int64?).map { MessageID(UInt64(bitPattern: $0)) },
            lastError: row["last_error"],
            retryPolicy: (row["retry_policy"] as String?).flatMap(retryPolicy(fromJSON:)))
        message.restoreLease(owner: row["lease_owner"], deadline: instant("deadline"), updatedAt: instant("updated_at") ?? .epoch)
        return message
    }

    static func fetch(_ id: MessageID, _ db: Database) throws -> Message? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM messages WHERE id = ?", arguments: [Int64(bitPattern: id.rawValue)])
            .map(message(from:))
    }

    /// Messages that are not final: what a queue holds in memory.
    static func fetchLive(_ db: Database) throws -> [Message] {
        try Row.fetchAll(db, sql: "SELECT \(columns) FROM messages WHERE status NOT IN (\(finishedStatusList))")
            .map(message(from:))
    }

    /// Finished messages matching a filter, by ascending id, at most `limit`.
    static func fetchFinished(_ filter: MessageFilter, limit: Int, _ db: Database) throws -> [Message] {
        let statuses = finishedStatuses.filter { filter.statuses?.contains($0) ?? true }
        guard !statuses.isEmpty else { return [] }
        var conditions = ["status IN (\(statuses.map { "'\($0.rawValue)'" }.joined(separator: ",")))"]
        var arguments: [any DatabaseValueConvertible] = []
        if let priorities = filter.priorities {
            conditions.append("priority IN (\(priorities.map { String($0.rank) }.joined(separator: ",")))")
        }
        if let kinds = filter.kinds {
            conditions.append("kind IN (\(kinds.map { "'\($0.rawValue)'" }.joined(separator: ",")))")
        }
        if let sender = filter.sender {
            conditions.append("sender = ?")
            arguments.append(sender)
        }
        if let recipient = filter.recipient {
            conditions.append("recipient = ?")
            arguments.append(recipient.text)
        }
        let sql = "SELECT \(columns) FROM messages WHERE \(conditions.joined(separator: " AND ")) ORDER BY id LIMIT \(max(0, limit))"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(message(from:))
            .filter(filter.matches)
    }

    /// Totals of finished messages, to restore the queue's counters.
    static func finishedTotals(_ db: Database) throws -> (acknowledged: Int, expired: Int, cancelled: Int) {
        var totals: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM messages WHERE status IN (\(finishedStatusList)) GROUP BY status") {
            totals[row["status"]] = row["n"]
        }
        return (totals["acknowledged"] ?? 0, totals["expired"] ?? 0, totals["cancelled"] ?? 0)
    }

    static func maximumID(_ db: Database) throws -> UInt64 {
        UInt64(try Int64.fetchOne(db, sql: "SELECT max(id) FROM messages") ?? 0)
    }
}

/// The rows a queue must write in its next commit: new messages to insert, stored ones to
/// update, ids to delete. A plain value, so that it can be handed to the store's writer.
public struct MessageWrites: Sendable {
    public var inserts: [Message] = []
    public var updates: [Message] = []
    public var deletes: [MessageID] = []

    public init() {}

    public var isEmpty: Bool { inserts.isEmpty && updates.isEmpty && deletes.isEmpty }
    public var count: Int { inserts.count + updates.count + deletes.count }

    /// Folds later writes into these, both still unwritten: a message inserted here and changed
    /// later is inserted in its latest state; one inserted here and deleted later is not written.
    public mutating func absorb(_ later: MessageWrites) {
        guard !isEmpty else {
            self = later
            return
        }
        var latest: [MessageID: Message] = [:]
        for message in later.inserts + later.updates { latest[message.id] = message }
        let deleted = Set(later.deletes)
        let insertedHere = Set(inserts.map(\.id))
        inserts = inserts.compactMap { deleted.contains($0.id) ? nil : latest.removeValue(forKey: $0.id) ?? $0 }
        inserts += later.inserts.filter { latest[$0.id] != nil }
        for message in later.inserts { latest[message.id] = nil }
        var updated: [MessageID: Message] = [:]
        for message in updates where !deleted.contains(message.id) { updated[message.id] = message }
        for (id, message) in latest { updated[id] = message }
        updates = updated.values.sorted { $0.id.rawValue < $1.id.rawValue }
        deletes += later.deletes.filter { !insertedHere.contains($0) }
    }

    /// Writes them inside the caller's transaction.
    public func write(_ db: Database) throws {
        if !inserts.isEmpty {
            let statement = try RawStatement(db, sql: MessageRows.insertSQL)
            for message in inserts { try MessageRows.insert(message, with: statement, db: db) }
        }
        if !updates.isEmpty {
            let statement = try RawStatement(db, sql: MessageRows.updateSQL)
            for message in updates { try MessageRows.update(message, with: statement, db: db) }
        }
        if !deletes.isEmpty {
            let statement = try RawStatement(db, sql: "DELETE FROM messages WHERE id = ?")
            for id in deletes {
                statement.bind(1, Int64(bitPattern: id.rawValue))
                try statement.step(db)
            }
        }
    }
}
