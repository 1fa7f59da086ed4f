import SwitchboardCore
import Testing

@testable import SwitchboardUI

/// Text never runs into the next column, headings keep their sort arrow, the header fits, and
/// the task table gets the room on a small screen.
@Suite("Console manners")
struct ConsoleMannersTests {
    @Test("a text column always ends in a space, cut with … when the text is longer")
    func columns() {
        #expect("supervisor gave up".column(18) == "supervisor gave … ")
        #expect("supervisor gave up".column(19) == "supervisor gave up ")
        #expect("agent:Agent-1".column(12) == "agent:Agen… ")
        #expect("cli".column(6) == "cli   ")
        #expect(CharacterWidth.columns(of: "翻訳ファイル".column(7)) == 7)
        #expect(ColumnWidth.fitting(["engine", "agent:Agent-12"], minimum: 12, maximum: 24) == 15)
    }

    @Test("help: every command stands apart from its description")
    func helpColumns() throws {
        let lines = HelpOverlay.lines(.standard)
        let title = try #require(lines.firstIndex { $0.first?.0 == "Command line" })
        let commands = Array(lines[(title + 1)...])
        #expect(commands.count == CommandLineParser.help.count)
        for (line, (command, _)) in zip(commands, CommandLineParser.help) {
            #expect(line[0].0.hasSuffix(" "), "'\(line[0].0)' runs into its description")
            #expect(line[0].0.contains(command), "the whole command is shown: \(command)")
        }
        for line in lines where line.count > 1 { #expect(line[0].0.hasSuffix(" "), "'\(line[0].0)' runs into '\(line[1].0)'") }
    }

    @Test("the sort arrow shows on a column too narrow for its title and the arrow")
    func sortArrowOnNarrowColumns() {
        var table = Table(columns: [TableColumn(title: "AGE/RUN", width: 7, alignRight: true), TableColumn(title: "ID", width: 3)], sortColumn: 0)
        #expect(table.heading(0, width: 7) == "AGE/R…▲")
        #expect(table.heading(1, width: 3) == "ID ")
        table.sortColumn = 1
        table.sortDescending = true
        #expect(table.heading(1, width: 3) == "ID▼")
        #expect(table.heading(1, width: 2) == "…▼")
        #expect(table.heading(0, width: 7) == "AGE/RUN")
    }

    @Test("at 80×24 the header ends in whole pieces: no 'agents 10:' left without its counts", arguments: [8, 10, 120])
    func headerFits(agents: Int) throws {
        var snapshot = Fixtures.snapshot()
        var summary = try #require(snapshot.summary)
        summary.agents = ["busy": agents - 3, "idle": 1, "restarting": 1, "unhealthy": 1]
        snapshot.summary = summary
        for width in [60, 70, 80, 100, 160] {
            let canvas = Dashboard.render(snapshot, ViewState(), width: width, height: 24, wallClock: Fixtures.now)
            let header = canvas.lines[0]
            #expect(CharacterWidth.columns(of: header) == width)
            for lead in ["tasks", "agents"] {
                // "agents 10:" is followed by a count, or has no colon.
                let words = header.split(separator: " ").map(String.init)
                if let index = words.firstIndex(of: lead), index + 1 < words.count, words[index + 1].hasSuffix(":") {
                    #expect(index + 2 < words.count && Int(words[index + 2].replacingOccurrences(of: ",", with: "")) != nil,
                            "at \(width) columns '\(lead) \(words[index + 1])' dangles: \(header)")
                }
            }
        }
    }

    @Test("Tasks gets the most rows on narrow screens", arguments: [(80, 24), (100, 30), (80, 40), (119, 60)])
    func tasksGetMostRows(size: (Int, Int)) throws {
        let layout = Layout(width: size.0, height: size.1, state: ViewState())
        let tasks = try #require(layout.panes[.tasks]).height
        for (pane, rect) in layout.panes where pane != .tasks {
            #expect(tasks > rect.height, "\(size): Tasks \(tasks) rows, \(pane.title) \(rect.height)")
        }
        #expect(layout.visibleTaskRows >= (size.1 == 24 ? 7 : 10))
    }
}
