import SwitchboardCore

/// An engine on a manual clock with helpers to add agents and move work along, for tests.
public final class EngineHarness {
    public let clock: ManualClock
    public let engine: Engine
    /// Every effect the engine produced, in order.
    public private(set) var effects: [EngineEffect] = []
    /// Agents that stop sending heartbeats.
    public var silenced: Set<String> = []
    private var agentsPerPool: [String: Int] = [:]

    public init(configuration: EngineConfiguration = EngineConfiguration(keepHistoryInMemory: true)) {
        clock = ManualClock()
        engine = Engine(configuration: configuration, clock: clock)
    }

    /// Starts an agent and says hello for it. Its pool is sized to the agents added to it, so
    /// that the autoscaler keeps exactly them.
    public func addAgent(_ name: String, pool: String = "default", capabilities: [String] = [], concurrency: Int = 1, role: String? = nil) {
        agentsPerPool[pool, default: 0] += 1
        let count = agentsPerPool[pool]!
        engine.register(pool: PoolRecord(name: pool, capabilities: capabilities, role: role, minReplicas: count, maxReplicas: count, tasksPerAgent: concurrency))
        engine.handle(.started(agent: name, pool: pool, pid: nil))
        engine.handle(.hello(agent: name, capabilities: capabilities, role: role, protocolVersion: 1))
    }

    @discardableResult
    public func submit(_ specs: [TaskSpec], actor: Actor = .cli) -> [TaskID] {
        let outcome = engine.execute(.submit(specs), actor: actor)
        precondition(outcome.accepted, outcome.message)
        return outcome.tasks
    }

    @discardableResult
    public func submit(_ title: String, priority: Priority = .normal, capabilities: [String] = [], needs: [TaskID] = [], queue: String = "default", timeout: Duration? = nil) -> TaskID {
        submit([TaskSpec(title: title, queue: queue, capabilities: capabilities, priority: priority, dependencies: needs.map { .init(.id($0)) }, timeout: timeout)])[0]
    }

    /// Runs a tick and returns (and keeps) its effects.
    @discardableResult
    public func tick() -> [EngineEffect] {
        let produced = engine.takeEffects() + engine.tick()
        effects += produced
        return produced
    }

    /// Tasks delivered to agents in `effects`, in order.
    public var deliveries: [(agent: String, task: TaskID)] {
        effects.compactMap { effect in
            if case .deliverTask(let agent, let assignment) = effect { return (agent, assignment.task) }
            return nil
        }
    }

    public func status(_ id: TaskID) -> TaskStatus? { engine.task(id)?.status }

    public func complete(_ id: TaskID, result: JSONValue? = nil) {
        guard let agent = engine.task(id)?.agent else { preconditionFailure("\(id) is not running") }
        engine.handle(.completed(agent: agent, task: id, result: result, output: nil))
    }

    public func fail(_ id: TaskID, retryable: Bool = true, error: String = "boom") {
        guard let agent = engine.task(id)?.agent else { preconditionFailure("\(id) is not running") }
        engine.handle(.failed(agent: agent, task: id, error: error, retryable: retryable, output: nil))
    }

    /// Moves time on in steps of at most half a second, with a heartbeat from every connected
    /// agent that is not silenced at each step, as real agents would.
    public func advance(_ duration: Duration) {
        var remaining = duration
        while remaining > .zero {
            let step = min(remaining, .milliseconds(500))
            clock.advance(by: step)
            remaining -= step
            for agent in engine.allAgents where !silenced.contains(agent.name) && agent.state != .stopped && agent.state != .restarting {
                engine.handle(.heartbeat(agent: agent.name))
            }
        }
    }

    public func history(_ id: TaskID) -> [TaskHistoryEntry] { engine.history(of: id) }
}
