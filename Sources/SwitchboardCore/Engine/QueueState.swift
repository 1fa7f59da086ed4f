/// A queue of tasks: its operator settings and live counts.
public struct QueueState: Hashable, Sendable {
    public var settings: QueueSettings
    public var running = 0
    public var submitted = RateWindow(seconds: 600)
    public var finished = RateWindow(seconds: 600)
    public var tally = QueueTally()

    public init(settings: QueueSettings) { self.settings = settings }

    public var name: String { settings.name }
    public var isPaused: Bool { settings.paused }
    public var hasRoom: Bool { settings.maxRunning.map { running < $0 } ?? true }
}
