/// Which keys do what. The defaults follow htop and k9s; `keys.toml` can rebind any action.
public struct KeyBindings: Sendable, Equatable {
    private var actions: [Key: Action] = [:]
    private var keys: [Action: [Key]] = [:]

    public init(_ bindings: [(Action, [Key])]) {
        for (action, keys) in bindings { bind(action, to: keys) }
    }

    public static let standard = KeyBindings([
        (.moveUp, [.character("k"), .up]),
        (.moveDown, [.character("j"), .down]),
        (.pageUp, [.pageUp, .control("b")]),
        (.pageDown, [.pageDown, .control("f")]),
        (.top, [.character("g"), .home]),
        (.bottom, [.character("G"), .end]),
        (.open, [.enter]),
        (.back, [.escape]),
        (.nextPane, [.tab]),
        (.previousPane, [.backTab]),
        (.focusQueues, [.character("1")]),
        (.focusTasks, [.character("2")]),
        (.focusAgents, [.character("3")]),
        (.focusMetrics, [.character("4")]),
        (.zoom, [.character("z")]),
        (.events, [.character("e")]),
        (.filter, [.character("/")]),
        (.sortNext, [.character("s")]),
        (.sortReverse, [.character("S")]),
        (.mark, [.character(" ")]),
        (.raisePriority, [.character("]")]),
        (.lowerPriority, [.character("[")]),
        (.pickPriority, [.character("p")]),
        (.cancel, [.character("c")]),
        (.retry, [.character("r")]),
        (.pauseResume, [.character("P")]),
        (.drain, [.character("d")]),
        (.restart, [.character("R")]),
        (.addReplica, [.character("+")]),
        (.removeReplica, [.character("-")]),
        (.newTask, [.character("n")]),
        (.commandLine, [.character(":")]),
        (.nextTheme, [.character("t")]),
        (.freeze, [.character("f")]),
        (.messages, [.character("m")]),
        (.help, [.character("?"), .function(1)]),
        (.quit, [.character("q")]),
    ])

    /// Binds `action` to exactly `keys`; a key taken from another action leaves that action.
    public mutating func bind(_ action: Action, to newKeys: [Key]) {
        for key in keys[action] ?? [] where actions[key] == action { actions.removeValue(forKey: key) }
        for key in newKeys {
            if let previous = actions[key], previous != action { keys[previous]?.removeAll { $0 == key } }
            actions[key] = action
        }
        keys[action] = newKeys
    }

    public func action(for key: Key) -> Action? { actions[key] }

    public func keys(for action: Action) -> [Key] { keys[action] ?? [] }

    /// The first key of an action as shown to people, or "—" when unbound.
    public func label(_ action: Action) -> String { keys(for: action).first?.spec ?? "—" }
}
