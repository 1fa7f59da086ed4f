import Foundation
import Synchronization

/// Notices commits made to the store by other processes (the CLI submitting or sending while
/// the engine runs) within one interval, without keeping a CPU busy: every interval it reads
/// `PRAGMA data_version` on the writer connection, which changes only when another connection
/// commits. The callback runs on the monitor's own thread.
public final class ExternalChangeMonitor: Sendable {
    private final class StopFlag: Sendable {
        let isSet = Atomic(false)
    }

    private let stopped = StopFlag()

    public init(store: Store, interval: Duration = .milliseconds(20), onChange: @escaping @Sendable () -> Void) {
        let stopped = self.stopped
        let pause = UInt32(max(1, interval.nanoseconds / 1000))
        // The first version is read here, before the caller goes on: a commit made right after
        // this returns must count as a change.
        let first = try? store.dataVersion()
        let thread = Thread {
            var last = first
            while !stopped.isSet.load(ordering: .relaxed) {
                usleep(pause)
                guard let version = try? store.dataVersion() else { continue }
                if let previous = last, previous != version { onChange() }
                last = version
            }
        }
        thread.name = "switchboard.external-changes"
        thread.start()
    }

    public func stop() { stopped.isSet.store(true, ordering: .relaxed) }

    deinit { stop() }
}
