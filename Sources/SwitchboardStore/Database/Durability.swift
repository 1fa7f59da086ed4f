/// How much a commit survives.
///
/// - `normal`: WAL with `synchronous=NORMAL`. A commit survives the process being killed
///   (SIGKILL, a crash); the last commits before a power cut or kernel panic may be lost. The
///   default.
/// - `strict`: WAL with `synchronous=FULL`. A commit survives power loss too; each commit waits
///   for an fsync.
public enum Durability: String, Sendable, CaseIterable, Codable {
    case normal
    case strict

    var synchronousPragma: String {
        switch self {
        case .normal: "NORMAL"
        case .strict: "FULL"
        }
    }
}
