import Foundation
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore
import SwitchboardTestSupport
import SwitchboardUI
import Testing

/// The store source finds the task the dashboard's cursor is on, wherever the list moved it,
/// and reads the marked tasks wherever they are.
@Suite("Dashboard source")
struct DashboardSourceTests {
    let folder = TemporaryFolder()

    func store(tasks count: Int) throws -> (Store, [TaskID]) {
        let store = try Store.open(path: folder.file("source.sqlite"))
        let specs = (0..<count).map { TaskSpec(title: "task \($0)", capabilities: ["nobody-has-this"], priority: $0 % 3 == 0 ? .high : .low) }
        let outcome = try EngineHost.send(.submit(specs), to: store, clock: SystemClock())
        #expect(outcome.accepted)
        return (store, outcome.tasks)
    }

    @Test("a task's index agrees with its row in the page, for every order; a task the filter hides has none")
    func indexAgreesWithPage() throws {
        let (store, ids) = try store(tasks: 40)
        let now = SystemClock().now()
        try store.read { db in
            for key in TaskOrder.Key.allCases {
                for descending in [false, true] {
                    let order = TaskOrder(key, descending: descending)
                    let page = try TaskQueries.page(TaskFilter(), order: order, offset: 0, limit: 100, now: now, db)
                    for (row, task) in page.rows.enumerated() {
                        #expect(try TaskQueries.index(of: task.id, TaskFilter(), order: order, now: now, db) == row, "\(order)")
                    }
                }
            }
            let high = try TaskFilter(parsing: "priority:high")
            #expect(try TaskQueries.index(of: ids[1], high, order: .standard, now: now, db) == nil, "a low task is not in the high list")
            #expect(try TaskQueries.index(of: TaskID("t-ffff"), TaskFilter(), order: .standard, now: now, db) == nil)
        }
    }

    @Test("the selected task moved far out of the window: the snapshot says where, with the window around it")
    func selectedOutsideTheWindow() throws {
        let (store, ids) = try store(tasks: 60)
        let source = StoreDashboardSource(store: store, clock: SystemClock())
        let order = TaskOrder(.priority, descending: true)
        let before = try source.snapshot(for: DashboardQuery(taskOrder: order, taskOffset: 40, taskLimit: 20))
        let chosen = before.tasks.rows[10].id  // row 50: a low task near the end
        #expect(try source.snapshot(for: DashboardQuery(taskOrder: order, taskOffset: 40, taskLimit: 20, taskSelected: chosen)).selectedTaskIndex == 50)

        // Raised to critical, it sorts first: far outside the window the dashboard asked for.
        #expect(try EngineHost.send(.reprioritize(.id(chosen), .critical), to: store, clock: SystemClock()).accepted)
        let after = try source.snapshot(for: DashboardQuery(taskOrder: order, taskOffset: 40, taskLimit: 20, taskSelected: chosen))
        #expect(after.selectedTaskIndex == 0)
        #expect(after.index(of: chosen) == 0)
        #expect(after.task(at: 0)?.id == chosen, "the window moved to it")

        // Marked tasks come whole, those outside the window and the filter too.
        let marked = try source.snapshot(for: DashboardQuery(taskFilter: try TaskFilter(parsing: "priority:critical"), markedTasks: [ids[1], chosen]))
        #expect(Set(marked.markedTasks.keys) == [ids[1], chosen])
        #expect(marked.hiddenMarks([ids[1], chosen]) == [ids[1]])
    }
}
