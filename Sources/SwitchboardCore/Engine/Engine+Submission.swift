/// Why a submission was refused; nothing of it was added.
public struct SubmissionError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// The positions (in the submission) of the tasks involved, for error messages that name lines.
    public var positions: [Int]
    /// Refused because a task it names (a prerequisite, a parent) does not exist.
    public var notFound: Bool

    public init(_ message: String, positions: [Int] = [], notFound: Bool = false) {
        self.message = message
        self.positions = positions
        self.notFound = notFound
    }

    public var description: String { message }
}

extension Engine {
    /// Adds tasks atomically: everything is checked (titles, references, cycles) before anything
    /// is added. Dependencies may name existing tasks or other tasks of the submission by their
    /// local name. Returns the new ids, in the order of `specs`.
    func submit(_ specs: [TaskSpec], actor: Actor, now: Instant) throws(SubmissionError) -> [TaskID] {
        guard !specs.isEmpty else { throw SubmissionError("nothing to submit") }
        var positionByName: [String: Int] = [:]
        for (position, spec) in specs.enumerated() {
            if spec.title.trimmingWhitespace().isEmpty { throw SubmissionError("task \(position + 1) has no title", positions: [position]) }
            if spec.queue.isEmpty { throw SubmissionError("task \(position + 1) has an empty queue name", positions: [position]) }
            if let maxAttempts = spec.maxAttempts, maxAttempts < 1 {
                throw SubmissionError("task \(position + 1): max attempts must be at least 1", positions: [position])
            }
            if let timeout = spec.timeout, timeout <= .zero {
                throw SubmissionError("task \(position + 1): timeout must be positive", positions: [position])
            }
            if let name = spec.localName {
                if let earlier = positionByName[name] {
                    throw SubmissionError("the name '\(name)' is used twice", positions: [earlier, position])
                }
                positionByName[name] = position
            }
            if let parent = spec.parent, taskSlots[parent] == nil {
                throw SubmissionError("task \(position + 1): parent \(parent) does not exist", positions: [position], notFound: true)
            }
        }
        // Edges inside the submission, for the cycle check and the order of creation.
        var localEdges = [[Int]](repeating: [], count: specs.count)
        for (position, spec) in specs.enumerated() {
            for dependency in spec.dependencies {
                switch dependency.reference {
                case .id(let id):
                    guard taskSlots[id] != nil else {
                        throw SubmissionError("task \(position + 1) needs \(id), which does not exist", positions: [position], notFound: true)
                    }
                case .local(let name):
                    guard let target = positionByName[name] else {
                        throw SubmissionError("task \(position + 1) needs '\(name)', which is not in this submission", positions: [position])
                    }
                    localEdges[position].append(target)
                }
            }
        }
        if let cycle = findCycle(localEdges) {
            let names = cycle.map { specs[$0].localName ?? "task \($0 + 1)" }
            throw SubmissionError("the dependencies form a cycle: \(names.joined(separator: " → "))", positions: cycle)
        }

        // Accepted: create ids first (so that local references resolve), then the tasks in
        // dependency order.
        var ids: [TaskID] = []
        var taken = Set<TaskID>(minimumCapacity: specs.count)
        for _ in specs {
            let id = newTaskID(avoiding: taken)
            taken.insert(id)
            ids.append(id)
        }
        for position in topologicalOrder(localEdges) {
            let spec = specs[position]
            let dependencies = spec.dependencies.map { dependency -> TaskDependency in
                let prerequisite: TaskID
                switch dependency.reference {
                case .id(let id): prerequisite = id
                case .local(let name): prerequisite = ids[positionByName[name]!]
                }
                return TaskDependency(prerequisite, condition: dependency.condition, optional: dependency.optional)
            }
            let maxAttempts = spec.maxAttempts ?? configuration.taskRetryPolicy.maxAttempts
            let task = Task(id: ids[position], sequence: nextSequence, spec: spec, dependencies: dependencies, maxAttempts: maxAttempts, createdAt: now)
            nextSequence += 1
            add(task, actor: actor, now: now)
        }
        metrics.submitted.record(at: now, count: specs.count)
        return ids
    }

    /// Adds one validated task, straight into the status its prerequisites and start time give
    /// it, with one history line.
    private func add(_ task: Task, actor: Actor, now: Instant) {
        var task = task
        var waiting: [TaskID] = []
        var doomedBy: (TaskID, TaskStatus)?
        for dependency in task.dependencies where !dependency.optional {
            guard let prerequisite = self.task(dependency.prerequisite) else { continue }
            if dependency.dooms(given: prerequisite.status) {
                doomedBy = doomedBy ?? (prerequisite.id, prerequisite.status)
            } else if dependency.blocks(given: prerequisite.status) {
                waiting.append(prerequisite.id)
            }
        }
        let reason: String
        if let (prerequisite, status) = doomedBy {
            task.status = .cancelled
            task.finishedAt = now
            task.lastError = "prerequisite \(prerequisite) \(status.rawValue)"
            reason = "submitted; cancelled at once: prerequisite \(prerequisite) \(status.rawValue)"
        } else if !waiting.isEmpty {
            task.status = .blocked
            reason = "submitted; waiting for \(waiting.map(\.rawValue).joined(separator: ", "))"
        } else if let startAfter = task.startAfter, startAfter > now {
            task.status = .pending
            task.availableAt = startAfter
            reason = "submitted; starts after \(RFC3339.format(startAfter))"
        } else {
            task.status = .queued
            task.queuedAt = now
            reason = "submitted"
        }
        let slot = storeTask(task)
        insertedTasks.insert(task.id)
        markDirty(slot)
        _ = queue(named: task.queue)
        queues[task.queue]?.submitted.record(at: now)
        record(TaskHistoryEntry(task: task.id, at: now, event: .transition, to: task.status, actor: actor, reason: reason))
        if let deadline = task.deadline {
            schedule(TaskTimer(at: deadline.nanosecondsSinceEpoch, kind: .deadline, slot: Int32(slot), sequence: task.sequence, attempt: 0))
        }
        switch task.status {
        case .blocked:
            unmet[task.id] = waiting.count
            for prerequisite in waiting { dependents[prerequisite, default: []].append(task.id) }
        case .pending:
            schedule(TaskTimer(at: task.availableAt!.nanosecondsSinceEpoch, kind: .release, slot: Int32(slot), sequence: task.sequence, attempt: 0))
        case .queued:
            ready.push(task, slot: slot)
            supervision.queuedByCapabilities[task.capabilities, default: 0] += 1
        default:
            break
        }
    }

    /// A random id, `t-` and hex digits, longer as the store fills so collisions stay rare.
    func newTaskID(avoiding taken: Set<TaskID>) -> TaskID {
        let digits = taskSlots.count < 2_000 ? 4 : taskSlots.count < 500_000 ? 6 : 8
        while true {
            let value = random.next() & ((1 << (4 * UInt64(digits))) - 1)
            let hex = String(value, radix: 16)
            let id = TaskID("t-" + String(repeating: "0", count: digits - hex.count) + hex)
            if taskSlots[id] == nil, !taken.contains(id) { return id }
        }
    }
}

extension TaskSpec {
    /// A cycle among specs of one submission (through their local names), as positions with the
    /// first repeated at the end, or nil. The engine refuses such submissions; clients check
    /// first so that they can point at the offending line of a file.
    public static func cycle(in specs: [TaskSpec]) -> [Int]? {
        var positionByName: [String: Int] = [:]
        for (position, spec) in specs.enumerated() { if let name = spec.localName { positionByName[name] = position } }
        let edges = specs.map { spec in
            spec.dependencies.compactMap { dependency -> Int? in
                if case .local(let name) = dependency.reference { return positionByName[name] }
                return nil
            }
        }
        return findCycle(edges)
    }
}
