import CNcursesw
import Foundation
import SwitchboardTestSupport
import Testing

@Suite("CNcursesw")
struct CNcurseswTests {
    @Test("the module links against ncursesw")
    func links() {
        let version = String(cString: curses_version())
        #expect(version.hasPrefix("ncurses 6"))
        #expect(sb_a_reverse() != 0)
        #expect(sb_button1_pressed() != 0)
    }

    @Test("it draws UTF-8 box characters in a real terminal")
    func drawsABoxInTmux() throws {
        let session = try TmuxSession(width: 80, height: 24, command: [TestBinary.switchboard, "terminal-probe", "--seconds", "20"], environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color"])
        let screen = session.waitFor(timeout: 10) { $0.contains("┌") }
        #expect(screen?.contains("┌────") == true)
        #expect(screen?.contains("└────") == true)
        #expect(screen?.contains("ncurses 6") == true)
        session.send("q")
        let exited = session.waitFor(timeout: 5) { _ in session.paneIsDead }
        #expect(exited != nil)
        let status = session.paneExitStatus
        #expect(status == 0, "exit status \(String(describing: status)); \(session.paneEnd)")
    }
}
