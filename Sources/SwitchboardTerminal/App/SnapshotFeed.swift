import Foundation
import SwitchboardUI

/// Reads snapshots on its own thread, so that a slow store never freezes the screen: the UI
/// takes the latest one when it is ready. It reads every `interval`, and at once when the
/// query changes or after a command.
final class SnapshotFeed: @unchecked Sendable {
    private let source: any DashboardSource
    private let interval: Double
    private let condition = NSCondition()
    private var query: DashboardQuery
    private var latest: DashboardSnapshot?
    private var fresh = false
    private var woken = true
    private var stopping = false
    private var paused = false
    private var reads = 0

    init(source: any DashboardSource, query: DashboardQuery, interval: Double) {
        self.source = source
        self.query = query
        self.interval = max(0.02, interval)
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "switchboard.feed"
        thread.start()
    }

    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    /// Reads again at once when the query differs from the last.
    func update(_ newQuery: DashboardQuery) {
        condition.lock()
        if newQuery != query {
            query = newQuery
            woken = true
            condition.signal()
        }
        condition.unlock()
    }

    func wake() {
        condition.lock()
        woken = true
        condition.signal()
        condition.unlock()
    }

    /// Stops reading while the screen is frozen.
    func setPaused(_ value: Bool) {
        condition.lock()
        paused = value
        if !value { woken = true }
        condition.signal()
        condition.unlock()
    }

    /// The newest snapshot, once: nil when there is nothing new since the last call.
    func take() -> DashboardSnapshot? {
        condition.lock()
        defer { condition.unlock() }
        guard fresh else { return nil }
        fresh = false
        return latest
    }

    private func run() {
        while true {
            condition.lock()
            while !stopping, paused || !woken {
                if !condition.wait(until: Date(timeIntervalSinceNow: interval)), !paused { break }
            }
            if stopping {
                condition.unlock()
                return
            }
            woken = false
            let wanted = query
            let previous = latest
            condition.unlock()

            var snapshot: DashboardSnapshot
            do {
                snapshot = try source.snapshot(for: wanted)
            } catch {
                // Keep showing the last figures, and say why they are not fresh.
                snapshot = previous ?? DashboardSnapshot(storePath: "", readAt: .epoch)
                snapshot.problem = String(describing: error)
            }
            condition.lock()
            latest = snapshot
            fresh = true
            reads += 1
            condition.unlock()
        }
    }
}
