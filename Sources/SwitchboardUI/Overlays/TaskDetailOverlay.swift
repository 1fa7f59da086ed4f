import SwitchboardCore

/// One task in full: fields, dependency tree, history timeline, output tail.
enum TaskDetailOverlay {
    static func lines(_ detail: TaskDetail, now: Instant, utcOffsetSeconds: Int) -> [StyledLine] {
        let task = detail.task
        func field(_ name: String, _ value: String, _ role: Role = .foreground) -> StyledLine { [(name.column(12), .dim), (value, role)] }
        var lines: [StyledLine] = [
            [(task.title, .title)],
            [],
            field("status", task.status.rawValue + (task.overdue ? " (overdue)" : ""), Role.of(task.status)),
            field("priority", task.priority.rawValue, Role.of(task.priority)),
            field("queue", task.queue),
            field("progress", "\(task.progress)%" + (task.progressNote.map { "  \($0)" } ?? "")),
            field("agent", task.agent ?? "–"),
            field("attempts", "\(task.attempts) of \(task.maxAttempts)"),
            field("needs", task.capabilities.isEmpty ? "–" : task.capabilities.joined(separator: ", ")),
            field("tags", task.tags.isEmpty ? "–" : task.tags.joined(separator: ", ")),
            field("created", "\(RFC3339.format(task.createdAt))  (\(Format.age(task.createdAt, now: now)) ago)"),
        ]
        if let started = task.startedAt { lines.append(field("started", "\(RFC3339.format(started))  (ran \(task.runTime(at: now).map { formatSeconds($0.seconds) } ?? "–"))")) }
        if let eta = task.estimatedCompletion(at: now) { lines.append(field("eta", "in \(formatSeconds(max(0, (eta - now).seconds)))")) }
        if let timeout = task.timeout { lines.append(field("timeout", formatSeconds(timeout.seconds))) }
        if let deadline = task.deadline { lines.append(field("deadline", RFC3339.format(deadline), task.overdue ? .alert : .foreground)) }
        if let error = task.lastError { lines.append(field("last error", error, .alert)) }
        if let command = task.command { lines.append(field("command", command.joined(separator: " "))) }
        lines.append([])
        lines.append([("Dependencies", .title)])
        if task.dependencies.isEmpty {
            lines.append([("  none", .dim)])
        } else {
            lines += detail.tree.map { [("  " + $0, .foreground)] }
        }
        if !detail.dependents.isEmpty {
            lines.append([("  needed by ", .dim), (detail.dependents.map { "\($0.id) [\($0.status.rawValue)]" }.joined(separator: ", "), .foreground)])
        }
        lines.append([])
        lines.append([("History", .title)])
        func change(_ entry: TaskHistoryEntry) -> String {
            entry.to.map { to in (entry.from.map { "\($0.rawValue) → " } ?? "") + to.rawValue } ?? entry.event.rawValue
        }
        // Columns as wide as their longest cell (within reason), one space apart at least.
        let actorWidth = ColumnWidth.fitting(detail.history.map(\.actor.description), minimum: 12, maximum: 24)
        let changeWidth = ColumnWidth.fitting(detail.history.map(change), minimum: 22, maximum: 26)
        for entry in detail.history {
            lines.append([
                ("  " + Format.time(entry.at, utcOffsetSeconds: utcOffsetSeconds) + "  ", .dim),
                (entry.actor.description.column(actorWidth), .focusedBorder),
                (change(entry).column(changeWidth), entry.to.map(Role.of) ?? .foreground),
                (entry.reason, .foreground),
            ])
        }
        if let output = task.outputTail, !output.isEmpty {
            lines.append([])
            lines.append([("Output (tail)", .title)])
            lines += output.split(separator: "\n", omittingEmptySubsequences: false).suffix(30).map { [("  " + $0, .foreground)] }
        }
        return lines
    }

    static func draw(_ canvas: inout Canvas, _ screen: Rect, id: TaskID, scroll: Int, _ context: RenderContext) {
        let inner = OverlayWindow.draw(&canvas, in: screen, width: screen.width - 8, height: screen.height - 4, title: "Task \(id)", note: "Esc to go back")
        guard let detail = context.snapshot?.taskDetail, detail.task.id == id else {
            canvas.write("loading…", x: inner.x, y: inner.y, style: Style(.dim))
            return
        }
        TextBlock.draw(&canvas, inner, lines: lines(detail, now: context.now, utcOffsetSeconds: context.utcOffsetSeconds), scroll: scroll)
    }
}

/// One agent in full: health and why, forecast, CPU and memory sparklines, stderr tail.
enum AgentDetailOverlay {
    static func lines(_ agent: AgentRecord, now: Instant) -> [StyledLine] {
        func field(_ name: String, _ value: String, _ role: Role = .foreground) -> StyledLine { [(name.column(12), .dim), (value, role)] }
        var lines: [StyledLine] = [
            field("state", agent.quarantined ? "quarantined" : agent.state.rawValue, agent.quarantined ? .alert : Role.of(agent.state)),
            field("pool", agent.pool + (agent.role.map { "  (role \($0))" } ?? "")),
            field("can", agent.capabilities.isEmpty ? "–" : agent.capabilities.joined(separator: ", ")),
            field("health", "\(agent.health.level.glyph) \(agent.health.level.rawValue), score \(agent.health.score)", Role.of(agent.health.level)),
        ]
        if agent.health.phi > 0 { lines.append(field("suspicion", "φ " + Format.decimal(agent.health.phi))) }
        for reason in agent.health.reasons { lines.append(field("", "· " + reason, .healthDegraded)) }
        if let forecast = agent.health.forecast { lines.append(field("forecast", forecast, .alert)) }
        lines.append(field("tasks", agent.currentTasks.isEmpty ? "–" : agent.currentTasks.map(\.rawValue).joined(separator: ", ")))
        lines.append(field("done", "\(agent.tasksDone) completed, \(agent.tasksFailed) failed"))
        if let mean = agent.meanTaskSeconds { lines.append(field("task time", "mean \(formatSeconds(mean))" + (agent.p95TaskSeconds.map { ", p95 \(formatSeconds($0))" } ?? ""))) }
        lines.append(field("heartbeat", agent.lastHeartbeatAt.map { "\(Format.age($0, now: now)) ago" } ?? "never"))
        lines.append(field("started", agent.startedAt.map { "\(Format.age($0, now: now)) ago" } ?? "–"))
        lines.append(field("restarts", "\(agent.restarts)"))
        if let pid = agent.pid { lines.append(field("pid", "\(pid)")) }
        if agent.protocolViolations > 0 { lines.append(field("violations", "\(agent.protocolViolations)", .alert)) }
        if let error = agent.lastError { lines.append(field("last error", error, .alert)) }
        return lines
    }

    static func draw(_ canvas: inout Canvas, _ screen: Rect, name: String, scroll: Int, _ context: RenderContext) {
        let inner = OverlayWindow.draw(&canvas, in: screen, width: min(screen.width - 8, 110), height: screen.height - 4, title: "Agent \(name)", note: "Esc to go back")
        guard let agent = context.snapshot?.agents.first(where: { $0.name == name }) else {
            canvas.write("no agent \(name) in this store", x: inner.x, y: inner.y, style: Style(.dim))
            return
        }
        var text = lines(agent, now: context.now)
        let sparkWidth = max(10, min(70, inner.width - 30))
        // Two sparkline rows, then stderr.
        let fieldsRows = min(text.count, max(0, inner.height - 4))
        TextBlock.draw(&canvas, Rect(x: inner.x, y: inner.y, width: inner.width, height: fieldsRows), lines: text, scroll: scroll)
        var y = inner.y + fieldsRows
        if y + 1 < inner.maxY {
            y += 1
            let cpu = agent.cpuHistory
            canvas.write("cpu".column(12), x: inner.x, y: y, style: Style(.dim))
            Sparkline.draw(&canvas, x: inner.x + 12, y: y, width: sparkWidth - 10, values: cpu, role: .chart, maximum: max(100, cpu.max() ?? 0))
            canvas.write(" \(Int((cpu.last ?? agent.resources.cpuPercent).rounded()))%", x: inner.x + 12 + sparkWidth - 10, y: y, style: Style(.foreground))
        }
        if y + 1 < inner.maxY {
            y += 1
            let memory = agent.memoryHistory.map(Double.init)
            let limit = agent.resources.memoryLimitBytes
            canvas.write("memory".column(12), x: inner.x, y: y, style: Style(.dim))
            Sparkline.draw(&canvas, x: inner.x + 12, y: y, width: sparkWidth - 10, values: memory,
                           role: agent.health.secondsToMemoryLimit != nil ? .healthDegraded : .chart, maximum: limit.map(Double.init))
            canvas.write(" " + Format.bytes(agent.resources.memoryBytes) + (limit.map { "/" + Format.bytes($0) } ?? ""),
                         x: inner.x + 12 + sparkWidth - 10, y: y, style: Style(.foreground))
        }
        text = agent.stderrTail.isEmpty ? [] : [[("stderr (tail)", .title)]] + agent.stderrTail.map { [("  " + $0, .foreground)] }
        if y + 2 < inner.maxY, !text.isEmpty {
            TextBlock.draw(&canvas, Rect(x: inner.x, y: y + 2, width: inner.width, height: inner.maxY - y - 2), lines: Array(text.suffix(inner.maxY - y - 2)))
        }
    }
}
