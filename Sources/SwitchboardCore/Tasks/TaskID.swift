/// A task's identity: short and typeable, `t-` and hex digits (`t-4f2a`). Ids grow longer as a
/// store holds more tasks, so that random ids rarely collide. The JSON form is the string.
public struct TaskID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Accepts `t-4f2a` or just `4f2a`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace()
        let body = trimmed.hasPrefix("t-") ? String(trimmed.dropFirst(2)) : trimmed
        guard !body.isEmpty, body.count <= 16, body.allSatisfy({ $0.isHexDigit }) else { return nil }
        rawValue = "t-" + body.lowercased()
    }

    public static func < (lhs: TaskID, rhs: TaskID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    public func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
