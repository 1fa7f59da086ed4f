/// What an agent is doing, as the engine sees it. The JSON form is the lowercase name.
public enum AgentState: String, CaseIterable, Codable, Sendable {
    /// Started, has not said hello yet.
    case starting
    /// Connected, no work.
    case idle
    /// Connected, running at least one task.
    case busy
    /// Finishing its current work, taking no more.
    case draining
    /// Held by an operator: takes no work.
    case paused
    /// Judged unhealthy (missed heartbeats, quarantined, stalled): takes no work.
    case unhealthy
    /// Being restarted by the supervisor.
    case restarting
    /// Gone: stopped by an operator, scaled down, or given up on.
    case stopped

    /// Whether new work may be assigned in this state.
    public var acceptsWork: Bool { self == .idle || self == .busy }

    /// Whether the agent is present (has a process, or is simulated and alive).
    public var isAlive: Bool { self != .stopped && self != .restarting }
}

/// Operator actions on an agent.
public enum AgentAction: String, CaseIterable, Codable, Sendable {
    case pause, resume, drain, restart, stop
}
