/// Who a message is for.
///
/// The JSON form is a string: `"agent:NAME"`, `"role:NAME"` or `"broadcast"`.
public enum Recipient: Hashable, Sendable {
    /// One named agent.
    case agent(String)
    /// Any one agent with this role takes it.
    case role(String)
    /// Every registered consumer gets its own copy, acknowledged separately.
    case broadcast

    public var text: String {
        switch self {
        case .agent(let name): "agent:\(name)"
        case .role(let role): "role:\(role)"
        case .broadcast: "broadcast"
        }
    }

    /// Parses the JSON form; a bare name means an agent, `*` means broadcast.
    public init?(parsing text: String) {
        if text == "broadcast" || text == "*" {
            self = .broadcast
        } else if text.hasPrefix("agent:"), text.count > 6 {
            self = .agent(String(text.dropFirst(6)))
        } else if text.hasPrefix("role:"), text.count > 5 {
            self = .role(String(text.dropFirst(5)))
        } else if !text.isEmpty, !text.contains(":") {
            self = .agent(text)
        } else {
            return nil
        }
    }
}

extension Recipient: CustomStringConvertible {
    public var description: String { text }
}

extension Recipient: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let recipient = Recipient(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a recipient: \(text)")
        }
        self = recipient
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
