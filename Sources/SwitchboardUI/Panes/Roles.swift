import SwitchboardCore

/// Which role colours each value of the domain.
extension Role {
    static func of(_ priority: Priority) -> Role {
        switch priority {
        case .low: .priorityLow
        case .normal: .priorityNormal
        case .high: .priorityHigh
        case .urgent: .priorityUrgent
        case .critical: .priorityCritical
        }
    }

    static func of(_ status: TaskStatus) -> Role {
        switch status {
        case .pending: .statusPending
        case .blocked: .statusBlocked
        case .queued: .statusQueued
        case .running: .statusRunning
        case .paused: .statusPaused
        case .completed: .statusCompleted
        case .failed: .statusFailed
        case .cancelled: .statusCancelled
        case .timeout: .statusTimeout
        }
    }

    static func of(_ level: AgentHealth.Level) -> Role {
        switch level {
        case .healthy: .healthHealthy
        case .degraded: .healthDegraded
        case .unhealthy: .healthUnhealthy
        case .dead: .healthDead
        }
    }

    static func of(_ state: AgentState) -> Role {
        switch state {
        case .idle: .foreground
        case .busy: .statusRunning
        case .starting: .statusQueued
        case .draining, .paused: .statusPaused
        case .unhealthy: .alert
        case .restarting: .healthDegraded
        case .stopped: .dim
        case .failed: .alert
        }
    }

    static func of(_ kind: EngineEvent.Kind) -> Role {
        switch kind {
        case .agentDied, .agentQuarantined, .agentUnhealthy, .agentStalled, .supervisorGaveUp, .poolFailing, .taskFailed, .taskTimedOut, .storeError:
            .alert
        case .agentDegraded, .taskOverdue, .enginePaused: .healthDegraded
        case .agentRestarted, .agentRecovered, .agentStarted: .healthHealthy
        case .poolScaled, .operatorAction: .title
        case .agentStopped: .dim
        }
    }
}

/// A glyph per health level, so that health reads without colour too.
extension AgentHealth.Level {
    var glyph: String {
        switch self {
        case .healthy: "●"
        case .degraded: "◐"
        case .unhealthy: "○"
        case .dead: "✕"
        }
    }
}
