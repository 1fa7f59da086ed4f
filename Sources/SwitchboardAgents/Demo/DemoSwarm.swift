import SwitchboardCore
import SwitchboardStore

/// The built-in demo: eight simulated agents, Agent-1 … Agent-8, in three pools with different
/// capabilities — a captain who plans and reviews, builders who scale with the backlog, testers
/// of whom one slowly leaks memory — under the `DemoWorkload`.
public enum DemoSwarm {
    public static let leakyAgent = "Agent-7"

    public static var spec: SwarmSpec { spec(pace: 1) }

    /// The swarm with task durations stretched by `pace` (see `DemoWorkload`).
    public static func spec(pace: Double) -> SwarmSpec {
        let pace = max(0.01, pace)
        let captain = PoolRecord(
            name: "captain", capabilities: ["plan", "review"], role: "captain", minReplicas: 1, maxReplicas: 1, heartbeatInterval: 1,
            memoryLimitBytes: 512 << 20, agentNames: ["Agent-1"])
        let builders = PoolRecord(
            name: "builders", capabilities: ["build", "python"], minReplicas: 4, maxReplicas: 6, heartbeatInterval: 1,
            memoryLimitBytes: 768 << 20, agentNames: ["Agent-2", "Agent-3", "Agent-4", "Agent-5", "Agent-9", "Agent-10"])
        let testers = PoolRecord(
            name: "testers", capabilities: ["test", "python"], minReplicas: 3, maxReplicas: 3, heartbeatInterval: 1,
            memoryLimitBytes: 512 << 20, agentNames: ["Agent-6", "Agent-7", "Agent-8"])
        return SwarmSpec(
            pools: [
                PoolSpec(record: captain, driver: .simulated, simulation: SimulationProfile(taskSeconds: 0.8 * pace, jitter: 0.4, memoryBytes: 96 << 20, cpuPercent: 20)),
                PoolSpec(record: builders, driver: .simulated, simulation: SimulationProfile(
                    taskSeconds: 2 * pace, jitter: 0.5, failureRate: 0.04, memoryBytes: 180 << 20, cpuPercent: 70)),
                PoolSpec(record: testers, driver: .simulated, simulation: SimulationProfile(
                    taskSeconds: 1.2 * pace, jitter: 0.5, failureRate: 0.1, memoryBytes: 220 << 20, memoryGrowthPerSecond: 3 << 19, cpuPercent: 45,
                    messageRate: 0.2, leakingAgents: [leakyAgent])),
            ],
            queues: [QueueSettings(name: "ci"), QueueSettings(name: "ops"), QueueSettings(name: "reviews")],
            assignment: .capabilityMatch, tickInterval: .milliseconds(100))
    }

    /// How long the demo keeps finished work: ten minutes of tasks, their history, messages,
    /// events and metrics, so that an hour's demo (or a day's) does not grow its store without
    /// bound. Real stores keep a day (`RetentionPolicy.standard`).
    public static let retention = RetentionPolicy(finished: .seconds(600), deadLetters: .seconds(600))

    /// Engine settings for the demo: a shorter scale-down cooldown and scale-up interval than a
    /// production swarm's (30 s and 10 s), so that a spike's scale-up is followed by its
    /// scale-down within seconds of the backlog clearing — but not so short that the steady
    /// trickle of pipelines, which moves the backlog by one or two, scales the builders up and
    /// down every few seconds (3 s did: 114 scaling events in four minutes).
    public static func configuration(seed: UInt64) -> EngineConfiguration {
        var configuration = EngineConfiguration(seed: seed)
        configuration.scaleDownCooldown = .seconds(10)
        configuration.scaleUpInterval = .seconds(5)
        return configuration
    }
}
