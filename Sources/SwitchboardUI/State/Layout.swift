/// Where everything goes on a screen of a given size: header, footer, the four panes (side by
/// side on wide screens, stacked on narrow ones, one of them zoomed), the event log. Both
/// drawing and key handling (page sizes, mouse clicks) use it, so they always agree.
public struct Layout: Equatable, Sendable {
    public static let minimumWidth = 60
    public static let minimumHeight = 16
    /// From this width the panes sit side by side.
    public static let wideWidth = 120

    public var width: Int
    public var height: Int
    public var header: Rect
    public var footer: Rect
    public var panes: [ViewState.Pane: Rect]
    public var events: Rect?

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    public init(width: Int, height: Int, state: ViewState) {
        self.width = width
        self.height = height
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        (header, _) = screen.splitTop(1)
        (_, footer) = screen.splitBottom(1)
        panes = [:]
        events = nil
        guard !(width < Self.minimumWidth || height < Self.minimumHeight) else { return }
        var body = Rect(x: 0, y: 1, width: width, height: height - 2)
        if state.showEvents {
            let rows = min(12, max(5, body.height / 4))
            let split = body.splitBottom(rows)
            body = split.rest
            events = split.bottom
        }
        if state.zoomed {
            panes[state.focus] = body
            return
        }
        if width >= Self.wideWidth {
            let topRows = max(7, min(14, body.height * 28 / 100))
            let (top, rest) = body.splitTop(topRows)
            let (queues, metrics) = top.splitLeft(top.width / 2)
            let (tasks, agents) = rest.splitTop(rest.height * 56 / 100)
            panes = [.queues: queues, .metrics: metrics, .tasks: tasks, .agents: agents]
        } else {
            // Tasks is where the operator acts, so it gets the most rows: about half, the
            // rest shared by the others (at 80×24: 7 task rows, 2 agents, 1 queue, 1 metric line).
            var queuesRows = max(4, body.height * 15 / 100)
            var agentsRows = max(5, body.height * 22 / 100)
            var metricsRows = max(3, body.height * 14 / 100)
            // The task table keeps at least a few rows: the others give way, metrics first.
            while body.height - queuesRows - agentsRows - metricsRows < 6 {
                if metricsRows > 3 { metricsRows -= 1 } else if agentsRows > 4 { agentsRows -= 1 } else if queuesRows > 3 { queuesRows -= 1 } else { break }
            }
            let (queues, rest1) = body.splitTop(queuesRows)
            let (tasks, rest2) = rest1.splitTop(rest1.height - agentsRows - metricsRows)
            let (agents, metrics) = rest2.splitTop(agentsRows)
            panes = [.queues: queues, .tasks: tasks, .agents: agents, .metrics: metrics]
        }
    }

    /// Rows of tasks the Tasks pane shows (inside the border, below the heading).
    public var visibleTaskRows: Int { max(1, (panes[.tasks]?.height ?? 3) - 3) }

    /// Rows of agents the Agents pane shows (inside the border, below the pools line and heading).
    public var visibleAgentRows: Int {
        let height = panes[.agents]?.height ?? 4
        return max(1, height - (Self.agentsPaneShowsPools(height: height) ? 4 : 3))
    }

    /// Whether the Agents pane has room for its line of pools above the table.
    public static func agentsPaneShowsPools(height: Int) -> Bool { height >= 8 }

    /// Rows of queues the Queues pane shows.
    public var visibleQueueRows: Int { max(1, (panes[.queues]?.height ?? 3) - 3) }

    /// The pane under a cell, if any.
    public func pane(atX x: Int, y: Int) -> ViewState.Pane? {
        panes.first { $0.value.contains(x: x, y: y) }?.key
    }
}
