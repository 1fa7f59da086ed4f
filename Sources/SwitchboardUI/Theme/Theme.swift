/// Colours for every role. A theme file names only the roles it changes; the rest come from
/// the default theme. `monochrome` themes use no colour at all: roles are shown with
/// attributes (reverse, bold, dim), as on a terminal without colour or with `NO_COLOR`.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var monochrome: Bool
    private var colors: [ThemeColor]

    public init(name: String, monochrome: Bool = false, overrides: [Role: ThemeColor] = [:], base: Theme? = nil) {
        self.name = name
        self.monochrome = monochrome
        colors = base?.colors ?? Self.standardColors
        for (role, color) in overrides { colors[Int(role.rawValue)] = color }
    }

    public func color(_ role: Role) -> ThemeColor { colors[Int(role.rawValue)] }

    /// The roles whose colour differs from `other`'s.
    public func differences(from other: Theme) -> [Role] {
        Role.allCases.filter { color($0) != other.color($0) }
    }

    /// The built-in dark theme; `themes/default.toml` spells out the same colours.
    public static let standard = Theme(name: "default")

    /// Every role of the default theme, in `Role` order.
    private static let standardColors: [ThemeColor] = Role.allCases.map { role in
        switch role {
        case .foreground, .background: .terminalDefault
        case .dim: .indexed(245)
        case .border: .indexed(240)
        case .focusedBorder: .indexed(45)
        case .title: .indexed(117)
        case .selection: .indexed(237)
        case .priorityLow: .indexed(244)
        case .priorityNormal: .indexed(252)
        case .priorityHigh: .indexed(75)
        case .priorityUrgent: .indexed(214)
        case .priorityCritical: .indexed(196)
        case .statusPending: .indexed(180)
        case .statusBlocked: .indexed(137)
        case .statusQueued: .indexed(111)
        case .statusRunning: .indexed(114)
        case .statusPaused: .indexed(179)
        case .statusCompleted: .indexed(71)
        case .statusFailed: .indexed(203)
        case .statusCancelled: .indexed(244)
        case .statusTimeout: .indexed(209)
        case .healthHealthy: .indexed(71)
        case .healthDegraded: .indexed(178)
        case .healthUnhealthy: .indexed(203)
        case .healthDead: .indexed(160)
        case .gaugeFill: .indexed(73)
        case .gaugeEmpty: .indexed(238)
        case .chart: .indexed(110)
        case .alert: .indexed(203)
        }
    }
}
