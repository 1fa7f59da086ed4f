import Foundation
import SwitchboardTestSupport
import Testing

/// `switchboard run --config FILE` opens the dashboard on the swarm (without `--headless`).
@Suite("run with the dashboard", .serialized)
struct RunDashboardTests {
    @Test("run --config examples/swarm.toml shows the four panes with its agents; the log goes beside the store; q stops it")
    func runShowsTheDashboard() throws {
        let folder = TemporaryFolder()
        let store = folder.file("swarm.sqlite")
        let session = try TmuxSession(
            width: 160, height: 48,
            command: [TestBinary.switchboard, "run", "--config", RepositoryPath.file("examples/swarm.toml"), "--db", store],
            environment: DashboardEndToEndTests.environment.merging(["XDG_CONFIG_HOME": folder.file("config"), "XDG_DATA_HOME": folder.file("data")]) { $1 },
            linger: 10)
        let screen = session.waitFor(timeout: 20) { screen in
            ["1 Queues", "2 Tasks", "3 Agents", "4 Metrics", "echo-1", "echo-2"].allSatisfy(screen.contains)
        }
        #expect(screen != nil, "no dashboard:\n\(session.capture())")
        #expect(session.paneFormat("#{alternate_on}") == "1", "the dashboard uses the alternate screen")
        // The engine logs beside its store, not into the shared data folder's log.
        #expect(FileManager.default.fileExists(atPath: folder.file("swarm.log")))
        #expect(!FileManager.default.fileExists(atPath: folder.file("data") + "/switchboard/switchboard.log"))
        session.send("q")
        #expect(session.waitFor(timeout: 10) { _ in session.paneIsDead } != nil, "q did not end run: \(session.paneEnd)")
        #expect(session.paneExitStatus == 0)
    }
}
