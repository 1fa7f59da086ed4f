import Foundation
import GRDB
import SwitchboardCore
import Synchronization

/// The durable store: one SQLite file in WAL mode, opened through GRDB.
///
/// Writes go through one writer connection, one transaction per call (the engine makes that
/// one transaction per tick: group commit); reads use a pool of reader connections and never
/// block the writer. Opening checks the file (`PRAGMA quick_check`), refuses a schema from a
/// newer Switchboard, and turns every failure into a one-line `StoreError` naming the file.
public final class Store: Sendable {
    public let path: String
    public let durability: Durability
    public let isReadOnly: Bool
    let pool: DatabasePool
    private let commitLatencies = Mutex(LatencyHistogram())
    private let checkpointer: Checkpointer?

    /// How long a write waits for another process's lock before it reports the store as locked.
    public static let busyTimeout: TimeInterval = 2

    private init(path: String, durability: Durability, isReadOnly: Bool, pool: DatabasePool) {
        self.path = path
        self.durability = durability
        self.isReadOnly = isReadOnly
        self.pool = pool
        checkpointer = isReadOnly ? nil : Checkpointer(path: path)
    }

    /// Opens (creating when absent, with mode 0600) the store at `path`.
    public static func open(path: String, durability: Durability = .normal, readOnly: Bool = false) throws(StoreError) -> Store {
        let isNew = try prepareFile(path: path, readOnly: readOnly)
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = false
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "switchboard"
        let synchronous = durability.synchronousPragma
        configuration.prepareDatabase { db in
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
                // Checkpoints run on the background checkpointer's connection; this is only a
                // safety net should it fall far behind.
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Checkpointer.safetyNetPages)")
            }
            try db.execute(sql: StorePragmas.performance)
        }
        do {
            if isNew { try createEmptyStore(path: path) }
            let pool = try DatabasePool(path: path, configuration: configuration)
            let check = try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            guard check == ["ok"] else {
                throw StoreError.corrupt(path: path, detail: "quick_check: " + check.prefix(3).joined(separator: "; "))
            }
            let migrator = Schema.migrator
            let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(migrator.migrations)
            if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknown: unknown.sorted()) }
            if readOnly {
                guard applied == Set(migrator.migrations) else {
                    throw StoreError.cannotOpen(path: path, reason: "it has no Switchboard schema yet (open it once for writing)")
                }
            } else {
                try migrator.migrate(pool)
            }
            return Store(path: path, durability: durability, isReadOnly: readOnly, pool: pool)
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Creates the file (mode 0600) and its folder when absent; checks access when present.
    /// Returns whether the file is new.
    private static func prepareFile(path: String, readOnly: Bool) throws(StoreError) -> Bool {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw .cannotOpen(path: path, reason: "it is a folder") }
            if access(path, R_OK) != 0 { throw .cannotOpen(path: path, reason: "permission denied") }
            if !readOnly, access(path, W_OK) != 0 { throw .readOnly(path: path) }
            let size = (try? manager.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return size == 0
        }
        if readOnly { throw .cannotOpen(path: path, reason: "no such file") }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .cannotOpen(path: path, reason: "cannot create its folder: \(error.localizedDescription)")
            }
        }
        let descriptor = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        Foundation.close(descriptor)
        return true
    }

    /// Sets incremental auto-vacuum while the file has no tables: it cannot change later.
    private static func createEmptyStore(path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
            try db.execute(sql: "VACUUM")
        }
        try queue.close()
    }

    // MARK: Access

    /// Runs `body` in one write transaction. The commit is durable at the store's level when
    /// this returns; its duration is recorded for `commitLatency`.
    public func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        let watch = ContinuousClock.now
        do {
            let result = try pool.write(body)
            let elapsed = ContinuousClock.now - watch
            commitLatencies.withLock { $0.record(elapsed) }
            return result
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Runs `body` on the writer connection outside a transaction (pragmas, VACUUM).
    public func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.writeWithoutTransaction(body)
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Runs `body` on a reader connection; it sees the last committed state and never waits
    /// for the writer.
    public func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Commit durations so far (nanoseconds).
    public var commitLatency: LatencySummary { commitLatencies.withLock { $0.summary } }

    /// The full distribution of commit durations, for merging across runs.
    public var commitLatencyHistogram: LatencyHistogram { commitLatencies.withLock { $0 } }

    public func resetCommitLatency() { commitLatencies.withLock { $0.reset() } }

    /// Changes whenever another connection (another process, the CLI) commits to the file.
    /// Cheap: no I/O. See `ExternalChangeMonitor`.
    public func dataVersion() throws(StoreError) -> Int {
        try writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    /// Caps the file's size in pages on the writer connection (nil lifts the cap). Used to
    /// simulate a full disk.
    public func setMaximumPageCount(_ pages: Int?) throws(StoreError) {
        try writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA max_page_count = \(pages ?? 1_073_741_823)")
        }
    }

    /// The bytes the store occupies on disk: the file and its write-ahead log.
    public var bytesOnDisk: Int {
        let manager = FileManager.default
        return [path, path + "-wal"].reduce(0) { total, file in
            total + ((try? manager.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
    }

    /// Moves the write-ahead log into the main file.
    public func checkpoint() throws(StoreError) {
        try writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    public func close() throws(StoreError) {
        checkpointer?.stop()
        do {
            try pool.close()
        } catch {
            throw StoreError.from(error, path: path)
        }
    }
}
