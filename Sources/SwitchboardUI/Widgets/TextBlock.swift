/// A line of text made of runs in their roles.
typealias StyledLine = [(String, Role)]

/// Lines of styled text in a rectangle, from line `scroll` on; lines too long are cut with `…`.
enum TextBlock {
    static func draw(_ canvas: inout Canvas, _ rect: Rect, lines: [StyledLine], scroll: Int = 0) {
        guard rect.height > 0, rect.width > 0 else { return }
        let first = max(0, min(scroll, max(0, lines.count - rect.height)))
        for (row, line) in lines[first...].prefix(rect.height).enumerated() {
            var x = rect.x
            for (text, role) in line {
                let room = rect.maxX - x
                guard room > 0 else { break }
                x += canvas.write(CharacterWidth.truncate(text, to: room), x: x, y: rect.y + row, style: Style(role, attributes: role == .title ? [.bold] : []), maxWidth: room)
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

/// Word wrapping for messages that must be read whole.
enum TextWrap {
    /// `text` in lines of at most `width` display columns, broken at spaces where it can be
    /// and inside a word where a word is longer than a line.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        var current = ""
        var used = 0
        func flush() {
            lines.append(current)
            current = ""
            used = 0
        }
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var word = Substring(word)
            let wordWidth = CharacterWidth.columns(of: String(word))
            if used > 0, used + 1 + wordWidth > width { flush() }
            if used > 0 {
                current += " "
                used += 1
            }
            // A word longer than a line is cut across lines.
            while CharacterWidth.columns(of: String(word)) > width - used {
                var piece = ""
                var pieceWidth = 0
                for character in word {
                    let w = CharacterWidth.columns(of: character)
                    if used + pieceWidth + w > width { break }
                    piece.append(character)
                    pieceWidth += w
                }
                if piece.isEmpty, used == 0 { piece = String(word.first!) }
                current += piece
                word = word.dropFirst(piece.count)
                flush()
            }
            current += word
            used += CharacterWidth.columns(of: String(word))
        }
        if used > 0 || lines.isEmpty { lines.append(current) }
        return lines
    }
}
