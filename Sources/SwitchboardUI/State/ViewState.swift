import SwitchboardCore

/// Everything about what the operator is looking at, and nothing about the swarm itself: the
/// one owner of UI state. Keys change it through `Dashboard.update`; the screen is drawn from
/// it and the latest snapshot.
public struct ViewState: Sendable, Equatable {
    public enum Pane: Int, CaseIterable, Sendable {
        case queues = 1, tasks, agents, metrics

        public var title: String {
            switch self {
            case .queues: "Queues"
            case .tasks: "Tasks"
            case .agents: "Agents"
            case .metrics: "Metrics"
            }
        }
    }

    public var focus: Pane = .tasks
    public var zoomed = false
    public var showEvents = false
    public var frozen = false

    /// Rows of the cursors (where the highlight is drawn); they follow the selections below.
    public var queueCursor = 0
    public var taskCursor = 0
    public var taskScroll = 0
    public var agentCursor = 0
    public var agentScroll = 0

    /// What each list's cursor is on, by identity: actions hit these, not rows.
    public var taskSelection: Selection<TaskID> = .none
    public var agentSelection: Selection<String> = .none
    public var queueSelection: Selection<String> = .none

    public var taskOrder: TaskOrder = .standard
    public var agentOrder = AgentOrder()
    public var taskFilter = TaskFilter()
    public var agentFilter = ""
    public var marked: Set<TaskID> = []

    public var overlay: Overlay?
    public var input: InputLine?
    /// The message on the footer. Every message shown is also kept in `messages`, so that
    /// one cut short on a narrow footer, or replaced by the next, can still be read.
    public var flash: Flash? {
        didSet {
            guard let flash, flash != oldValue else { return }
            messages.append(flash)
            if messages.count > Self.messageLogLimit { messages.removeFirst(messages.count - Self.messageLogLimit) }
        }
    }
    /// The footer's messages, oldest first (at most `messageLogLimit`).
    public private(set) var messages: [Flash] = []
    public static let messageLogLimit = 200
    /// Commands sent and not yet answered, oldest first, with what the dashboard knew of them
    /// (the engine answers in order), so that the answer can name what changed.
    var pending: [PendingCommand] = []
    /// The last `:` line run, for ↑ on a fresh command line.
    public var lastCommandLine: String?

    /// The themes `t` cycles through, and the one in use.
    public var themes: [String]
    public var themeIndex = 0

    public init(themes: [String] = ["default"], theme: String? = nil) {
        self.themes = themes.isEmpty ? ["default"] : themes
        if let theme, let index = self.themes.firstIndex(of: theme) { themeIndex = index }
    }

    public var themeName: String { themes[min(themeIndex, themes.count - 1)] }

    /// A window over the screen.
    public enum Overlay: Sendable, Equatable {
        case help(scroll: Int)
        case task(TaskID, scroll: Int)
        case agent(String, scroll: Int)
        /// Choosing a priority for `targets`; `cursor` indexes `Priority.servingOrder`.
        case priorityPicker(targets: TaskSelector, count: Int, cursor: Int)
        case confirm(Confirmation)
        /// The footer's message log, newest first.
        case messages(scroll: Int)
    }

    /// A question before a command that cannot be undone, with what it will touch.
    public struct Confirmation: Sendable, Equatable {
        public var question: String
        /// One line per item the command touches (shown below the question).
        public var items: [String]
        public var command: OperatorCommand

        public init(question: String, items: [String] = [], command: OperatorCommand) {
            self.question = question
            self.items = items
            self.command = command
        }
    }

    /// A line of text being typed: a filter, a `:` command or a new task.
    public struct InputLine: Sendable, Equatable {
        public enum Purpose: Sendable, Equatable {
            case taskFilter(previous: String)
            case agentFilter(previous: String)
            case command
            case newTask
        }

        public var purpose: Purpose
        public var text: String
        /// Cursor position, in characters.
        public var cursor: Int
        /// What is wrong with the text so far (a filter that does not parse).
        public var problem: String?

        public init(_ purpose: Purpose, text: String = "") {
            self.purpose = purpose
            self.text = text
            cursor = text.count
        }

        public var prompt: String {
            switch purpose {
            case .taskFilter, .agentFilter: "/"
            case .command: ":"
            case .newTask: "new task: "
            }
        }
    }

    /// A message on the footer, until the next key after a few seconds.
    public struct Flash: Sendable, Equatable {
        public var text: String
        public var isError: Bool
        public var shownAt: Instant

        public init(_ text: String, isError: Bool = false, at: Instant) {
            self.text = text
            self.isError = isError
            shownAt = at
        }
    }

    /// Shows what a command did (the app calls this when the engine answers, in the order the
    /// commands were sent): which tasks it changed, by id, when the dashboard sent it.
    public mutating func show(_ outcome: CommandOutcome, at now: Instant) {
        let sent = pending.isEmpty ? nil : pending.removeFirst()
        flash = Flash(sent?.describe(outcome) ?? outcome.message, isError: !outcome.accepted, at: now)
    }

    /// The query for the source, given how many task rows the screen shows.
    public func query(visibleTaskRows: Int) -> DashboardQuery {
        let detail: TaskID? = if case .task(let id, _) = overlay { id } else { nil }
        // A page above and below the visible rows, so that moving the cursor never waits.
        let margin = max(visibleTaskRows, 10)
        let offset = max(0, taskScroll - margin)
        // The selected task goes along, so that the source finds it wherever the list moved it.
        return DashboardQuery(
            taskFilter: taskFilter, taskOrder: taskOrder, taskOffset: offset, taskLimit: visibleTaskRows + 2 * margin,
            taskDetail: detail, taskSelected: taskSelection.id, markedTasks: marked.sorted(), eventLimit: 200)
    }
}

/// How the agents table is sorted.
public struct AgentOrder: Sendable, Equatable {
    public enum Key: String, CaseIterable, Sendable {
        case name, pool, state, health, cpu, memory, heartbeat, done
    }

    public var key: Key = .name
    public var descending = false

    public init(_ key: Key = .name, descending: Bool = false) {
        self.key = key
        self.descending = descending
    }

    /// Worst health, most CPU, most memory, oldest heartbeat and most done first when chosen.
    public static func natural(_ key: Key) -> AgentOrder {
        switch key {
        case .cpu, .memory, .heartbeat, .done: AgentOrder(key, descending: true)
        default: AgentOrder(key)
        }
    }

    /// `agents` in this order. They must come sorted by name (as snapshots hold them), which
    /// is the tie-break, so that sorting a thousand agents each frame stays cheap.
    public func sorted(_ agents: [AgentRecord], at now: Instant) -> [AgentRecord] {
        if key == .name { return descending ? agents.reversed() : agents }
        func ordered<T: Comparable>(_ x: T, _ y: T) -> Bool? { x == y ? nil : (descending ? x > y : x < y) }
        return agents.indices.sorted { i, j in
            let a = agents[i]
            let b = agents[j]
            let decided: Bool?
            switch key {
            case .name: decided = nil
            case .pool: decided = ordered(a.pool, b.pool)
            case .state: decided = ordered(a.state.displayOrder, b.state.displayOrder)
            case .health: decided = ordered(a.health.score, b.health.score)
            case .cpu: decided = ordered(a.resources.cpuPercent, b.resources.cpuPercent)
            case .memory: decided = ordered(a.resources.memoryBytes, b.resources.memoryBytes)
            case .heartbeat: decided = ordered(heartbeatAge(a, now), heartbeatAge(b, now))
            case .done: decided = ordered(a.tasksDone, b.tasksDone)
            }
            return decided ?? (i < j)
        }.map { agents[$0] }
    }

    private func heartbeatAge(_ agent: AgentRecord, _ now: Instant) -> Int64 {
        agent.lastHeartbeatAt.map { now.nanoseconds(since: $0) } ?? .max
    }
}

extension AgentState {
    /// Order for tables: the states that need a look first.
    public var displayOrder: Int {
        switch self {
        case .failed: -1
        case .unhealthy: 0
        case .restarting: 1
        case .starting: 2
        case .busy: 3
        case .draining: 4
        case .paused: 5
        case .idle: 6
        case .stopped: 7
        }
    }
}
