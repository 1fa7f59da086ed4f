import GRDB
import SwitchboardCore

/// An operator command waiting in the store for the engine (written by the CLI).
public struct StoredCommand: Sendable {
    public var id: Int64
    public var command: OperatorCommand
    public var issuedBy: Actor
}

/// The `commands` table: how another process (the CLI) reaches the engine. A command row is
/// `pending` until the engine applies it in a tick, whose transaction also writes its outcome.
public enum CommandRows {
    /// Adds a pending command; returns its id.
    public static func insert(_ command: OperatorCommand, by actor: Actor, at now: Instant, _ db: Database) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO commands (created_at, issued_by, body) VALUES (?, ?, ?)",
            arguments: [now.nanosecondsSinceEpoch, actor.description, command.json.jsonText])
        return db.lastInsertedRowID
    }

    /// Pending commands after `afterID`, oldest first. A row that cannot be read is returned as
    /// refused, so that a bad row never blocks the ones after it.
    public static func pending(after afterID: Int64, _ db: Database) throws -> (commands: [StoredCommand], unreadable: [(Int64, String)]) {
        var commands: [StoredCommand] = []
        var unreadable: [(Int64, String)] = []
        for row in try Row.fetchAll(db, sql: "SELECT id, issued_by, body FROM commands WHERE status = 'pending' AND id > ? ORDER BY id", arguments: [afterID]) {
            let id: Int64 = row["id"]
            do {
                let json = try JSONParser.parse(row["body"] as String)
                commands.append(StoredCommand(id: id, command: try OperatorCommand(json: json), issuedBy: Actor(parsing: row["issued_by"])))
            } catch {
                unreadable.append((id, "unreadable command: \(error)"))
            }
        }
        return (commands, unreadable)
    }

    public static func writeOutcome(id: Int64, _ outcome: CommandOutcome, at now: Instant, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE commands SET status = ?, result = ?, applied_at = ? WHERE id = ?",
            arguments: [outcome.accepted ? "applied" : "refused", outcome.json.jsonText, now.nanosecondsSinceEpoch, id])
    }

    /// The outcome of a command, once the engine has applied it.
    public static func outcome(id: Int64, _ db: Database) throws -> CommandOutcome? {
        guard let row = try Row.fetchOne(db, sql: "SELECT status, result FROM commands WHERE id = ?", arguments: [id]),
              (row["status"] as String) != "pending", let text = row["result"] as String?
        else { return nil }
        return (try? JSONParser.parse(text)).flatMap(CommandOutcome.init(json:))
    }
}
