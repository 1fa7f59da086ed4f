import Foundation
import SwitchboardTestSupport
import Testing

/// The real binary in a real terminal (tmux): the demo's dashboard, typed at and read back.
@Suite("Dashboard in a terminal", .serialized)
struct DashboardEndToEndTests {
    static let environment = ["LANG": "C.UTF-8", "TERM": "xterm-256color", "NO_COLOR": ""]

    func startDemo(_ folder: TemporaryFolder, width: Int = 160, height: Int = 48, extra: [String] = []) throws -> (TmuxSession, String) {
        let store = folder.file("demo.sqlite")
        let session = try TmuxSession(
            width: width, height: height, command: [TestBinary.switchboard, "demo", "--db", store, "--log-file", folder.file("demo.log")] + extra,
            environment: Self.environment.merging(["XDG_CONFIG_HOME": folder.file("config")]) { $1 }, linger: 10)
        return (session, store)
    }

    func cli(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(TestBinary.switchboard, arguments, timeout: 30)
    }

    @Test("the demo fills all four panes with live numbers; ? shows the help; q leaves the terminal as it was")
    func panesHelpAndQuit() throws {
        let folder = TemporaryFolder()
        let (session, _) = try startDemo(folder)
        let first = session.waitFor(timeout: 15) { screen in
            ["1 Queues", "2 Tasks", "3 Agents", "4 Metrics", "Agent-8"].allSatisfy(screen.contains) && screen.contains("running")
        }
        #expect(first != nil, "panes did not appear:\n\(session.capture())")
        #expect(session.paneFormat("#{alternate_on}") == "1", "the dashboard uses the alternate screen")
        Thread.sleep(forTimeInterval: 1.2)
        let second = session.capture()
        #expect(first != second, "the numbers change from one second to the next")

        session.send("?")
        let help = session.waitFor(timeout: 5) { $0.contains("Help") && $0.contains("raise the priority") }
        #expect(help != nil, "no help:\n\(session.capture())")
        session.send("Escape")
        #expect(session.waitFor(timeout: 5) { !$0.contains("raise the priority") } != nil)

        let asked = Date()
        session.send("q")
        let exited = session.waitFor(timeout: 5) { _ in session.paneIsDead }
        #expect(exited != nil, "q did not end the program: \(session.paneEnd)")
        #expect(Date().timeIntervalSince(asked) < 2.5)
        #expect(session.paneExitStatus == 0)
        #expect(session.paneFormat("#{alternate_on}") == "0", "the terminal is back on its normal screen")
        #expect(session.paneFormat("#{cursor_flag}") == "1", "the cursor is visible again")
        #expect(session.paneFormat("#{mouse_any_flag}") == "0", "mouse reporting is off again")
        #expect(!session.capture().contains("2 Tasks"), "nothing of the dashboard is left on the screen")
    }

    @Test("/ filters the tasks, and ] on a task raises its priority in the store")
    func filterAndRaise() throws {
        let folder = TemporaryFolder()
        let (session, store) = try startDemo(folder)
        #expect(session.waitFor(timeout: 15) { $0.contains("2 Tasks") && $0.contains("Agent-1") } != nil)
        // A task no agent can take stays queued: a stable target.
        let submitted = try cli(["submit", "--db", store, "--title", "probe for the e2e test", "--priority", "low", "--needs", "nobody-has-this"])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let id = submitted.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).first { $0.hasPrefix("t-") }.map(String.init) ?? ""
        #expect(!id.isEmpty, "submit printed no id: \(submitted.stdout)")

        session.send("/")
        session.send("probe for the e2e", literal: true)
        session.send("Enter")
        let filtered = session.waitFor(timeout: 10) { $0.contains("filter: probe for the e2e") && $0.contains(id) }
        #expect(filtered != nil, "the filter did not show the task:\n\(session.capture())")
        if let filtered {
            let taskRows = filtered.split(separator: "\n").filter { $0.contains("│ t-") && !$0.contains("Agent-") }
            #expect(taskRows.count == 1, "only the probe matches:\n\(taskRows.joined(separator: "\n"))")
        }

        session.send("]")
        let raised = session.waitFor(timeout: 10) { screen in
            screen.split(separator: "\n").contains { $0.contains(id) && $0.contains("normal") }
        }
        #expect(raised != nil, "the raise did not show within a refresh:\n\(session.capture())")
        let listed = try cli(["tasks", "--db", store, "--filter", "probe", "--json"])
        #expect(listed.stdout.contains("\"priority\":\"normal\""), "\(listed.stdout)")
        let shown = try cli(["task", id, "--db", store, "--json"])
        #expect(shown.stdout.contains("dashboard"), "the history names the dashboard: \(shown.stdout)")

        session.send("Escape")
        #expect(session.waitFor(timeout: 5) { !$0.contains("filter: probe") } != nil)
        session.send("q")
        #expect(session.waitFor(timeout: 5) { _ in session.paneIsDead } != nil)
    }

    @Test("a 40×10 window shows the too-small screen and the program keeps running; back to 160×48 the panes return")
    func resize() throws {
        let folder = TemporaryFolder()
        let (session, _) = try startDemo(folder)
        #expect(session.waitFor(timeout: 15) { $0.contains("3 Agents") } != nil)
        session.resize(width: 40, height: 10)
        let small = session.waitFor(timeout: 5) { $0.contains("terminal too small") }
        #expect(small?.contains("need 60×16") == true, "\(session.capture())")
        #expect(!session.paneIsDead)
        session.resize(width: 160, height: 48)
        #expect(session.waitFor(timeout: 5) { $0.contains("2 Tasks") && $0.contains("4 Metrics") } != nil, "\(session.capture())")
        session.send("q")
        #expect(session.waitFor(timeout: 5) { _ in session.paneIsDead } != nil)
    }

    @Test("SIGTERM ends the dashboard and restores the terminal")
    func sigterm() throws {
        let folder = TemporaryFolder()
        let (session, store) = try startDemo(folder)
        #expect(session.waitFor(timeout: 15) { $0.contains("2 Tasks") } != nil)
        _ = try ProcessRunner.run("/usr/bin/pkill", ["-TERM", "-f", "^\(TestBinary.switchboard) demo --db \(store)"], timeout: 5)
        #expect(session.waitFor(timeout: 5) { _ in session.paneIsDead } != nil, "SIGTERM did not end it")
        #expect(session.paneFormat("#{alternate_on}") == "0")
        #expect(session.paneFormat("#{cursor_flag}") == "1")
    }

    @Test("without UTF-8 the borders are ASCII; --theme with a broken file is a one-line error")
    func asciiAndBrokenTheme() throws {
        let folder = TemporaryFolder()
        let store = folder.file("demo.sqlite")
        let session = try TmuxSession(
            width: 120, height: 40, command: [TestBinary.switchboard, "demo", "--db", store], environment: ["LANG": "C", "LC_ALL": "C", "TERM": "xterm"])
        let screen = session.waitFor(timeout: 15) { $0.contains("Tasks") && $0.contains("Agent-1") }
        #expect(screen?.contains("+ 2 Tasks") == true, "\(session.capture())")
        #expect(screen.map { $0.unicodeScalars.allSatisfy { $0.isASCII } } == true)
        session.send("q")
        #expect(session.waitFor(timeout: 5) { _ in session.paneIsDead } != nil)

        try "[colors]\nbackground = \"plaid\"\n".write(toFile: folder.file("bad.toml"), atomically: true, encoding: .utf8)
        let broken = try cli(["dash", "--db", store, "--theme", folder.file("bad.toml")])
        #expect(broken.status == 64)
        #expect(broken.stderr.contains("bad.toml:2"), "\(broken.stderr)")
        #expect(broken.stderr.split(separator: "\n").count == 1)
    }
}
