import ArgumentParser
import SwitchboardTerminal

struct TerminalProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminal-probe",
        abstract: "Check that ncurses can draw on this terminal (a box, the library version, the size).",
        discussion: "Press any key to leave, or wait for --seconds.")

    @Option(help: "Leave after this many seconds without a key.")
    var seconds = 30

    func run() throws {
        let status = TerminalProbe.run(seconds: seconds)
        if status != 0 { throw ExitCode(status) }
    }
}
