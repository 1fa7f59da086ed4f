/// How the scheduler picks an agent for a task among those that may take it (assignable, with
/// every required capability). A strategy may also decline: the task then waits.
public protocol AssignmentStrategy: Sendable {
    var kind: AssignmentStrategyKind { get }
    mutating func choose(for task: Task, among candidates: [AgentRecord]) -> String?
}

/// The strategies, by name (for configuration).
public enum AssignmentStrategyKind: String, Sendable, CaseIterable, Codable {
    /// The agent whose capabilities fit the task most closely (fewest it does not need), so
    /// that specialists stay free for work only they can do; then the least loaded.
    case capabilityMatch = "capability"
    case leastLoaded = "least-loaded"
    case roundRobin = "round-robin"
    /// Weighs capability fit, load, health and past performance (see `ScoredWeights`).
    case scored

    public func makeStrategy(weights: ScoredWeights) -> any AssignmentStrategy {
        switch self {
        case .capabilityMatch: CapabilityMatchStrategy()
        case .leastLoaded: LeastLoadedStrategy()
        case .roundRobin: RoundRobinStrategy()
        case .scored: ScoredStrategy(weights: weights)
        }
    }
}

/// The scored strategy's weights. The defaults are those of the system Switchboard replaces:
/// 0.4 capability fit, 0.3 load, 0.2 health, 0.1 past performance, and no assignment below 0.6.
public struct ScoredWeights: Hashable, Sendable, Codable {
    public var capability: Double
    public var load: Double
    public var health: Double
    public var performance: Double
    public var minimumScore: Double

    public init(capability: Double = 0.4, load: Double = 0.3, health: Double = 0.2, performance: Double = 0.1, minimumScore: Double = 0.6) {
        self.capability = capability
        self.load = load
        self.health = health
        self.performance = performance
        self.minimumScore = minimumScore
    }
}

private func load(_ agent: AgentRecord) -> Double { Double(agent.currentTasks.count) / Double(max(1, agent.concurrency)) }

public struct CapabilityMatchStrategy: AssignmentStrategy {
    public var kind: AssignmentStrategyKind { .capabilityMatch }
    public init() {}

    public mutating func choose(for task: Task, among candidates: [AgentRecord]) -> String? {
        candidates.min { a, b in
            let surplusA = a.capabilities.count - task.capabilities.count
            let surplusB = b.capabilities.count - task.capabilities.count
            if surplusA != surplusB { return surplusA < surplusB }
            if load(a) != load(b) { return load(a) < load(b) }
            return a.name < b.name
        }?.name
    }
}

public struct LeastLoadedStrategy: AssignmentStrategy {
    public var kind: AssignmentStrategyKind { .leastLoaded }
    public init() {}

    public mutating func choose(for task: Task, among candidates: [AgentRecord]) -> String? {
        candidates.min { a, b in load(a) != load(b) ? load(a) < load(b) : a.name < b.name }?.name
    }
}

public struct RoundRobinStrategy: AssignmentStrategy {
    public var kind: AssignmentStrategyKind { .roundRobin }
    private var last: String?
    public init() {}

    /// The next candidate after the last one chosen, in name order.
    public mutating func choose(for task: Task, among candidates: [AgentRecord]) -> String? {
        let names = candidates.map(\.name).sorted()
        guard !names.isEmpty else { return nil }
        let next = last.flatMap { previous in names.first { $0 > previous } } ?? names[0]
        last = next
        return next
    }
}

public struct ScoredStrategy: AssignmentStrategy {
    public var kind: AssignmentStrategyKind { .scored }
    public var weights: ScoredWeights

    public init(weights: ScoredWeights = ScoredWeights()) { self.weights = weights }

    /// The score of an agent for a task, 0…1.
    public func score(_ agent: AgentRecord, for task: Task) -> Double {
        let fit = task.capabilities.isEmpty
            ? 1.0 / Double(1 + agent.capabilities.count) + 0.5
            : Double(task.capabilities.count) / Double(max(task.capabilities.count, agent.capabilities.count))
        let finished = agent.tasksDone + agent.tasksFailed
        let performance = finished == 0 ? 0.75 : Double(agent.tasksDone) / Double(finished)
        return weights.capability * min(1, fit) + weights.load * (1 - min(1, load(agent)))
            + weights.health * Double(agent.health.score) / 100 + weights.performance * performance
    }

    public mutating func choose(for task: Task, among candidates: [AgentRecord]) -> String? {
        var best: (name: String, score: Double)?
        for agent in candidates {
            let value = score(agent, for: task)
            if value >= weights.minimumScore, best.map({ value > $0.score || (value == $0.score && agent.name < $0.name) }) ?? true {
                best = (agent.name, value)
            }
        }
        return best?.name
    }
}
