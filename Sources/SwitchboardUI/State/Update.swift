import SwitchboardCore

extension Dashboard {
    /// What a key does: the new view state and the commands for the engine (or to quit).
    public static func update(_ state: ViewState, _ key: Key, _ context: UpdateContext) -> (ViewState, [DashboardCommand]) {
        // The key acts on what the screen shows: the state settled on this snapshot (the app
        // has done so already before drawing it; a caller that has not gets the same).
        var step = UpdateStep(state: settle(state, context), context: context)
        step.handle(key)
        step.state = settle(step.state, context)
        return (step.state, step.commands)
    }

    /// Keeps cursors and scroll positions inside the data and the screen (after a key, a new
    /// snapshot or a resize), and moves each cursor to the row its selection is on now: the
    /// cursor follows the chosen item, not the row number.
    public static func settle(_ state: ViewState, _ context: UpdateContext) -> ViewState {
        var state = state
        let layout = Layout(width: context.width, height: context.height, state: state)
        if let snapshot = context.snapshot, snapshot.answers(state) {
            state.taskCursor = clamp(state.taskCursor, count: snapshot.tasks.total)
            let (selection, row) = state.taskSelection.relocated(index: snapshot.index(of:), known: snapshot.knowsWhere(_:))
            state.taskSelection = selection
            if let row { state.taskCursor = clamp(row, count: snapshot.tasks.total) }
        }
        state.taskScroll = scroll(state.taskScroll, cursor: state.taskCursor, visible: layout.visibleTaskRows)
        if context.snapshot != nil {
            let agents = listedAgents(context.snapshot, state)
            state.agentCursor = clamp(state.agentCursor, count: agents.count)
            let (selection, row) = state.agentSelection.relocated(index: { name in agents.firstIndex { $0.name == name } }, known: { _ in true })
            state.agentSelection = selection
            if let row { state.agentCursor = clamp(row, count: agents.count) }
        }
        state.agentScroll = scroll(state.agentScroll, cursor: state.agentCursor, visible: layout.visibleAgentRows)
        if let queues = context.snapshot?.summary?.queues {
            state.queueCursor = clamp(state.queueCursor, count: queues.count)
            let (selection, row) = state.queueSelection.relocated(index: { name in queues.firstIndex { $0.name == name } }, known: { _ in true })
            state.queueSelection = selection
            if let row { state.queueCursor = clamp(row, count: queues.count) }
        }
        return state
    }

    static func clamp(_ value: Int, count: Int) -> Int { max(0, min(value, count - 1)) }

    static func scroll(_ scroll: Int, cursor: Int, visible: Int) -> Int {
        if cursor < scroll { return cursor }
        if cursor >= scroll + visible { return cursor - visible + 1 }
        return max(0, scroll)
    }
}

/// One key's worth of work on a copy of the view state.
struct UpdateStep {
    var state: ViewState
    let context: UpdateContext
    var commands: [DashboardCommand] = []

    init(state: ViewState, context: UpdateContext) {
        self.state = state
        self.context = context
    }

    var layout: Layout { Layout(width: context.width, height: context.height, state: state) }
    var snapshot: DashboardSnapshot? { context.snapshot }

    mutating func handle(_ key: Key) {
        if key == .resize { return }
        if case .mouse(let event) = key {
            handleMouse(event)
            return
        }
        state.flash = nil
        if state.input != nil {
            handleInput(key)
            return
        }
        if layout.isTooSmall {
            if context.bindings.action(for: key) == .quit { commands.append(.quit) }
            return
        }
        if state.overlay != nil {
            handleOverlay(key)
            return
        }
        guard let action = context.bindings.action(for: key) else { return }
        perform(action)
    }

    mutating func flash(_ text: String, error: Bool = false) {
        state.flash = ViewState.Flash(text, isError: error, at: context.now)
    }

    /// Sends a command to the engine; `pending` remembers what the dashboard knew of its
    /// targets, so that the engine's answer can name what it changed.
    mutating func send(_ command: OperatorCommand, saying text: String, pending: PendingCommand? = nil) {
        commands.append(.engine(command))
        state.pending.append(pending ?? PendingCommand(command))
        if state.pending.count > 50 { state.pending.removeFirst(state.pending.count - 50) }
        flash(text)
    }

    mutating func perform(_ action: Action) {
        switch action {
        case .moveUp: move(by: -1)
        case .moveDown: move(by: 1)
        case .pageUp: move(by: -pageSize)
        case .pageDown: move(by: pageSize)
        case .top: move(to: 0)
        case .bottom: move(to: .max)
        case .nextPane, .previousPane:
            let panes = ViewState.Pane.allCases
            let index = panes.firstIndex(of: state.focus)!
            state.focus = panes[(index + (action == .nextPane ? 1 : panes.count - 1)) % panes.count]
        case .focusQueues: state.focus = .queues
        case .focusTasks: state.focus = .tasks
        case .focusAgents: state.focus = .agents
        case .focusMetrics: state.focus = .metrics
        case .zoom: state.zoomed.toggle()
        case .events: state.showEvents.toggle()
        case .open: open()
        case .back: back()
        case .filter: startFilter()
        case .sortNext: sortNext()
        case .sortReverse: sortReverse()
        case .mark: mark()
        case .raisePriority, .lowerPriority, .pickPriority, .cancel, .retry: taskAction(action)
        case .pauseResume: pauseResume()
        case .drain, .restart, .addReplica, .removeReplica: agentAction(action)
        case .newTask: state.input = ViewState.InputLine(.newTask)
        case .commandLine: state.input = ViewState.InputLine(.command)
        case .nextTheme:
            state.themeIndex = (state.themeIndex + 1) % state.themes.count
            flash("theme \(state.themeName)")
        case .freeze:
            state.frozen.toggle()
            flash(state.frozen ? "frozen: the screen stops updating (\(context.bindings.label(.freeze)) to resume)" : "live again")
        case .help: state.overlay = .help(scroll: 0)
        case .messages: state.overlay = .messages(scroll: 0)
        case .quit: commands.append(.quit)
        }
    }
}
