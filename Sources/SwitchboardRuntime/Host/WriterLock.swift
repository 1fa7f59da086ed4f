#if canImport(Glibc)
import Glibc
#endif

/// The single-writer rule across processes: whoever holds the lock on `<store>.lock` is the
/// engine for that store. The lock is an flock, so the kernel releases it when its holder
/// exits, even by SIGKILL; no stale lock is ever left behind.
public final class WriterLock: @unchecked Sendable {
    public let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Takes the lock if nobody holds it; nil when another process does.
    public static func acquire(for storePath: String) throws(WriterLockError) -> WriterLock? {
        let path = storePath + ".lock"
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw WriterLockError(path: path, reason: String(cString: strerror(errno))) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let error = errno
            close(descriptor)
            if error == EWOULDBLOCK { return nil }
            throw WriterLockError(path: path, reason: String(cString: strerror(error)))
        }
        return WriterLock(path: path, descriptor: descriptor)
    }

    /// Takes the lock, trying again every 20 ms for up to `patience` while another process
    /// holds it; nil if it is still held then.
    public static func acquire(for storePath: String, waitingUpTo patience: Duration) throws(WriterLockError) -> WriterLock? {
        let deadline = ContinuousClock.now + patience
        while true {
            if let lock = try acquire(for: storePath) { return lock }
            guard ContinuousClock.now < deadline else { return nil }
            usleep(20_000)
        }
    }

    /// Whether some process holds the lock now.
    public static func isHeld(for storePath: String) -> Bool {
        let descriptor = open(storePath + ".lock", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) != 0 { return errno == EWOULDBLOCK }
        flock(descriptor, LOCK_UN)
        return false
    }

    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}

public struct WriterLockError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot use the lock file \(path): \(reason)" }
}
