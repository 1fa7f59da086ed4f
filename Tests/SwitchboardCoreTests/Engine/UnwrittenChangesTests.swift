import SwitchboardCore
import Testing

/// While the disk is full the host folds each tick's changes into the ones it could not write;
/// the first commit with room writes the latest state of each row once and every entry of the
/// logs in order.
@Suite("Unwritten changes")
struct UnwrittenChangesTests {
    static func task(_ id: String, _ sequence: UInt64, _ status: TaskStatus) -> Task {
        var task = Task(id: TaskID(id), sequence: sequence, spec: TaskSpec(title: id), dependencies: [], maxAttempts: 3, createdAt: .epoch)
        task.status = status
        return task
    }

    static func entry(_ id: String, to status: TaskStatus) -> TaskHistoryEntry {
        TaskHistoryEntry(task: TaskID(id), at: .epoch, event: .transition, to: status, actor: .engine, reason: "test")
    }

    @Test("a task inserted and then changed is inserted once in its latest state; one inserted and removed is not written")
    func latestStateOnce() {
        var unwritten = EngineChanges()
        unwritten.insertedTasks = [Self.task("t-1", 1, .queued), Self.task("t-2", 2, .queued)]
        unwritten.updatedTasks = [Self.task("t-0", 0, .running)]
        unwritten.history = [Self.entry("t-1", to: .queued)]
        unwritten.agents = [AgentRecord(name: "a", pool: "p", state: .idle)]

        var next = EngineChanges()
        next.updatedTasks = [Self.task("t-1", 1, .running), Self.task("t-0", 0, .completed)]
        next.removedTasks = [TaskID("t-2")]
        next.history = [Self.entry("t-1", to: .running)]
        next.agents = [AgentRecord(name: "a", pool: "p", state: .busy), AgentRecord(name: "b", pool: "p")]
        unwritten.absorb(next)

        #expect(unwritten.insertedTasks.map(\.id.rawValue) == ["t-1"])
        #expect(unwritten.insertedTasks.first?.status == .running)
        #expect(unwritten.updatedTasks.map(\.id.rawValue) == ["t-0"])
        #expect(unwritten.updatedTasks.first?.status == .completed)
        #expect(unwritten.removedTasks == [TaskID("t-2")])
        #expect(unwritten.history.map(\.to) == [.queued, .running])
        #expect(unwritten.agents.map(\.name) == ["a", "b"])
        #expect(unwritten.agents.first?.state == .busy)
    }

    @Test("nothing unwritten: the next changes are taken as they are")
    func emptyTakesTheNext() {
        var unwritten = EngineChanges()
        var next = EngineChanges()
        next.updatedTasks = [Self.task("t-1", 1, .running)]
        unwritten.absorb(next)
        #expect(unwritten.updatedTasks.map(\.id) == [TaskID("t-1")])
    }
}
