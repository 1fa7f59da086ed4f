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
        case .tasks: state.taskCursor = Dashboard.clamp(index, count: taskCount)
        case .agents: state.agentCursor = Dashboard.clamp(index, count: agentCount)
        case .queues: state.queueCursor = Dashboard.clamp(index, count: queueCount)
        case .metrics: break
        }
    }

    var selectedTask: Task? { snapshot?.task(at: state.taskCursor) }

    var selectedAgent: AgentRecord? {
        let agents = Dashboard.listedAgents(snapshot, state)
        return agents.indices.contains(state.agentCursor) ? agents[state.agentCursor] : nil
    }

    var selectedQueue: QueueSummary? {
        guard let queues = snapshot?.summary?.queues, queues.indices.contains(state.queueCursor) else { return nil }
        return queues[state.queueCursor]
    }

    mutating func open() {
        switch state.focus {
        case .tasks:
            guard let task = selectedTask else { return flash("no task selected", error: true) }
            state.overlay = .task(task.id, scroll: 0)
        case .agents:
            guard let agent = selectedAgent else { return flash("no agent selected", error: true) }
            state.overlay = .agent(agent.name, scroll: 0)
        case .queues:
            guard let queue = selectedQueue else { return }
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
        }
    }

    mutating func setTaskFilter(_ filter: TaskFilter) {
        guard filter != state.taskFilter else { return }
        state.taskFilter = filter
        state.taskCursor = 0
        state.taskScroll = 0
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
            flash("agents by \(state.agentOrder.key.rawValue)")
        default:
            let keys = TasksPane.sortKeys
            let index = keys.firstIndex(of: state.taskOrder.key) ?? -1
            state.taskOrder = TaskOrder.natural(keys[(index + 1) % keys.count])
            state.focus = .tasks
            flash("tasks by \(state.taskOrder.key.rawValue)")
        }
    }

    mutating func sortReverse() {
        if state.focus == .agents {
            state.agentOrder.descending.toggle()
        } else {
            state.taskOrder.descending.toggle()
        }
    }

    mutating func mark() {
        guard state.focus == .tasks, let task = selectedTask else { return flash("marks are for tasks: select one in the Tasks pane", error: true) }
        if state.marked.contains(task.id) { state.marked.remove(task.id) } else { state.marked.insert(task.id) }
        move(by: 1)
    }
}
