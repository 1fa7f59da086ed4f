import SwitchboardCore

/// What the dashboard asks its source for: which window of which task list, which task's
/// details, how many events. It follows from the view state and the screen size.
public struct DashboardQuery: Sendable, Hashable {
    public var taskFilter: TaskFilter
    public var taskOrder: TaskOrder
    public var taskOffset: Int
    public var taskLimit: Int
    public var taskDetail: TaskID?
    /// The task the cursor is on: the source says where it is in the sorted list (and moves
    /// the window to it), so that the cursor can follow it however far it moved.
    public var taskSelected: TaskID?
    /// The marked tasks: the source reads them wherever they are, so that the dashboard can
    /// say which of them the filter hides and name them before a bulk action.
    public var markedTasks: [TaskID]
    public var eventLimit: Int

    public init(
        taskFilter: TaskFilter = TaskFilter(), taskOrder: TaskOrder = .standard, taskOffset: Int = 0, taskLimit: Int = 100,
        taskDetail: TaskID? = nil, taskSelected: TaskID? = nil, markedTasks: [TaskID] = [], eventLimit: Int = 200
    ) {
        self.taskFilter = taskFilter
        self.taskOrder = taskOrder
        self.taskOffset = taskOffset
        self.taskLimit = taskLimit
        self.taskDetail = taskDetail
        self.taskSelected = taskSelected
        self.markedTasks = markedTasks
        self.eventLimit = eventLimit
    }
}

/// Everything one frame shows, read at one moment: immutable values, so rendering never waits
/// for the engine or the store.
public struct DashboardSnapshot: Sendable {
    /// The store it was read from.
    public var storePath: String
    /// When it was read (ages and run times on the screen are counted to this moment).
    public var readAt: Instant
    /// The engine's summary, or nil when no engine has written one to this store yet.
    public var summary: EngineSummary?
    /// The query this snapshot answers.
    public var query: DashboardQuery
    public var tasks: TaskPage
    public var agents: [AgentRecord]
    public var pools: [PoolRecord]
    /// The event log, oldest first.
    public var events: [EngineEvent]
    public var taskDetail: TaskDetail?
    /// Where `query.taskSelected` is in the whole sorted, filtered list; nil when the list
    /// does not hold it (it finished under a status filter, say).
    public var selectedTaskIndex: Int?
    /// The tasks of `query.markedTasks` that still exist, by id.
    public var markedTasks: [TaskID: Task] = [:]
    /// The last read failed: why (the previous figures are kept).
    public var problem: String?
    /// Whether an engine holds the store's writer lock (nil: unknown).
    public var engineRunning: Bool?

    public init(
        storePath: String, readAt: Instant, summary: EngineSummary? = nil, query: DashboardQuery = DashboardQuery(), tasks: TaskPage = TaskPage(),
        agents: [AgentRecord] = [], pools: [PoolRecord] = [], events: [EngineEvent] = [], taskDetail: TaskDetail? = nil, problem: String? = nil
    ) {
        self.storePath = storePath
        self.readAt = readAt
        self.summary = summary
        self.query = query
        self.tasks = tasks
        self.agents = agents
        self.pools = pools
        self.events = events
        self.taskDetail = taskDetail
        self.problem = problem
    }

    /// The task at `index` of the sorted list, when this snapshot's window holds it.
    public func task(at index: Int) -> Task? {
        let local = index - tasks.offset
        return tasks.rows.indices.contains(local) ? tasks.rows[local] : nil
    }

    /// Where a task is in the sorted list, when this snapshot knows.
    public func index(of id: TaskID) -> Int? {
        if let local = tasks.rows.firstIndex(where: { $0.id == id }) { return tasks.offset + local }
        return query.taskSelected == id ? selectedTaskIndex : nil
    }

    /// Whether this snapshot can say that a task is not in the list: it looked for it, or it
    /// holds the whole list.
    public func knowsWhere(_ id: TaskID) -> Bool {
        query.taskSelected == id || (tasks.offset == 0 && tasks.rows.count >= tasks.total)
    }

    /// The marked tasks the list does not show (the filter hides them, or they are gone): nil
    /// when this snapshot cannot tell.
    public func hiddenMarks(_ marked: Set<TaskID>) -> Set<TaskID>? {
        let wholeList = tasks.offset == 0 && tasks.rows.count >= tasks.total
        var hidden = Set<TaskID>()
        for id in marked {
            if tasks.rows.contains(where: { $0.id == id }) { continue }
            if let task = markedTasks[id] {
                if !query.taskFilter.matches(task) { hidden.insert(id) }
            } else if wholeList || query.markedTasks.contains(id) {
                hidden.insert(id)
            } else {
                return nil
            }
        }
        return hidden
    }

    /// Whether this snapshot answers the view's current filter and sort (a new one is on its
    /// way a moment after either changes).
    public func answers(_ state: ViewState) -> Bool {
        query.taskFilter == state.taskFilter && query.taskOrder == state.taskOrder
    }

    /// Whether an engine is running on the store: it holds the writer lock, and it wrote its
    /// summary recently (it rewrites it at least every second), so that a hung engine shows too.
    public func engineIsLive(at now: Instant) -> Bool {
        guard engineRunning ?? true, let summary else { return false }
        return now - summary.at < .seconds(5)
    }
}

/// One task in full, for the task view.
public struct TaskDetail: Sendable {
    public var task: Task
    /// The prerequisites drawn as a tree (see `DependencyTree`).
    public var tree: [String]
    /// Tasks that wait for this one.
    public var dependents: [Task]
    public var history: [TaskHistoryEntry]

    public init(task: Task, tree: [String], dependents: [Task], history: [TaskHistoryEntry]) {
        self.task = task
        self.tree = tree
        self.dependents = dependents
        self.history = history
    }
}

/// Where the dashboard reads from: the store (the engine's summary, windowed task queries) in
/// every mode, so that `demo` and `dash --db` show the same thing. Called off the UI thread.
public protocol DashboardSource: Sendable {
    func snapshot(for query: DashboardQuery) throws -> DashboardSnapshot
}
