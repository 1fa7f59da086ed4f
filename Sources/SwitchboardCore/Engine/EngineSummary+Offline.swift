extension EngineSummary {
    /// The summary of a store whose engine is not running: the figures that describe the
    /// store (tasks, queues, agents by state) as they are, every rate zero — nothing moves
    /// without an engine — and the last engine's start and last word kept, so that its uptime
    /// and "offline since" stay true.
    ///
    /// `previous` is the summary the last engine wrote; without one, this summary's own times
    /// stand.
    public func offline(keepingTimesOf previous: EngineSummary?) -> EngineSummary {
        var summary = self
        if let previous {
            summary.at = previous.at
            summary.startedAt = previous.startedAt
            summary.node = previous.node
            summary.eventsLogged = previous.eventsLogged
            summary.depth = previous.depth
            summary.commitLatency = previous.commitLatency
        }
        summary.submittedPerSecond = Array(repeating: 0, count: submittedPerSecond.count)
        summary.completedPerSecond = Array(repeating: 0, count: completedPerSecond.count)
        summary.failedPerSecond = Array(repeating: 0, count: failedPerSecond.count)
        summary.messagesPerSecond = 0
        summary.errorRate = 0
        for index in summary.queues.indices {
            summary.queues[index].inPerSecond = 0
            summary.queues[index].outPerSecond = 0
        }
        return summary
    }

    /// The same summary with every rate at zero and every agent counted as stopped — but those
    /// given up on, which stay `failed` until an operator restarts them: how a store without a
    /// running engine is shown (its agents cannot be running either).
    public var offline: EngineSummary {
        var summary = offline(keepingTimesOf: nil)
        var counts = Dictionary(uniqueKeysWithValues: AgentState.allCases.map { ($0.rawValue, 0) })
        for (name, count) in agents {
            let state = AgentState(rawValue: name) ?? .stopped
            counts[state.withoutEngine.rawValue, default: 0] += count
        }
        summary.agents = counts
        return summary
    }
}
