/// What a store holds of an engine, to start one again where the last one stopped.
public struct EngineState: Sendable {
    public var tasks: [Task]
    public var queues: [QueueSettings]
    public var pools: [PoolRecord]
    public var agents: [AgentRecord]

    public init(tasks: [Task] = [], queues: [QueueSettings] = [], pools: [PoolRecord] = [], agents: [AgentRecord] = []) {
        self.tasks = tasks
        self.queues = queues
        self.pools = pools
        self.agents = agents
    }
}

extension Engine {
    /// Loads the state a store held. Tasks that were running have lost their agent with the
    /// engine: each goes back to wait for another attempt (its attempt counted, with backoff), or
    /// fails when it has none left. Agents from the last run are shown as stopped until they
    /// start again. The recovery's own changes are recorded like any others.
    public func restore(_ state: EngineState) {
        let now = clock.now()
        for settings in state.queues { queues[settings.name] = QueueState(settings: settings) }
        for pool in state.pools { pools[pool.name] = pool }
        for agent in state.agents {
            let number = Int(agent.name.split(separator: "-").last ?? "") ?? 0
            supervision.nextAgentNumber[agent.pool] = max(supervision.nextAgentNumber[agent.pool] ?? 0, number)
        }
        for var agent in state.agents {
            // Given up on stays given up: a new engine (after a crash, say) must not start
            // what its supervisor gave up on. Every other agent shows as stopped until it starts.
            if agent.state != .failed { agent.state = .stopped }
            agent.currentTasks = []
            agent.pid = nil
            agents[agent.name] = agent
        }
        var slots: [Int] = []
        for task in state.tasks.sorted(by: { $0.sequence < $1.sequence }) {
            slots.append(storeTask(task))
            if task.status == .running {
                runningCount += 1
                queues[task.queue, default: QueueState(settings: QueueSettings(name: task.queue))].running += 1
            } else if queues[task.queue] == nil {
                queues[task.queue] = QueueState(settings: QueueSettings(name: task.queue))
            }
            nextSequence = max(nextSequence, task.sequence + 1)
        }
        for slot in slots where !tasks[slot].status.isFinal { rebuildWaiting(for: slot) }
        for slot in slots {
            let task = tasks[slot]
            if let deadline = task.deadline, !task.status.isFinal, !task.overdue {
                schedule(TaskTimer(at: deadline.nanosecondsSinceEpoch, kind: .deadline, slot: Int32(slot), sequence: task.sequence, attempt: 0))
            }
            switch task.status {
            case .queued:
                ready.push(task, slot: slot)
                supervision.queuedByCapabilities[task.capabilities, default: 0] += 1
            case .pending:
                let due = task.availableAt ?? task.startAfter ?? now
                schedule(TaskTimer(at: due.nanosecondsSinceEpoch, kind: .release, slot: Int32(slot), sequence: task.sequence, attempt: 0))
            case .blocked:
                if let (prerequisite, status) = doomingPrerequisite(of: slot) {
                    cancel(slot, actor: .engine, reason: "prerequisite \(prerequisite) \(status.rawValue)", now: now)
                } else if (unmet[task.id] ?? 0) == 0 {
                    release(slot, actor: .engine, reason: "prerequisites met", now: now)
                }
            case .running:
                let agent = task.agent ?? "its agent"
                tasks[slot].lastError = "the engine stopped while it ran on \(agent)"
                if task.attempts < task.maxAttempts {
                    retryLater(slot, now: now, reason: "the engine stopped while it ran on \(agent)")
                } else {
                    transition(slot, to: .failed, actor: .engine, reason: "the engine stopped while it ran on \(agent); no attempts left", now: now)
                    finalize(slot, as: .failed, now: now)
                }
            default:
                break
            }
        }
    }

    /// Forgets finished tasks (retention): they leave memory, and the next changes tell the
    /// store to delete them and their history.
    public func forget(_ ids: [TaskID]) {
        for id in ids {
            guard let slot = taskSlots[id], tasks[slot].status.isFinal else { continue }
            forgottenSequences[id] = tasks[slot].sequence
            changes.removedTasks.append(id)
            taskSlots.removeValue(forKey: id)
            statusCounts[tasks[slot].status, default: 0] -= 1
            queues[tasks[slot].queue]?.tally.remove(tasks[slot])
            dependents.removeValue(forKey: id)
            historyByTask.removeValue(forKey: id)
            dirtyTasks.remove(slot)
            freeTaskSlots.append(slot)
        }
    }

    /// Finished tasks older than `age`, oldest first, at most `limit` (for retention).
    public func finishedTasks(olderThan age: Duration, limit: Int) -> [TaskID] {
        let cutoff = clock.now() - age
        var found: [(Instant, TaskID)] = []
        for slot in taskSlots.values where tasks[slot].status.isFinal {
            if let finished = tasks[slot].finishedAt, finished < cutoff { found.append((finished, tasks[slot].id)) }
        }
        return found.sorted { $0.0 < $1.0 }.prefix(limit).map(\.1)
    }
}
