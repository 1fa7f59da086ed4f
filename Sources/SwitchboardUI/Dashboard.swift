import SwitchboardCore

/// The dashboard as two pure functions: `render` draws a frame from a snapshot and the view
/// state, `update` turns a key into a new view state and engine commands. The terminal layer
/// calls them; tests call them directly.
public enum Dashboard {
    /// Draws one frame. `wallClock` is now (for the clock and how stale the data is);
    /// `utcOffsetSeconds` turns times into local ones.
    public static func render(
        _ snapshot: DashboardSnapshot?, _ state: ViewState, width: Int, height: Int, wallClock: Instant, utcOffsetSeconds: Int = 0,
        bindings: KeyBindings = .standard
    ) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        let layout = Layout(width: width, height: height, state: state)
        if layout.isTooSmall {
            TooSmallScreen.draw(&canvas)
            return canvas
        }
        // Ages count to when the engine last wrote its figures: while it runs that is a moment
        // ago; when it has stopped, the screen stands still (and writes nothing).
        let dataTime = snapshot.map { $0.summary?.at ?? $0.readAt } ?? wallClock
        let context = RenderContext(
            snapshot: snapshot, state: state, layout: layout, now: dataTime, wallClock: wallClock,
            utcOffsetSeconds: utcOffsetSeconds, bindings: bindings)
        HeaderBar.draw(&canvas, layout.header, context)
        for (pane, rect) in layout.panes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            switch pane {
            case .queues: QueuesPane.draw(&canvas, rect, context)
            case .tasks: TasksPane.draw(&canvas, rect, context)
            case .agents: AgentsPane.draw(&canvas, rect, context)
            case .metrics: MetricsPane.draw(&canvas, rect, context)
            }
        }
        if let events = layout.events { EventLogPane.draw(&canvas, events, context) }
        let screen = canvas.bounds
        switch state.overlay {
        case .help(let scroll): HelpOverlay.draw(&canvas, screen, scroll: scroll, bindings: bindings)
        case .task(let id, let scroll): TaskDetailOverlay.draw(&canvas, screen, id: id, scroll: scroll, context)
        case .agent(let name, let scroll): AgentDetailOverlay.draw(&canvas, screen, name: name, scroll: scroll, context)
        case .priorityPicker(_, let count, let cursor): PriorityPickerOverlay.draw(&canvas, screen, count: count, cursor: cursor)
        case .confirm(let confirmation): ConfirmOverlay.draw(&canvas, screen, confirmation: confirmation)
        case .messages(let scroll): MessagesOverlay.draw(&canvas, screen, scroll: scroll, context)
        case nil: break
        }
        FooterBar.draw(&canvas, layout.footer, context)
        return canvas
    }

    /// The agents the Agents pane lists: filtered by its filter text, in its order.
    static func listedAgents(_ snapshot: DashboardSnapshot?, _ state: ViewState) -> [AgentRecord] {
        guard let snapshot else { return [] }
        let words = state.agentFilter.lowercased().split(separator: " ").map(String.init)
        let matching = words.isEmpty ? snapshot.agents : snapshot.agents.filter { agent in
            let haystack = "\(agent.name) \(agent.pool) \(agent.state.rawValue) \(agent.role ?? "") \(agent.health.level.rawValue)".lowercased()
            return words.allSatisfy(haystack.contains)
        }
        return state.agentOrder.sorted(matching, at: snapshot.readAt)
    }
}

extension Dashboard {
    /// The dashboard's header as one line of text, `width` columns at most (for
    /// `switchboard status`): the same pieces, dropped in the same order when short of room.
    public static func headerLine(_ snapshot: DashboardSnapshot, width: Int, wallClock: Instant, utcOffsetSeconds: Int = 0) -> String {
        var canvas = Canvas(width: max(20, width), height: 1)
        let state = ViewState()
        let context = RenderContext(
            snapshot: snapshot, state: state, layout: Layout(width: canvas.width, height: 1, state: state), now: snapshot.summary?.at ?? snapshot.readAt,
            wallClock: wallClock, utcOffsetSeconds: utcOffsetSeconds, bindings: .standard)
        HeaderBar.draw(&canvas, canvas.bounds, context)
        var line = canvas.lines[0]
        while line.last == " " { line.removeLast() }
        while line.first == " " { line.removeFirst() }
        return line
    }
}
