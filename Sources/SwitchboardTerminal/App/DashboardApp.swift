import CNcursesw
import SwitchboardCore
import SwitchboardUI

#if canImport(Glibc)
import Glibc
#endif

/// How the dashboard runs: refresh rate, themes, keys, colour.
public struct DashboardOptions: Sendable {
    /// Snapshots per second.
    public var refreshPerSecond: Double = 4
    /// The themes `t` cycles through (the first is used when `theme` is not among them).
    public var themes: [Theme] = [.standard]
    public var theme = "default"
    public var bindings: KeyBindings = .standard
    /// `NO_COLOR` or `--no-color`.
    public var noColor = false
    /// Shown once at the start (a broken keys.toml, say).
    public var warnings: [String] = []
    /// Stop after this long (the render benchmark); nil runs until the operator quits.
    public var runFor: Duration?
    /// Read keys from the terminal (off for the render benchmark, which has no keyboard).
    public var readsKeys = true
    /// Where to draw: the process's terminal by default, or a file (the benchmark counts bytes).
    nonisolated(unsafe) public var output: UnsafeMutablePointer<FILE>?
    nonisolated(unsafe) public var input: UnsafeMutablePointer<FILE>?

    public init() {}
}

/// The dashboard on a real terminal: keys in, frames out, snapshots from a feed thread and
/// engine commands on a worker thread. Returns when the operator quits or a signal asks it to
/// stop; the terminal is restored in every case.
public enum DashboardApp {
    public static func run(
        source: any DashboardSource, clock: any Clock, options: DashboardOptions,
        execute: @escaping @Sendable (OperatorCommand) throws -> CommandOutcome
    ) throws {
        let themes = options.themes.isEmpty ? [Theme.standard] : options.themes
        let themeNamed = { (name: String) in themes.first { $0.name == name } ?? themes[0] }
        var state = ViewState(themes: themes.map(\.name), theme: options.theme)
        let screen = try TerminalScreen(theme: themeNamed(state.themeName), noColor: options.noColor, output: options.output, input: options.input)
        defer { screen.restore() }
        let started = clock.now()
        if !options.warnings.isEmpty { state.flash = ViewState.Flash(options.warnings.joined(separator: " · "), isError: true, at: started) }

        var size = screen.size
        var layout = Layout(width: size.width, height: size.height, state: state)
        let feed = SnapshotFeed(source: source, query: state.query(visibleTaskRows: layout.visibleTaskRows), interval: 1 / max(0.1, options.refreshPerSecond))
        let runner = CommandRunner(execute: execute, afterEach: { feed.wake() })
        feed.start()
        runner.start()
        defer {
            feed.stop()
            runner.stop()
        }

        var snapshot: DashboardSnapshot?
        var lastFrameAt = Instant.epoch
        var needsFrame = true
        let utcOffset = localUTCOffset()
        loop: while !TerminalSignals.shouldStop {
            var now = clock.now()
            if let limit = options.runFor, now - started >= limit { break }
            // Keys: wait a little for the first, then take whatever else is already typed.
            var wait = 50
            while true {
                let key: Key?
                if options.readsKeys {
                    key = screen.readKey(waitingAtMost: wait)
                } else {
                    if wait > 0 { usleep(UInt32(wait * 1000)) }
                    key = nil
                }
                guard let key else { break }
                wait = 0
                now = clock.now()
                size = screen.size
                let context = UpdateContext(snapshot: snapshot, width: size.width, height: size.height, now: now, bindings: options.bindings)
                let (next, commands) = Dashboard.update(state, key, context)
                if next.themeName != state.themeName { screen.setTheme(themeNamed(next.themeName)) }
                if next.frozen != state.frozen { feed.setPaused(next.frozen) }
                state = next
                needsFrame = true
                for command in commands {
                    switch command {
                    case .quit: break loop
                    case .engine(let engineCommand): runner.submit(engineCommand)
                    }
                }
            }
            now = clock.now()
            if !state.frozen, let fresh = feed.take() {
                snapshot = fresh
                needsFrame = true
            }
            for outcome in runner.takeOutcomes() {
                state.show(outcome, at: now)
                needsFrame = true
            }
            if let flash = state.flash, now - flash.shownAt > .seconds(6) {
                state.flash = nil
                needsFrame = true
            }
            size = screen.size
            state = Dashboard.settle(state, UpdateContext(snapshot: snapshot, width: size.width, height: size.height, now: now, bindings: options.bindings))
            layout = Layout(width: size.width, height: size.height, state: state)
            feed.update(state.query(visibleTaskRows: layout.visibleTaskRows))
            // Draw when something changed, and once a second for the clock (an unchanged frame
            // writes nothing).
            if needsFrame || now - lastFrameAt >= .seconds(1) {
                let canvas = Dashboard.render(
                    snapshot, state, width: size.width, height: size.height, wallClock: now, utcOffsetSeconds: utcOffset, bindings: options.bindings)
                screen.draw(canvas)
                needsFrame = false
                lastFrameAt = now
            }
        }
    }

    /// Seconds east of UTC of the local time zone now.
    static func localUTCOffset() -> Int {
        var now = time(nil)
        var local = tm()
        localtime_r(&now, &local)
        return Int(local.tm_gmtoff)
    }
}
