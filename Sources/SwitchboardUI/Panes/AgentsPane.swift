import SwitchboardCore

/// The agents table, with a line of pools above it.
enum AgentsPane {
    static let columns: [(TableColumn, AgentOrder.Key?)] = [
        (TableColumn(title: "NAME", width: 10), .name),
        (TableColumn(title: "POOL", width: 9, preferred: 12, dropOrder: 6), .pool),
        (TableColumn(title: "STATE", width: 11), .state),
        (TableColumn(title: "HEALTH", width: 7), .health),
        (TableColumn(title: "TASK", width: 10, dropOrder: 4), nil),
        (TableColumn(title: "CPU", width: 5, alignRight: true, dropOrder: 2), .cpu),
        (TableColumn(title: "MEM", width: 6, alignRight: true, dropOrder: 3), .memory),
        (TableColumn(title: "BEAT", width: 5, alignRight: true, dropOrder: 5), .heartbeat),
        (TableColumn(title: "DONE/FAIL", width: 9, alignRight: true, dropOrder: 7), .done),
        (TableColumn(title: "THROUGHPUT", width: 10, flexible: true, dropOrder: 8), nil),
    ]

    static var sortKeys: [AgentOrder.Key] { columns.compactMap(\.1) }

    static func draw(_ canvas: inout Canvas, _ rect: Rect, _ context: RenderContext) {
        let agents = context.listedAgents
        let all = context.snapshot?.agents.count ?? 0
        var note = context.state.agentFilter.isEmpty ? "\(all)" : "\(agents.count) of \(all) · filter: \(context.state.agentFilter)"
        if let unhealthy = context.snapshot?.agents.filter({ ($0.health.level == .unhealthy || $0.health.level == .dead) && $0.state != .failed }).count, unhealthy > 0 {
            note += " · \(unhealthy) unhealthy"
        }
        if case .lost(let name) = context.state.agentSelection { note += " · \(name) left the list" }
        if let failed = context.snapshot?.agents.filter({ $0.state == .failed }).count, failed > 0 {
            note += " · \(failed) given up (R restarts)"
        }
        let inner = Border.draw(&canvas, rect, title: "3 Agents", note: note, focused: context.isFocused(.agents))
        guard inner.height > 0 else { return }
        let showsPools = Layout.agentsPaneShowsPools(height: rect.height)
        if showsPools { drawPools(&canvas, inner.row(0), context) }
        let body = showsPools ? Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1) : inner
        if agents.isEmpty {
            canvas.write(all == 0 ? "no agents yet" : "no agent matches the filter", x: body.x + 1, y: body.y + 1, style: Style(.dim))
        }
        let order = context.state.agentOrder
        let sortIndex = columns.firstIndex { $0.1 == order.key }
        let table = Table(columns: columns.map(\.0), sortColumn: sortIndex, sortDescending: order.descending)
        let visible = max(0, body.height - 1)
        let first = min(context.state.agentScroll, max(0, agents.count - 1))
        let shown = agents.isEmpty ? [] : Array(agents[first...].prefix(visible))
        let rows = shown.map { cells($0, now: context.now) }
        let cursor = shown.indices.contains(context.state.agentCursor - first) ? context.state.agentCursor - first : nil
        let lost = context.state.agentSelection.isLost
        table.draw(&canvas, body, rows: rows, selected: lost ? nil : cursor, lostCursor: lost ? cursor : nil, focused: context.isFocused(.agents))
    }

    private static func drawPools(_ canvas: inout Canvas, _ rect: Rect, _ context: RenderContext) {
        guard let snapshot = context.snapshot, !snapshot.pools.isEmpty else { return }
        var x = rect.x + 1
        x += canvas.write("pools ", x: x, y: rect.y, style: Style(.dim))
        for pool in snapshot.pools {
            let running = snapshot.agents.filter { $0.pool == pool.name && !$0.state.isDown }.count
            var text = "\(pool.name) \(running) [\(pool.minReplicas)–\(pool.maxReplicas)]"
            if pool.isFailing {
                text += " failing"
            } else if pool.desiredReplicas > running {
                text += " ▲"
            } else if pool.desiredReplicas < running {
                text += " ▼"
            }
            let room = rect.maxX - x
            guard CharacterWidth.columns(of: text) + 2 <= room else { break }
            x += canvas.write(text + "  ", x: x, y: rect.y, style: Style(pool.isFailing ? .alert : .foreground))
        }
    }

    static func cells(_ agent: AgentRecord, now: Instant) -> [TableCell] {
        var state = agent.state.rawValue
        if agent.quarantined { state = "quarantined" }
        let heartbeat = agent.lastHeartbeatAt.map { Format.age($0, now: now) } ?? "–"
        return [
            .text(agent.name + (agent.role.map { $0 == "captain" ? " ★" : "" } ?? "")),
            .text(agent.pool, .dim),
            .text(state, agent.quarantined ? .alert : Role.of(agent.state)),
            .runs([(agent.health.level.glyph + " ", Role.of(agent.health.level)), ("\(agent.health.score)", Role.of(agent.health.level))]),
            .text(agent.currentTasks.first?.rawValue ?? "", .dim),
            .text(agent.state.isAlive ? "\(Int(agent.resources.cpuPercent.rounded()))%" : "–"),
            .text(agent.resources.memoryBytes > 0 ? Format.bytes(agent.resources.memoryBytes) : "–",
                  agent.health.secondsToMemoryLimit != nil ? .healthDegraded : .foreground),
            .text(heartbeat, .dim),
            .text("\(agent.tasksDone)/\(agent.tasksFailed)", agent.tasksFailed > 0 ? .statusFailed : .foreground),
            // A given-up agent's throughput is nothing to chart: the column says why it is down.
            agent.state == .failed ? .text(agent.lastError ?? "given up", .alert) : .sparkline(agent.throughputHistory.map(Double.init)),
        ]
    }
}
