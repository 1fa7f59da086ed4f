import SwitchboardCore

/// A command the dashboard sent, with the priority each target task will have (as far as the
/// dashboard knew when it sent it), so that the engine's answer can be shown as what changed:
/// "raised t-3f6c, t-558e to high" rather than "raised 2 task(s)".
struct PendingCommand: Sendable, Equatable {
    var command: OperatorCommand
    /// The priority each target will have afterwards, for the tasks the dashboard had loaded.
    var priorities: [TaskID: Priority] = [:]

    init(_ command: OperatorCommand, priorities: [TaskID: Priority] = [:]) {
        self.command = command
        self.priorities = priorities
    }

    /// At most this many ids in a message; the rest are counted.
    static let idsShown = 6

    /// The footer's message for the engine's answer to this command. The ids come from the
    /// answer (the tasks the engine really changed), never from what was asked.
    func describe(_ outcome: CommandOutcome) -> String {
        guard outcome.accepted, !outcome.tasks.isEmpty, let verb = Self.verb(of: outcome.message) else { return outcome.message }
        switch command {
        case .reprioritize(_, let priority):
            guard verb == "reprioritised" else { return outcome.message }
            return "set \(Self.list(outcome.tasks)) to \(priority.rawValue)"
        case .shiftPriority(_, let delta):
            guard verb == (delta > 0 ? "raised" : "lowered") else { return outcome.message }
            return verb + " " + byPriority(outcome.tasks)
        case .cancel, .retry, .pauseTasks, .resumeTasks, .submit:
            return verb + " " + Self.list(outcome.tasks)
        default:
            return outcome.message
        }
    }

    /// "t-1, t-2 to high, t-3 to urgent": ids grouped by the priority they now have.
    private func byPriority(_ ids: [TaskID]) -> String {
        var groups: [(Priority?, [TaskID])] = []
        for id in ids {
            let priority = priorities[id]
            if let index = groups.firstIndex(where: { $0.0 == priority }) { groups[index].1.append(id) } else { groups.append((priority, [id])) }
        }
        if groups.count == 1, groups[0].0 == nil { return Self.list(ids) }
        return groups.map { priority, ids in Self.list(ids) + (priority.map { " to \($0.rawValue)" } ?? "") }.joined(separator: ", ")
    }

    /// "t-1, t-2, t-3 and 4 more".
    static func list(_ ids: [TaskID]) -> String {
        let shown = ids.prefix(idsShown).map(\.rawValue).joined(separator: ", ")
        return ids.count > idsShown ? "\(shown) and \(ids.count - idsShown) more" : shown
    }

    /// "raised" from the engine's "raised 2 task(s)".
    private static func verb(of message: String) -> String? {
        let words = message.split(separator: " ")
        guard words.count == 3, Int(words[1]) != nil, words[2] == "task(s)" else { return nil }
        return String(words[0])
    }
}
