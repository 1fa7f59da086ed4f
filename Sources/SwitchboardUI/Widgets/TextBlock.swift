/// A line of text made of runs in their roles.
typealias StyledLine = [(String, Role)]

/// Lines of styled text in a rectangle, from line `scroll` on; lines too long are cut.
enum TextBlock {
    static func draw(_ canvas: inout Canvas, _ rect: Rect, lines: [StyledLine], scroll: Int = 0) {
        guard rect.height > 0, rect.width > 0 else { return }
        let first = max(0, min(scroll, max(0, lines.count - rect.height)))
        for (row, line) in lines[first...].prefix(rect.height).enumerated() {
            var x = rect.x
            for (text, role) in line {
                let room = rect.maxX - x
                guard room > 0 else { break }
                x += canvas.write(text, x: x, y: rect.y + row, style: Style(role, attributes: role == .title ? [.bold] : []), maxWidth: room)
            }
        }
    }

    /// The largest useful scroll for `count` lines in `rows` rows.
    static func maximumScroll(lines count: Int, rows: Int) -> Int { max(0, count - rows) }
}

/// A window over the screen: a cleared box with a border and a title.
enum OverlayWindow {
    /// Draws the window at most `width`×`height`, centred, and returns its inside.
    static func draw(_ canvas: inout Canvas, in screen: Rect, width: Int, height: Int, title: String, note: String = "") -> Rect {
        let body = Rect(x: screen.x, y: screen.y + 1, width: screen.width, height: screen.height - 2)
        let frame = body.centered(width: width, height: height)
        canvas.fill(frame, style: .plain)
        let inner = Border.draw(&canvas, frame, title: title, note: note, focused: true)
        return Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
    }
}
