import Foundation
import SwitchboardTestSupport
import Testing

/// The selection in a real terminal: `dash --no-color` shows it in reverse video, and it stays
/// on the chosen task while another process changes the list under it.
@Suite("Selection in a terminal", .serialized)
struct SelectionEndToEndTests {
    func cli(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(TestBinary.switchboard, arguments, timeout: 30)
    }

    /// The task id on the row drawn in reverse video, if one is.
    static func selectedID(_ session: TmuxSession) -> String? {
        for row in session.reverseVideoText() where row.contains("probe") {
            if let id = row.split(separator: " ").first(where: { $0.hasPrefix("t-") }) { return String(id) }
        }
        return nil
    }

    @Test("a higher-priority task submitted from the CLI pushes the rows down; the reverse-video row and ] stay on the chosen task")
    func selectionSurvivesASubmit() throws {
        let folder = TemporaryFolder()
        let store = folder.file("selection.sqlite")
        // Tasks no agent can take, and no engine: the list changes only when the test says so.
        var ids: [String] = []
        for number in 1...12 {
            let submitted = try cli(["submit", "--db", store, "--title", "probe \(number)", "--priority", "low", "--needs", "nobody-has-this"])
            #expect(submitted.status == 0, "\(submitted.stderr)")
            ids.append(submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let environment = ["LANG": "C.UTF-8", "TERM": "xterm-256color", "HOME": folder.path, "XDG_CONFIG_HOME": folder.file("config")]
        let session = try TmuxSession(width: 120, height: 40, command: [TestBinary.switchboard, "dash", "--db", store, "--no-color"], environment: environment, linger: 5)
        #expect(session.waitFor(timeout: 15) { $0.contains("probe 12") } != nil, "the tasks did not show:\n\(session.capture())")

        session.send("j", "j", "j")
        // Oldest first among equals: the fourth row is probe 4.
        var chosen: String?
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            chosen = Self.selectedID(session)
            if chosen == ids[3] { break }
            usleep(50_000)
        }
        #expect(chosen == ids[3], "the cursor is on the fourth row (probe 4):\n\(session.capture())")
        let rowBefore = session.capture().split(separator: "\n").firstIndex { $0.contains(ids[3]) }

        let urgent = try cli(["submit", "--db", store, "--title", "probe urgent", "--priority", "urgent", "--needs", "nobody-has-this"])
        #expect(urgent.status == 0, "\(urgent.stderr)")
        let urgentID = urgent.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(session.waitFor(timeout: 10) { $0.contains(urgentID) } != nil, "the new task did not show:\n\(session.capture())")
        // Let a few more refreshes pass: the selection must hold on every one.
        for _ in 0..<6 {
            usleep(250_000)
            #expect(Self.selectedID(session) == ids[3], "the highlight left the chosen task:\n\(session.capture())")
        }
        let rowAfter = session.capture().split(separator: "\n").firstIndex { $0.contains(ids[3]) }
        #expect(rowBefore != nil && rowAfter == rowBefore.map { $0 + 1 }, "the chosen task moved down a row, and the highlight with it")

        // And the key acts on it, not on probe 3, now on its old row.
        session.send("]")
        let raised = session.waitFor(timeout: 10) { screen in screen.split(separator: "\n").contains { $0.contains(ids[3]) && $0.contains("normal") } }
        #expect(raised != nil, "the raise did not show:\n\(session.capture())")
        let chosenTask = try cli(["task", ids[3], "--db", store, "--json"])
        #expect(chosenTask.stdout.contains("\"priority\":\"normal\""), "\(chosenTask.stdout)")
        let neighbour = try cli(["task", ids[2], "--db", store, "--json"])
        #expect(neighbour.stdout.contains("\"priority\":\"low\""), "the task now on the old row is untouched: \(neighbour.stdout)")
        #expect(session.waitFor(timeout: 5) { $0.contains("raised \(ids[3]) to normal") } != nil, "the footer names what changed:\n\(session.capture())")

        session.send("q")
        #expect(session.waitFor(timeout: 5) { _ in session.paneIsDead } != nil)
    }
}
