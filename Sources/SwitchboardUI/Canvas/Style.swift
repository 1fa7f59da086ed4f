/// Text attributes a widget asks for explicitly (on top of what its roles imply).
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let underline = TextAttributes(rawValue: 4)
    public static let reverse = TextAttributes(rawValue: 8)
}

/// How a cell looks: foreground and background roles plus attributes (three bytes).
public struct Style: Hashable, Sendable {
    public var foreground: Role
    public var background: Role
    public var attributes: TextAttributes

    public init(_ foreground: Role = .foreground, background: Role = .background, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()

    public func with(_ extra: TextAttributes) -> Style {
        Style(foreground, background: background, attributes: attributes.union(extra))
    }

    public func on(_ background: Role) -> Style { Style(foreground, background: background, attributes: attributes) }

    /// The attributes that carry the meaning of the roles when there is no colour: selection is
    /// reverse video, titles and alerts are bold, dim text is dim. Used by the terminal without
    /// colour and by the monochrome layer of golden screens.
    public var monochromeAttributes: TextAttributes {
        var result = attributes
        if background == .selection { result.insert(.reverse) }
        switch foreground {
        case .title, .focusedBorder, .alert, .statusFailed, .statusTimeout, .healthDead, .healthUnhealthy, .priorityCritical, .priorityUrgent:
            result.insert(.bold)
        case .dim, .gaugeEmpty, .statusCompleted, .statusCancelled:
            result.insert(.dim)
        default:
            break
        }
        return result
    }
}
