/// A message's identity: a sequence number, unique within a queue and increasing in order of
/// enqueueing. It doubles as the FIFO tie-breaker within a priority. The JSON form is the number;
/// people see it as `m-<number>`.
public struct MessageID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: UInt64

    public init(_ rawValue: UInt64) { self.rawValue = rawValue }

    public static func < (lhs: MessageID, rhs: MessageID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "m-\(rawValue)" }

    /// Parses `m-42` or `42`.
    public init?(parsing text: String) {
        let digits = text.hasPrefix("m-") ? String(text.dropFirst(2)) : text
        guard let value = UInt64(digits), value > 0 else { return nil }
        rawValue = value
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(UInt64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The consecutive ids created by one enqueue: one id, or one per copy of a broadcast.
public struct MessageIDs: Sequence, Hashable, Sendable, CustomStringConvertible {
    public let first: MessageID
    public let count: Int

    public init(first: MessageID, count: Int) {
        self.first = first
        self.count = count
    }

    public func makeIterator() -> some IteratorProtocol<MessageID> {
        (0..<UInt64(count)).lazy.map { MessageID(first.rawValue + $0) }.makeIterator()
    }

    public var description: String { map(\.description).joined(separator: ",") }
}
