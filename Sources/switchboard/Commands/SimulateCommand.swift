import ArgumentParser
import Foundation
import SwitchboardCore
import SwitchboardSimulation

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the engine and its store in virtual time under seeded faults, checking every invariant after every step.",
        discussion: """
            Each seed is one run: the real engine and a real SQLite store with simulated agents, \
            random task graphs and operator commands, and faults — agents that crash, hang, lose \
            heartbeats, write garbage or report work twice or work they do not hold; the engine \
            killed and restarted from the store; a full disk; the clock jumping. After every step \
            the invariants are checked (see the README); once faults stop, every task must finish. \
            A violation prints the seed, the step, the invariant and the events before it; the same \
            seed replays it exactly (--seeds 1 --start SEED).

            --demo DURATION runs the demo instead (its swarm, settings and workload, seed --start) \
            for that much virtual time, checking the supervision invariants at every step, and \
            prints its figures: restarts, give-ups, events by kind, scaling, the store's size.

            Examples:
              switchboard simulate --seeds 300 --json
              switchboard simulate --seeds 1 --start 4242
              switchboard simulate --demo 10m --json
              switchboard simulate --seeds 10000 --start 1000000 --steps 400
            """)

    @Option(help: "How many seeds to run.")
    var seeds: UInt64 = 100

    @Option(help: "The first seed.")
    var start: UInt64 = 0

    @Option(help: "Steps with faults per run (100 ms of virtual time each).")
    var steps = 150

    @Option(help: "Runs at once (default: one per core).")
    var parallel: Int?

    @Option(help: ArgumentHelp("Plant a bug to see the checker catch it: \(Sabotage.allCases.map(\.rawValue).joined(separator: ", ")).", visibility: .hidden))
    var sabotage: String?

    @Option(help: ArgumentHelp("Run the demo for this much virtual time (10m) instead of seeded faults.", valueName: "duration"))
    var demo: String?

    @Flag(help: "Print one JSON object: runs, steps, faults, violations, and each failure.")
    var json = false

    func run() throws {
        Self.makeHashingDeterministic()
        if let demo {
            guard let length = Duration(parsing: demo), length > .zero, length <= .seconds(7 * 86_400) else {
                throw ValidationError("--demo: \"\(demo)\" is not a duration up to 7 days (10m, 1h)")
            }
            try runDemo(seconds: length.seconds)
            return
        }
        var options = SimulationOptions(faultSteps: steps)
        if let sabotage {
            guard let planted = Sabotage(rawValue: sabotage) else { throw ValidationError("--sabotage: one of \(Sabotage.allCases.map(\.rawValue).joined(separator: ", "))") }
            options.sabotage = planted
        }
        let summary = SimulationBatch.run(seeds: start..<(start + seeds), options: options, parallelism: parallel ?? ProcessInfo.processInfo.activeProcessorCount)
        if json {
            let failures: [JSONValue] = summary.violations.map { violation in
                [
                    "seed": .integer(Int64(bitPattern: violation.seed)), "step": .integer(Int64(violation.step)), "invariant": .string(violation.invariant),
                    "detail": .string(violation.detail), "trace": .array(violation.trace.map { .string($0) }),
                    "replay": .string("switchboard simulate --seeds 1 --start \(violation.seed)"),
                ]
            }
            let faults = JSONValue.object(Dictionary(uniqueKeysWithValues: FaultKind.allCases.map { ($0.rawValue, JSONValue.integer(Int64(summary.faults[$0] ?? 0))) }))
            print(JSONValue.object([
                "runs": .integer(Int64(summary.runs)), "steps": .integer(Int64(summary.steps)), "faults": .integer(Int64(summary.faultCount)),
                "faults_by_kind": faults, "violations": .integer(Int64(summary.violations.count)), "failures": .array(failures),
                "tasks": .integer(Int64(summary.tasks)), "virtual_seconds": .number((summary.virtualSeconds * 10).rounded() / 10),
                "wall_seconds": .number((summary.wallSeconds * 10).rounded() / 10), "first_seed": .integer(Int64(bitPattern: start)),
                "fingerprint": .string(String(summary.fingerprint, radix: 16)),
                "supervision": .object([
                    "give_ups": .integer(Int64(summary.supervision.giveUps)), "pools_failing": .integer(Int64(summary.supervision.poolsFailing)),
                    "most_events_in_a_step": .integer(Int64(summary.supervision.mostEventsInAStep)),
                    "most_starts_in_a_period": .integer(Int64(summary.supervision.mostStartsInAPeriod)),
                ]),
            ]).jsonText)
        } else {
            print("\(summary.runs) run(s), \(summary.steps) steps, \(summary.tasks) tasks, \(summary.faultCount) faults, \(summary.violations.count) violation(s) in \(Int(summary.wallSeconds.rounded())) s")
            for kind in FaultKind.allCases where (summary.faults[kind] ?? 0) > 0 {
                print("  \(kind.rawValue.padding(22))\(summary.faults[kind]!)")
            }
            let figures = summary.supervision
            print("supervision: \(figures.giveUps) give-up(s), \(figures.poolsFailing) pool(s) marked failing, at most \(figures.mostEventsInAStep) events in a step and \(figures.mostStartsInAPeriod) starts of an agent in a restart period")
            for violation in summary.violations { print("\n" + violation.description) }
        }
        if !summary.violations.isEmpty { throw ExitCode(1) }
    }

    private func runDemo(seconds: Double) throws {
        let report = DemoSimulation.run(seconds: seconds, seed: start == 0 ? 42 : start)
        let events = report.events.sorted { $0.key.rawValue < $1.key.rawValue }
        let failed = report.agents.filter { $0.state == .failed }.map(\.name)
        let failing = report.pools.filter(\.isFailing).map(\.name)
        if json {
            print(JSONValue.object([
                "virtual_seconds": .number(report.virtualSeconds.rounded()), "steps": .integer(Int64(report.steps)),
                "restarts": .integer(Int64(report.restarts)), "give_ups": .object(report.giveUps.mapValues { .integer(Int64($0)) }),
                "events": .object(Dictionary(uniqueKeysWithValues: events.map { ($0.key.rawValue, JSONValue.integer(Int64($0.value))) })),
                "event_count": .integer(Int64(report.eventCount)), "scaling_events": .integer(Int64(report.scalingEvents)),
                "tasks_completed": .integer(Int64(report.tasksCompleted)), "store_bytes": .integer(Int64(report.storeBytes)),
                "database_bytes": .integer(Int64(report.databaseBytes)),
                "database_bytes_by_minute": .array(report.databaseBytesByMinute.map { .integer(Int64($0)) }),
                "failed_agents": .array(failed.map { .string($0) }), "failing_pools": .array(failing.map { .string($0) }),
                "most_events_in_a_step": .integer(Int64(report.supervision.mostEventsInAStep)),
                "most_starts_in_a_period": .integer(Int64(report.supervision.mostStartsInAPeriod)),
                "violation": report.violation.map { .string($0.description) } ?? .null,
            ]).jsonText)
        } else {
            print("demo: \(Int(report.virtualSeconds)) virtual s, \(report.tasksCompleted) tasks completed, \(report.restarts) restarts, \(report.giveUps.values.reduce(0, +)) give-ups, \(report.scalingEvents) scaling events, \(report.eventCount) events, database \(report.databaseBytes / 1024) KiB (with its WAL \(report.storeBytes / 1024) KiB)")
            print("events: " + events.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", "))
            if !failed.isEmpty { print("given up on: " + failed.joined(separator: ", ")) }
            if !failing.isEmpty { print("failing pools: " + failing.joined(separator: ", ")) }
            if let violation = report.violation { print("\n" + violation.description) }
        }
        if report.violation != nil { throw ExitCode(1) }
    }

    /// Swift seeds its hash functions per process, so the order of a dictionary's keys differs
    /// from one process to the next. For a seed to replay the same run in a new process, the
    /// command starts itself again with deterministic hashing (once; if exec fails, runs still
    /// repeat exactly within this process).
    static func makeHashingDeterministic() {
        guard getenv("SWIFT_DETERMINISTIC_HASHING") == nil else { return }
        setenv("SWIFT_DETERMINISTIC_HASHING", "1", 1)
        var arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", &arguments)
    }
}
