import CNcursesw
import SwitchboardUI

#if canImport(Glibc)
import Glibc
#endif

/// The real terminal, through ncurses: the only code that calls it. It copies the cells of a
/// canvas that changed since the last frame to ncurses' screen and sends them with one
/// `doupdate`; a frame with no change writes nothing. `restore()` gives the terminal back as it
/// was, and runs on every way out (see `TerminalSignals`).
public final class TerminalScreen {
    public let colorDepth: ColorDepth
    /// Whether the locale is UTF-8; without it, line drawing falls back to ASCII.
    public let unicode: Bool
    private var screen: OpaquePointer?
    private var lastCanvas: Canvas?
    private var lastCursorVisible = false
    private var theme: Theme
    private var pairs = ColorPairs()
    private var restored = false

    /// Opens the terminal. `output` and `input` default to the process's own; a file as output
    /// measures what would be written (the render benchmark). `noColor` follows `NO_COLOR`.
    public init(theme: Theme, noColor: Bool, output: UnsafeMutablePointer<FILE>? = nil, input: UnsafeMutablePointer<FILE>? = nil) throws {
        setlocale(LC_ALL, "")
        unicode = TerminalProbe.isUTF8Locale()
        TerminalSignals.install()
        guard let opened = newterm(nil, output ?? fdopen(STDOUT_FILENO, "w"), input ?? fdopen(STDIN_FILENO, "r")) else { throw TerminalError.cannotOpen(term: getenv("TERM").map { String(cString: $0) } ?? "") }
        screen = opened
        set_term(opened)
        cbreak()
        noecho()
        nonl()
        intrflush(sb_stdscr(), false)
        keypad(sb_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        mousemask(sb_button1_pressed() | sb_button1_double_clicked() | sb_button4_pressed() | sb_button5_pressed(), nil)
        mouseinterval(0)
        var colors = 0
        if has_colors(), !noColor {
            start_color()
            use_default_colors()
            colors = Int(sb_colors())
        }
        colorDepth = ColorDepth.detect(colors: colors, noColor: noColor)
        self.theme = theme
        TerminalSignals.activeScreen = self
    }

    deinit { restore() }

    /// Columns and rows of the terminal now.
    public var size: (width: Int, height: Int) { (Int(sb_cols()), Int(sb_lines())) }

    /// Switches theme: every cell is drawn again in the new colours.
    public func setTheme(_ theme: Theme) {
        guard theme != self.theme else { return }
        self.theme = theme
        pairs = ColorPairs()
        lastCanvas = nil
    }

    /// Forgets what is on the screen, so that the next frame is drawn whole (after a resize).
    public func invalidate() {
        lastCanvas = nil
        clearok(sb_stdscr(), true)
    }

    /// Shows a frame: only the cells that differ from the last one are handed to ncurses, and
    /// `doupdate` runs only when something changed. Returns how many cells were drawn.
    @discardableResult
    public func draw(_ frame: Canvas) -> Int {
        let canvas = unicode ? frame : frame.asciiOnly()
        let diff = CanvasDiff(from: lastCanvas, to: canvas)
        let cursorVisible = canvas.cursor != nil
        let cursorMoved = canvas.cursor?.x != lastCanvas?.cursor?.x || canvas.cursor?.y != lastCanvas?.cursor?.y
        guard !diff.isEmpty || cursorMoved || cursorVisible != lastCursorVisible else { return 0 }
        if lastCanvas == nil { erase() }
        for run in diff.runs { drawRun(run, of: canvas) }
        if let cursor = canvas.cursor {
            move(Int32(cursor.y), Int32(cursor.x))
        }
        if cursorVisible != lastCursorVisible {
            curs_set(cursorVisible ? 1 : 0)
            lastCursorVisible = cursorVisible
        }
        wnoutrefresh(sb_stdscr())
        doupdate()
        lastCanvas = canvas
        return diff.changedCells
    }

    /// Writes a run, one string per stretch of cells in the same style.
    private func drawRun(_ run: CanvasDiff.Run, of canvas: Canvas) {
        var x = run.x
        let end = run.x + run.count
        while x < end {
            let style = canvas[x, run.y].style
            var text = ""
            let start = x
            while x < end, canvas[x, run.y].style == style {
                let cell = canvas[x, run.y]
                if !cell.isContinuation { text += canvas.text(of: cell) }
                x += 1
            }
            let (attributes, pair) = ncursesStyle(style)
            sb_set_attributes(attributes, pair)
            _ = sb_put_utf8(Int32(run.y), Int32(start), text, attributes, pair)
        }
    }

    /// The attributes and colour pair for a style in this theme, on this terminal.
    private func ncursesStyle(_ style: Style) -> (attr_t, Int32) {
        let monochrome = theme.monochrome || colorDepth == .none
        var wanted = monochrome ? style.monochromeAttributes : style.attributes
        var pair: Int32 = 0
        if !monochrome {
            var background = style.background
            // With eight colours a selection colour is rarely distinguishable: use reverse video.
            if background == .selection, colorDepth < .colors256 {
                wanted.insert(.reverse)
                background = .background
            }
            pair = pairs.pair(
                foreground: theme.color(style.foreground).index(for: colorDepth) ?? -1,
                background: theme.color(background).index(for: colorDepth) ?? -1)
        }
        var attributes = sb_a_normal()
        if wanted.contains(.bold) { attributes |= sb_a_bold() }
        if wanted.contains(.dim) { attributes |= sb_a_dim() }
        if wanted.contains(.underline) { attributes |= sb_a_underline() }
        if wanted.contains(.reverse) { attributes |= sb_a_reverse() }
        return (attributes, pair)
    }

    /// Ends curses mode and gives the terminal back (idempotent).
    public func restore() {
        guard !restored else { return }
        restored = true
        if TerminalSignals.activeScreen === self { TerminalSignals.activeScreen = nil }
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        fflush(nil)
    }
}

/// The terminal could not be opened.
public enum TerminalError: Error, CustomStringConvertible {
    case cannotOpen(term: String)
    case notATerminal

    public var description: String {
        switch self {
        case .cannotOpen(let term):
            "cannot open the terminal (TERM=\(term.isEmpty ? "unset" : term)); set TERM to your terminal's type, or run headless"
        case .notATerminal: "standard input and output must be a terminal for the dashboard; run headless, or use `switchboard status`"
        }
    }
}

/// Colour pairs allocated on first use, per foreground and background index (-1: default).
struct ColorPairs {
    private var known: [Int64: Int32] = [:]

    mutating func pair(foreground: Int, background: Int) -> Int32 {
        if foreground < 0, background < 0 { return 0 }
        let key = Int64(foreground) << 32 | Int64(UInt32(bitPattern: Int32(background)))
        if let pair = known[key] { return pair }
        let allocated = alloc_pair(Int32(foreground), Int32(background))
        let pair = allocated > 0 ? allocated : 0
        known[key] = pair
        return pair
    }
}
