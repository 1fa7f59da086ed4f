import CNcursesw

#if canImport(Glibc)
import Glibc
#endif

/// Signals and the terminal: SIGINT, SIGTERM and SIGHUP ask the dashboard to stop (it restores
/// the terminal on its way out); a crash restores the terminal before the process dies, so that
/// the shell is never left in curses mode.
public enum TerminalSignals {
    nonisolated(unsafe) static var stopRequested: sig_atomic_t = 0
    nonisolated(unsafe) static weak var activeScreen: TerminalScreen?
    nonisolated(unsafe) private static var installed = false

    /// Whether SIGINT, SIGTERM or SIGHUP arrived.
    public static var shouldStop: Bool { stopRequested != 0 }

    static func install() {
        guard !installed else { return }
        installed = true
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number) { _ in TerminalSignals.stopRequested = 1 }
        }
        for number in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(number) { number in
                // Best effort: give the terminal back, then die of the same signal.
                endwin()
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }
}
