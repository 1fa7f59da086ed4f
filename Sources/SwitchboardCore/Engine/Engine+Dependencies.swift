extension Engine {
    /// A task reached a final status: its dependents learn of it. Those waiting for success of
    /// a task that failed for good are cancelled, recursively, with the reason.
    func prerequisiteFinished(_ id: TaskID, status: TaskStatus, now: Instant) {
        guard let waiting = dependents.removeValue(forKey: id) else { return }
        var doomed: [TaskID] = []
        for dependent in waiting {
            guard let slot = taskSlots[dependent], !tasks[slot].status.isFinal else { continue }
            let edges = tasks[slot].dependencies.filter { $0.prerequisite == id && !$0.optional }
            if edges.contains(where: { $0.dooms(given: status) }) {
                doomed.append(dependent)
                continue
            }
            let remaining = (unmet[dependent] ?? 1) - edges.filter { !$0.blocks(given: status) }.count
            if remaining <= 0 {
                unmet.removeValue(forKey: dependent)
                if tasks[slot].status == .blocked { release(slot, actor: .engine, reason: "prerequisites met", now: now) }
            } else {
                unmet[dependent] = remaining
            }
        }
        for dependent in doomed {
            guard let slot = taskSlots[dependent], !tasks[slot].status.isFinal else { continue }
            cancel(slot, actor: .engine, reason: "prerequisite \(id) \(status.rawValue)", now: now)
        }
    }

    /// The unfinished prerequisites of a task, transitively, nearest first.
    func unfinishedPrerequisites(of id: TaskID) -> [TaskID] {
        var seen: Set<TaskID> = [id]
        var order: [TaskID] = []
        var frontier = [id]
        while !frontier.isEmpty {
            var next: [TaskID] = []
            for current in frontier {
                guard let task = task(current) else { continue }
                for dependency in task.dependencies where seen.insert(dependency.prerequisite).inserted {
                    guard let prerequisite = self.task(dependency.prerequisite), !prerequisite.status.isFinal else { continue }
                    order.append(dependency.prerequisite)
                    next.append(dependency.prerequisite)
                }
            }
            frontier = next
        }
        return order
    }

    /// Recomputes who waits on whom from the tasks' edges (after a restore or a retry).
    func rebuildWaiting(for slot: Int) {
        let task = tasks[slot]
        var waiting = 0
        for dependency in task.dependencies where !dependency.optional {
            guard let prerequisite = self.task(dependency.prerequisite) else { continue }
            if dependency.blocks(given: prerequisite.status) {
                waiting += 1
                if !(dependents[prerequisite.id]?.contains(task.id) ?? false) { dependents[prerequisite.id, default: []].append(task.id) }
            }
        }
        if waiting > 0 { unmet[task.id] = waiting } else { unmet.removeValue(forKey: task.id) }
    }

    /// The prerequisite that dooms a task (failed for good, with a success edge), if any.
    func doomingPrerequisite(of slot: Int) -> (TaskID, TaskStatus)? {
        for dependency in tasks[slot].dependencies {
            if let prerequisite = task(dependency.prerequisite), dependency.dooms(given: prerequisite.status) {
                return (prerequisite.id, prerequisite.status)
            }
        }
        return nil
    }
}
