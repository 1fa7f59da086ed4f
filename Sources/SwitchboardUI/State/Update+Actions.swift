import SwitchboardCore

extension UpdateStep {
    /// The tasks an action is about: the task open in the task view, else the marked tasks,
    /// else the task under the cursor. With a short description for messages.
    var taskTargets: (selector: TaskSelector, count: Int, description: String)? {
        if case .task(let id, _) = state.overlay { return (.id(id), 1, id.rawValue) }
        guard state.focus == .tasks else { return nil }
        if !state.marked.isEmpty {
            let ids = state.marked.sorted()
            return (.ids(ids), ids.count, "\(ids.count) marked task\(ids.count == 1 ? "" : "s")")
        }
        guard let task = selectedTask else { return nil }
        return (.id(task.id), 1, task.id.rawValue)
    }

    /// The agent an action is about: the one open in the agent view, else the selected one.
    var agentTarget: AgentRecord? {
        if case .agent(let name, _) = state.overlay { return snapshot?.agents.first { $0.name == name } }
        guard state.focus == .agents else { return nil }
        return selectedAgent
    }

    mutating func taskAction(_ action: Action) {
        guard let targets = taskTargets else { return flash("select a task in the Tasks pane first", error: true) }
        switch action {
        case .raisePriority: send(.shiftPriority(targets.selector, by: 1), saying: "raising \(targets.description)…")
        case .lowerPriority: send(.shiftPriority(targets.selector, by: -1), saying: "lowering \(targets.description)…")
        case .pickPriority:
            let current = targets.count == 1 ? currentPriority(of: targets.selector) : nil
            let cursor = current.flatMap { Priority.servingOrder.firstIndex(of: $0) } ?? 3
            state.overlay = .priorityPicker(targets: targets.selector, count: targets.count, cursor: cursor)
        case .cancel:
            var question = "Cancel \(targets.description)"
            if targets.count == 1, case .ids(let ids) = targets.selector, let task = task(ids[0]) { question += " «\(task.title)»" }
            state.overlay = .confirm(ViewState.Confirmation(question: question + "?", command: .cancel(targets.selector, reason: "cancelled from the dashboard")))
        case .retry: send(.retry(targets.selector), saying: "retrying \(targets.description)…")
        default: break
        }
    }

    private func task(_ id: TaskID) -> Task? {
        if let detail = snapshot?.taskDetail, detail.task.id == id { return detail.task }
        return snapshot?.tasks.rows.first { $0.id == id }
    }

    private func currentPriority(of selector: TaskSelector) -> Priority? {
        guard case .ids(let ids) = selector, let id = ids.first else { return nil }
        return task(id)?.priority
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
            guard let queue = selectedQueue else { return flash("no queue selected", error: true) }
            send(queue.paused ? .resumeQueue(queue.name) : .pauseQueue(queue.name), saying: "\(queue.paused ? "resuming" : "pausing") queue \(queue.name)…")
        case .tasks:
            pauseResumeTasks()
        default:
            flash("select a queue, an agent or a task first", error: true)
        }
    }

    private mutating func pauseResumeTasks() {
        guard let targets = taskTargets else { return flash("select a task first", error: true) }
        let resume: Bool
        if case .ids(let ids) = targets.selector, let first = ids.first, let task = task(first) { resume = task.status == .paused } else { resume = false }
        send(resume ? .resumeTasks(targets.selector) : .pauseTasks(targets.selector), saying: "\(resume ? "resuming" : "pausing") \(targets.description)…")
    }

    mutating func agentAction(_ action: Action) {
        guard let agent = agentTarget else { return flash("select an agent in the Agents pane first", error: true) }
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
            state.focus = .tasks
        case .events: state.showEvents.toggle()
        case .freeze: perform(.freeze)
        case .help: state.overlay = .help(scroll: 0)
        case .quit: commands.append(.quit)
        }
    }
}
