import SwitchboardCore

/// The top line: node, uptime, store, agents by state, tasks by status, message rate, clock.
/// Parts that do not fit are left out from the least important.
enum HeaderBar {
    /// A piece of the header: runs of text, and how much it matters (lower first).
    private struct Piece {
        var runs: [(String, Role)]
        var rank: Int
        /// "tasks 1,230:" leads the counts of its group; without any of them it loses its colon.
        var isLead = false
        var group = 0
        var width: Int { runs.reduce(0) { $0 + CharacterWidth.columns(of: $1.0) } }
    }

    static func draw(_ canvas: inout Canvas, _ rect: Rect, _ context: RenderContext) {
        guard rect.height > 0 else { return }
        canvas.fill(rect, style: Style(.title, background: .selection))
        var pieces: [Piece] = [Piece(runs: [("switchboard", .title)], rank: 0)]
        if context.state.frozen { pieces.append(Piece(runs: [("FROZEN", .alert)], rank: 0)) }
        if let snapshot = context.snapshot {
            if !snapshot.engineIsLive(at: context.wallClock) {
                let seen = snapshot.summary.map { "engine offline since \(Format.clock($0.at, utcOffsetSeconds: context.utcOffsetSeconds))" } ?? "no engine has run on this store yet"
                pieces.append(Piece(runs: [(seen, .alert)], rank: 1))
            }
            if let problem = snapshot.problem { pieces.append(Piece(runs: [("⚠ " + problem, .alert)], rank: 1)) }
        }
        if let summary = context.summary {
            pieces.append(Piece(runs: [("\(summary.node.isEmpty ? "engine" : summary.node) · up \(Format.uptime((summary.at - summary.startedAt).seconds))", .foreground)], rank: 5))
            pieces += taskPieces(summary)
            pieces += agentPieces(summary)
            pieces.append(Piece(runs: [(Format.rate(summary.messagesPerSecond) + " msg/s", .foreground)], rank: 6))
        }
        if let path = context.snapshot?.storePath { pieces.append(Piece(runs: [(path, .dim)], rank: 9)) }

        let clock = Format.clock(context.wallClock, utcOffsetSeconds: context.utcOffsetSeconds)
        // Keep the most important pieces that fit, then draw them in their own order.
        var room = rect.width - CharacterWidth.columns(of: clock) - 3
        var kept = Set<Int>()
        for index in pieces.indices.sorted(by: { (pieces[$0].rank, $0) < (pieces[$1].rank, $1) }) {
            let width = pieces[index].width + 2
            if width <= room {
                kept.insert(index)
                room -= width
            }
        }
        var x = rect.x + 1
        for (index, piece) in pieces.enumerated() where kept.contains(index) {
            var piece = piece
            let followed = kept.contains { pieces[$0].group == piece.group && !pieces[$0].isLead }
            if piece.isLead, !followed, piece.runs[piece.runs.count - 1].0.hasSuffix(":") {
                piece.runs[piece.runs.count - 1].0.removeLast()
            }
            for (text, role) in piece.runs {
                x += canvas.write(text, x: x, y: rect.y, style: Style(role, background: .selection, attributes: role == .title ? [.bold] : []))
            }
            x += 2
        }
        canvas.write(clock, x: rect.maxX - 1 - CharacterWidth.columns(of: clock), y: rect.y, style: Style(.foreground, background: .selection))
    }

    /// "tasks 1,230", then each status with tasks in it, live work first.
    private static func taskPieces(_ summary: EngineSummary) -> [Piece] {
        var pieces = [Piece(runs: [("tasks \(Format.count(summary.tasks.values.reduce(0, +))):", .foreground)], rank: 2, isLead: true, group: 1)]
        for status in TaskStatus.allCases.sorted(by: { $0.displayOrder < $1.displayOrder }) {
            let count = summary.taskCount(status)
            guard count > 0 else { continue }
            let rank = [.running, .queued, .failed].contains(status) ? 3 : status == .completed ? 4 : 7
            pieces.append(Piece(runs: [("\(Format.count(count)) \(status.rawValue)", Role.of(status))], rank: rank, group: 1))
        }
        return pieces
    }

    /// "agents 8:", then each state with agents in it, trouble first.
    private static func agentPieces(_ summary: EngineSummary) -> [Piece] {
        var pieces = [Piece(runs: [("agents \(summary.agents.values.reduce(0, +)):", .foreground)], rank: 2, isLead: true, group: 2)]
        for state in AgentState.allCases.sorted(by: { $0.displayOrder < $1.displayOrder }) {
            let count = summary.agentCount(state)
            guard count > 0 else { continue }
            let rank = [.failed, .unhealthy, .restarting, .busy].contains(state) ? 3 : state == .idle ? 4 : 8
            pieces.append(Piece(runs: [("\(count) \(state.rawValue)", Role.of(state) == .foreground ? .foreground : Role.of(state))], rank: rank, group: 2))
        }
        return pieces
    }
}

/// The bottom line: the keys that matter here, a message after an action, or the line being typed.
enum FooterBar {
    static func draw(_ canvas: inout Canvas, _ rect: Rect, _ context: RenderContext) {
        guard rect.height > 0 else { return }
        canvas.fill(rect, style: Style(.foreground, background: .selection))
        if let input = context.state.input {
            drawInput(&canvas, rect, input)
            return
        }
        var x = rect.x + 1
        var room = rect.width - 2
        if let flash = context.state.flash {
            // A message too long for the footer is cut, and says where to read it whole.
            let limit = max(0, rect.width * 2 / 3)
            var text = flash.text
            var more = ""
            if CharacterWidth.columns(of: text) > limit {
                more = " (\(context.key(.messages)): all)"
                text = CharacterWidth.truncate(text, to: max(1, limit - CharacterWidth.columns(of: more)))
            }
            let width = CharacterWidth.columns(of: text) + CharacterWidth.columns(of: more)
            let x = rect.maxX - 1 - width
            let written = canvas.write(text, x: x, y: rect.y, style: Style(flash.isError ? .alert : .title, background: .selection, attributes: [.bold]))
            canvas.write(more, x: x + written, y: rect.y, style: Style(.foreground, background: .selection))
            room -= width + 2
        }
        for (key, what) in hints(context) {
            let width = CharacterWidth.columns(of: key) + 1 + CharacterWidth.columns(of: what) + 2
            guard width <= room else { break }
            x += canvas.write(key, x: x, y: rect.y, style: Style(.title, background: .selection, attributes: [.bold]))
            x += canvas.write(" " + what + "  ", x: x, y: rect.y, style: Style(.foreground, background: .selection))
            room -= width
        }
    }

    private static func drawInput(_ canvas: inout Canvas, _ rect: Rect, _ input: ViewState.InputLine) {
        var x = rect.x + 1
        x += canvas.write(input.prompt, x: x, y: rect.y, style: Style(.title, background: .selection, attributes: [.bold]))
        let problemWidth = input.problem.map { min(rect.width / 2, CharacterWidth.columns(of: $0) + 2) } ?? 0
        let room = rect.maxX - 1 - x - problemWidth
        // Keep the cursor visible: show the end of a long line.
        let characters = Array(input.text)
        var start = 0
        while CharacterWidth.columns(of: String(characters[start..<min(input.cursor, characters.count)])) >= room, start < characters.count { start += 1 }
        let shown = String(characters[start...])
        canvas.write(shown, x: x, y: rect.y, style: Style(.foreground, background: .selection), maxWidth: room)
        let cursorX = x + CharacterWidth.columns(of: String(characters[start..<min(input.cursor, characters.count)]))
        canvas.cursor = (min(cursorX, rect.maxX - 1), rect.y)
        if let problem = input.problem {
            let text = CharacterWidth.truncate(problem, to: problemWidth - 2)
            canvas.write(text, x: rect.maxX - 1 - CharacterWidth.columns(of: text), y: rect.y, style: Style(.alert, background: .selection))
        }
    }

    /// The keys worth showing in the current context, most useful first.
    static func hints(_ context: RenderContext) -> [(String, String)] {
        let k = context.key
        switch context.state.overlay {
        case .help: return [(k(.moveDown) + "/" + k(.moveUp), "scroll"), ("Esc", "close")]
        case .task: return [
                (k(.raisePriority) + "/" + k(.lowerPriority), "priority"), (k(.pickPriority), "pick priority"), (k(.cancel), "cancel"),
                (k(.retry), "retry"), (k(.pauseResume), "pause/resume"), (k(.moveDown) + "/" + k(.moveUp), "scroll"), ("Esc", "back"),
            ]
        case .agent: return [
                (k(.drain), "drain"), (k(.restart), "restart"), (k(.pauseResume), "pause/resume"),
                (k(.addReplica) + "/" + k(.removeReplica), "replicas"), ("Esc", "back"),
            ]
        case .priorityPicker: return [("↑↓", "choose"), ("Enter", "apply"), ("l n h u c", "pick"), ("Esc", "cancel")]
        case .confirm: return [("y", "yes"), ("n Esc", "no")]
        case .messages: return [(k(.moveDown) + "/" + k(.moveUp), "scroll"), ("Esc", "close")]
        case nil: break
        }
        var hints: [(String, String)] = []
        switch context.state.focus {
        case .tasks:
            hints = [
                (k(.moveDown) + "/" + k(.moveUp), "move"), (k(.open), "open"), (k(.filter), "filter"), (k(.sortNext), "sort"),
                (k(.mark), "mark"), (k(.raisePriority) + "/" + k(.lowerPriority), "priority"), (k(.cancel), "cancel"), (k(.retry), "retry"),
                (k(.newTask), "new"),
            ]
        case .agents:
            hints = [
                (k(.moveDown) + "/" + k(.moveUp), "move"), (k(.open), "open"), (k(.drain), "drain"), (k(.restart), "restart"),
                (k(.pauseResume), "pause"), (k(.addReplica) + "/" + k(.removeReplica), "replicas"), (k(.filter), "filter"), (k(.sortNext), "sort"),
            ]
        case .queues:
            hints = [(k(.moveDown) + "/" + k(.moveUp), "move"), (k(.open), "show tasks"), (k(.pauseResume), "pause/resume")]
        case .metrics:
            hints = [(k(.zoom), "zoom"), (k(.events), "events")]
        }
        return hints + [(k(.nextPane), "pane"), (k(.commandLine), "command"), (k(.help), "help"), (k(.quit), "quit")]
    }
}
