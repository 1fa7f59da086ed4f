import GRDB

/// Why the store could not be opened or written, as one line that names the file.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    case locked(path: String)
    case readOnly(path: String)
    case corrupt(path: String, detail: String)
    case notADatabase(path: String)
    case newerSchema(path: String, unknown: [String])
    case full(path: String)
    case cannotOpen(path: String, reason: String)
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case .locked(let path):
            "the store \(path) is locked by another process; try again when it finishes"
        case .readOnly(let path):
            "the store \(path) is read-only; switchboard needs to write to it (check its permissions)"
        case .corrupt(let path, let detail):
            "the store \(path) is damaged (\(detail)); move it aside or restore a backup"
        case .notADatabase(let path):
            "\(path) is not a Switchboard store (it is not an SQLite database)"
        case .newerSchema(let path, let unknown):
            "the store \(path) was written by a newer Switchboard (schema \(unknown.joined(separator: ", "))); upgrade switchboard"
        case .full(let path):
            "the store \(path) is full (disk or size limit reached); nothing of this change was written"
        case .cannotOpen(let path, let reason):
            "cannot open the store \(path): \(reason)"
        case .failed(let path, let reason):
            "the store \(path) failed: \(reason)"
        }
    }

    /// Translates an SQLite error into a store error about `path`.
    static func from(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else { return .failed(path: path, reason: "\(error)") }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_CORRUPT: return .corrupt(path: path, detail: error.message ?? "malformed")
        case .SQLITE_NOTADB: return .notADatabase(path: path)
        case .SQLITE_FULL: return .full(path: path)
        case .SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: error.message ?? "unable to open the file")
        default: return .failed(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }
}
