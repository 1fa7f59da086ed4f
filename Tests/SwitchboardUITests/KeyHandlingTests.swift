import SwitchboardCore
import Testing

@testable import SwitchboardUI

/// Key sequences in, view state and engine commands out.
@Suite("Key handling")
struct KeyHandlingTests {
    let snapshot = Fixtures.snapshot()
    /// The tasks in the order the Tasks pane lists them.
    var listed: [Task] { snapshot.tasks.rows }

    func press(_ keys: [Key], from start: ViewState = ViewState(themes: ["default", "light", "monochrome"]), bindings: KeyBindings = .standard,
               snapshot: DashboardSnapshot? = nil) -> (ViewState, [DashboardCommand]) {
        let context = UpdateContext(snapshot: snapshot ?? self.snapshot, width: 160, height: 48, now: Fixtures.now, bindings: bindings)
        var state = start
        var commands: [DashboardCommand] = []
        for key in keys {
            let (next, issued) = Dashboard.update(state, key, context)
            state = next
            commands += issued
        }
        return (state, commands)
    }

    func typing(_ text: String) -> [Key] { text.map { Key.character($0) } }

    @Test("moving the cursor: j k g G and page down stay inside the list")
    func movement() {
        #expect(press([.character("j"), .character("j")]).0.taskCursor == 2)
        #expect(press([.character("j"), .character("k"), .character("k")]).0.taskCursor == 0)
        #expect(press([.character("G")]).0.taskCursor == listed.count - 1)
        #expect(press([.character("G"), .character("g")]).0.taskCursor == 0)
        let paged = press([.pageDown]).0
        #expect(paged.taskCursor == Layout(width: 160, height: 48, state: ViewState()).visibleTaskRows)
        let bottom = press(Array(repeating: .down, count: 100)).0
        #expect(bottom.taskCursor == listed.count - 1)
        #expect(bottom.taskScroll > 0, "the list scrolls to keep the cursor visible")
    }

    @Test("panes: Tab, Shift-Tab, 1–4, z zooms, e shows events")
    func panes() {
        #expect(press([.tab]).0.focus == .agents)
        #expect(press([.backTab]).0.focus == .queues)
        #expect(press([.character("4")]).0.focus == .metrics)
        #expect(press([.character("3"), .character("z")]).0.zoomed)
        #expect(!press([.character("z"), .escape]).0.zoomed)
        #expect(press([.character("e")]).0.showEvents)
    }

    @Test("] raises and [ lowers the selected task")
    func raiseAndLower() {
        let id = listed[1].id
        #expect(press([.down, .character("]")]).1 == [.engine(.shiftPriority(.id(id), by: 1))])
        #expect(press([.down, .character("[")]).1 == [.engine(.shiftPriority(.id(id), by: -1))])
    }

    @Test("Space marks rows, bulk actions take the marked tasks, Esc clears the marks")
    func marks() {
        let (state, commands) = press([.character(" "), .character(" "), .character("]")])
        #expect(state.marked == [listed[0].id, listed[1].id])
        #expect(commands == [.engine(.shiftPriority(.ids([listed[0].id, listed[1].id].sorted()), by: 1))])
        #expect(press([.character(" "), .escape]).0.marked.isEmpty)
    }

    @Test("c asks first: y cancels, n does nothing")
    func cancelConfirms() {
        let id = listed[0].id
        let (asking, none) = press([.character("c")])
        guard case .confirm = asking.overlay else { return #expect(Bool(false), "c opens a confirmation") }
        #expect(none.isEmpty)
        #expect(press([.character("c"), .character("y")]).1 == [.engine(.cancel(.id(id), reason: "cancelled from the dashboard"))])
        let (declined, commands) = press([.character("c"), .character("n")])
        #expect(commands.isEmpty)
        #expect(declined.overlay == nil)
    }

    @Test("p picks a priority: by moving and Enter, or by its first letter")
    func pickPriority() {
        let id = listed[0].id
        #expect(press([.character("p"), .character("c")]).1 == [.engine(.reprioritize(.id(id), .critical))])
        // The picker opens on the task's own priority (critical, the first) and moves down.
        #expect(press([.character("p"), .character("j"), .enter]).1 == [.engine(.reprioritize(.id(id), .urgent))])
        #expect(press([.character("p"), .escape]).1.isEmpty)
    }

    @Test("r retries, P pauses the task")
    func retryAndPause() {
        let id = listed[0].id
        #expect(press([.character("r")]).1 == [.engine(.retry(.id(id)))])
        #expect(press([.character("P")]).1 == [.engine(.pauseTasks(.id(id)))])
    }

    @Test("/ filters as you type; Enter keeps it, Esc puts the old one back")
    func filtering() throws {
        let typed = press([.character("/")] + typing("status:failed"))
        #expect(typed.0.taskFilter == (try TaskFilter(parsing: "status:failed")))
        #expect(typed.0.input != nil)
        let kept = press([.character("/")] + typing("status:failed") + [.enter]).0
        #expect(kept.input == nil)
        #expect(kept.taskFilter.statuses == [.failed])
        let abandoned = press([.character("/")] + typing("status:failed") + [.escape]).0
        #expect(abandoned.taskFilter.isEmpty)
        let wrong = press([.character("/")] + typing("status:bogus")).0
        #expect(wrong.input?.problem?.contains("unknown status") == true)
        #expect(wrong.taskFilter.statuses.isEmpty, "a filter that does not parse is not applied; the last one that did stays")
        #expect(press([.character("/")] + typing("status:bogus") + [.enter]).0.input != nil, "Enter on a bad filter keeps the line open")
    }

    @Test(": runs commands; a failed one closes the line and says why on the footer")
    func commandLine() {
        #expect(press([.character(":")] + typing("reprioritize t-4f2a critical") + [.enter]).1 == [.engine(.reprioritize(.ids([TaskID("t-4f2a")]), .critical))])
        #expect(press([.character(":")] + typing("theme light") + [.enter]).0.themeName == "light")
        #expect(press([.character(":")] + typing("filter status:failed") + [.enter]).0.taskFilter.statuses == [.failed])
        #expect(press([.character(":")] + typing("pause reviews") + [.enter]).1 == [.engine(.pauseQueue("reviews"))])
        #expect(press([.character(":")] + typing("resume Agent-7") + [.enter]).1 == [.engine(.agent(.resume, name: "Agent-7"))])
        #expect(press([.character(":")] + typing("scale builders 2 8") + [.enter]).1 == [.engine(.scalePool("builders", minimum: 2, maximum: 8))])
        #expect(press([.character(":")] + typing("sort priority desc") + [.enter]).0.taskOrder == TaskOrder(.priority, descending: true))
        let unknown = press([.character(":")] + typing("frobnicate") + [.enter]).0
        #expect(unknown.input == nil, "a failed command closes the line")
        #expect(unknown.flash?.isError == true)
        #expect(unknown.flash?.text.contains("unknown command 'frobnicate'") == true)
        #expect(unknown.messages.last?.text.contains("unknown command") == true, "the error is in the message log")
        // Once, the next `:` line was appended to the failed one: 'frobnicate:reprioritize'.
        let (after, commands) = press([.character(":")] + typing("frobnicate") + [.enter, .character(":")] + typing("reprioritize t-4f2a critical") + [.enter])
        #expect(commands == [.engine(.reprioritize(.ids([TaskID("t-4f2a")]), .critical))])
        #expect(after.flash?.isError == false)
        let recalled = press([.character(":")] + typing("frobnicate") + [.enter, .character(":"), .up]).0
        #expect(recalled.input?.text == "frobnicate", "↑ on a fresh line brings the last one back to correct it")
        #expect(press([.character(":")] + typing("q") + [.enter]).1 == [.quit])
    }

    @Test("n submits a task from one line")
    func newTask() {
        let (_, commands) = press([.character("n")] + typing("Deploy staging priority:high queue:ops cap:deploy tag:release") + [.enter])
        var spec = TaskSpec(title: "Deploy staging", queue: "ops", capabilities: ["deploy"], priority: .high, tags: ["release"])
        spec.localName = nil
        #expect(commands == [.engine(.submit([spec]))])
        #expect(press([.character("n"), .enter]).0.input?.problem == "give the task a title")
    }

    @Test("Enter opens a task; actions in it apply to that task; Esc closes")
    func taskView() {
        let id = listed[2].id
        let (opened, _) = press([.down, .down, .enter])
        #expect(opened.overlay == .task(id, scroll: 0))
        #expect(press([.down, .down, .enter, .character("]")]).1 == [.engine(.shiftPriority(.id(id), by: 1))])
        #expect(press([.down, .down, .enter, .escape]).0.overlay == nil)
        #expect(press([.down, .down, .enter, .character("q")]).1.isEmpty, "q closes the view, it does not quit")
    }

    @Test("agents: d drains, R restarts, P pauses or resumes, + and - scale the pool")
    func agentActions() {
        let agents = AgentOrder().sorted(Fixtures.agents, at: Fixtures.now)
        #expect(press([.character("3"), .character("d")]).1 == [.engine(.agent(.drain, name: agents[0].name))])
        #expect(press([.character("3"), .character("R")]).1 == [.engine(.agent(.restart, name: agents[0].name))])
        #expect(press([.character("3"), .character("P")]).1 == [.engine(.agent(.pause, name: agents[0].name))])
        let paused = agents.firstIndex { $0.state == .paused }!
        #expect(press([.character("3")] + Array(repeating: .down, count: paused) + [.character("P")]).1 == [.engine(.agent(.resume, name: agents[paused].name))])
        #expect(press([.character("3"), .character("+")]).1 == [.engine(.adjustReplicas(agents[0].pool, delta: 1))])
        #expect(press([.character("3"), .character("-")]).1 == [.engine(.adjustReplicas(agents[0].pool, delta: -1))])
        #expect(press([.character("3"), .enter]).0.overlay == .agent(agents[0].name, scroll: 0))
        #expect(press([.character("d")]).1.isEmpty, "drain needs an agent selected")
    }

    @Test("queues: P pauses a running queue and resumes a paused one; Enter shows its tasks")
    func queueActions() {
        #expect(press([.character("1"), .character("P")]).1 == [.engine(.pauseQueue("builds"))])
        #expect(press([.character("1"), .down, .down, .character("P")]).1 == [.engine(.resumeQueue("reviews"))])
        let drilled = press([.character("1"), .enter]).0
        #expect(drilled.focus == .tasks)
        #expect(drilled.taskFilter.queues == ["builds"])
    }

    @Test("s cycles the sort column, S reverses it")
    func sorting() {
        #expect(press([.character("s")]).0.taskOrder == TaskOrder.natural(.progress))
        #expect(press([.character("S")]).0.taskOrder == TaskOrder(.status, descending: true))
        #expect(press([.character("3"), .character("s")]).0.agentOrder.key == .pool)
    }

    @Test("? opens the help, Esc and q close it; q quits; t and f")
    func screenKeys() {
        #expect(press([.character("?")]).0.overlay == .help(scroll: 0))
        #expect(press([.character("?"), .escape]).0.overlay == nil)
        #expect(press([.character("?"), .character("q")]).1.isEmpty)
        #expect(press([.character("q")]).1 == [.quit])
        #expect(press([.character("t")]).0.themeName == "light")
        #expect(press([.character("t"), .character("t"), .character("t")]).0.themeName == "default")
        #expect(press([.character("f")]).0.frozen)
    }

    @Test("keys can be rebound")
    func rebinding() {
        var bindings = KeyBindings.standard
        bindings.bind(.quit, to: [.character("x")])
        #expect(press([.character("q")], bindings: bindings).1.isEmpty)
        #expect(press([.character("x")], bindings: bindings).1 == [.quit])
        bindings.bind(.moveDown, to: [.character("n")])
        #expect(bindings.action(for: .character("n")) == .moveDown, "a key taken from another action moves")
        #expect(bindings.keys(for: .newTask).isEmpty)
    }

    @Test("the mouse: a click selects a row and focuses its pane, the wheel scrolls, a double click opens")
    func mouse() {
        let layout = Layout(width: 160, height: 48, state: ViewState())
        let tasks = layout.panes[.tasks]!
        let clicked = press([.mouse(MouseEvent(.press, x: tasks.x + 5, y: tasks.y + 2 + 3))]).0
        #expect(clicked.taskCursor == 3)
        let agents = layout.panes[.agents]!
        let agent = press([.mouse(MouseEvent(.press, x: agents.x + 5, y: agents.y + 3 + 1))]).0
        #expect(agent.focus == .agents)
        #expect(agent.agentCursor == 1)
        #expect(press([.mouse(MouseEvent(.scrollDown, x: tasks.x + 5, y: tasks.y + 4))]).0.taskCursor == 3)
        #expect(press([.mouse(MouseEvent(.doubleClick, x: tasks.x + 5, y: tasks.y + 2))]).0.overlay == .task(listed[0].id, scroll: 0))
    }

    @Test("a tiny terminal only listens for quit")
    func tinyTerminal() {
        let context = UpdateContext(snapshot: snapshot, width: 40, height: 10, now: Fixtures.now)
        #expect(Dashboard.update(ViewState(), .character("]"), context).1.isEmpty)
        #expect(Dashboard.update(ViewState(), .character("q"), context).1 == [.quit])
    }
}
