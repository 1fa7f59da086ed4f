/// What a screen below the minimum size shows instead of the panes; the program keeps running.
enum TooSmallScreen {
    static func draw(_ canvas: inout Canvas) {
        let lines = [
            "terminal too small",
            "need \(Layout.minimumWidth)×\(Layout.minimumHeight), have \(canvas.width)×\(canvas.height)",
            "enlarge the window, or press q to quit",
        ]
        // Word-wrap to the width, so that even a 20×5 terminal shows the whole message.
        var wrapped: [String] = []
        for line in lines {
            var current = ""
            for word in line.split(separator: " ") {
                let candidate = current.isEmpty ? String(word) : current + " " + word
                if CharacterWidth.columns(of: candidate) > canvas.width, !current.isEmpty {
                    wrapped.append(current)
                    current = String(word)
                } else {
                    current = candidate
                }
            }
            wrapped.append(current)
        }
        let top = max(0, (canvas.height - wrapped.count) / 2)
        for (index, line) in wrapped.enumerated() where top + index < canvas.height {
            let width = CharacterWidth.columns(of: line)
            let style = index == 0 ? Style(.alert, attributes: [.bold]) : Style(.foreground)
            canvas.write(line, x: max(0, (canvas.width - width) / 2), y: top + index, style: style)
        }
    }
}
