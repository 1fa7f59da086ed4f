/// Small charts of series: a one-row sparkline and a multi-row bar chart, both scaled to the
/// series' maximum, newest value on the right.
enum Sparkline {
    /// One row: each value as a block of 1/8 to 8/8 of the row's height.
    static func draw(_ canvas: inout Canvas, x: Int, y: Int, width: Int, values: [Double], role: Role = .chart, background: Role = .background, maximum: Double? = nil) {
        guard width > 0 else { return }
        let shown = Array(values.suffix(width))
        let top = max(maximum ?? shown.max() ?? 0, 0)
        let start = x + width - shown.count
        for column in x..<start { canvas.put(" ", x: column, y: y, style: Style(role, background: background)) }
        for (offset, value) in shown.enumerated() {
            let level = top <= 0 ? 0 : Int((max(0, value) / top * 7).rounded())
            canvas.put(Glyphs.levels[min(7, level)], x: start + offset, y: y, style: Style(value > 0 ? role : .gaugeEmpty, background: background))
        }
    }

    /// `rect.height` rows: each value a column whose height is in eighths of a row.
    static func chart(_ canvas: inout Canvas, _ rect: Rect, values: [Double], role: Role = .chart, maximum: Double? = nil) {
        guard rect.width > 0, rect.height > 0 else { return }
        let shown = Array(values.suffix(rect.width))
        let top = max(maximum ?? shown.max() ?? 0, 0)
        let start = rect.maxX - shown.count
        for (offset, value) in shown.enumerated() {
            let eighths = top <= 0 ? 0 : Int((max(0, value) / top * Double(rect.height * 8)).rounded())
            for row in 0..<rect.height {
                let fromBottom = row * 8
                let y = rect.maxY - 1 - row
                let amount = eighths - fromBottom
                if amount >= 8 {
                    canvas.put(Glyphs.full, x: start + offset, y: y, style: Style(role))
                } else if amount > 0 {
                    canvas.put(Glyphs.levels[amount - 1], x: start + offset, y: y, style: Style(role))
                } else if row == 0 {
                    canvas.put(Glyphs.levels[0], x: start + offset, y: y, style: Style(.gaugeEmpty))
                }
            }
        }
    }
}
