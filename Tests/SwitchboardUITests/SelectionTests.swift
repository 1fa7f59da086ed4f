import SwitchboardCore
import Testing

@testable import SwitchboardUI

/// The cursor is on an item, not a row: the list re-sorts and refreshes between key presses,
/// and every action still hits the item the operator chose.
@Suite("Selection follows the item")
struct SelectionTests {
    func context(_ snapshot: DashboardSnapshot?, width: Int = 160, height: Int = 48) -> UpdateContext {
        KeyPresses.context(snapshot, width: width, height: height)
    }

    func press(_ keys: [Key], _ state: ViewState, _ snapshot: DashboardSnapshot?) -> (ViewState, [DashboardCommand]) {
        KeyPresses.press(keys, state, snapshot)
    }

    /// A running critical task that sorts above every other: its arrival pushes each row down.
    static let newcomer: Task = {
        var task = Task(
            id: TaskID("t-ffff"), sequence: 0, spec: TaskSpec(title: "Hotfix the release", priority: .critical), dependencies: [], maxAttempts: 3,
            createdAt: Fixtures.ago(1))
        task.status = .running
        task.startedAt = Fixtures.ago(1)
        task.agent = "Agent-2"
        task.progress = 99
        return task
    }()

    @Test("the list re-sorts between two key presses: ] [ p r P c Enter and Space still hit the chosen task")
    func reSortBetweenKeys() {
        let before = Fixtures.snapshot()
        let (selected, _) = press([.down, .down, .down], ViewState(), before)
        let chosen = before.tasks.rows[3].id
        #expect(selected.taskSelection == .item(chosen))
        #expect(selected.taskCursor == 3)

        // A new task sorts first: the chosen one is now on row 4, and row 3 holds its neighbour.
        let after = Fixtures.snapshot(tasks: Fixtures.tasks + [Self.newcomer])
        #expect(after.tasks.rows[0].id == Self.newcomer.id)
        #expect(after.tasks.rows[3].id != chosen)
        #expect(after.tasks.rows[4].id == chosen)

        // The app settles each snapshot before it draws it: the cursor moves with the task.
        let settled = Dashboard.settle(selected, context(after))
        #expect(settled.taskCursor == 4, "the highlight moved down with the task")
        #expect(settled.taskSelection == .item(chosen))

        // Each key, pressed on the re-sorted list (settled or not), acts on the chosen id.
        for state in [settled, selected] {
            #expect(press([.character("]")], state, after).1 == [.engine(.shiftPriority(.id(chosen), by: 1))])
            #expect(press([.character("[")], state, after).1 == [.engine(.shiftPriority(.id(chosen), by: -1))])
            #expect(press([.character("p"), .character("h")], state, after).1 == [.engine(.reprioritize(.id(chosen), .high))])
            #expect(press([.character("r")], state, after).1 == [.engine(.retry(.id(chosen)))])
            #expect(press([.character("P")], state, after).1 == [.engine(.pauseTasks(.id(chosen)))])
            #expect(press([.character("c"), .character("y")], state, after).1 == [.engine(.cancel(.id(chosen), reason: "cancelled from the dashboard"))])
            #expect(press([.enter], state, after).0.overlay == .task(chosen, scroll: 0))
            #expect(press([.character(" ")], state, after).0.marked == [chosen])
        }
        // Moving goes on from where the task is now.
        #expect(press([.down], settled, after).0.taskSelection == .item(after.tasks.rows[5].id))
    }

    @Test("the chosen task leaves the list: the cursor keeps its row, actions wait for a move, then hit the row moved to")
    func itemLeavesTheList() {
        let before = Fixtures.snapshot()
        let (selected, _) = press([.down, .down], ViewState(), before)
        let chosen = before.tasks.rows[2].id
        let after = Fixtures.snapshot(tasks: Fixtures.tasks.filter { $0.id != chosen })
        let settled = Dashboard.settle(selected, context(after))
        #expect(settled.taskSelection == .lost(chosen))
        #expect(settled.taskCursor == 2, "the cursor keeps its place")
        for key: Key in [.character("]"), .character("["), .character("r"), .character("P"), .character("c"), .character("p"), .enter, .character(" ")] {
            let (state, commands) = press([key], settled, after)
            #expect(commands.isEmpty, "\(key) acts on nothing: the row now holds a task nobody chose")
            #expect(state.overlay == nil)
            #expect(state.marked.isEmpty)
            #expect(state.flash?.text.contains("\(chosen) is no longer listed") == true, "\(key) says why")
        }
        // Drawn without the highlight: the newcomer on that row is not selected.
        let canvas = Dashboard.render(after, settled, width: 160, height: 48, wallClock: Fixtures.now)
        #expect(canvas.text.contains("\(chosen) left the list"))
        #expect(!canvas.monochromeLines.contains { $0.hasPrefix("b" + String(repeating: "r", count: 20)) }, "no row is in reverse video")
        // A move chooses again, from the cursor's place.
        let (moved, _) = press([.down], settled, after)
        #expect(moved.taskSelection == .item(after.tasks.rows[3].id))
        #expect(press([.down, .character("]")], settled, after).1 == [.engine(.shiftPriority(.id(after.tasks.rows[3].id), by: 1))])
    }

    @Test("before the first move the cursor is a row: a fresh screen stays at the top as tasks come and go")
    func freshScreenStaysOnTop() {
        let before = Fixtures.snapshot()
        let fresh = Dashboard.settle(ViewState(), context(before))
        #expect(fresh.taskSelection == .none)
        // The first task finishes and sorts far down: the cursor does not chase it.
        let first = before.tasks.rows[0]
        let after = Fixtures.snapshot(tasks: Fixtures.tasks.map { task in
            guard task.id == first.id else { return task }
            var done = task
            done.status = .completed
            done.progress = 100
            return done
        })
        #expect(after.tasks.rows[0].id != first.id)
        let settled = Dashboard.settle(fresh, context(after))
        #expect(settled.taskCursor == 0)
        #expect(settled.taskScroll == 0)
        // A key acts on the task the screen shows on that row now.
        #expect(press([.character("]")], settled, after).1 == [.engine(.shiftPriority(.id(after.tasks.rows[0].id), by: 1))])
        // The first move chooses: g on the top row chooses the task there.
        #expect(press([.character("g")], settled, after).0.taskSelection == .item(after.tasks.rows[0].id))
    }

    @Test("far moves: the source says where the chosen task is; a snapshot that did not look changes nothing")
    func outsideTheWindow() {
        let all = Fixtures.snapshot()
        let chosen = all.tasks.rows[3].id
        var state = press([.down, .down, .down], ViewState(), all).0
        // The task moved to row 25 of a long list; the snapshot's window is rows 0–9.
        var far = all
        far.tasks = TaskPage(offset: 0, rows: Array(all.tasks.rows.filter { $0.id != chosen }.prefix(10)), total: 40)
        far.query.taskSelected = chosen
        far.selectedTaskIndex = 25
        state = Dashboard.settle(state, context(far))
        #expect(state.taskCursor == 25)
        #expect(state.taskSelection == .item(chosen))
        #expect(state.query(visibleTaskRows: 10).taskSelected == chosen, "the next query asks for the window around it")
        // A snapshot of an older query, which did not look for the task: not evidence it left.
        var unaware = far
        unaware.query.taskSelected = nil
        unaware.selectedTaskIndex = nil
        let kept = Dashboard.settle(state, context(unaware))
        #expect(kept.taskSelection == .item(chosen))
        #expect(kept.taskCursor == 25)
    }

    @Test("a new filter or sort carries the selection: followed when listed, else the first row is chosen")
    func carriedThroughFilterAndSort() throws {
        let all = Fixtures.snapshot()
        let queued = try #require(all.tasks.rows.firstIndex { $0.status == .queued })
        let chosen = all.tasks.rows[queued].id
        let selected = press(Array(repeating: Key.down, count: queued), ViewState(), all).0
        var filtered = selected
        filtered.taskFilter = try TaskFilter(parsing: "status:queued")
        filtered.taskSelection = .carried(chosen)
        filtered.taskCursor = 0
        let queuedList = Fixtures.snapshot(filter: filtered.taskFilter)
        let followed = Dashboard.settle(filtered, context(queuedList))
        #expect(followed.taskSelection == .item(chosen))
        #expect(followed.taskCursor == queuedList.tasks.rows.firstIndex { $0.id == chosen })
        // Typed in full, the same.
        let typed = press([.character("/")] + "status:queued".map(Key.character) + [.enter], selected, all).0
        #expect(Dashboard.settle(typed, context(queuedList)).taskSelection == .item(chosen))
        // A filter that excludes it: nothing is chosen; the cursor is on the new list's first row.
        var elsewhere = filtered
        elsewhere.taskFilter = try TaskFilter(parsing: "status:failed")
        elsewhere.taskCursor = 3
        let failedList = Fixtures.snapshot(filter: elsewhere.taskFilter)
        let unchosen = Dashboard.settle(elsewhere, context(failedList))
        #expect(unchosen.taskSelection == .none)
        #expect(unchosen.taskCursor == 0)
        #expect(press([.character("]")], unchosen, failedList).1 == [.engine(.shiftPriority(.id(failedList.tasks.rows[0].id), by: 1))])
        // Reversing the sort keeps the task.
        let reversed = press([.character("S")], selected, all).0
        let reversedList = Fixtures.snapshot(order: reversed.taskOrder)
        let settled = Dashboard.settle(reversed, context(reversedList))
        #expect(settled.taskSelection == .item(chosen))
        #expect(reversedList.tasks.rows[settled.taskCursor].id == chosen)
    }

    @Test("agents re-sort by CPU between key presses: R, d, P and Enter hit the chosen agent; one that goes away is not replaced")
    func agentsFollowTheName() {
        var state = ViewState()
        state.focus = .agents
        state.agentOrder = AgentOrder.natural(.cpu)
        let before = Fixtures.snapshot()
        state = press([.down, .down], state, before).0
        let chosen = AgentOrder.natural(.cpu).sorted(Fixtures.agents, at: Fixtures.now)[2].name
        #expect(state.agentSelection == .item(chosen))
        // The chosen agent now uses the most CPU: it sorts first.
        var after = before
        after.agents = Fixtures.agents.map { agent in
            var agent = agent
            if agent.name == chosen { agent.resources.cpuPercent = 99 }
            return agent
        }
        #expect(Dashboard.listedAgents(after, state)[0].name == chosen)
        #expect(press([.character("R")], state, after).1 == [.engine(.agent(.restart, name: chosen))])
        #expect(press([.character("d")], state, after).1 == [.engine(.agent(.drain, name: chosen))])
        #expect(press([.enter], state, after).0.overlay == .agent(chosen, scroll: 0))
        #expect(Dashboard.settle(state, context(after)).agentCursor == 0)
        // Gone (a pool scaled down): nothing is restarted in its place.
        var gone = before
        gone.agents = Fixtures.agents.filter { $0.name != chosen }
        let (lost, commands) = press([.character("R")], state, gone)
        #expect(commands.isEmpty)
        #expect(lost.agentSelection == .lost(chosen))
        #expect(lost.flash?.text.contains("\(chosen) is no longer listed") == true)
    }

    @Test("queues follow their name too")
    func queuesFollowTheName() {
        var state = ViewState()
        state.focus = .queues
        let before = Fixtures.snapshot()
        state = press([.down, .down], state, before).0
        #expect(state.queueSelection == .item("reviews"))
        var after = before
        after.summary?.queues.reverse()
        #expect(press([.character("P")], state, after).1 == [.engine(.resumeQueue("reviews"))], "reviews (paused) is resumed, not builds")
    }
}
