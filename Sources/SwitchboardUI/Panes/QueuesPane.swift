import SwitchboardCore

/// One row per queue: ready work as a bar split by priority, counts, rates, the oldest wait.
enum QueuesPane {
    static let table = Table(columns: [
        TableColumn(title: "QUEUE", width: 10, preferred: 18),
        TableColumn(title: "READY", width: 8, flexible: true),
        TableColumn(title: "PENDING", width: 7, alignRight: true),
        TableColumn(title: "BLOCKED", width: 7, alignRight: true, dropOrder: 4),
        TableColumn(title: "RUNNING", width: 7, alignRight: true),
        TableColumn(title: "DEAD", width: 5, alignRight: true, dropOrder: 3),
        TableColumn(title: "IN/s", width: 5, alignRight: true, dropOrder: 5),
        TableColumn(title: "OUT/s", width: 5, alignRight: true, dropOrder: 5),
        TableColumn(title: "OLDEST", width: 6, alignRight: true, dropOrder: 2),
    ])

    static func draw(_ canvas: inout Canvas, _ rect: Rect, _ context: RenderContext) {
        let queues = context.summary?.queues ?? []
        let paused = queues.filter(\.paused).count
        let inner = Border.draw(
            &canvas, rect, title: "1 Queues", note: queues.isEmpty ? "" : "\(queues.count) queue\(queues.count == 1 ? "" : "s")\(paused > 0 ? " · \(paused) paused" : "")",
            focused: context.isFocused(.queues))
        guard inner.height > 0 else { return }
        if queues.isEmpty {
            canvas.write("no queues yet", x: inner.x + 1, y: inner.y, style: Style(.dim))
            return
        }
        let scale = queues.map { $0.queuedByPriority.reduce(0, +) }.max() ?? 0
        let visible = max(1, inner.height - 1)
        let cursor = min(context.state.queueCursor, queues.count - 1)
        let first = max(0, min(cursor - visible + 1, queues.count - visible))
        let shown = queues[max(0, first)...].prefix(visible)
        let rows: [[TableCell]] = shown.map { queue in
            var name: [(String, Role)] = [(queue.name, .foreground)]
            if queue.paused { name.append((" " + Glyphs.paused + " paused", .statusPaused)) }
            let parts = Priority.servingOrder.map { (count: queue.queuedByPriority[$0.rank], role: Role.of($0)) }
            return [
                .runs(name),
                .stackedBar(parts: parts, scale: scale),
                .text(Format.count(queue.count(.queued) + queue.count(.pending))),
                .text(Format.count(queue.count(.blocked)), .statusBlocked),
                .text(Format.count(queue.count(.running)), .statusRunning),
                .text(Format.count(queue.dead), queue.dead > 0 ? .statusFailed : .dim),
                .text(Format.rate(queue.inPerSecond)),
                .text(Format.rate(queue.outPerSecond)),
                .text(Format.age(queue.oldestQueuedAt, now: context.now)),
            ]
        }
        let row = context.state.focus == .queues ? cursor - max(0, first) : nil
        let lost = context.state.queueSelection.isLost
        table.draw(&canvas, inner, rows: rows, selected: lost ? nil : row, lostCursor: lost ? row : nil, focused: context.isFocused(.queues))
    }
}
