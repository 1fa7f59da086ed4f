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
    /// Gone: stopped by an operator or scaled down.
    case stopped
    /// Given up on by its supervisor: it crashed more often than the restart policy allows
    /// (`RestartPolicy.intensity` within `period`). It stays down — no restart, no reuse of its
    /// name by its pool — until an operator restarts it (`R`, `switchboard agent restart`).
    case failed

    /// Whether new work may be assigned in this state.
    public var acceptsWork: Bool { self == .idle || self == .busy }

    /// Whether the agent is present (has a process, or is simulated and alive).
    public var isAlive: Bool { self != .stopped && self != .restarting && self != .failed }

    /// Whether the agent is down for good until someone acts: stopped, or given up on.
    public var isDown: Bool { self == .stopped || self == .failed }

    /// The state shown while no engine runs on the store: nothing can be running, so every
    /// agent is stopped — but one given up on stays `failed` until an operator restarts it.
    public var withoutEngine: AgentState { self == .failed ? .failed : .stopped }
}

/// Operator actions on an agent.
public enum AgentAction: String, CaseIterable, Codable, Sendable {
    case pause, resume, drain, restart, stop
}
