import SwitchboardCore

extension UpdateStep {
    var pageSize: Int {
        switch state.focus {
        case .tasks: layout.visibleTaskRows
        case .agents: layout.visibleAgentRows
        case .queues: layout.visibleQueueRows
        case .metrics: 1
        }
    }

    var taskCount: Int { snapshot?.tasks.total ?? 0 }
    var agentCount: Int { Dashboard.listedAgents(snapshot, state).count }
    var queueCount: Int { snapshot?.summary?.queues.count ?? 0 }

    mutating func move(by delta: Int) {
        switch state.focus {
        case .tasks: move(to: state.taskCursor + delta)
        case .agents: move(to: state.agentCursor + delta)
        case .queues: move(to: state.queueCursor + delta)
        case .metrics: break
        }
    }

    mutating func move(to index: Int) {
        switch state.focus {
        case .tasks:
            state.taskCursor = Dashboard.clamp(index, count: taskCount)
            let id = snapshot?.task(at: state.taskCursor)?.id
            // A row of a list that is being replaced (a new filter or sort is on its way) is
            // carried into the new list: followed there, or given up for its first row.
            let current = snapshot.map { $0.answers(state) } ?? true
            state.taskSelection = id.map { current ? .item($0) : .carried($0) } ?? .none
        case .agents:
            let agents = Dashboard.listedAgents(snapshot, state)
            state.agentCursor = Dashboard.clamp(index, count: agents.count)
            state.agentSelection = agents.indices.contains(state.agentCursor) ? .item(agents[state.agentCursor].name) : .none
        case .queues:
            let queues = snapshot?.summary?.queues ?? []
            state.queueCursor = Dashboard.clamp(index, count: queues.count)
            state.queueSelection = queues.indices.contains(state.queueCursor) ? .item(queues[state.queueCursor].name) : .none
        case .metrics: break
        }
    }

    /// The selected task: the one the operator chose, wherever the list has moved it; before
    /// any choice, the one the screen shows on the cursor's row.
    var selectedTaskID: TaskID? {
        state.taskSelection == .none ? snapshot?.task(at: state.taskCursor)?.id : state.taskSelection.id
    }

    /// What the selected task looked like in the latest snapshot (for titles and priorities).
    var selectedTask: Task? { selectedTaskID.flatMap(task) }

    /// A task the snapshot holds: in the window, among the marked, or open in the task view.
    func task(_ id: TaskID) -> Task? {
        if let detail = snapshot?.taskDetail, detail.task.id == id { return detail.task }
        return snapshot?.tasks.rows.first { $0.id == id } ?? snapshot?.markedTasks[id]
    }

    var selectedAgent: AgentRecord? {
        let agents = Dashboard.listedAgents(snapshot, state)
        if state.agentSelection == .none { return agents.indices.contains(state.agentCursor) ? agents[state.agentCursor] : nil }
        guard let name = state.agentSelection.id else { return nil }
        return agents.first { $0.name == name }
    }

    var selectedQueue: QueueSummary? {
        let queues = snapshot?.summary?.queues ?? []
        if state.queueSelection == .none { return queues.indices.contains(state.queueCursor) ? queues[state.queueCursor] : nil }
        guard let name = state.queueSelection.id else { return nil }
        return queues.first { $0.name == name }
    }

    /// Why nothing is selected in a list, for the footer: the chosen item left it, or nothing
    /// was chosen.
    func nothingSelected<ID>(_ selection: Selection<ID>, _ what: String) -> String {
        if case .lost(let id) = selection {
            return "\(id) is no longer listed; move the cursor to choose a \(what)"
        }
        return "no \(what) selected"
    }

    /// After the operator changes a list (filter or sort), its selection is carried into the
    /// new list.
    mutating func carryTaskSelection() {
        if let id = state.taskSelection.lastID { state.taskSelection = .carried(id) }
    }

    mutating func carryAgentSelection() {
        if let id = state.agentSelection.lastID { state.agentSelection = .carried(id) }
    }

    mutating func open() {
        switch state.focus {
        case .tasks:
            guard let id = selectedTaskID else { return flash(nothingSelected(state.taskSelection, "task"), error: true) }
            state.overlay = .task(id, scroll: 0)
        case .agents:
            guard let agent = selectedAgent else { return flash(nothingSelected(state.agentSelection, "agent"), error: true) }
            state.overlay = .agent(agent.name, scroll: 0)
        case .queues:
            guard let queue = selectedQueue else { return flash(nothingSelected(state.queueSelection, "queue"), error: true) }
            var filter = TaskFilter()
            filter.queues = [queue.name]
            setTaskFilter(filter)
            state.focus = .tasks
            flash("tasks of queue \(queue.name) (Esc clears the filter)")
        case .metrics:
            state.zoomed.toggle()
        }
    }

    mutating func back() {
        if state.zoomed {
            state.zoomed = false
        } else if !state.marked.isEmpty {
            state.marked = []
            flash("marks cleared")
        } else if state.focus == .tasks, !state.taskFilter.isEmpty {
            setTaskFilter(TaskFilter())
            flash("filter cleared")
        } else if state.focus == .agents, !state.agentFilter.isEmpty {
            state.agentFilter = ""
            carryAgentSelection()
        }
    }

    mutating func setTaskFilter(_ filter: TaskFilter) {
        guard filter != state.taskFilter else { return }
        state.taskFilter = filter
        state.taskCursor = 0
        state.taskScroll = 0
        carryTaskSelection()
    }

    mutating func startFilter() {
        if state.focus == .agents {
            state.input = ViewState.InputLine(.agentFilter(previous: state.agentFilter), text: state.agentFilter)
        } else {
            state.focus = .tasks
            let text = state.taskFilter.text
            state.input = ViewState.InputLine(.taskFilter(previous: text), text: text.isEmpty ? "" : text + " ")
        }
    }

    mutating func sortNext() {
        switch state.focus {
        case .agents:
            let keys = AgentsPane.sortKeys
            let index = keys.firstIndex(of: state.agentOrder.key) ?? -1
            state.agentOrder = AgentOrder.natural(keys[(index + 1) % keys.count])
            carryAgentSelection()
            flash("agents by \(state.agentOrder.key.rawValue)")
        default:
            let keys = TasksPane.sortKeys
            let index = keys.firstIndex(of: state.taskOrder.key) ?? -1
            state.taskOrder = TaskOrder.natural(keys[(index + 1) % keys.count])
            carryTaskSelection()
            state.focus = .tasks
            flash("tasks by \(state.taskOrder.key.rawValue)")
        }
    }

    mutating func sortReverse() {
        if state.focus == .agents {
            state.agentOrder.descending.toggle()
            carryAgentSelection()
        } else {
            state.taskOrder.descending.toggle()
            carryTaskSelection()
        }
    }

    mutating func mark() {
        guard state.focus == .tasks else { return flash("marks are for tasks: select one in the Tasks pane", error: true) }
        guard let id = selectedTaskID else { return flash(nothingSelected(state.taskSelection, "task"), error: true) }
        if state.marked.contains(id) { state.marked.remove(id) } else { state.marked.insert(id) }
        move(by: 1)
    }
}
