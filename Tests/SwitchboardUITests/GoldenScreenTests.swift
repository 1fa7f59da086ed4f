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

    @Test("a selection whose task left the list: the cursor row is underlined, not highlighted, and the pane says so")
    func lostSelection() throws {
        let gone = Fixtures.tasks[0].id  // running: the filter below no longer lists it
        var state = ViewState()
        state.taskFilter = try TaskFilter(parsing: "status:queued status:blocked")
        state.taskSelection = .lost(gone)
        state.taskCursor = 2
        let snapshot = Fixtures.snapshot(filter: state.taskFilter)
        let canvas = render(state, snapshot, width: 80, height: 24)
        try Golden.check(canvas, "selection-lost-80x24", monochrome: true)
        #expect(canvas.text.contains("\(gone) left the list"))
    }

    @Test("bulk cancel names every marked task, those the filter hides too")
    func bulkConfirm() throws {
        var state = ViewState()
        state.taskFilter = try TaskFilter(parsing: "status:running")
        let hidden = Fixtures.tasks[3].id  // queued: the filter hides it
        state.marked = [Fixtures.tasks[0].id, Fixtures.tasks[1].id, hidden]
        let snapshot = Fixtures.snapshot(filter: state.taskFilter, marked: state.marked)
        let (asking, _) = Dashboard.update(state, .character("c"), UpdateContext(snapshot: snapshot, width: 80, height: 24, now: Fixtures.now))
        let canvas = render(asking, snapshot, width: 80, height: 24)
        try Golden.check(canvas, "overlay-confirm-bulk-80x24")
        for id in state.marked { #expect(canvas.text.contains(id.rawValue), "the question names \(id)") }
        #expect(canvas.text.contains("1 of them hidden by the filter"))
    }

    @Test("the message log shows a message too long for the footer whole")
    func messageLog() throws {
        var state = ViewState()
        let long = "no task t-ffff: it was never submitted, or the store was reset since; look it up with switchboard tasks --filter t-ffff"
        state.flash = ViewState.Flash("theme light", at: Fixtures.ago(30))
        state.flash = ViewState.Flash(long, isError: true, at: Fixtures.ago(5))
        let footer = render(state, width: 80, height: 24)
        try Golden.check(footer, "footer-long-message-80x24")
        #expect(footer.lines[23].contains("(m: all)"), "a cut message says where to read it")
        state.overlay = .messages(scroll: 0)
        let canvas = render(state, width: 80, height: 24)
        try Golden.check(canvas, "overlay-messages-80x24")
        let words = canvas.lines.joined(separator: " ").split(separator: " ").map(String.init)
        for word in long.split(separator: " ") { #expect(words.contains(String(word)), "'\(word)' is in the log") }
    }

    @Test("sort arrows stay visible on narrow columns")
    func narrowSortArrows() throws {
        var state = ViewState()
        state.taskOrder = TaskOrder(.age, descending: false)
        state.agentOrder = AgentOrder(.done, descending: true)
        let canvas = render(state, Fixtures.snapshot(order: state.taskOrder), width: 160, height: 48)
        try Golden.check(canvas, "sort-narrow-160x48")
        #expect(canvas.text.contains("AGE/R…▲"))
        #expect(canvas.text.contains("DONE/FA…▼"))
    }

    @Test("140 columns: the metrics note gives the seconds the charts show, and each chart its scale")
    func metricsWindow() throws {
        let canvas = render(ViewState(), width: 140, height: 40)
        try Golden.check(canvas, "panes-140x40")
        let lines = canvas.lines
        let note = try #require(lines.first { $0.contains("charts: last ") })
        let seconds = try #require(Int(note.split(separator: "last ")[1].prefix { $0.isNumber }))
        #expect(seconds < 60, "at 140 columns the charts hold under a minute, not two")
        let levels = Set("▁▂▃▄▅▆▇█")
        for label in ["in/s", "out/s"] {
            let line = try #require(lines.first { $0.contains("│ \(label) ") }, "a \(label) chart")
            let row = line.components(separatedBy: "│ \(label) ")[1]  // the chart, not the pane beside it
            #expect(row.filter(levels.contains).count == seconds, "the \(label) chart has one column per second the note claims")
            #expect(row.contains("max 22"), "the \(label) chart shows its scale, the same for in and out")
        }
    }

    @Test("help at 80×24, scrolled to the command line: commands and descriptions stay apart")
    func helpCommands() throws {
        var state = ViewState()
        let lines = HelpOverlay.lines(.standard)
        let title = try #require(lines.firstIndex { $0.first?.0 == "Command line" })
        state.overlay = .help(scroll: title)
        let canvas = render(state, width: 80, height: 24)
        try Golden.check(canvas, "overlay-help-commands-80x24")
        #expect(canvas.text.contains(":submit TITLE [priority:P queue:Q cap:C tag:T after:ID] "))
        #expect(!canvas.text.contains("after:ID]submit"))
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
