import SwitchboardCore
import Testing

@testable import SwitchboardUI

/// Marks are visible and counted, bulk actions say what they changed, and no footer message
/// is lost.
@Suite("Marks and messages")
struct MarksAndMessagesTests {
    func context(_ snapshot: DashboardSnapshot?) -> UpdateContext {
        KeyPresses.context(snapshot)
    }

    func press(_ keys: [Key], _ state: ViewState = ViewState(), _ snapshot: DashboardSnapshot = Fixtures.snapshot()) -> (ViewState, [DashboardCommand]) {
        KeyPresses.press(keys, state, snapshot)
    }

    /// Two normal-priority tasks of the fixture (a raise takes them to high).
    static let normal = [Fixtures.tasks[2].id, Fixtures.tasks[7].id]

    @Test("marked rows show a mark; the title counts marks the filter hides")
    func marksAreVisibleAndCounted() throws {
        var state = ViewState()
        state.marked = Set(Self.normal)
        let all = Fixtures.snapshot(marked: state.marked)
        // Tall enough for every task to have its row.
        let canvas = Dashboard.render(all, Dashboard.settle(state, context(all)), width: 160, height: 100, wallClock: Fixtures.now)
        for task in Fixtures.tasks {
            let marked = state.marked.contains(task.id)
            #expect(canvas.text.contains("●" + task.id.rawValue) == marked, "\(task.id) \(marked ? "shows" : "has no") mark")
        }
        #expect(canvas.text.contains("2 marked"))
        #expect(!canvas.text.contains("hidden by the filter"))
        // A filter that hides one of them (tasks[7] is paused): the count says so.
        state.taskFilter = try TaskFilter(parsing: "status:running")
        let running = Fixtures.snapshot(filter: state.taskFilter, marked: state.marked)
        #expect(running.hiddenMarks(state.marked) == [Fixtures.tasks[7].id])
        let filtered = Dashboard.render(running, Dashboard.settle(state, context(running)), width: 160, height: 48, wallClock: Fixtures.now)
        #expect(filtered.text.contains("2 marked (1 hidden by the filter)"))
    }

    @Test("a raise on marks names the tasks, and the engine's answer names what it changed")
    func bulkRaiseNamesWhatChanged() throws {
        var state = ViewState()
        state.marked = Set(Self.normal)
        state.taskFilter = try TaskFilter(parsing: "status:running")
        let running = Fixtures.snapshot(filter: state.taskFilter, marked: state.marked)
        let (sent, commands) = press([.character("]")], state, running)
        let ids = Self.normal.sorted()
        #expect(commands == [.engine(.shiftPriority(.ids(ids), by: 1))], "hidden marks are acted on too")
        #expect(sent.flash?.text == "raising \(ids[0]), \(ids[1]) (1 hidden by the filter)…")
        var answered = sent
        answered.show(CommandOutcome(accepted: true, message: "raised 2 task(s)", tasks: ids), at: Fixtures.now)
        #expect(answered.flash?.text == "raised \(ids[0]), \(ids[1]) to high")
        // The engine changed only one (the other was finished meanwhile): only it is named.
        var partial = sent
        partial.show(CommandOutcome(accepted: true, message: "raised 1 task(s)", tasks: [ids[1]]), at: Fixtures.now)
        #expect(partial.flash?.text == "raised \(ids[1]) to high")
        // A refusal is shown as the engine put it.
        var refused = sent
        refused.show(.refused("no task t-ffff"), at: Fixtures.now)
        #expect(refused.flash == ViewState.Flash("no task t-ffff", isError: true, at: Fixtures.now))
    }

    @Test("answers are matched to commands in order; one that does not fit its command is shown as sent")
    func pendingDescriptions() {
        let a = TaskID("t-aaaa")
        let b = TaskID("t-bbbb")
        let raise = PendingCommand(.shiftPriority(.ids([a, b]), by: 1), priorities: [a: .high, b: .urgent])
        #expect(raise.describe(CommandOutcome(accepted: true, message: "raised 2 task(s)", tasks: [a, b])) == "raised t-aaaa to high, t-bbbb to urgent")
        #expect(raise.describe(CommandOutcome(accepted: true, message: "cancelled 2 task(s)", tasks: [a, b])) == "cancelled 2 task(s)")
        #expect(raise.describe(CommandOutcome(accepted: true, message: "raised 0 task(s)")) == "raised 0 task(s)")
        let many = (0..<9).map { TaskID("t-100\($0)") }
        #expect(PendingCommand(.cancel(.ids(many), reason: nil)).describe(CommandOutcome(accepted: true, message: "cancelled 9 task(s)", tasks: many))
            == "cancelled t-1000, t-1001, t-1002, t-1003, t-1004, t-1005 and 3 more")
        #expect(PendingCommand(.reprioritize(.ids([a]), .low)).describe(CommandOutcome(accepted: true, message: "reprioritised 1 task(s)", tasks: [a]))
            == "set t-aaaa to low")
    }

    @Test("cancel on marks asks first, naming every task it would cancel")
    func bulkCancelAsks() throws {
        var state = ViewState()
        state.marked = Set(Self.normal)
        state.taskFilter = try TaskFilter(parsing: "status:running")
        let running = Fixtures.snapshot(filter: state.taskFilter, marked: state.marked)
        let (asking, none) = press([.character("c")], state, running)
        #expect(none.isEmpty)
        guard case .confirm(let confirmation) = asking.overlay else { return #expect(Bool(false), "c on marks asks") }
        #expect(confirmation.question == "Cancel 2 marked tasks, 1 of them hidden by the filter?")
        #expect(confirmation.items.count == 2)
        for id in Self.normal { #expect(confirmation.items.contains { $0.hasPrefix(id.rawValue) }) }
        #expect(confirmation.items.contains { $0.hasPrefix(Fixtures.tasks[7].id.rawValue) && $0.hasSuffix("(hidden by the filter)") })
        let ids = Self.normal.sorted()
        #expect(press([.character("c"), .character("y")], state, running).1 == [.engine(.cancel(.ids(ids), reason: "cancelled from the dashboard"))])
        #expect(press([.character("c"), .character("n")], state, running).1.isEmpty)
    }

    @Test("every footer message is kept (up to a limit); m and :messages open the log; Esc closes it")
    func messageLog() {
        var state = ViewState()
        for index in 0..<(ViewState.messageLogLimit + 5) { state.flash = ViewState.Flash("message \(index)", at: Fixtures.now) }
        #expect(state.messages.count == ViewState.messageLogLimit)
        #expect(state.messages.last?.text == "message \(ViewState.messageLogLimit + 4)")
        #expect(state.messages.first?.text == "message 5")
        #expect(press([.character("m")]).0.overlay == .messages(scroll: 0))
        #expect(press([.character(":")] + "messages".map(Key.character) + [.enter]).0.overlay == .messages(scroll: 0))
        #expect(press([.character("m"), .escape]).0.overlay == nil)
        #expect(press([.character("m"), .character("q")]).1.isEmpty, "q closes the log, it does not quit")
    }

    @Test("wrapping keeps every character, breaks at spaces, and cuts a word longer than a line")
    func wrapping() {
        let text = "no task t-ffff: it was never submitted — 翻訳ファイルを更新する averyveryveryverylongword end"
        for width in [8, 12, 20, 33] {
            let lines = TextWrap.wrap(text, width: width)
            #expect(lines.allSatisfy { CharacterWidth.columns(of: $0) <= width }, "width \(width): \(lines)")
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " }, "width \(width): nothing lost")
        }
        #expect(TextWrap.wrap("a b c", width: 3) == ["a b", "c"])
    }
}
