import SwitchboardCore

extension UpdateStep {
    /// Keys while a line is being typed: editing, Enter to accept, Esc to abandon.
    mutating func handleInput(_ key: Key) {
        guard var input = state.input else { return }
        var characters = Array(input.text)
        switch key {
        case .character(let character):
            characters.insert(character, at: input.cursor)
            input.cursor += 1
        case .backspace:
            guard input.cursor > 0 else {
                if characters.isEmpty { return abandonInput(input) }
                return
            }
            characters.remove(at: input.cursor - 1)
            input.cursor -= 1
        case .delete:
            if input.cursor < characters.count { characters.remove(at: input.cursor) }
        case .left: input.cursor = max(0, input.cursor - 1)
        case .right: input.cursor = min(characters.count, input.cursor + 1)
        case .home, .control("a"): input.cursor = 0
        case .end, .control("e"): input.cursor = characters.count
        case .up where input.purpose == .command:
            // The last command line back, to correct it after an error.
            guard let last = state.lastCommandLine else { return }
            characters = Array(last)
            input.cursor = characters.count
        case .control("u"):
            characters.removeAll()
            input.cursor = 0
        case .escape, .control("c"), .control("g"):
            return abandonInput(input)
        case .enter:
            input.text = String(characters)
            return accept(input)
        default:
            return
        }
        input.text = String(characters)
        input.problem = nil
        state.input = input
        liveUpdate(input)
    }

    /// Filters apply as they are typed.
    private mutating func liveUpdate(_ input: ViewState.InputLine) {
        switch input.purpose {
        case .taskFilter:
            do {
                setTaskFilter(try TaskFilter(parsing: input.text))
            } catch {
                state.input?.problem = error.message
            }
        case .agentFilter:
            state.agentFilter = input.text.trimmingSpaces
            state.agentCursor = 0
            state.agentScroll = 0
            carryAgentSelection()
        case .command, .newTask:
            break
        }
    }

    private mutating func abandonInput(_ input: ViewState.InputLine) {
        state.input = nil
        switch input.purpose {
        case .taskFilter(let previous): setTaskFilter((try? TaskFilter(parsing: previous)) ?? TaskFilter())
        case .agentFilter(let previous): state.agentFilter = previous
        case .command, .newTask: break
        }
    }

    private mutating func accept(_ input: ViewState.InputLine) {
        switch input.purpose {
        case .taskFilter:
            do {
                setTaskFilter(try TaskFilter(parsing: input.text))
                state.input = nil
            } catch {
                state.input = input
                state.input?.problem = error.message
            }
        case .agentFilter:
            state.agentFilter = input.text.trimmingSpaces
            state.input = nil
        case .command:
            // The line closes either way (as vim's does), and a mistake goes to the footer and
            // the message log: a line left open would take the next `:…` typed as more of it.
            state.input = nil
            if !input.text.trimmingSpaces.isEmpty { state.lastCommandLine = input.text }
            do {
                run(try CommandLineParser.parse(input.text))
            } catch {
                flash(error.message, error: true)
            }
        case .newTask:
            do {
                let spec = try CommandLineParser.newTask(input.text)
                state.input = nil
                send(.submit([spec]), saying: "submitting «\(spec.title)»…")
            } catch {
                state.input = input
                state.input?.problem = error.message
            }
        }
    }

    /// Keys while a window is open over the panes.
    mutating func handleOverlay(_ key: Key) {
        guard let overlay = state.overlay else { return }
        let action = context.bindings.action(for: key)
        switch overlay {
        case .help(let scroll):
            if let moved = scrolled(scroll, action, lines: HelpOverlay.lines(context.bindings).count) {
                state.overlay = .help(scroll: moved)
            } else if action == .back || action == .help || action == .quit || key == .escape {
                state.overlay = nil
            }
        case .task(let id, let scroll):
            if let moved = scrolled(scroll, action, lines: 200) {
                state.overlay = .task(id, scroll: moved)
            } else if action == .back || action == .quit || key == .escape {
                state.overlay = nil
            } else if let action, [.raisePriority, .lowerPriority, .pickPriority, .cancel, .retry].contains(action) {
                taskAction(action)
            } else if action == .pauseResume {
                pauseResume()
            }
        case .agent(let name, let scroll):
            if let moved = scrolled(scroll, action, lines: 60) {
                state.overlay = .agent(name, scroll: moved)
            } else if action == .back || action == .quit || key == .escape {
                state.overlay = nil
            } else if let action, [.drain, .restart, .addReplica, .removeReplica].contains(action) {
                agentAction(action)
            } else if action == .pauseResume {
                pauseResume()
            }
        case .priorityPicker(let targets, let count, let cursor):
            let order = Priority.servingOrder
            if case .character(let letter) = key, let picked = order.first(where: { $0.rawValue.first == letter }) {
                state.overlay = nil
                return send(.reprioritize(targets, picked), saying: "setting \(count) task\(count == 1 ? "" : "s") to \(picked.rawValue)…")
            }
            switch action {
            case .moveUp: state.overlay = .priorityPicker(targets: targets, count: count, cursor: max(0, cursor - 1))
            case .moveDown: state.overlay = .priorityPicker(targets: targets, count: count, cursor: min(order.count - 1, cursor + 1))
            case .open:
                state.overlay = nil
                send(.reprioritize(targets, order[cursor]), saying: "setting \(count) task\(count == 1 ? "" : "s") to \(order[cursor].rawValue)…")
            case .back, .quit: state.overlay = nil
            default: if key == .escape { state.overlay = nil }
            }
        case .messages(let scroll):
            if let moved = scrolled(scroll, action, lines: state.messages.count) {
                state.overlay = .messages(scroll: moved)
            } else if action == .back || action == .messages || action == .quit || key == .escape {
                state.overlay = nil
            }
        case .confirm(let confirmation):
            switch key {
            case .character("y"), .character("Y"), .enter:
                state.overlay = nil
                send(confirmation.command, saying: confirmation.command.summary + "…")
            case .character("n"), .character("N"), .escape:
                state.overlay = nil
                flash("nothing done")
            default:
                break
            }
        }
    }

    /// A new scroll position when the action scrolls, or nil.
    private func scrolled(_ scroll: Int, _ action: Action?, lines: Int) -> Int? {
        let page = max(1, context.height - 8)
        let limit = max(0, lines - 1)
        switch action {
        case .moveUp: return max(0, scroll - 1)
        case .moveDown: return min(limit, scroll + 1)
        case .pageUp: return max(0, scroll - page)
        case .pageDown: return min(limit, scroll + page)
        case .top: return 0
        case .bottom: return limit
        default: return nil
        }
    }

    /// Clicks focus and select, double clicks open, the wheel scrolls the pane under it.
    mutating func handleMouse(_ event: MouseEvent) {
        if state.overlay != nil {
            if event.kind == .press || event.kind == .doubleClick {
                // A click outside an open window closes it (as Esc would).
                state.overlay = nil
            }
            return
        }
        guard state.input == nil, let pane = layout.pane(atX: event.x, y: event.y), let rect = layout.panes[pane] else { return }
        state.focus = pane
        switch event.kind {
        case .scrollUp: move(by: -3)
        case .scrollDown: move(by: 3)
        case .press, .doubleClick:
            let firstRowY: Int
            let scroll: Int
            switch pane {
            case .tasks: (firstRowY, scroll) = (rect.y + 2, state.taskScroll)
            case .agents: (firstRowY, scroll) = (rect.y + (Layout.agentsPaneShowsPools(height: rect.height) ? 3 : 2), state.agentScroll)
            case .queues: (firstRowY, scroll) = (rect.y + 2, max(0, state.queueCursor - layout.visibleQueueRows + 1))
            case .metrics: return
            }
            let row = event.y - firstRowY
            guard row >= 0, event.y < rect.maxY - 1 else { return }
            move(to: scroll + row)
            if event.kind == .doubleClick { open() }
        }
    }
}
