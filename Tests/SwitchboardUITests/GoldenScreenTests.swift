import SwitchboardCore
import Testing

@testable import SwitchboardUI

@Suite("Golden screens")
struct GoldenScreenTests {
    static let sizes = [(160, 48), (80, 24)]

    func render(_ state: ViewState, _ snapshot: DashboardSnapshot? = Fixtures.snapshot(), width: Int, height: Int) -> Canvas {
        Dashboard.render(snapshot, Dashboard.settle(state, UpdateContext(snapshot: snapshot, width: width, height: height, now: Fixtures.now)),
                         width: width, height: height, wallClock: Fixtures.now)
    }

    @Test("the four panes", arguments: sizes)
    func panes(size: (Int, Int)) throws {
        let canvas = render(ViewState(), width: size.0, height: size.1)
        try Golden.check(canvas, "panes-\(size.0)x\(size.1)")
        try Golden.check(canvas, "panes-\(size.0)x\(size.1)-mono", monochrome: true)
        #expect(canvas.text.contains("Queues"))
        #expect(canvas.text.contains("Tasks"))
        #expect(canvas.text.contains("Agents"))
        #expect(canvas.text.contains("Metrics"))
    }

    @Test("each pane zoomed", arguments: sizes)
    func zoomed(size: (Int, Int)) throws {
        for pane in ViewState.Pane.allCases {
            var state = ViewState()
            state.focus = pane
            state.zoomed = true
            try Golden.check(render(state, width: size.0, height: size.1), "zoom-\(pane.title.lowercased())-\(size.0)x\(size.1)")
        }
    }

    @Test("overlays", arguments: sizes)
    func overlays(size: (Int, Int)) throws {
        let id = Fixtures.tasks[0].id
        let cases: [(String, ViewState.Overlay, DashboardSnapshot)] = [
            ("help", .help(scroll: 0), Fixtures.snapshot()),
            ("task", .task(id, scroll: 0), Fixtures.snapshot(detail: id)),
            ("agent", .agent("Agent-5", scroll: 0), Fixtures.snapshot()),
            ("priority", .priorityPicker(targets: .id(id), count: 1, cursor: 2), Fixtures.snapshot()),
            ("confirm", .confirm(ViewState.Confirmation(question: "Cancel t-4f2a «Build the release candidate»?", command: .cancel(.id(id), reason: nil))), Fixtures.snapshot()),
        ]
        for (name, overlay, snapshot) in cases {
            var state = ViewState()
            state.overlay = overlay
            let canvas = render(state, snapshot, width: size.0, height: size.1)
            try Golden.check(canvas, "overlay-\(name)-\(size.0)x\(size.1)")
            if name == "help" { try Golden.check(canvas, "overlay-\(name)-\(size.0)x\(size.1)-mono", monochrome: true) }
        }
    }

    @Test("event log, filter line, marks and sort", arguments: sizes)
    func details(size: (Int, Int)) throws {
        var state = ViewState()
        state.showEvents = true
        state.taskOrder = TaskOrder(.priority, descending: true)
        state.marked = [Fixtures.tasks[0].id, Fixtures.tasks[3].id]
        state.taskFilter = try TaskFilter(parsing: "status:running status:queued")
        state.input = ViewState.InputLine(.taskFilter(previous: ""), text: "status:running status:queued")
        let snapshot = Fixtures.snapshot(order: state.taskOrder, filter: state.taskFilter)
        try Golden.check(render(state, snapshot, width: size.0, height: size.1), "events-filter-\(size.0)x\(size.1)")
    }

    @Test("too small, and 20×5")
    func tooSmall() throws {
        let canvas = render(ViewState(), width: 40, height: 10)
        try Golden.check(canvas, "too-small-40x10")
        #expect(canvas.text.contains("terminal too small"))
        #expect(canvas.text.contains("need 60×16"))
        let tiny = render(ViewState(), width: 20, height: 5)
        #expect(tiny.text.contains("too small"))
    }

    @Test("no engine yet: an empty store still draws")
    func emptyStore() throws {
        let snapshot = DashboardSnapshot(storePath: "/tmp/empty.sqlite", readAt: Fixtures.now)
        try Golden.check(render(ViewState(), snapshot, width: 160, height: 48), "empty-160x48")
    }
}
