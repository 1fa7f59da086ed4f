import SwitchboardCore

/// Throughput in and out as charts, queue depth, latency percentiles, error rate, store commits.
enum MetricsPane {
    static func draw(_ canvas: inout Canvas, _ rect: Rect, _ context: RenderContext) {
        let inner = Border.draw(&canvas, rect, title: "4 Metrics", note: "last \(EngineSummary.seriesSeconds / 60) min", focused: context.isFocused(.metrics))
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
        let textRows = min(lines.count, inner.height)
        let chartRows = inner.height - textRows - 1
        var y = inner.y
        if chartRows >= 2 {
            let depthRows = chartRows >= 6 ? 1 : 0
            let each = (chartRows - depthRows) / 2
            y = drawChart(&canvas, x: inner.x, y: y, width: inner.width, rows: each, label: "in/s", values: summary.submittedPerSecond, role: .chart)
            y = drawChart(&canvas, x: inner.x, y: y, width: inner.width, rows: chartRows - depthRows - each, label: "out/s", values: summary.completedPerSecond, role: .gaugeFill)
            if depthRows > 0 {
                y = drawChart(&canvas, x: inner.x, y: y, width: inner.width, rows: 1, label: "depth", values: summary.depth, role: .statusQueued)
            }
            y += 1
        } else if inner.height > textRows {
            // No room for charts: one-line sparklines of throughput instead.
            y = drawChart(&canvas, x: inner.x, y: y, width: inner.width, rows: 1, label: "out/s", values: summary.completedPerSecond, role: .gaugeFill)
        }
        for line in lines.prefix(max(0, inner.maxY - y)) {
            var x = inner.x + 1
            for (text, role) in line {
                x += canvas.write(text, x: x, y: y, style: Style(role), maxWidth: inner.maxX - x)
            }
            y += 1
        }
    }

    private static func latencyLine(_ name: String, _ latency: LatencySummary) -> [(String, Role)] {
        [
            (name.padding(toColumns: 7), .dim), ("p50 ", .dim), (Format.latency(latency.p50).padding(toColumns: 7), .foreground),
            ("p95 ", .dim), (Format.latency(latency.p95).padding(toColumns: 7), .foreground),
            ("p99 ", .dim), (Format.latency(latency.p99).padding(toColumns: 7), .foreground),
        ]
    }

    /// A labelled chart: label and maximum on the left, the series to the right. Returns the
    /// next free row.
    private static func drawChart(_ canvas: inout Canvas, x: Int, y: Int, width: Int, rows: Int, label: String, values: [Int], role: Role) -> Int {
        guard rows > 0 else { return y }
        let labelWidth = 8
        let series = values.map(Double.init)
        let top = series.max() ?? 0
        canvas.write(label, x: x + 1, y: y, style: Style(.dim))
        if rows > 1 { canvas.write(Format.rate(top), x: x + 1, y: y + 1, style: Style(.dim), maxWidth: labelWidth - 1) }
        let area = Rect(x: x + labelWidth, y: y, width: width - labelWidth - 1, height: rows)
        if rows == 1 {
            Sparkline.draw(&canvas, x: area.x, y: y, width: area.width, values: series, role: role)
        } else {
            Sparkline.chart(&canvas, area, values: series, role: role)
        }
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
        for (row, event) in events.suffix(inner.height).enumerated() {
            var x = inner.x + 1
            let y = inner.y + row
            x += canvas.write(Format.time(event.at, utcOffsetSeconds: context.utcOffsetSeconds) + "  ", x: x, y: y, style: Style(.dim))
            x += canvas.write(event.kind.label.padding(toColumns: 18), x: x, y: y, style: Style(Role.of(event.kind)))
            canvas.write(event.message, x: x, y: y, style: Style(.foreground), maxWidth: inner.maxX - x)
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
    /// Padded with spaces to `columns` display columns (never cut).
    func padding(toColumns columns: Int) -> String {
        let width = CharacterWidth.columns(of: self)
        return width >= columns ? self : self + String(repeating: " ", count: columns - width)
    }
}
