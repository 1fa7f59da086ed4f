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
            switch decode(row) {
            case .success(let command): commands.append(command)
            case .failure(let error): unreadable.append((id, "unreadable command: \(error.description)"))
            }
        }
        return (commands, unreadable)
    }

    /// Pending commands the engine will refuse, with why: rows that cannot be read, and
    /// commands with a value out of range. For `switchboard store check`.
    public static func unusable(_ db: Database) throws -> [(id: Int64, reason: String)] {
        var found: [(id: Int64, reason: String)] = []
        for row in try Row.fetchAll(db, sql: "SELECT id, issued_by, body FROM commands WHERE status = 'pending' ORDER BY id") {
            let id: Int64 = row["id"]
            switch decode(row) {
            case .success(let stored):
                do {
                    try stored.command.validate()
                } catch {
                    found.append((id, error.message))
                }
            case .failure(let error):
                found.append((id, "unreadable: \(error.description)"))
            }
        }
        return found
    }

    /// One row as a command. Never traps on what a row holds: a column of the wrong type or
    /// text that is not a command is an error, whoever wrote it.
    private static func decode(_ row: Row) -> Result<StoredCommand, CommandDecodingError> {
        let id: Int64 = row["id"]
        let bodyValue: DatabaseValue = row["body"]
        let issuerValue: DatabaseValue = row["issued_by"]
        guard let body = String.fromDatabaseValue(bodyValue) else { return .failure(CommandDecodingError("the body is not text")) }
        do {
            let json = try JSONParser.parse(body)
            let command = try OperatorCommand(json: json)
            return .success(StoredCommand(id: id, command: command, issuedBy: Actor(parsing: String.fromDatabaseValue(issuerValue) ?? "cli")))
        } catch let error as CommandDecodingError {
            return .failure(error)
        } catch {
            return .failure(CommandDecodingError("\(error)"))
        }
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
