import SwitchboardCore

/// Every binding, grouped, as the help window lists them.
enum HelpOverlay {
    static let groups: [(String, [Action])] = [
        ("Moving around", [.moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom, .nextPane, .previousPane, .focusQueues, .focusTasks, .focusAgents, .focusMetrics, .zoom, .open, .back]),
        ("Tasks", [.filter, .sortNext, .sortReverse, .mark, .raisePriority, .lowerPriority, .pickPriority, .cancel, .retry, .newTask]),
        ("Agents and queues", [.pauseResume, .drain, .restart, .addReplica, .removeReplica]),
        ("Screen", [.events, .commandLine, .nextTheme, .freeze, .help, .quit]),
    ]

    static func lines(_ bindings: KeyBindings) -> [StyledLine] {
        var lines: [StyledLine] = []
        for (title, actions) in groups {
            if !lines.isEmpty { lines.append([]) }
            lines.append([(title, .title)])
            for action in actions {
                let keys = bindings.keys(for: action).map(\.spec).joined(separator: " ")
                lines.append([("  " + (keys.isEmpty ? "—" : keys).padding(toColumns: 14), .focusedBorder), (action.summary, .foreground)])
            }
        }
        lines.append([])
        lines.append([("Mouse", .title)])
        lines.append([("  click".padding(toColumns: 16), .focusedBorder), ("focus a pane and select a row (double-click opens)", .foreground)])
        lines.append([("  wheel".padding(toColumns: 16), .focusedBorder), ("scroll", .foreground)])
        lines.append([])
        lines.append([("Command line", .title)])
        for (command, what) in CommandLineParser.help {
            lines.append([("  :" + command.padding(toColumns: 36), .focusedBorder), (what, .foreground)])
        }
        return lines
    }

    static func draw(_ canvas: inout Canvas, _ screen: Rect, scroll: Int, bindings: KeyBindings) {
        let content = lines(bindings)
        let inner = OverlayWindow.draw(&canvas, in: screen, width: 96, height: content.count + 2, title: "Help", note: "Esc to close")
        TextBlock.draw(&canvas, inner, lines: content, scroll: scroll)
    }
}

/// A short question: yes or no.
enum ConfirmOverlay {
    static func draw(_ canvas: inout Canvas, _ screen: Rect, question: String) {
        let width = min(screen.width - 4, max(36, CharacterWidth.columns(of: question) + 6))
        let inner = OverlayWindow.draw(&canvas, in: screen, width: width, height: 5, title: "Confirm")
        TextBlock.draw(&canvas, inner, lines: [[(question, .foreground)], [], [("y", .title), (" yes   ", .foreground), ("n", .title), (" no", .foreground)]])
    }
}

/// The five priorities to choose from.
enum PriorityPickerOverlay {
    static func draw(_ canvas: inout Canvas, _ screen: Rect, count: Int, cursor: Int) {
        let inner = OverlayWindow.draw(&canvas, in: screen, width: 34, height: 9, title: "Priority", note: "\(count) task\(count == 1 ? "" : "s")")
        for (index, priority) in Priority.servingOrder.enumerated() where index < inner.height {
            let y = inner.y + index
            let selected = index == cursor
            if selected { canvas.fill(inner.row(index), style: Style(.foreground, background: .selection)) }
            let background: Role = selected ? .selection : .background
            canvas.write(String(priority.rawValue.first!), x: inner.x + 1, y: y, style: Style(.title, background: background, attributes: [.bold]))
            canvas.write(priority.rawValue, x: inner.x + 4, y: y, style: Style(Role.of(priority), background: background))
        }
    }
}
