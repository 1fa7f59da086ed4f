import Foundation
import SwitchboardCore
import SwitchboardSimulation
import SwitchboardTestSupport
import Testing

@Suite("Deterministic simulation")
struct SimulationTests {
    /// Seeds run in CI, and steps with faults in each (`switchboard simulate` runs 150);
    /// `SWITCHBOARD_SIMULATION_SEEDS` and `SWITCHBOARD_SIMULATION_STEPS` change them.
    static let seeds = UInt64(ProcessInfo.processInfo.environment["SWITCHBOARD_SIMULATION_SEEDS"] ?? "") ?? 300
    static let steps = Int(ProcessInfo.processInfo.environment["SWITCHBOARD_SIMULATION_STEPS"] ?? "") ?? 40

    @Test("a fixed set of seeds, with every kind of fault, breaks no invariant")
    func fixedSeeds() {
        let folder = TemporaryFolder()
        // The runs' files live in it: it must outlive them, not just its last mention.
        defer { withExtendedLifetime(folder) {} }
        let summary = SimulationBatch.run(seeds: 0..<Self.seeds, options: SimulationOptions(faultSteps: Self.steps, folder: folder.path))
        #expect(summary.runs == Int(Self.seeds))
        #expect(summary.violations.isEmpty, "\(summary.violations.prefix(3).map(\.description).joined(separator: "\n\n"))")
        for kind in FaultKind.allCases {
            #expect(summary.faults[kind, default: 0] > 0, "no \(kind.rawValue) was injected in \(Self.seeds) seeds")
        }
        #expect(summary.tasks > Int(Self.seeds) * 10, "too little work to test anything: \(summary.tasks) tasks")
        #expect(summary.steps > Int(Self.seeds) * Self.steps)
    }

    @Test("the same seed runs the same way; another seed runs differently")
    func sameSeedSameRun() {
        let folder = TemporaryFolder()
        // The runs' files live in it: it must outlive them, not just its last mention.
        defer { withExtendedLifetime(folder) {} }
        let options = SimulationOptions(folder: folder.path)
        let first = Simulation.run(seed: 42, options: options)
        let again = Simulation.run(seed: 42, options: options)
        let other = Simulation.run(seed: 43, options: options)
        #expect(first.violation == nil)
        #expect(first.fingerprint == again.fingerprint)
        #expect(first.steps == again.steps)
        #expect(first.faults == again.faults)
        #expect(first.tasks == again.tasks)
        #expect(first.fingerprint != other.fingerprint)
    }

    @Test("a planted bug is caught at the step it happens, and its seed replays it", arguments: Sabotage.allCases)
    func plantedBugIsCaughtAndReplayed(_ sabotage: Sabotage) throws {
        let folder = TemporaryFolder()
        // The runs' files live in it: it must outlive them, not just its last mention.
        defer { withExtendedLifetime(folder) {} }
        let options = SimulationOptions(folder: folder.path, sabotage: sabotage)
        let run = Simulation.run(seed: 7, options: options)
        let violation = try #require(run.violation, "the planted bug went unnoticed")
        switch sabotage {
        case .loseATask: #expect(violation.invariant == "every acknowledged task is accounted for")
        case .completeTwice: #expect(violation.invariant == "no completion is recorded twice")
        case .restartGivenUp: #expect(violation.invariant == SupervisionChecker.staysGivenUp)
        }
        #expect(violation.trace.contains { $0.contains("SABOTAGE") })
        #expect(violation.description.hasPrefix("seed 7, step \(violation.step): invariant"))
        #expect(violation.description.contains("replay: switchboard simulate --seeds 1 --start 7"))

        let replay = Simulation.run(seed: 7, options: options)
        #expect(replay.violation == violation)
        #expect(replay.fingerprint == run.fingerprint)
    }

    @Test("switchboard simulate prints runs, steps, faults and violations; a failure replays from its seed in a new process")
    func command() throws {
        let clean = try ProcessRunner.switchboard(["simulate", "--seeds", "4", "--start", "100", "--json"], timeout: 300)
        #expect(clean.status == 0, "\(clean.stderr)")
        let summary = try JSONParser.parse(clean.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(summary["runs"]?.integerValue == 4)
        #expect(summary["violations"]?.integerValue == 0)
        #expect((summary["steps"]?.integerValue ?? 0) >= 4 * 150)
        #expect((summary["faults"]?.integerValue ?? 0) > 0)

        let sabotage = ["--json", "--sabotage", "complete-twice"]
        let broken = try ProcessRunner.switchboard(["simulate", "--seeds", "2", "--start", "7"] + sabotage, timeout: 300)
        #expect(broken.status == 1)
        let failures = try JSONParser.parse(broken.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["failures"]?.arrayValue ?? []
        #expect(failures.count == 2)
        let second = try #require(failures.first { $0["seed"]?.integerValue == 8 })
        #expect(second["invariant"]?.stringValue == "no completion is recorded twice")
        #expect(second["replay"]?.stringValue == "switchboard simulate --seeds 1 --start 8")

        let replayed = try ProcessRunner.switchboard(["simulate", "--seeds", "1", "--start", "8"] + sabotage, timeout: 300)
        let again = try #require(try JSONParser.parse(replayed.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["failures"]?.arrayValue?.first)
        #expect(again["step"] == second["step"])
        #expect(again["detail"] == second["detail"])
        #expect(again["trace"] == second["trace"])
    }
}
