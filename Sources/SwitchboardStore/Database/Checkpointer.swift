import Foundation
import GRDB
import Synchronization

/// Pragmas every connection of the store gets: a 64 MiB page cache and memory-mapped reads,
/// so that a busy store does not re-read its pages through system calls.
public enum StorePragmas {
    public static let performance = "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456"
}

/// Moves the write-ahead log into the main file from a background connection, every 200 ms,
/// with PASSIVE checkpoints that never block the writer. Left to SQLite, the commit that
/// crosses the WAL's size threshold does the checkpoint (and its fsync) itself, which was the
/// store's slowest commit by far.
final class Checkpointer: Sendable {
    /// The writer's own auto-checkpoint threshold, in pages, should this thread fall behind.
    static let safetyNetPages = 16_384

    private final class Flag: Sendable {
        let isSet = Atomic(false)
    }

    private let stopped = Flag()
    private let done = DispatchSemaphore(value: 0)

    init(path: String) {
        let stopped = self.stopped
        let done = self.done
        let thread = Thread {
            defer { done.signal() }
            var configuration = Configuration()
            configuration.busyMode = .timeout(1)
            configuration.label = "switchboard.checkpointer"
            guard let connection = try? DatabaseQueue(path: path, configuration: configuration) else { return }
            while !stopped.isSet.load(ordering: .relaxed) {
                for _ in 0..<20 where !stopped.isSet.load(ordering: .relaxed) { usleep(10_000) }
                _ = try? connection.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)") }
            }
            try? connection.close()
        }
        thread.name = "switchboard.checkpointer"
        thread.start()
    }

    /// Stops the thread and waits until it has closed its connection.
    func stop() {
        guard !stopped.isSet.exchange(true, ordering: .relaxed) else { return }
        done.wait()
    }

    deinit { stopped.isSet.store(true, ordering: .relaxed) }
}
