/// A task's prerequisites drawn as a tree of text, for `switchboard task` and the dashboard's
/// task view. `lookup` finds a task by id (a dictionary, or the store); a prerequisite it cannot
/// find was pruned by retention. At most `limit` lines are drawn.
public enum DependencyTree {
    public static func lines(for id: TaskID, limit: Int = 200, lookup: (TaskID) -> Task?) -> [String] {
        guard let root = lookup(id) else { return [] }
        var lines = ["\(root.id) \(root.title) [\(root.status.rawValue)]"]
        var seen: Set<TaskID> = [id]
        func walk(_ task: Task, prefix: String) {
            for (index, edge) in task.dependencies.enumerated() {
                guard lines.count < limit else {
                    if lines.last != prefix + "…" { lines.append(prefix + "…") }
                    return
                }
                let last = index == task.dependencies.count - 1
                let branch = last ? "└─ " : "├─ "
                let qualifier = (edge.condition == .anyOutcome ? " (any outcome)" : "") + (edge.optional ? " (optional)" : "")
                guard let prerequisite = lookup(edge.prerequisite) else {
                    lines.append(prefix + branch + "\(edge.prerequisite) (pruned)\(qualifier)")
                    continue
                }
                let repeated = !seen.insert(prerequisite.id).inserted
                lines.append(prefix + branch + "\(prerequisite.id) \(prerequisite.title) [\(prerequisite.status.rawValue)]\(qualifier)\(repeated ? " …" : "")")
                if !repeated { walk(prerequisite, prefix: prefix + (last ? "   " : "│  ")) }
            }
        }
        walk(root, prefix: "")
        return lines
    }
}
