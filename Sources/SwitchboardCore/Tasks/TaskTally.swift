/// What the console counts as work done and work failed — one definition for the Agents
/// pane's DONE/FAIL, `switchboard agents` and `switchboard report`, so that they agree.
///
/// A task counts once, when it reaches its final status, for the agent that held its last
/// attempt: `completed` is done; `failed` and `timeout` are failed; `cancelled` is neither (an
/// operator's decision, not the agent's result). Attempts that failed and were retried are
/// not counted here: they show in the agent's health (its error rate) instead.
public enum TaskTally: Sendable, Hashable {
    case done
    case failed

    /// How `status` counts, or nil when it does not.
    public init?(_ status: TaskStatus) {
        switch status {
        case .completed: self = .done
        case .failed, .timeout: self = .failed
        default: return nil
        }
    }

    /// Done ÷ (done + failed), nil when neither.
    public static func successRate(done: Int, failed: Int) -> Double? {
        done + failed == 0 ? nil : Double(done) / Double(done + failed)
    }

    /// "100%", "99.8%", "50%": never rounds a failure away (745 of 746 is 99.8%, not 100%).
    public static func formatRate(_ rate: Double) -> String {
        if rate >= 1 { return "100%" }
        let tenths = (rate * 1000).rounded(.down) / 10
        return tenths == tenths.rounded() ? "\(Int(tenths))%" : "\(tenths)%"
    }
}
