import Foundation
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore
import Synchronization

/// A running swarm: the engine host on its loop thread, the agents runtime carrying out its
/// effects, and the agents' reports flowing back. Used by `switchboard run` and `switchboard
/// demo`, headless or under the dashboard.
public final class SwarmRunner: @unchecked Sendable {
    public let loop: EngineLoop
    public let agents: AgentRuntime
    public let store: Store
    private let host: EngineHost
    private let lock = NSLock()
    private var stopped = false

    /// Becomes the engine of `store` and declares the swarm's pools and queues; call `start()`
    /// to run. Fails if another process is the engine and still is after `lockPatience` (a
    /// command-line client applying a command holds the store for a moment; 5 s by default).
    public init(
        swarm: SwarmSpec, store: Store, clock: any Clock & Sendable = SystemClock(), configuration: EngineConfiguration,
        retention: RetentionPolicy = .standard, lockPatience: Duration = .seconds(5),
        onEvent: @escaping @Sendable (EngineEvent) -> Void = { _ in }, onError: @escaping @Sendable (any Error) -> Void = { _ in }
    ) throws {
        self.store = store
        var engineConfiguration = configuration
        engineConfiguration.assignment = swarm.assignment
        // A gap of a few ticks is the loop's own rhythm, not a pause of the engine.
        engineConfiguration.pauseThreshold = max(engineConfiguration.pauseThreshold, swarm.tickInterval * 5)
        host = try EngineHost.open(store: store, clock: clock, configuration: engineConfiguration, retention: retention, waitingUpTo: lockPatience)
        for pool in swarm.pools { host.engine.register(pool: pool.record) }
        for queue in swarm.queues { host.engine.configure(queue: queue) }
        try host.commit()
        let box = LoopBox()
        agents = AgentRuntime(pools: swarm.pools, clock: clock, seed: configuration.seed) { report in box.loop?.report(report) }
        let agents = self.agents
        loop = EngineLoop(host: host, tickInterval: swarm.tickInterval, onEffects: { agents.handle($0) }, onError: onError)
        box.loop = loop
        let cursor = EventCursor()
        loop.afterStep = { host in
            for event in cursor.fresh(from: host.engine) { onEvent(event) }
        }
    }

    /// How many of the engine's events have been passed on.
    private final class EventCursor: Sendable {
        private let seen = Mutex(0)

        func fresh(from engine: Engine) -> [EngineEvent] {
            seen.withLock { count in
                defer { count = engine.eventsLogged }
                return engine.events(after: count)
            }
        }
    }

    private final class LoopBox: @unchecked Sendable {
        var loop: EngineLoop?
    }

    public func start() { loop.start() }

    /// Runs `body` with the engine host between steps.
    public func withHost<T>(_ body: (EngineHost) throws -> T) rethrows -> T { try loop.withHost(body) }

    /// Whether anything can still run.
    public var hasRunnableWork: Bool { loop.withHost { $0.engine.hasRunnableWork } }

    /// Stops the engine (with a last commit), asks agents to leave (the shutdown line, SIGTERM
    /// after 3 s, SIGKILL 3 s later; any left after `grace` are killed at once), and gives up
    /// the store's writer lock.
    public func stop(grace: TimeInterval = 6.5) {
        lock.lock()
        if stopped {
            lock.unlock()
            return
        }
        stopped = true
        lock.unlock()
        loop.stop()
        agents.shutdown(grace: grace)
        loop.withHost { host in
            // The agents are gone: recorded as stopped, their tasks back to wait.
            host.engine.shutDown(reason: "switchboard stopped")
            try? host.commit(finalSummary: true)
            host.close()
        }
    }
}
