import SwitchboardCore

/// Throughput in and out as charts, queue depth, latency percentiles, error rate, store commits.
enum MetricsPane {
    /// Columns left of a chart for its label.
    static let labelWidth = 8
    /// Columns right of a chart for its scale (" max 999.9k"): every chart is as wide as the
    /// others, so that they cover the same seconds.
    static let scaleWidth = 11

    static func draw(_ canvas: inout Canvas, _ rect: Rect, _ context: RenderContext) {
        // The charts show one column per second, as many seconds as fit: the note says how
        // many that is at this width (not the length of the series kept).
        let innerHeight = rect.height - 2
        let textRows = min(4, max(0, innerHeight))
        let chartRows = innerHeight - textRows - 1
        let chartWidth = innerHeight > textRows ? max(0, rect.width - 2 - labelWidth - 1 - scaleWidth) : 0
        let window = min(chartWidth, context.summary?.completedPerSecond.count ?? 0)
        let note = window == 0 ? "" : "charts: last " + windowLabel(seconds: window)
        let inner = Border.draw(&canvas, rect, title: "4 Metrics", note: note, focused: context.isFocused(.metrics))
        guard inner.height > 0, inner.width > 10 else { return }
        guard let summary = context.summary else {
            canvas.write("waiting for the engine's first figures", x: inner.x + 1, y: inner.y, style: Style(.dim))
            return
        }
        let lastTen = { (series: [Int]) -> Double in Double(series.suffix(10).reduce(0, +)) / 10 }
        let inRate = lastTen(summary.submittedPerSecond)
        let outRate = lastTen(summary.completedPerSecond)
        var lines: [[(String, Role)]] = []
        lines.append([
            ("in ", .dim), (Format.rate(inRate) + "/s", .foreground), ("  out ", .dim), (Format.rate(outRate) + "/s", .foreground),
            ("  errors ", .dim), (Format.percent(summary.errorRate), summary.errorRate > 0.05 ? .alert : .foreground),
            ("  msgs ", .dim), (Format.rate(summary.messagesPerSecond) + "/s", .foreground),
        ])
        lines.append(latencyLine("wait", summary.wait))
        lines.append(latencyLine("run ", summary.run))
        lines.append(latencyLine("commit", summary.commitLatency))
        var y = inner.y
        // In and out are drawn alike: the same height and one scale, so that their bars compare.
        let throughputTop = max(summary.submittedPerSecond.suffix(window).max() ?? 0, summary.completedPerSecond.suffix(window).max() ?? 0)
        if chartRows >= 2 {
            let depthRows = chartRows >= 6 ? 1 : 0
            let each = (chartRows - depthRows) / 2
            y = drawChart(&canvas, x: inner.x, y: y, width: inner.width, rows: each, label: "in/s", values: summary.submittedPerSecond, top: throughputTop)
            y = drawChart(&canvas, x: inner.x, y: y, width: inner.width, rows: each, label: "out/s", values: summary.completedPerSecond, top: throughputTop)
            if depthRows > 0 {
                y = drawChart(&canvas, x: inner.x, y: y, width: inner.width, rows: 1, label: "depth", values: summary.depth,
                              top: summary.depth.suffix(window).max() ?? 0, role: .statusQueued)
            }
            y += 1
        } else if inner.height > textRows {
            // No room for charts: a one-line sparkline of throughput out instead.
            y = drawChart(&canvas, x: inner.x, y: y, width: inner.width, rows: 1, label: "out/s", values: summary.completedPerSecond, top: throughputTop)
        }
        for line in lines.prefix(max(0, inner.maxY - y)) {
            var x = inner.x + 1
            for (text, role) in line {
                guard inner.maxX - x > 0 else { break }
                x += canvas.write(CharacterWidth.truncate(text, to: inner.maxX - x), x: x, y: y, style: Style(role), maxWidth: inner.maxX - x)
            }
            y += 1
        }
    }

    /// What a chart's full height stands for.
    static func scaleLabel(_ top: Int) -> String { "max " + Format.rate(Double(top)) }

    /// "58s", "2 min", "1m30s".
    static func windowLabel(seconds: Int) -> String {
        if seconds < 60 { return "\(seconds)s" }
        if seconds % 60 == 0 { return "\(seconds / 60) min" }
        return "\(seconds / 60)m\(seconds % 60 < 10 ? "0" : "")\(seconds % 60)s"
    }

    private static func latencyLine(_ name: String, _ latency: LatencySummary) -> [(String, Role)] {
        [
            (name.column(7), .dim), ("p50 ", .dim), (Format.latency(latency.p50).column(7), .foreground),
            ("p95 ", .dim), (Format.latency(latency.p95).column(7), .foreground),
            ("p99 ", .dim), (Format.latency(latency.p99).column(7), .foreground),
        ]
    }

    /// A labelled chart: the label on the left, the series scaled to `top`, and on the right
    /// of its top row the value its full height stands for ("max 12"). Returns the next free
    /// row.
    private static func drawChart(
        _ canvas: inout Canvas, x: Int, y: Int, width: Int, rows: Int, label: String, values: [Int], top: Int, role: Role = .chart
    ) -> Int {
        guard rows > 0 else { return y }
        let series = values.map(Double.init)
        canvas.write(label, x: x + 1, y: y, style: Style(.dim), maxWidth: labelWidth - 1)
        let area = Rect(x: x + labelWidth, y: y, width: max(0, width - labelWidth - 1 - scaleWidth), height: rows)
        if rows == 1 {
            Sparkline.draw(&canvas, x: area.x, y: y, width: area.width, values: series, role: role, maximum: Double(top))
        } else {
            Sparkline.chart(&canvas, area, values: series, role: role, maximum: Double(top))
        }
        canvas.write(" " + scaleLabel(top), x: area.maxX, y: y, style: Style(.dim), maxWidth: scaleWidth)
        return y + rows
    }
}

/// The event log: the latest engine events, newest at the bottom.
enum EventLogPane {
    static func draw(_ canvas: inout Canvas, _ rect: Rect, _ context: RenderContext) {
        let events = context.snapshot?.events ?? []
        let inner = Border.draw(&canvas, rect, title: "Events", note: "\(context.key(.events)) to hide", focused: false)
        guard inner.height > 0 else { return }
        if events.isEmpty {
            canvas.write("nothing has happened yet", x: inner.x + 1, y: inner.y, style: Style(.dim))
            return
        }
        let kindWidth = ColumnWidth.fitting(EngineEvent.Kind.allCases.map(\.label), maximum: 24)
        for (row, event) in events.suffix(inner.height).enumerated() {
            var x = inner.x + 1
            let y = inner.y + row
            x += canvas.write(Format.time(event.at, utcOffsetSeconds: context.utcOffsetSeconds) + "  ", x: x, y: y, style: Style(.dim))
            x += canvas.write(event.kind.label.column(kindWidth), x: x, y: y, style: Style(Role.of(event.kind)), maxWidth: inner.maxX - x)
            canvas.write(CharacterWidth.truncate(event.message, to: inner.maxX - x), x: x, y: y, style: Style(.foreground), maxWidth: inner.maxX - x)
        }
    }
}

extension EngineEvent.Kind {
    /// "agent died", "pool scaled".
    var label: String {
        var words = ""
        for character in rawValue {
            if character.isUppercase { words += " " + character.lowercased() } else { words.append(character) }
        }
        return words
    }
}

extension String {
    /// A cell of a text column `columns` wide: exactly that many display columns, the last
    /// always a space, so that nothing runs into the next column; cut with `…` when longer.
    func column(_ columns: Int) -> String {
        CharacterWidth.pad(CharacterWidth.truncate(self, to: columns - 1), to: columns)
    }
}

/// Widths of text columns: wide enough for the longest cell and one space, within bounds.
enum ColumnWidth {
    static func fitting(_ cells: some Sequence<String>, minimum: Int = 1, maximum: Int) -> Int {
        let widest = cells.reduce(0) { max($0, CharacterWidth.columns(of: $1)) }
        return min(maximum, max(minimum, widest + 1))
    }
}
