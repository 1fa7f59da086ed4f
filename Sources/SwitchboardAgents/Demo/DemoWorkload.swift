import SwitchboardCore

/// The demo's synthetic work, as a function of time since it started: a pipeline (build → unit
/// tests and lint → review) every 1.5 s, a one-off task every 1.5 s, both at all five
/// priorities; early on, a task that crashes its agent and one that hangs until it times out;
/// and a backlog spike at 0.5 s and every two minutes after, which makes the builders scale up
/// (and, once it is worked off, down again). Seeded: the same seed gives the same work.
///
/// `pace` stretches it: at pace 2 work arrives half as often and each task lasts twice as long
/// (with the simulated agents' durations stretched alike by `DemoSwarm.spec(pace:)`), so that
/// a person has time to act on a task before it is gone.
public struct DemoWorkload: Sendable {
    public let pace: Double
    private var random: SeededRandom
    private var nextPipeline = 0.2
    private var nextSingle = 0.9
    private var nextSpike = 0.5
    private var firedCrash = false
    private var firedHang = false
    private var pipelines = 0

    public static let spikeEvery = 120.0
    public static let spikeSize = 24

    public init(seed: UInt64, pace: Double = 1) {
        random = SeededRandom(seed: seed)
        self.pace = max(0.01, pace)
    }

    static let features = [
        "login", "search", "billing", "uploads", "dashboard", "exports", "webhooks", "sessions", "reports", "notifications", "caching",
        "onboarding", "permissions", "audit log", "rate limits", "i18n",
    ]
    static let chores = [
        "Rotate the API keys", "Vacuum the store", "Sync the mirrors", "Index the wiki", "Compress the logs", "Warm the caches",
        "Scan dependencies for CVEs", "Archive last week's runs", "Check links in the docs", "Regenerate the changelog",
    ]

    /// The submissions due by `elapsed` seconds, each one batch submitted atomically.
    public mutating func due(at elapsed: Double) -> [[TaskSpec]] {
        var batches: [[TaskSpec]] = []
        if !firedCrash, elapsed >= 0.3 {
            firedCrash = true
            var spec = TaskSpec(title: "Compile the flaky native module", queue: "ci", payload: ["outcome": "crash", "seconds": .number(1.5 * pace)], capabilities: ["build"], priority: .high, tags: ["demo:crash"])
            spec.maxAttempts = 3
            batches.append([spec])
        }
        if !firedHang, elapsed >= 0.5 {
            firedHang = true
            var spec = TaskSpec(title: "Wait for the partner API", queue: "ops", payload: ["outcome": "hang"], capabilities: ["test"], priority: .urgent, tags: ["demo:timeout"], timeout: .seconds(fractional: 4 * pace))
            spec.maxAttempts = 1
            batches.append([spec])
        }
        while elapsed >= nextSpike {
            batches.append((0..<Self.spikeSize).map { index in
                TaskSpec(title: "Resize image batch \(index + 1)", queue: "ops", payload: ["seconds": .number((0.4 + 0.6 * random.nextUnit()) * pace)], capabilities: ["build"],
                         priority: index % 3 == 0 ? .normal : .low, tags: ["spike"])
            })
            nextSpike += Self.spikeEvery
        }
        while elapsed >= nextPipeline {
            batches.append(pipeline())
            nextPipeline += 1.5 * pace
        }
        while elapsed >= nextSingle {
            let title = Self.chores[random.nextInt(Self.chores.count)]
            batches.append([TaskSpec(title: title, queue: "ops", capabilities: [random.chance(0.5) ? "build" : "test"], priority: randomPriority(), tags: ["chore"])])
            nextSingle += 1.5 * pace
        }
        return batches
    }

    private mutating func pipeline() -> [TaskSpec] {
        pipelines += 1
        let feature = Self.features[random.nextInt(Self.features.count)]
        let priority = randomPriority()
        let tag = "feature:" + feature.replacing(" ", with: "-")
        func step(_ title: String, _ capability: String, _ name: String, after: [String], queue: String = "ci") -> TaskSpec {
            TaskSpec(
                title: "\(title) \(feature) #\(pipelines)", queue: queue, capabilities: [capability], priority: priority, tags: [tag],
                dependencies: after.map { TaskSpec.DependencySpec(.local($0)) }, localName: name)
        }
        return [
            step("Build", "build", "build", after: []),
            step("Unit tests for", "test", "unit", after: ["build"]),
            step("Lint", "test", "lint", after: ["build"]),
            step("Review", "review", "review", after: ["unit", "lint"], queue: "reviews"),
        ]
    }

    /// Mostly normal work, some of every other level.
    private mutating func randomPriority() -> Priority {
        let roll = random.nextUnit()
        if roll < 0.15 { return .low }
        if roll < 0.6 { return .normal }
        if roll < 0.8 { return .high }
        if roll < 0.93 { return .urgent }
        return .critical
    }
}
