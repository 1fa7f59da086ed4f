/// What a cell's colour means. The canvas stores roles, never colours: a theme turns roles
/// into colours when the terminal draws, and a monochrome terminal turns them into attributes.
public enum Role: UInt8, CaseIterable, Sendable {
    case foreground, background, dim, border, focusedBorder, title, selection
    case priorityLow, priorityNormal, priorityHigh, priorityUrgent, priorityCritical
    case statusPending, statusBlocked, statusQueued, statusRunning, statusPaused
    case statusCompleted, statusFailed, statusCancelled, statusTimeout
    case healthHealthy, healthDegraded, healthUnhealthy, healthDead
    case gaugeFill, gaugeEmpty, chart, alert

    /// The role's key in a theme file: `section.name`.
    public var themeKey: String {
        switch self {
        case .foreground: "colors.foreground"
        case .background: "colors.background"
        case .dim: "colors.dim"
        case .border: "colors.border"
        case .focusedBorder: "colors.focused_border"
        case .title: "colors.title"
        case .selection: "colors.selection"
        case .gaugeFill: "colors.gauge_fill"
        case .gaugeEmpty: "colors.gauge_empty"
        case .chart: "colors.chart"
        case .alert: "colors.alert"
        case .priorityLow: "priority.low"
        case .priorityNormal: "priority.normal"
        case .priorityHigh: "priority.high"
        case .priorityUrgent: "priority.urgent"
        case .priorityCritical: "priority.critical"
        case .statusPending: "status.pending"
        case .statusBlocked: "status.blocked"
        case .statusQueued: "status.queued"
        case .statusRunning: "status.running"
        case .statusPaused: "status.paused"
        case .statusCompleted: "status.completed"
        case .statusFailed: "status.failed"
        case .statusCancelled: "status.cancelled"
        case .statusTimeout: "status.timeout"
        case .healthHealthy: "health.healthy"
        case .healthDegraded: "health.degraded"
        case .healthUnhealthy: "health.unhealthy"
        case .healthDead: "health.dead"
        }
    }

    /// One character per role, for the colour-role layer of golden screens.
    public var code: Character {
        switch self {
        case .foreground: "."
        case .background: " "
        case .dim: "d"
        case .border: "b"
        case .focusedBorder: "B"
        case .title: "t"
        case .selection: "s"
        case .priorityLow: "0"
        case .priorityNormal: "1"
        case .priorityHigh: "2"
        case .priorityUrgent: "3"
        case .priorityCritical: "4"
        case .statusPending: "p"
        case .statusBlocked: "k"
        case .statusQueued: "q"
        case .statusRunning: "r"
        case .statusPaused: "z"
        case .statusCompleted: "C"
        case .statusFailed: "F"
        case .statusCancelled: "X"
        case .statusTimeout: "T"
        case .healthHealthy: "H"
        case .healthDegraded: "E"
        case .healthUnhealthy: "U"
        case .healthDead: "K"
        case .gaugeFill: "#"
        case .gaugeEmpty: "-"
        case .chart: "c"
        case .alert: "!"
        }
    }
}
