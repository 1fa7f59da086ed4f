import SwitchboardCore

extension UpdateStep {
    /// The tasks an action is about, by id: the task open in the task view, else the marked
    /// tasks (all of them, those the filter hides too — the description says so), else the
    /// selected task.
    struct TaskTargets {
        var selector: TaskSelector
        var ids: [TaskID]
        /// "t-4f2a", or "t-3f6c, t-558e (1 hidden by the filter)".
        var description: String
        /// Whether these are the marked tasks.
        var marked: Bool
        /// Marked tasks the current filter hides.
        var hidden: Set<TaskID>
    }

    var taskTargets: TaskTargets? {
        if case .task(let id, _) = state.overlay { return TaskTargets(selector: .id(id), ids: [id], description: id.rawValue, marked: false, hidden: []) }
        guard state.focus == .tasks else { return nil }
        if !state.marked.isEmpty {
            let ids = state.marked.sorted()
            let hidden = snapshot?.hiddenMarks(state.marked) ?? []
            var description = PendingCommand.list(ids)
            if !hidden.isEmpty { description += " (\(hidden.count) hidden by the filter)" }
            return TaskTargets(selector: .ids(ids), ids: ids, description: description, marked: true, hidden: hidden)
        }
        guard let id = selectedTaskID else { return nil }
        return TaskTargets(selector: .id(id), ids: [id], description: id.rawValue, marked: false, hidden: [])
    }

    /// The agent an action is about: the one open in the agent view, else the selected one.
    var agentTarget: AgentRecord? {
        if case .agent(let name, _) = state.overlay { return snapshot?.agents.first { $0.name == name } }
        guard state.focus == .agents else { return nil }
        return selectedAgent
    }

    /// Why there is no task to act on.
    private var noTaskTarget: String {
        if state.focus == .tasks, state.taskSelection.isLost { return nothingSelected(state.taskSelection, "task") }
        return "select a task in the Tasks pane first"
    }

    mutating func taskAction(_ action: Action) {
        guard let targets = taskTargets else { return flash(noTaskTarget, error: true) }
        switch action {
        case .raisePriority, .lowerPriority:
            let delta = action == .raisePriority ? 1 : -1
            var priorities: [TaskID: Priority] = [:]
            for id in targets.ids {
                if let current = task(id)?.priority { priorities[id] = delta > 0 ? current.raised : current.lowered }
            }
            let command = OperatorCommand.shiftPriority(targets.selector, by: delta)
            send(command, saying: "\(delta > 0 ? "raising" : "lowering") \(targets.description)…", pending: PendingCommand(command, priorities: priorities))
        case .pickPriority:
            let current = targets.ids.count == 1 ? task(targets.ids[0])?.priority : nil
            let cursor = current.flatMap { Priority.servingOrder.firstIndex(of: $0) } ?? 3
            state.overlay = .priorityPicker(targets: targets.selector, count: targets.ids.count, cursor: cursor)
        case .cancel:
            let command = OperatorCommand.cancel(targets.selector, reason: "cancelled from the dashboard")
            if targets.ids.count == 1, !targets.marked {
                var question = "Cancel \(targets.description)"
                if let task = task(targets.ids[0]) { question += " «\(task.title)»" }
                state.overlay = .confirm(ViewState.Confirmation(question: question + "?", command: command))
            } else {
                // Several tasks: name every one, so that nothing is cancelled unseen.
                var question = "Cancel \(targets.ids.count) marked task\(targets.ids.count == 1 ? "" : "s")"
                if !targets.hidden.isEmpty { question += ", \(targets.hidden.count) of them hidden by the filter" }
                let items = targets.ids.map { id in
                    var line = id.rawValue
                    if let task = task(id) { line += "  \(task.status.rawValue)  «\(task.title)»" }
                    if targets.hidden.contains(id) { line += "  (hidden by the filter)" }
                    return line
                }
                state.overlay = .confirm(ViewState.Confirmation(question: question + "?", items: items, command: command))
            }
        case .retry: send(.retry(targets.selector), saying: "retrying \(targets.description)…")
        default: break
        }
    }

    mutating func pauseResume() {
        if case .task = state.overlay { return pauseResumeTasks() }
        if let agent = agentTarget {
            let resume = agent.state == .paused || agent.state == .draining || agent.quarantined
            send(.agent(resume ? .resume : .pause, name: agent.name), saying: "\(resume ? "resuming" : "pausing") \(agent.name)…")
            return
        }
        switch state.focus {
        case .queues:
            guard let queue = selectedQueue else { return flash(nothingSelected(state.queueSelection, "queue"), error: true) }
            send(queue.paused ? .resumeQueue(queue.name) : .pauseQueue(queue.name), saying: "\(queue.paused ? "resuming" : "pausing") queue \(queue.name)…")
        case .tasks:
            pauseResumeTasks()
        case .agents:
            flash(nothingSelected(state.agentSelection, "agent"), error: true)
        default:
            flash("select a queue, an agent or a task first", error: true)
        }
    }

    private mutating func pauseResumeTasks() {
        guard let targets = taskTargets else { return flash(noTaskTarget, error: true) }
        let resume = targets.ids.first.flatMap(task)?.status == .paused
        send(resume ? .resumeTasks(targets.selector) : .pauseTasks(targets.selector), saying: "\(resume ? "resuming" : "pausing") \(targets.description)…")
    }

    mutating func agentAction(_ action: Action) {
        guard let agent = agentTarget else {
            return flash(state.focus == .agents ? nothingSelected(state.agentSelection, "agent") : "select an agent in the Agents pane first", error: true)
        }
        switch action {
        case .drain: send(.agent(.drain, name: agent.name), saying: "draining \(agent.name)…")
        case .restart: send(.agent(.restart, name: agent.name), saying: "restarting \(agent.name)…")
        case .addReplica: send(.adjustReplicas(agent.pool, delta: 1), saying: "adding a replica to \(agent.pool)…")
        case .removeReplica: send(.adjustReplicas(agent.pool, delta: -1), saying: "removing a replica from \(agent.pool)…")
        default: break
        }
    }

    /// Carries out a `:` command line.
    mutating func run(_ request: CommandLineRequest) {
        switch request {
        case .engine(let command): send(command, saying: command.summary + "…")
        case .pauseResume(let name, let isQueue, let resume):
            let knownQueue = snapshot?.summary?.queues.contains { $0.name == name } ?? false
            let knownAgent = snapshot?.agents.contains { $0.name == name } ?? false
            let queue = isQueue ?? (knownQueue || !knownAgent)
            if queue {
                send(resume ? .resumeQueue(name) : .pauseQueue(name), saying: "\(resume ? "resuming" : "pausing") queue \(name)…")
            } else {
                send(.agent(resume ? .resume : .pause, name: name), saying: "\(resume ? "resuming" : "pausing") \(name)…")
            }
        case .theme(let name):
            guard let index = state.themes.firstIndex(of: name) else {
                return flash("no theme '\(name)'; themes: \(state.themes.joined(separator: ", "))", error: true)
            }
            state.themeIndex = index
            flash("theme \(name)")
        case .filter(let text):
            do {
                setTaskFilter(try TaskFilter(parsing: text))
                state.focus = .tasks
            } catch {
                flash(error.message, error: true)
            }
        case .sort(let key, let descending):
            state.taskOrder = descending.map { TaskOrder(key, descending: $0) } ?? TaskOrder.natural(key)
            carryTaskSelection()
            state.focus = .tasks
        case .events: state.showEvents.toggle()
        case .freeze: perform(.freeze)
        case .help: state.overlay = .help(scroll: 0)
        case .messages: state.overlay = .messages(scroll: 0)
        case .quit: commands.append(.quit)
        }
    }
}
