/// What a message is for. The JSON form is the lowercase name.
public enum MessageKind: String, CaseIterable, Codable, Sendable {
    case coordination, task, response, status, alert, broadcast, direct, system, validation, feedback

    var ordinal: UInt8 {
        switch self {
        case .coordination: 0
        case .task: 1
        case .response: 2
        case .status: 3
        case .alert: 4
        case .broadcast: 5
        case .direct: 6
        case .system: 7
        case .validation: 8
        case .feedback: 9
        }
    }
}
