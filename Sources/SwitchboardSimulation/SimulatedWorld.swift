import SwitchboardAgents
import SwitchboardCore

/// The swarm the simulator runs: three pools with different capabilities, two queues, and a
/// generator of random task graphs they can all serve.
enum SimulatedWorld {
    static let capabilities = ["build", "test", "review"]
    static let queues = ["ci", "ops"]

    static var pools: [PoolSpec] {
        [
            PoolSpec(
                record: PoolRecord(name: "builders", capabilities: ["build"], minReplicas: 2, maxReplicas: 4, heartbeatInterval: 1, memoryLimitBytes: 1 << 30),
                driver: .simulated,
                simulation: SimulationProfile(taskSeconds: 1.0, jitter: 0.5, failureRate: 0.05, hangRate: 0.01, crashRate: 0.01, heartbeatInterval: 1, messageRate: 0.1)),
            PoolSpec(
                record: PoolRecord(name: "testers", capabilities: ["test"], minReplicas: 2, maxReplicas: 3, heartbeatInterval: 1, memoryLimitBytes: 1 << 30),
                driver: .simulated,
                simulation: SimulationProfile(taskSeconds: 0.7, jitter: 0.5, failureRate: 0.08, crashRate: 0.01, heartbeatInterval: 1)),
            PoolSpec(
                record: PoolRecord(
                    name: "reviewers", capabilities: ["review", "build"], role: "captain", minReplicas: 1, maxReplicas: 2, tasksPerAgent: 2, heartbeatInterval: 1,
                    memoryLimitBytes: 1 << 30),
                driver: .simulated,
                simulation: SimulationProfile(taskSeconds: 0.5, jitter: 0.5, failureRate: 0.03, heartbeatInterval: 1)),
        ]
    }

    static func configuration(seed: UInt64) -> EngineConfiguration {
        var configuration = EngineConfiguration(seed: seed)
        configuration.scaleDownCooldown = .seconds(5)
        configuration.stallFloor = .seconds(10)
        // Quick restarts and a short period, so that a crash loop reaches a give-up (and a pool
        // its failing mark) within the steps of a run.
        configuration.restartPolicy = RestartPolicy(initialDelay: .milliseconds(100), factor: 2, maxDelay: .seconds(2), intensity: 3, period: .seconds(20))
        configuration.replacementPolicy = ReplacementPolicy(initialDelay: .seconds(1), factor: 2, maxDelay: .seconds(10), failingAfter: 3, period: .seconds(60))
        return configuration
    }

    /// The most events one step may log (see `SupervisionChecker`).
    static let eventsPerStep = SupervisionChecker.defaultEventsPerStep

    /// A random graph of 1–6 tasks: edges only to earlier tasks (so no cycles), mostly "must
    /// succeed", some "any outcome", some optional; all five priorities; some with timeouts,
    /// some told to fail, hang or crash their agent.
    static func graph(_ random: inout SeededRandom, number: Int) -> [TaskSpec] {
        let count = 1 + random.nextInt(6)
        var specs: [TaskSpec] = []
        for index in 0..<count {
            var spec = TaskSpec(
                title: "graph \(number) task \(index)", queue: queues[random.nextInt(queues.count)],
                capabilities: [capabilities[random.nextInt(capabilities.count)]], priority: Priority.allCases[random.nextInt(5)],
                localName: "n\(index)")
            for earlier in 0..<index where random.chance(0.4) {
                let roll = random.nextUnit()
                spec.dependencies.append(TaskSpec.DependencySpec(
                    .local("n\(earlier)"), condition: roll < 0.2 ? .anyOutcome : .success, optional: roll > 0.9))
            }
            if random.chance(0.3) { spec.timeout = .seconds(fractional: 2 + 8 * random.nextUnit()) }
            if random.chance(0.3) { spec.maxAttempts = 1 + random.nextInt(3) }
            let roll = random.nextUnit()
            if roll < 0.04 {
                spec.payload = ["outcome": "fail"]
            } else if roll < 0.06 {
                spec.payload = ["outcome": "hang"]
            } else if roll < 0.07 {
                spec.payload = ["outcome": "crash"]
            }
            specs.append(spec)
        }
        return specs
    }
}
