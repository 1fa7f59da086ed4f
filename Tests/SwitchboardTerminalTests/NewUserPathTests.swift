import Foundation
import SwitchboardTestSupport
import Testing

/// A newcomer's first five minutes, in a real terminal: `switchboard` alone opens the demo on
/// the data directory's store, another terminal submits a task into it, `q` leaves.
@Suite("A new user's path")
struct NewUserPathTests {
    @Test("switchboard with no arguments: the demo's panes fill, a task submitted elsewhere appears, q exits cleanly")
    func firstRun() throws {
        let folder = TemporaryFolder()
        let environment = [
            "LANG": "C.UTF-8", "TERM": "xterm-256color", "HOME": folder.path, "XDG_DATA_HOME": folder.file("data"),
            "XDG_CONFIG_HOME": folder.file("config"),
        ]
        let started = Date()
        let session = try TmuxSession(width: 160, height: 48, command: [TestBinary.switchboard], environment: environment, linger: 10)
        let filled = session.waitFor(timeout: 15) { screen in
            ["1 Queues", "2 Tasks", "3 Agents", "4 Metrics"].allSatisfy(screen.contains) && screen.contains("running") && screen.contains("Agent-8")
        }
        #expect(filled != nil, "the demo did not fill the panes:\n\(session.capture())")
        // Release builds do it within 3 s; this debug build gets more room on a busy machine.
        #expect(Date().timeIntervalSince(started) < 12)

        let store = folder.file("data") + "/switchboard/demo.sqlite"
        #expect(FileManager.default.fileExists(atPath: store), "the demo's store is in the data directory")
        let submitted = try ProcessRunner.run(
            TestBinary.switchboard, ["submit", "--db", store, "--title", "hello from another terminal", "--priority", "critical", "--needs", "nobody"],
            environment: environment, timeout: 30)
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let appeared = session.waitFor(timeout: 10) { $0.contains("hello from another terminal") }
        #expect(appeared != nil, "the submitted task did not appear:\n\(session.capture())")

        session.send("q")
        #expect(session.waitFor(timeout: 5) { _ in session.paneIsDead } != nil, "q did not end it")
        #expect(session.paneExitStatus == 0)
        #expect(session.paneFormat("#{alternate_on}") == "0")
    }
}
