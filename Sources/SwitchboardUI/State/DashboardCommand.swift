import SwitchboardCore

/// What a key asks of the world outside the view: an engine command, or to quit.
public enum DashboardCommand: Equatable, Sendable {
    case engine(OperatorCommand)
    case quit
}

/// What `update` needs to know besides the view state: the data on the screen, the screen's
/// size (for page sizes and mouse clicks), the time and the key bindings.
public struct UpdateContext: Sendable {
    public var snapshot: DashboardSnapshot?
    public var width: Int
    public var height: Int
    public var now: Instant
    public var bindings: KeyBindings

    public init(snapshot: DashboardSnapshot?, width: Int, height: Int, now: Instant, bindings: KeyBindings = .standard) {
        self.snapshot = snapshot
        self.width = width
        self.height = height
        self.now = now
        self.bindings = bindings
    }
}
