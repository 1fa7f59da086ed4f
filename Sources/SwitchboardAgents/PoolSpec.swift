import SwitchboardCore

/// How the agents of a pool are started.
public enum DriverKind: String, Sendable, CaseIterable, Codable {
    /// A long-running child process speaking the agent protocol on stdin and stdout.
    case process
    /// Each task runs a command; exit status 0 is success.
    case command
    /// In-process agents with seeded behaviour (the demo, load and fault tests).
    case simulated
}

/// A pool as declared in a swarm file: what the engine schedules (`record`) and how the
/// runtime starts its agents.
public struct PoolSpec: Sendable, Hashable {
    public var record: PoolRecord
    public var driver: DriverKind
    /// The program to run: the agent itself (`process`), or the default command of a task that
    /// brings none (`command`).
    public var launch: LaunchSpec?
    public var simulation: SimulationProfile

    public init(record: PoolRecord, driver: DriverKind, launch: LaunchSpec? = nil, simulation: SimulationProfile = SimulationProfile()) {
        var record = record
        record.driver = driver.rawValue
        self.record = record
        self.driver = driver
        self.launch = launch
        self.simulation = simulation
    }
}

/// A whole swarm: pools, queue settings, engine options.
public struct SwarmSpec: Sendable, Hashable {
    public var pools: [PoolSpec]
    public var queues: [QueueSettings]
    public var assignment: AssignmentStrategyKind
    public var tickInterval: Duration

    public init(pools: [PoolSpec], queues: [QueueSettings] = [], assignment: AssignmentStrategyKind = .capabilityMatch, tickInterval: Duration = .milliseconds(100)) {
        self.pools = pools
        self.queues = queues
        self.assignment = assignment
        self.tickInterval = tickInterval
    }
}
