/// The engine: one state machine that owns tasks, queues, agents and the message queues, and is
/// driven by what happens (operator commands, agent reports) and by time (`tick`).
///
/// It does no I/O and reads no system time: the runtime (or a test, or the simulator) feeds it
/// commands and reports, calls `tick()`, carries out the effects it returns, and writes the
/// changes from `takeChanges()` to the store in one transaction. It is used from one thread at a
/// time (the engine thread), which is what makes it a single writer.
public final class Engine {
    public let configuration: EngineConfiguration
    public let clock: any Clock
    var random: SeededRandom
    var strategy: any AssignmentStrategy

    // Tasks, in slots; ids map to slots.
    @exclusivity(unchecked) var tasks = ContiguousArray<Task>()
    @exclusivity(unchecked) var taskSlots: [TaskID: Int] = [:]
    var freeTaskSlots: [Int] = []
    var nextSequence: UInt64 = 1
    @exclusivity(unchecked) var ready = ReadyIndex()
    @exclusivity(unchecked) var timers = MinHeap<TaskTimer>()
    /// Prerequisites each blocked task still waits for.
    @exclusivity(unchecked) var unmet: [TaskID: Int] = [:]
    /// Who waits on each task.
    @exclusivity(unchecked) var dependents: [TaskID: [TaskID]] = [:]
    var statusCounts: [TaskStatus: Int] = [:]
    var queues: [String: QueueState] = [:]
    var runningCount = 0

    // Agents and pools.
    @exclusivity(unchecked) var agents: [String: AgentRecord] = [:]
    var pools: [String: PoolRecord] = [:]
    var supervision: SupervisionState

    /// Task messages on their way to agents: the messaging core as transport. The task row is
    /// the durable record; these messages are not persisted separately.
    public let transport: InMemoryMessageQueue
    /// Messages between agents (and from operators): durable in production.
    public let messages: any MessageQueue
    /// Which transport message carries each running task.
    var taskMessages: [TaskID: MessageID] = [:]

    // What the tick changed.
    @exclusivity(unchecked) var dirtyTasks = Set<Int>()
    var insertedTasks = Set<TaskID>()
    var dirtyAgents = Set<String>()
    var dirtyPools = Set<String>()
    var dirtyQueues = Set<String>()
    @exclusivity(unchecked) var changes = EngineChanges()
    var historyByTask: [TaskID: [TaskHistoryEntry]] = [:]
    /// Sequences of tasks forgotten since the last `takeChanges` (the store deletes by them).
    var forgottenSequences: [TaskID: UInt64] = [:]
    var recentEvents: [EngineEvent] = []
    /// Events logged since the engine started (the log itself keeps the last ones).
    public internal(set) var eventsLogged = 0
    /// Agents restarted (by their supervisor or by an operator) since the engine started: the
    /// `restarts` of every summary.
    public internal(set) var restartCount = 0
    var effects: [EngineEffect] = []
    var inbox: [(id: Int64?, command: OperatorCommand, actor: Actor)] = []
    public internal(set) var metrics = EngineMetrics()
    /// When the engine started (for uptime).
    public let startedAt: Instant
    /// When the engine last ticked or took a report: a long gap is the engine's own pause.
    var lastActiveAt: Instant?
    /// Agents an operator stopped: they keep their place in their pool (it does not start a
    /// replacement, nor reuse the name) until an operator restarts them or the pool shrinks.
    var heldByOperator: Set<String> = []
    /// Set when a command-line client stands in for an absent engine (`applyCommandsOnly`):
    /// commands that need a running engine are refused.
    public var isStandIn = false

    public init(configuration: EngineConfiguration = EngineConfiguration(), clock: any Clock, messages: (any MessageQueue)? = nil) {
        self.configuration = configuration
        self.clock = clock
        random = SeededRandom(seed: configuration.seed)
        strategy = configuration.assignment.makeStrategy(weights: configuration.scoredWeights)
        supervision = SupervisionState(cooldown: configuration.scaleDownCooldown, upInterval: configuration.scaleUpInterval)
        transport = InMemoryMessageQueue(
            configuration: QueueConfiguration(name: "tasks", defaultLease: .seconds(365 * 24 * 3600), finishedMessagesKept: 256, seed: configuration.seed),
            clock: clock)
        self.messages = messages ?? InMemoryMessageQueue(configuration: QueueConfiguration(name: "messages", seed: configuration.seed), clock: clock)
        startedAt = clock.now()
    }

    // MARK: Driving the engine

    /// Queues an operator command for the next tick. `id` is the command's row in the store, when
    /// it came from there, so that its outcome can be written back.
    public func enqueue(_ command: OperatorCommand, actor: Actor, id: Int64? = nil) {
        inbox.append((id, command, actor))
    }

    /// Applies a command at once and returns what it did (the tick does this for queued ones).
    @discardableResult
    public func execute(_ command: OperatorCommand, actor: Actor) -> CommandOutcome {
        apply(command, actor: actor, now: clock.now())
    }

    /// One step of the engine: queued commands, due timers, dispatch of ready tasks to agents,
    /// delivery of messages, agent supervision. Returns what the runtime must do to agents.
    @discardableResult
    public func tick() -> [EngineEffect] {
        let now = clock.now()
        noticePause(now)
        let commands = inbox
        inbox.removeAll()
        for (id, command, actor) in commands {
            let outcome = apply(command, actor: actor, now: now)
            if let id { changes.commandOutcomes.append((id, outcome)) }
        }
        fireTimers(now)
        superviseAgents(now)
        dispatch(now)
        deliverMessages(now)
        sampleMetrics(now)
        return takeEffects()
    }

    /// Effects produced outside a tick (by reports) and not yet taken.
    public func takeEffects() -> [EngineEffect] {
        let taken = effects
        effects.removeAll(keepingCapacity: true)
        return taken
    }

    /// The changes since the last call, for the store to write in one transaction.
    public func takeChanges() -> EngineChanges {
        var taken = changes
        changes = EngineChanges()
        for slot in dirtyTasks.sorted() where slot < tasks.count {
            let task = tasks[slot]
            guard taskSlots[task.id] == slot else { continue }
            if insertedTasks.contains(task.id) {
                taken.insertedTasks.append(task)
            } else {
                taken.updatedTasks.append(task)
            }
        }
        dirtyTasks.removeAll(keepingCapacity: true)
        insertedTasks.removeAll(keepingCapacity: true)
        for entry in taken.history where taken.sequences[entry.task] == nil {
            if let slot = taskSlots[entry.task] { taken.sequences[entry.task] = tasks[slot].sequence }
        }
        for id in taken.removedTasks where taken.sequences[id] == nil {
            if let sequence = forgottenSequences[id] { taken.sequences[id] = sequence }
        }
        forgottenSequences.removeAll()
        taken.agents = dirtyAgents.sorted().compactMap { agents[$0] }
        dirtyAgents.removeAll()
        taken.pools = dirtyPools.sorted().compactMap { pools[$0] }
        dirtyPools.removeAll()
        taken.queues = dirtyQueues.sorted().compactMap { queues[$0]?.settings }
        dirtyQueues.removeAll()
        return taken
    }

    // MARK: Reading

    public func task(_ id: TaskID) -> Task? { taskSlots[id].map { tasks[$0] } }

    /// Every task, in submission order.
    public var allTasks: [Task] { taskSlots.values.map { tasks[$0] }.sorted { $0.sequence < $1.sequence } }

    /// The tasks that match, in no particular order (cheaper than `allTasks` when few match).
    public func tasks(where matching: (Task) -> Bool) -> [Task] {
        taskSlots.values.compactMap { matching(tasks[$0]) ? tasks[$0] : nil }
    }

    public var taskIDs: Set<TaskID> { Set(taskSlots.keys) }

    public var taskCount: Int { taskSlots.count }

    public func count(_ status: TaskStatus) -> Int { statusCounts[status] ?? 0 }

    public var taskCounts: [TaskStatus: Int] { statusCounts.filter { $0.value > 0 } }

    public func agent(_ name: String) -> AgentRecord? { agents[name] }

    public var allAgents: [AgentRecord] { agents.values.sorted { $0.name.localizedNumericLess(than: $1.name) } }

    public func pool(_ name: String) -> PoolRecord? { pools[name] }

    public var allPools: [PoolRecord] { pools.values.sorted { $0.name < $1.name } }

    public func queueState(_ name: String) -> QueueState? { queues[name] }

    public var allQueues: [QueueState] { queues.values.sorted { $0.settings.name < $1.settings.name } }

    /// History kept in memory (only with `keepHistoryInMemory`).
    public func history(of id: TaskID) -> [TaskHistoryEntry] { historyByTask[id] ?? [] }

    /// The event log, oldest first.
    public var events: [EngineEvent] { recentEvents }

    /// Events logged after the first `count` (as many as the log still holds).
    public func events(after count: Int) -> [EngineEvent] {
        let fresh = min(recentEvents.count, max(0, eventsLogged - count))
        return Array(recentEvents.suffix(fresh))
    }

    /// Whether anything can still run: tasks running or due later, or queued tasks that some
    /// pool or connected agent could take in a queue that is not paused.
    public var hasRunnableWork: Bool {
        if count(.running) > 0 || count(.pending) > 0 { return true }
        for index in ready.classes.indices {
            let key = ready.classes[index].key
            if queues[key.queue]?.isPaused ?? false { continue }
            guard ready.top(of: index, isCurrent: isReady) != nil else { continue }
            // A failing pool starts no agent until an operator acts: it serves nothing.
            let servable = pools.values.contains { pool in key.capabilities.allSatisfy(pool.capabilities.contains) && pool.maxReplicas > 0 && !pool.isFailing }
                || agents.values.contains { $0.state.isAlive && $0.canServe(key.capabilities) }
            if servable { return true }
        }
        return false
    }
}

extension String {
    /// "Agent-2" before "Agent-10": runs of ASCII digits compare by value.
    public func localizedNumericLess(than other: String) -> Bool {
        let a = Array(utf8)
        let b = Array(other.utf8)
        var i = 0
        var j = 0
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        while i < a.count, j < b.count {
            if isDigit(a[i]), isDigit(b[j]) {
                var x = 0
                var y = 0
                while i < a.count, isDigit(a[i]) {
                    x = x &* 10 &+ Int(a[i] - 48)
                    i += 1
                }
                while j < b.count, isDigit(b[j]) {
                    y = y &* 10 &+ Int(b[j] - 48)
                    j += 1
                }
                if x != y { return x < y }
                continue
            }
            if a[i] != b[j] { return a[i] < b[j] }
            i += 1
            j += 1
        }
        return a.count - i < b.count - j
    }
}
