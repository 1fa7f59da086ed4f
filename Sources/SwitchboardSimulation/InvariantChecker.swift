import GRDB
import SwitchboardCore
import SwitchboardStore

/// The engine's promises, checked against the store (what survives a crash) and the engine
/// after every step:
///
/// - every acknowledged task and message is accounted for, in exactly one status;
/// - the engine's counters equal a recount from the store;
/// - no completion is recorded twice;
/// - no task starts before its prerequisites finished as they had to;
/// - no task is handed to an agent that lacks a capability it needs or that is paused,
///   draining, quarantined or dead;
/// - no ready task of a queue waits while one of lower priority that the same agent could take
///   is dispatched;
/// - once faults stop, every task finishes in bounded time, and every command gets an answer.
struct InvariantChecker {
    /// Tasks whose submission the engine answered (the outcome is committed): they must exist.
    private(set) var acknowledgedTasks: Set<TaskID> = []
    /// Messages sent by operators and answered.
    private(set) var acknowledgedMessages: Set<UInt64> = []
    /// Command rows written and not yet answered.
    private var waiting: [Int64: OperatorCommand] = [:]
    /// What can be checked from the store alone.
    private var audit = StoreAudit()

    mutating func commandWritten(_ id: Int64, _ command: OperatorCommand) {
        waiting[id] = command
    }

    /// Reads the answers to commands written so far (after the step's commit).
    mutating func collectOutcomes(_ simulation: Simulation) {
        guard !waiting.isEmpty else { return }
        let ids = waiting.keys.sorted()
        guard let answered = try? simulation.store.read({ db in
            try ids.compactMap { id in try CommandRows.outcome(id: id, db).map { (id, $0) } }
        }) else { return }
        for (id, outcome) in answered {
            let command = waiting.removeValue(forKey: id)
            guard outcome.accepted else { continue }
            if case .submit = command { acknowledgedTasks.formUnion(outcome.tasks) }
            if case .send = command { acknowledgedMessages.formUnion(outcome.messages.map(\.rawValue)) }
        }
    }

    /// A new engine has no memory of commands it did not answer: they stay in the store, and it
    /// applies them again. Nothing to forget here.
    mutating func engineRestarted() {}

    // MARK: After every step

    mutating func check(_ simulation: Simulation) throws {
        let acknowledged = acknowledgedTasks
        var audit = self.audit
        let finding = try simulation.store.read { db in try audit.check(db, acknowledged: acknowledged) }
        self.audit = audit
        if let finding { throw simulation.violation(finding.invariant, finding.detail) }
        // While the disk is full the engine is ahead of the store; once a commit succeeds, the
        // two must agree.
        guard !simulation.host.hasUnwrittenChanges else { return }
        let engine = simulation.host.engine
        // The engine holds exactly the store's tasks.
        let storeIDs = Set(audit.taskStatuses.keys.map(TaskID.init))
        let engineIDs = engine.taskIDs
        if engineIDs != storeIDs {
            let onlyEngine = engineIDs.subtracting(storeIDs).map(\.rawValue).sorted().prefix(3)
            let onlyStore = storeIDs.subtracting(engineIDs).map(\.rawValue).sorted().prefix(3)
            throw simulation.violation(
                StoreAudit.accountedFor,
                "the engine and the store hold different tasks (engine only: \(onlyEngine.joined(separator: ",")); store only: \(onlyStore.joined(separator: ",")))")
        }
        // Counters equal a recount from the store.
        let recount = audit.taskStatuses.values.reduce(into: [TaskStatus: Int]()) { $0[$1, default: 0] += 1 }
        if engine.taskCounts != recount {
            throw simulation.violation("counters equal a recount from the store", "engine \(Self.text(engine.taskCounts)), store \(Self.text(recount))")
        }
        if let lost = acknowledgedMessages.sorted().first(where: { !audit.messageIDs.contains($0) }) {
            throw simulation.violation("every acknowledged message is accounted for", "message \(lost) was acknowledged but is not in the store")
        }
        let counted = simulation.host.messages.counts().byStatus.filter { $0.value > 0 }
        if counted != audit.messageCounts {
            throw simulation.violation("counters equal a recount from the store", "messages: queue \(counted), store \(audit.messageCounts)")
        }
    }

    /// At each dispatch: the agent can serve the task and may take work, and no ready task of
    /// the same queue that it could have taken has a higher priority.
    func checkDispatches(_ effects: [EngineEffect], in simulation: Simulation) throws {
        let dispatched = effects.compactMap { effect -> (String, TaskID)? in
            if case .deliverTask(let agent, let assignment) = effect { return (agent, assignment.task) }
            return nil
        }
        guard !dispatched.isEmpty else { return }
        let engine = simulation.host.engine
        let ready = engine.tasks { $0.status == .queued }.sorted { $0.sequence < $1.sequence }
        for (name, id) in dispatched {
            guard let task = engine.task(id), let agent = engine.agent(name) else {
                throw simulation.violation("tasks go only to agents that may take them", "\(id) was sent to \(name), which the engine does not know")
            }
            if !agent.canServe(task.capabilities) {
                throw simulation.violation(
                    "tasks go only to agents that may take them", "\(id) needs \(task.capabilities) but \(name) can \(agent.capabilities)")
            }
            if agent.state != .busy || agent.quarantined || agent.health.level == .dead || agent.health.level == .unhealthy {
                throw simulation.violation(
                    "tasks go only to agents that may take them",
                    "\(id) was sent to \(name), which is \(agent.quarantined ? "quarantined" : agent.state.rawValue) (health \(agent.health.level.rawValue))")
            }
            if let better = ready.first(where: { $0.queue == task.queue && $0.priority > task.priority && agent.canServe($0.capabilities) }) {
                throw simulation.violation(
                    "priorities are respected at every dispatch",
                    "\(name) got \(id) (\(task.priority.rawValue)) while \(better.id) (\(better.priority.rawValue)) of queue \(task.queue) waited")
            }
        }
    }

    // MARK: At the end

    func checkEnd(_ simulation: Simulation) throws {
        if !waiting.isEmpty {
            throw simulation.violation("operators' commands stick", "\(waiting.count) command(s) never got an answer (first: \(waiting.keys.min()!))")
        }
    }

    static func text(_ counts: [TaskStatus: Int]) -> String {
        counts.filter { $0.value > 0 }.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
    }
}
