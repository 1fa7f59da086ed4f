import SwitchboardCore

/// What every pane needs to draw itself: the data, the view, the layout and the time.
struct RenderContext {
    let snapshot: DashboardSnapshot?
    let state: ViewState
    let layout: Layout
    /// The moment ages are counted to: when the snapshot was read.
    let now: Instant
    /// The wall clock, for the header's clock and for how stale the data is.
    let wallClock: Instant
    let utcOffsetSeconds: Int
    let bindings: KeyBindings

    func isFocused(_ pane: ViewState.Pane) -> Bool { state.focus == pane && state.overlay == nil }

    var summary: EngineSummary? { snapshot?.summary }

    /// The agents as the Agents pane lists them: filtered and sorted.
    var listedAgents: [AgentRecord] { Dashboard.listedAgents(snapshot, state) }

    func key(_ action: Action) -> String { bindings.label(action) }
}
