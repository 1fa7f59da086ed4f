import SwitchboardCore

/// The task table: the visible window of the sorted, filtered list.
enum TasksPane {
    /// Columns in the order `s` cycles through them, with the sort key of each.
    static let columns: [(TableColumn, TaskOrder.Key)] = [
        (TableColumn(title: "ID", width: 10), .id),
        (TableColumn(title: "TITLE", width: 14, flexible: true), .title),
        (TableColumn(title: "PRIORITY", width: 9, dropOrder: 1), .priority),
        (TableColumn(title: "STATUS", width: 10), .status),
        (TableColumn(title: "PROGRESS", width: 14, preferred: 26, dropOrder: 2), .progress),
        (TableColumn(title: "AGENT", width: 10, preferred: 12, dropOrder: 3), .agent),
        (TableColumn(title: "AGE/RUN", width: 7, alignRight: true, dropOrder: 4), .age),
        (TableColumn(title: "ETA", width: 6, alignRight: true, dropOrder: 5), .eta),
    ]

    static var sortKeys: [TaskOrder.Key] { columns.map(\.1) }

    static func draw(_ canvas: inout Canvas, _ rect: Rect, _ context: RenderContext) {
        let state = context.state
        let page = context.snapshot?.tasks ?? TaskPage()
        var note: [String] = []
        let total = context.summary?.tasks.values.reduce(0, +)
        // The note describes the rows on screen: those of the snapshot's query, until the
        // answer to a new filter or sort arrives (a moment later).
        let shownFilter = context.snapshot?.query.taskFilter ?? state.taskFilter
        let pending = context.snapshot.map { $0.query.taskFilter != state.taskFilter || $0.query.taskOrder != state.taskOrder } ?? false
        if shownFilter.isEmpty {
            note.append(Format.count(page.total))
        } else {
            note.append("\(Format.count(page.total)) of \(total.map(Format.count) ?? "?")")
            note.append("filter: \(shownFilter.text)")
        }
        if pending { note.append("updating…") }
        if !state.marked.isEmpty {
            // Marks survive a change of filter, so say how many of them are out of sight:
            // bulk actions take them too.
            let hidden = context.snapshot?.hiddenMarks(state.marked)?.count ?? 0
            note.append("\(state.marked.count) marked" + (hidden > 0 ? " (\(hidden) hidden by the filter)" : ""))
        }
        // First, so that a narrow pane still says it: the next action needs a move first.
        if case .lost(let id) = state.taskSelection { note.insert("\(id) left the list", at: 0) }
        let inner = Border.draw(&canvas, rect, title: "2 Tasks", note: note.joined(separator: " · "), focused: context.isFocused(.tasks))
        guard inner.height > 0 else { return }
        if page.total == 0 {
            canvas.write(state.taskFilter.isEmpty ? "no tasks yet — press \(context.key(.newTask)) to submit one" : "no task matches the filter",
                         x: inner.x + 1, y: inner.y + 1, style: Style(.dim))
        }
        let sortIndex = sortKeys.firstIndex(of: state.taskOrder.key)
        let table = Table(columns: columns.map(\.0), sortColumn: sortIndex, sortDescending: state.taskOrder.descending)
        let visible = max(0, inner.height - 1)
        let first = state.taskScroll
        let count = max(0, min(visible, page.total - first))
        var rows: [[TableCell]] = []
        var marked: [Bool] = []
        for index in first..<(first + count) {
            guard let task = context.snapshot?.task(at: index) else {
                rows.append([.text("…", .dim)])
                marked.append(false)
                continue
            }
            rows.append(cells(task, now: context.now))
            marked.append(state.marked.contains(task.id))
        }
        let cursor = (0..<count).contains(state.taskCursor - first) ? state.taskCursor - first : nil
        let lost = state.taskSelection.isLost
        table.draw(&canvas, inner, rows: rows, selected: lost ? nil : cursor, lostCursor: lost ? cursor : nil, marked: marked, focused: context.isFocused(.tasks))
    }

    static func cells(_ task: Task, now: Instant) -> [TableCell] {
        let time: String
        if task.status == .running {
            time = Format.age(task.startedAt, now: now)
        } else if task.status.isFinal {
            time = task.runTime(at: now).map { formatSeconds($0.seconds) } ?? Format.age(task.createdAt, now: now)
        } else {
            time = Format.age(task.createdAt, now: now)
        }
        let eta = task.estimatedCompletion(at: now).map { formatSeconds(max(0, ($0 - now).seconds)) } ?? ""
        var status = task.status.rawValue
        if task.overdue { status += "!" }
        return [
            .text(task.id.rawValue, .dim),
            .text(task.title),
            .text(task.priority.rawValue, Role.of(task.priority)),
            .text(status, Role.of(task.status)),
            .progress(percent: task.progress, fill: task.status == .running ? .gaugeFill : Role.of(task.status)),
            .text(task.agent ?? "", .foreground),
            .text(time, .dim),
            .text(eta),
        ]
    }
}
