import SwitchboardCore

/// Every binding, grouped, as the help window lists them.
enum HelpOverlay {
    static let groups: [(String, [Action])] = [
        ("Moving around", [.moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom, .nextPane, .previousPane, .focusQueues, .focusTasks, .focusAgents, .focusMetrics, .zoom, .open, .back]),
        ("Tasks", [.filter, .sortNext, .sortReverse, .mark, .raisePriority, .lowerPriority, .pickPriority, .cancel, .retry, .newTask]),
        ("Agents and queues", [.pauseResume, .drain, .restart, .addReplica, .removeReplica]),
        ("Screen", [.events, .commandLine, .messages, .nextTheme, .freeze, .help, .quit]),
    ]

    static func lines(_ bindings: KeyBindings) -> [StyledLine] {
        var lines: [StyledLine] = []
        for (title, actions) in groups {
            if !lines.isEmpty { lines.append([]) }
            lines.append([(title, .title)])
            for action in actions {
                let keys = bindings.keys(for: action).map(\.spec).joined(separator: " ")
                lines.append([("  " + (keys.isEmpty ? "—" : keys).column(14), .focusedBorder), (action.summary, .foreground)])
            }
        }
        lines.append([])
        lines.append([("Mouse", .title)])
        lines.append([("  click".column(16), .focusedBorder), ("focus a pane and select a row (double-click opens)", .foreground)])
        lines.append([("  wheel".column(16), .focusedBorder), ("scroll", .foreground)])
        lines.append([])
        lines.append([("Command line", .title)])
        // As wide as the longest command, so that no command runs into its description.
        let commandWidth = ColumnWidth.fitting(CommandLineParser.help.map { "  :" + $0.0 }, minimum: 38, maximum: 60)
        for (command, what) in CommandLineParser.help {
            lines.append([(("  :" + command).column(commandWidth), .focusedBorder), (what, .foreground)])
        }
        return lines
    }

    static func draw(_ canvas: inout Canvas, _ screen: Rect, scroll: Int, bindings: KeyBindings) {
        let content = lines(bindings)
        let inner = OverlayWindow.draw(&canvas, in: screen, width: 96, height: content.count + 2, title: "Help", note: "Esc to close")
        TextBlock.draw(&canvas, inner, lines: content, scroll: scroll)
    }
}

/// A short question, yes or no, with one line per item the answer would touch.
enum ConfirmOverlay {
    static func draw(_ canvas: inout Canvas, _ screen: Rect, confirmation: ViewState.Confirmation) {
        let widest = ([confirmation.question] + confirmation.items.map { "  " + $0 }).map(CharacterWidth.columns(of:)).max() ?? 0
        let width = min(screen.width - 4, max(36, widest + 6))
        // The items get the rows the screen has; those that do not fit are counted.
        let room = max(1, screen.height - 12)
        var items = confirmation.items.map { [("  " + $0, Role.foreground)] as StyledLine }
        if items.count > room {
            let more = items.count - (room - 1)
            items = Array(items.prefix(room - 1)) + [[("  … and \(more) more", .dim)]]
        }
        var lines: [StyledLine] = [[(confirmation.question, .foreground)]]
        if !items.isEmpty { lines += [[]] + items }
        lines += [[], [("y", .title), (" yes   ", .foreground), ("n", .title), (" no", .foreground)]]
        let inner = OverlayWindow.draw(&canvas, in: screen, width: width, height: lines.count + 2, title: "Confirm")
        TextBlock.draw(&canvas, inner, lines: lines)
    }
}

/// The footer's messages, newest first, wrapped to the window: nothing said is lost to a
/// narrow footer or to the next message.
enum MessagesOverlay {
    static func lines(_ messages: [ViewState.Flash], width: Int, utcOffsetSeconds: Int) -> [StyledLine] {
        guard !messages.isEmpty else { return [[("no messages yet", .dim)]] }
        var lines: [StyledLine] = []
        let indent = 10
        for message in messages.reversed() {
            let time = Format.time(message.shownAt, utcOffsetSeconds: utcOffsetSeconds)
            for (index, part) in TextWrap.wrap(message.text, width: max(10, width - indent)).enumerated() {
                lines.append([((index == 0 ? time : "").column(indent), .dim), (part, message.isError ? .alert : .foreground)])
            }
        }
        return lines
    }

    static func draw(_ canvas: inout Canvas, _ screen: Rect, scroll: Int, _ context: RenderContext) {
        let messages = context.state.messages
        let frame = min(screen.width - 8, 110)
        let content = lines(messages, width: frame - 4, utcOffsetSeconds: context.utcOffsetSeconds)
        let inner = OverlayWindow.draw(&canvas, in: screen, width: frame, height: min(screen.height - 4, content.count + 2), title: "Messages",
                                       note: "\(messages.count) · Esc to close")
        TextBlock.draw(&canvas, inner, lines: content, scroll: scroll)
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
