/// A box around a pane, with its title on the top edge (and an optional note on the right).
enum Border {
    /// Draws the box and returns the rectangle inside it.
    @discardableResult
    static func draw(_ canvas: inout Canvas, _ rect: Rect, title: String, note: String = "", focused: Bool) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let line = Style(focused ? .focusedBorder : .border)
        let top = rect.y
        let bottom = rect.maxY - 1
        canvas.put(Glyphs.topLeft, x: rect.x, y: top, style: line)
        canvas.put(Glyphs.topRight, x: rect.maxX - 1, y: top, style: line)
        canvas.put(Glyphs.bottomLeft, x: rect.x, y: bottom, style: line)
        canvas.put(Glyphs.bottomRight, x: rect.maxX - 1, y: bottom, style: line)
        canvas.fill(Rect(x: rect.x + 1, y: top, width: rect.width - 2, height: 1), Glyphs.horizontal, style: line)
        canvas.fill(Rect(x: rect.x + 1, y: bottom, width: rect.width - 2, height: 1), Glyphs.horizontal, style: line)
        canvas.fill(Rect(x: rect.x, y: top + 1, width: 1, height: rect.height - 2), Glyphs.vertical, style: line)
        canvas.fill(Rect(x: rect.maxX - 1, y: top + 1, width: 1, height: rect.height - 2), Glyphs.vertical, style: line)
        let room = rect.width - 4
        if room > 0 {
            let titleStyle = Style(focused ? .focusedBorder : .title, attributes: focused ? [.bold] : [])
            let used = canvas.write(" \(title) ", x: rect.x + 1, y: top, style: titleStyle, maxWidth: room)
            let noteRoom = room - used - 1
            if !note.isEmpty, noteRoom > 4 {
                let text = " " + CharacterWidth.truncate(note, to: noteRoom - 2) + " "
                canvas.write(text, x: rect.maxX - 1 - CharacterWidth.columns(of: text), y: top, style: Style(.dim))
            }
        }
        return rect.inset(1)
    }
}
