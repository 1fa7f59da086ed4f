/// What an operator can do with a key, by name (the names `keys.toml` uses).
public enum Action: String, CaseIterable, Sendable {
    case moveUp = "move_up"
    case moveDown = "move_down"
    case pageUp = "page_up"
    case pageDown = "page_down"
    case top
    case bottom
    case open
    case back
    case nextPane = "next_pane"
    case previousPane = "previous_pane"
    case focusQueues = "focus_queues"
    case focusTasks = "focus_tasks"
    case focusAgents = "focus_agents"
    case focusMetrics = "focus_metrics"
    case zoom
    case events
    case filter
    case sortNext = "sort_next"
    case sortReverse = "sort_reverse"
    case mark
    case raisePriority = "raise_priority"
    case lowerPriority = "lower_priority"
    case pickPriority = "pick_priority"
    case cancel
    case retry
    case pauseResume = "pause_resume"
    case drain
    case restart
    case addReplica = "add_replica"
    case removeReplica = "remove_replica"
    case newTask = "new_task"
    case commandLine = "command_line"
    case nextTheme = "next_theme"
    case freeze
    case messages
    case help
    case quit

    /// One line for the help overlay.
    public var summary: String {
        switch self {
        case .moveUp: "move up"
        case .moveDown: "move down"
        case .pageUp: "page up"
        case .pageDown: "page down"
        case .top: "first row"
        case .bottom: "last row"
        case .open: "open the selected task or agent; on a queue, show its tasks"
        case .back: "close, clear marks, clear the filter (in that order)"
        case .nextPane: "next pane"
        case .previousPane: "previous pane"
        case .focusQueues: "Queues pane"
        case .focusTasks: "Tasks pane"
        case .focusAgents: "Agents pane"
        case .focusMetrics: "Metrics pane"
        case .zoom: "zoom the pane to the full screen (again to restore)"
        case .events: "show or hide the event log"
        case .filter: "filter tasks (words, status:, priority:, agent:, tag:, queue:) or agents"
        case .sortNext: "sort by the next column"
        case .sortReverse: "reverse the sort"
        case .mark: "mark the task for bulk actions"
        case .raisePriority: "raise the priority of the selected or marked tasks"
        case .lowerPriority: "lower the priority of the selected or marked tasks"
        case .pickPriority: "pick a priority for the selected or marked tasks"
        case .cancel: "cancel the selected or marked tasks (asks first)"
        case .retry: "retry the selected or marked tasks"
        case .pauseResume: "pause or resume the selected queue, agent or tasks"
        case .drain: "drain the selected agent (finish work, take no more)"
        case .restart: "restart the selected agent"
        case .addReplica: "add a replica to the selected agent's pool"
        case .removeReplica: "remove a replica from the selected agent's pool"
        case .newTask: "submit a new task"
        case .commandLine: "command line (:reprioritize t-4f2a critical, :theme light, …)"
        case .nextTheme: "next theme"
        case .freeze: "freeze or unfreeze the screen"
        case .messages: "the footer's messages, newest first (also :messages)"
        case .help: "this help"
        case .quit: "quit"
        }
    }
}
