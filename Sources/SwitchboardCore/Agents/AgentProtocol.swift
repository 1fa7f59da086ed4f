/// The protocol between the engine and a process agent: newline-delimited JSON on the agent's
/// stdin and stdout, one object per line with a `"type"`. Version 1.
///
/// Agent → engine: `hello` (version, capabilities, role), `heartbeat`, `progress` (task,
/// percent, note), `complete` (task, result, output), `fail` (task, error, retry, output),
/// `send` (to, kind, priority, body, ttl, tags, reply_to), `log` (level, message).
///
/// Engine → agent: `welcome` (version, agent, heartbeat_interval), `task` (task, title, payload,
/// command, attempt, priority, timeout, deadline), `message` (id, from, kind, priority, body,
/// tags, reply_to), `cancel` (task, reason), `shutdown` (reason), `error` (message).
///
/// A line that is not JSON, not an object, of an unknown type, not UTF-8, or longer than 1 MiB is
/// a protocol violation: it is counted and answered with an `error` line, and an agent that
/// keeps doing it is quarantined. Nothing an agent writes can disturb the engine or other agents.
public enum AgentProtocol {
    public static let version = 1
    public static let maximumLineBytes = 1 << 20

    /// What one line from `agent` says.
    public static func decode(_ line: [UInt8], agent: String) -> AgentReport {
        func violation(_ reason: String) -> AgentReport { .protocolViolation(agent: agent, reason: reason) }
        guard line.count <= maximumLineBytes else { return violation("line longer than 1 MiB (\(line.count) bytes)") }
        guard String(validating: line, as: UTF8.self) != nil else { return violation("line is not valid UTF-8") }
        let json: JSONValue
        do {
            json = try JSONParser.parse(line)
        } catch {
            return violation("line is not JSON: \(error.reason) at byte \(error.offset)")
        }
        guard case .object = json else { return violation("line is not a JSON object") }
        guard let type = json["type"]?.stringValue else { return violation("line has no \"type\"") }
        func task() -> TaskID? { json["task"]?.stringValue.flatMap(TaskID.init(parsing:)) }
        switch type {
        case "hello":
            let version = Int(json["version"]?.integerValue ?? Int64(version))
            guard version == Self.version else {
                return violation("protocol version \(version) is not supported; this engine speaks \(Self.version)")
            }
            return .hello(
                agent: agent, capabilities: json["capabilities"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                role: json["role"]?.stringValue, protocolVersion: version)
        case "heartbeat":
            return .heartbeat(agent: agent)
        case "progress":
            guard let id = task() else { return violation("progress needs a \"task\"") }
            guard let percent = json["percent"]?.doubleValue else { return violation("progress needs a \"percent\"") }
            return .progress(agent: agent, task: id, percent: Int(percent.rounded()), note: json["note"]?.stringValue)
        case "complete":
            guard let id = task() else { return violation("complete needs a \"task\"") }
            return .completed(agent: agent, task: id, result: json["result"], output: json["output"]?.stringValue)
        case "fail":
            guard let id = task() else { return violation("fail needs a \"task\"") }
            return .failed(
                agent: agent, task: id, error: json["error"]?.stringValue ?? "failed", retryable: json["retry"]?.boolValue ?? true,
                output: json["output"]?.stringValue)
        case "send":
            guard let to = json["to"]?.stringValue, let recipient = Recipient(parsing: to) else {
                return violation("send needs \"to\": agent:NAME, role:NAME or broadcast")
            }
            let kind = json["kind"]?.stringValue ?? "direct"
            guard let messageKind = MessageKind(rawValue: kind) else { return violation("send: unknown kind \"\(kind)\"") }
            return .send(
                agent: agent, recipient: recipient, kind: messageKind,
                priority: json["priority"]?.stringValue.flatMap(Priority.init(parsing:)) ?? .normal,
                body: MessageBody(json: json["body"] ?? .null), ttl: json["ttl"]?.doubleValue.map { .seconds(fractional: $0) },
                tags: json["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                correlationID: json["reply_to"]?.integerValue.flatMap(UInt64.init(exactly:)).map(MessageID.init))
        case "log":
            return .log(agent: agent, level: json["level"]?.stringValue ?? "info", text: json["message"]?.stringValue ?? "")
        default:
            return violation("unknown type \"\(type)\"")
        }
    }

    /// The line that greets an agent after its hello.
    public static func welcome(agent: String, heartbeatInterval: Double) -> String {
        JSONValue.object([
            "type": "welcome", "version": .integer(Int64(version)), "agent": .string(agent),
            "heartbeat_interval": .number(heartbeatInterval),
        ]).jsonText
    }

    /// The line an effect sends to its agent, if it sends one.
    public static func line(for effect: EngineEffect) -> String? {
        switch effect {
        case .deliverTask(_, let assignment):
            guard case .object(var members) = assignment.json else { return nil }
            members["type"] = "task"
            return JSONValue.object(members).jsonText
        case .deliverMessage(_, let message):
            var members: [String: JSONValue] = [
                "type": "message", "id": .integer(Int64(message.id.rawValue)), "from": .string(message.sender),
                "kind": .string(message.kind.rawValue), "priority": .string(message.priority.rawValue),
                "tags": .array(message.tags.map { .string($0) }),
                "reply_to": message.correlationID.map { .integer(Int64($0.rawValue)) } ?? .null,
            ]
            switch message.body.encoding {
            case .json: members["body"] = message.body.json ?? .null
            case .bytes: members["body"] = ["bytes": .string(Base64.encode(message.body.bytes))]
            }
            return JSONValue.object(members).jsonText
        case .cancelTask(_, let task, let reason):
            return JSONValue.object(["type": "cancel", "task": .string(task.rawValue), "reason": .string(reason)]).jsonText
        case .stopAgent(_, let reason):
            return JSONValue.object(["type": "shutdown", "reason": .string(reason)]).jsonText
        case .replyError(_, let message):
            return JSONValue.object(["type": "error", "message": .string(message)]).jsonText
        case .startAgent, .restartAgent, .killAgent:
            return nil
        }
    }
}

extension EngineEffect {
    /// The agent the effect is for.
    public var agent: String {
        switch self {
        case .deliverTask(let agent, _), .deliverMessage(let agent, _), .cancelTask(let agent, _, _), .startAgent(_, let agent),
            .stopAgent(let agent, _), .restartAgent(let agent, _), .killAgent(let agent, _), .replyError(let agent, _):
            agent
        }
    }
}
