import Foundation
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore
import Synchronization

/// The demo running: the demo swarm under its engine, fed by the demo workload on a thread of
/// its own. Counts what happened, for the headless summary.
public final class DemoRunner: @unchecked Sendable {
    public let runner: SwarmRunner
    private let counts = CountsBox()
    private let stopping = Atomic(false)
    private let startedAt = ContinuousClock.now
    private var workloadThread: Thread?
    private let seed: UInt64
    private let pace: Double

    struct Counts {
        var scalingEvents = 0
        var events: [EngineEvent.Kind: Int] = [:]
        var giveUps: [String: Int] = [:]
    }

    final class CountsBox: Sendable {
        let state = Mutex(Counts())
    }

    /// Becomes the engine of `store` with the demo swarm (fails when another engine runs on it).
    /// `pace` stretches the workload and the agents' task durations (see `DemoWorkload`).
    public init(store: Store, seed: UInt64, pace: Double = 1, onEvent: @escaping @Sendable (EngineEvent) -> Void = { _ in }, onError: @escaping @Sendable (any Error) -> Void = { _ in }) throws {
        self.seed = seed
        self.pace = pace
        let counts = self.counts
        runner = try SwarmRunner(
            swarm: DemoSwarm.spec(pace: pace), store: store, configuration: DemoSwarm.configuration(seed: seed), retention: DemoSwarm.retention,
            onEvent: { event in
                counts.state.withLock { counts in
                    counts.events[event.kind, default: 0] += 1
                    if event.kind == .poolScaled { counts.scalingEvents += 1 }
                    if event.kind == .supervisorGaveUp { counts.giveUps[event.subject, default: 0] += 1 }
                }
                onEvent(event)
            },
            onError: onError)
    }

    public func start() {
        runner.start()
        let thread = Thread { [self] in feedWorkload() }
        thread.name = "switchboard.demo-workload"
        workloadThread = thread
        thread.start()
    }

    public func stop() {
        stopping.store(true, ordering: .relaxed)
        runner.stop()
    }

    private func feedWorkload() {
        var workload = DemoWorkload(seed: seed, pace: pace)
        while !stopping.load(ordering: .relaxed) {
            let elapsed = (ContinuousClock.now - startedAt).seconds
            for batch in workload.due(at: elapsed) { runner.loop.command(.submit(batch), actor: .workload) }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// What the demo did so far, for `demo --headless --json`.
    public func summary() -> DemoSummary {
        let seconds = max(0.001, (ContinuousClock.now - startedAt).seconds)
        let counted = counts.state.withLock { $0 }
        return runner.withHost { host in
            let engine = host.engine
            // The swarm's agents now: those stopped (scaled down, or by an operator) are counted apart.
            let members = engine.allAgents.filter { $0.state != .stopped }
            var agents = Dictionary(uniqueKeysWithValues: AgentState.allCases.filter { $0 != .stopped }.map { ($0.rawValue, 0) })
            for agent in members { agents[agent.state.rawValue, default: 0] += 1 }
            let delivered = engine.transport.metrics().acknowledged + engine.messages.metrics().acknowledged
            return DemoSummary(
                seconds: seconds, tasks: Dictionary(uniqueKeysWithValues: TaskStatus.allCases.map { ($0.rawValue, engine.count($0)) }),
                agents: agents, agentNames: members.map(\.name), stoppedAgents: engine.allAgents.count - members.count, restarts: engine.restartCount,
                giveUps: counted.giveUps, scalingEvents: counted.scalingEvents,
                messagesPerSecond: Double(delivered) / seconds,
                events: Dictionary(uniqueKeysWithValues: counted.events.map { ($0.key.rawValue, $0.value) }))
        }
    }
}

/// One run of the demo in numbers.
public struct DemoSummary: Sendable, Codable {
    public var seconds: Double
    /// Tasks by status.
    public var tasks: [String: Int]
    /// The swarm's agents by state (agents stopped by a scale-down or an operator are not in
    /// the swarm any more: they are counted in `stoppedAgents`).
    public var agents: [String: Int]
    public var agentNames: [String]
    public var stoppedAgents: Int
    /// Agents restarted, by their supervisor or an operator (the engine's count, as in the
    /// store's summary and `status --json`).
    public var restarts: Int
    /// Give-ups by agent (each agent's given up at most once until an operator restarts it).
    public var giveUps: [String: Int]
    public var scalingEvents: Int
    /// Messages handed to agents (tasks and agent messages) per second, over the run.
    public var messagesPerSecond: Double
    /// Engine events by kind.
    public var events: [String: Int]

    enum CodingKeys: String, CodingKey {
        case seconds, tasks, agents, restarts, events
        case agentNames = "agent_names"
        case stoppedAgents = "stopped_agents"
        case giveUps = "give_ups"
        case scalingEvents = "scaling_events"
        case messagesPerSecond = "messages_per_s"
    }
}
