import Foundation
import SwitchboardCore
import SwitchboardStore

/// Runs an engine host on its own thread: the single writer. It wakes when an agent reports,
/// when an operator acts, when another process writes to the store, or every `tickInterval`;
/// each wake is one step (commands, tick, one commit). Effects for agents go to `onEffects`,
/// on the loop's thread, after the step's commit has been attempted.
public final class EngineLoop: @unchecked Sendable {
    public let tickInterval: Duration
    private let host: EngineHost
    private let hostLock = NSLock()
    private let signal = NSCondition()
    private var reports: [AgentReport] = []
    private var commands: [(OperatorCommand, Actor)] = []
    private var woken = false
    private var stopping = false
    private var thread: Thread?
    private var monitor: ExternalChangeMonitor?
    private let finished = NSCondition()
    private var isFinished = false
    private let onEffects: @Sendable ([EngineEffect]) -> Void
    private let onError: @Sendable (any Error) -> Void
    /// Called after each step, on the loop's thread, with the host locked.
    public var afterStep: (@Sendable (EngineHost) -> Void)?

    public init(
        host: EngineHost, tickInterval: Duration = .milliseconds(100), onEffects: @escaping @Sendable ([EngineEffect]) -> Void,
        onError: @escaping @Sendable (any Error) -> Void = { _ in }
    ) {
        self.host = host
        self.tickInterval = tickInterval
        self.onEffects = onEffects
        self.onError = onError
    }

    public func start() {
        monitor = ExternalChangeMonitor(store: host.store) { [weak self] in self?.wake() }
        let thread = Thread { [weak self] in self?.run() }
        thread.name = "switchboard.engine"
        self.thread = thread
        thread.start()
    }

    /// Stops after the current step and waits for the loop to end.
    public func stop() {
        monitor?.stop()
        signal.lock()
        stopping = true
        signal.signal()
        signal.unlock()
        finished.lock()
        while !isFinished, thread != nil { finished.wait() }
        finished.unlock()
    }

    public func report(_ report: AgentReport) {
        signal.lock()
        reports.append(report)
        woken = true
        signal.signal()
        signal.unlock()
    }

    public func command(_ command: OperatorCommand, actor: Actor) {
        signal.lock()
        commands.append((command, actor))
        woken = true
        signal.signal()
        signal.unlock()
    }

    public func wake() {
        signal.lock()
        woken = true
        signal.signal()
        signal.unlock()
    }

    /// Runs `body` with the host, between steps.
    public func withHost<T>(_ body: (EngineHost) throws -> T) rethrows -> T {
        hostLock.lock()
        defer { hostLock.unlock() }
        return try body(host)
    }

    private func run() {
        let interval = tickInterval.seconds
        while true {
            signal.lock()
            if !woken, !stopping { _ = signal.wait(until: Date(timeIntervalSinceNow: interval)) }
            let takenReports = reports
            let takenCommands = commands
            reports.removeAll()
            commands.removeAll()
            woken = false
            let stop = stopping
            signal.unlock()

            var effects: [EngineEffect] = []
            hostLock.lock()
            for report in takenReports { host.handle(report) }
            for (command, actor) in takenCommands { host.engine.enqueue(command, actor: actor) }
            do {
                effects = try host.tick()
            } catch {
                onError(error)
            }
            hostLock.unlock()
            if !effects.isEmpty { onEffects(effects) }
            hostLock.lock()
            do {
                try host.commit()
            } catch {
                onError(error)
            }
            afterStep?(host)
            hostLock.unlock()
            if stop { break }
        }
        finished.lock()
        isFinished = true
        finished.broadcast()
        finished.unlock()
    }
}
