import CNcursesw

#if canImport(Glibc)
import Glibc
#endif

/// Checks that ncurses works on this terminal: initialises it, draws a box with UTF-8 line
/// characters (ASCII when the locale is not UTF-8) and the library's version, waits for a key
/// (or `seconds`), and restores the terminal. Used by `switchboard terminal-probe` and by the
/// test that proves CNcursesw links and draws.
public enum TerminalProbe {
    public static func run(seconds: Int = 30) -> Int32 {
        setlocale(LC_ALL, "")
        guard initscr() != nil else { return 1 }
        defer { endwin() }
        noecho()
        cbreak()
        curs_set(0)
        if has_colors() { start_color() }
        let utf8 = isUTF8Locale()
        let version = String(cString: curses_version())
        let width = max(version.count + 4, 30)
        let horizontal = String(repeating: utf8 ? "─" : "-", count: width - 2)
        let lines = [
            (utf8 ? "┌" : "+") + horizontal + (utf8 ? "┐" : "+"),
            (utf8 ? "│" : "|") + pad(" switchboard terminal probe", width - 2) + (utf8 ? "│" : "|"),
            (utf8 ? "│" : "|") + pad(" " + version, width - 2) + (utf8 ? "│" : "|"),
            (utf8 ? "│" : "|") + pad(" \(sb_cols())×\(sb_lines()), \(sb_colors()) colours", width - 2) + (utf8 ? "│" : "|"),
            (utf8 ? "└" : "+") + horizontal + (utf8 ? "┘" : "+"),
        ]
        for (row, line) in lines.enumerated() { _ = sb_put_utf8(Int32(row), 0, line, sb_a_normal(), 0) }
        refresh()
        timeout(Int32(seconds * 1000))
        _ = getch()
        return 0
    }

    /// True when the current locale's character set is UTF-8.
    public static func isUTF8Locale() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }
}
