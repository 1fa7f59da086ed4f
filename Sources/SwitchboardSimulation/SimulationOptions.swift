import Foundation
import SwitchboardCore

/// How one simulated run goes: how long faults last, how long the quiet phase may take to
/// finish every task, where the SQLite file lives, and (for tests of the harness) a bug to plant.
public struct SimulationOptions: Sendable {
    /// Steps with load and faults; each step is `stepDuration` of virtual time.
    public var faultSteps: Int
    public var stepDuration: Duration
    /// Once faults stop, every task must reach a final status within this much virtual time.
    public var livenessBound: Duration
    /// Folder for the run's SQLite file (removed afterwards).
    public var folder: String
    /// A bug planted on purpose, to show that the checker catches it (tests of the harness).
    public var sabotage: Sabotage?
    /// How many of the last events a violation report shows.
    public var traceLength: Int

    public init(
        faultSteps: Int = 150, stepDuration: Duration = .milliseconds(100), livenessBound: Duration = .seconds(1800),
        folder: String = NSTemporaryDirectory(), sabotage: Sabotage? = nil, traceLength: Int = 25
    ) {
        self.faultSteps = max(10, faultSteps)
        self.stepDuration = stepDuration
        self.livenessBound = livenessBound
        self.folder = folder
        self.sabotage = sabotage
        self.traceLength = max(5, traceLength)
    }
}

/// Bugs the harness can plant in the store behind the engine's back, to prove the invariants
/// catch them and that the seed replays them.
public enum Sabotage: String, Sendable, CaseIterable {
    /// Deletes an acknowledged task's row, as a lost write would.
    case loseATask = "lose-a-task"
    /// Records a second completion of a completed task.
    case completeTwice = "complete-twice"
    /// Starts an agent its supervisor gave up on, as the pool's converge once did.
    case restartGivenUp = "restart-given-up"
}

/// The faults the schedule injects.
public enum FaultKind: String, Sendable, CaseIterable, Codable {
    case agentCrash = "agent_crash"
    case agentHang = "agent_hang"
    case crashLoop = "crash_loop"
    case lostHeartbeats = "lost_heartbeats"
    case malformedOutput = "malformed_output"
    case duplicateCompletion = "duplicate_completion"
    case foreignCompletion = "foreign_completion"
    case engineCrash = "engine_crash"
    case diskFull = "disk_full"
    case clockJump = "clock_jump"
    case operatorCommand = "operator_command"
    case submissionBurst = "submission_burst"
}
