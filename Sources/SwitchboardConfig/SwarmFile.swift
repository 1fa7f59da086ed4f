import Foundation
import SwitchboardAgents
import SwitchboardCore
import TOMLKit

/// A swarm file for `switchboard run --config`: pools of agents, queue settings, engine options.
///
/// ```toml
/// [engine]
/// tick = "100ms"
/// assignment = "capability"      # capability, least-loaded, round-robin, scored
///
/// [[pool]]
/// name = "echo"
/// driver = "process"             # process, command or simulated
/// command = ["python3", "agents/echo_agent.py"]
/// directory = "."                # relative to this file; the default
/// environment = { GREETING = "hello" }
/// capabilities = ["echo"]
/// role = "worker"
/// min_replicas = 2
/// max_replicas = 4
/// tasks_per_agent = 1
/// heartbeat_interval = "1s"
/// memory_limit = "256MB"
/// agent_names = ["echo-1", "echo-2"]
///
/// [pool.simulation]              # for driver = "simulated"
/// task_seconds = 2
/// failure_rate = 0.05
///
/// [[queue]]
/// name = "default"
/// max_running = 10
/// ```
public enum SwarmFile {
    static let poolKeys = [
        "name", "driver", "command", "directory", "environment", "capabilities", "role", "min_replicas", "max_replicas",
        "tasks_per_agent", "heartbeat_interval", "memory_limit", "agent_names", "simulation",
    ]
    static let simulationKeys = [
        "task_seconds", "jitter", "failure_rate", "hang_rate", "crash_rate", "memory", "memory_growth", "heartbeat_interval",
        "heartbeat_jitter", "cpu_percent", "message_rate",
    ]

    public static func load(path: String) throws(ConfigError) -> SwarmSpec {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError(file: path, message: "cannot read the file")
        }
        let folder = (path as NSString).deletingLastPathComponent
        return try parse(text: text, file: path, baseDirectory: folder.isEmpty ? FileManager.default.currentDirectoryPath : folder)
    }

    public static func parse(text: String, file: String, baseDirectory: String) throws(ConfigError) -> SwarmSpec {
        let document = try TOMLDocument(text: text, file: file)
        let root = TableReader(document: document, table: document.root, name: nil)
        try root.onlyKeys(["engine", "pool", "queue"])
        var assignment = AssignmentStrategyKind.capabilityMatch
        var tick = Duration.milliseconds(100)
        if let engine = document.root["engine"] {
            guard let table = engine.table else { throw root.error("engine", "expected an [engine] table") }
            let reader = TableReader(document: document, table: table, name: "engine")
            try reader.onlyKeys(["tick", "assignment"])
            if let text = try reader.string("assignment") {
                guard let kind = AssignmentStrategyKind(rawValue: text) else {
                    throw reader.error("assignment", "\"\(text)\" is not one of \(AssignmentStrategyKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                assignment = kind
            }
            tick = try reader.duration("tick", in: .milliseconds(1) ... .seconds(10)) ?? tick
        }
        var pools: [PoolSpec] = []
        for (index, table) in try document.tables(named: "pool").enumerated() {
            pools.append(try pool(TableReader(document: document, table: table, name: "pool", index: index), baseDirectory: baseDirectory))
        }
        guard !pools.isEmpty else { throw ConfigError(file: file, message: "no [[pool]] tables: a swarm needs at least one pool") }
        var seen: [String: Int] = [:]
        for (index, pool) in pools.enumerated() {
            if let earlier = seen[pool.record.name] {
                throw ConfigError(
                    file: file, line: document.line(ofKey: "name", inTable: "pool", index: index), key: "name",
                    message: "\"\(pool.record.name)\" is already the name of the pool at line \(document.line(ofTable: "pool", index: earlier) ?? 0)")
            }
            seen[pool.record.name] = index
        }
        var queues: [QueueSettings] = []
        for (index, table) in try document.tables(named: "queue").enumerated() {
            let reader = TableReader(document: document, table: table, name: "queue", index: index)
            try reader.onlyKeys(["name", "max_running", "paused"])
            let maximum = try reader.int("max_running", in: 1...1_000_000)
            let name = try reader.requiredString("name")
            try reader.checkLine(name, "name")
            queues.append(QueueSettings(name: name, paused: try reader.bool("paused") ?? false, maxRunning: maximum))
        }
        return SwarmSpec(pools: pools, queues: queues, assignment: assignment, tickInterval: tick)
    }

    private static func pool(_ reader: TableReader, baseDirectory: String) throws(ConfigError) -> PoolSpec {
        try reader.onlyKeys(poolKeys)
        let name = try reader.requiredString("name")
        try reader.checkLine(name, "name")
        let driverText = try reader.string("driver") ?? "process"
        guard let driver = DriverKind(rawValue: driverText) else {
            throw reader.error("driver", "\"\(driverText)\" is not one of process, command, simulated")
        }
        var command: [String]?
        if let value = reader.table["command"] {
            if let text = value.string {
                command = ["/bin/sh", "-c", text]
            } else {
                command = try reader.strings("command")
            }
            if command?.isEmpty == true { throw reader.error("command", "must not be empty") }
            for argument in command ?? [] { try reader.checkNoNUL(argument, "command") }
        }
        if driver == .process, command == nil { throw reader.error("command", "a process pool needs a command") }
        var directory = try reader.string("directory") ?? "."
        if !directory.hasPrefix("/") { directory = (baseDirectory as NSString).appendingPathComponent(directory) }
        var environment: [String: String] = [:]
        if let value = reader.table["environment"] {
            guard let table = value.table else { throw reader.error("environment", "expected a table such as { KEY = \"value\" }") }
            for key in table.keys {
                guard let text = table[key]?.string else { throw reader.error("environment", "the value of \(key) must be a string") }
                guard !key.isEmpty, !key.contains("=") else { throw reader.error("environment", "\"\(key)\" is not a variable's name") }
                try reader.checkNoNUL(key, "environment")
                try reader.checkNoNUL(text, "environment")
                environment[key] = text
            }
        }
        let minimum = try reader.int("min_replicas", in: OperatorCommand.replicaRange) ?? 1
        let maximum = try reader.int("max_replicas", in: OperatorCommand.replicaRange) ?? max(minimum, 1)
        guard maximum >= minimum else { throw reader.error("max_replicas", "must be at least min_replicas (\(minimum))") }
        let perAgent = try reader.int("tasks_per_agent", in: 1...1000) ?? 1
        let heartbeat = try reader.duration("heartbeat_interval", in: heartbeatRange) ?? .seconds(1)
        let record = PoolRecord(
            name: name, driver: driver.rawValue, capabilities: try reader.names("capabilities") ?? [], role: try reader.name("role"),
            minReplicas: minimum, maxReplicas: maximum, tasksPerAgent: perAgent, heartbeatInterval: heartbeat.seconds,
            memoryLimitBytes: try reader.bytes("memory_limit"), agentNames: try reader.names("agent_names") ?? [])
        var simulation = SimulationProfile(heartbeatInterval: heartbeat.seconds)
        if let value = reader.table["simulation"] {
            guard let table = value.table else { throw reader.error("simulation", "expected a [pool.simulation] table") }
            let sub = TableReader(document: reader.document, table: table, name: "pool.simulation", index: reader.index)
            try sub.onlyKeys(simulationKeys)
            simulation = SimulationProfile(
                taskSeconds: try sub.double("task_seconds", in: 0.001...InputLimits.longestDuration.seconds) ?? 2,
                jitter: try sub.double("jitter", in: 0...1) ?? 0.5,
                failureRate: try probability(sub, "failure_rate"), hangRate: try probability(sub, "hang_rate"),
                crashRate: try probability(sub, "crash_rate"), memoryBytes: try sub.bytes("memory") ?? (64 << 20),
                memoryGrowthPerSecond: try sub.bytes("memory_growth") ?? 0,
                heartbeatInterval: try sub.duration("heartbeat_interval", in: heartbeatRange)?.seconds ?? heartbeat.seconds,
                heartbeatJitter: try sub.double("heartbeat_jitter", in: 0...0.9) ?? 0.1, cpuPercent: try sub.double("cpu_percent", in: 0...10_000) ?? 35,
                messageRate: try probability(sub, "message_rate"))
        }
        // A command pool keeps its directory and environment even without a default command.
        let launch = command.map { LaunchSpec(arguments: $0, directory: directory, environment: environment) }
            ?? (driver == .command ? LaunchSpec(arguments: [], directory: directory, environment: environment) : nil)
        return PoolSpec(record: record, driver: driver, launch: launch, simulation: simulation)
    }

    /// How often agents beat: from 10 ms (more would flood the engine) to an hour.
    static let heartbeatRange: ClosedRange<Duration> = .milliseconds(10) ... .seconds(3600)

    private static func probability(_ reader: TableReader, _ key: String) throws(ConfigError) -> Double {
        guard let value = try reader.double(key) else { return 0 }
        guard (0...1).contains(value) else { throw reader.error(key, "must be between 0 and 1") }
        return value
    }
}
