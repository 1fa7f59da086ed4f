/// The JSON form of operator commands, as written into the store's `commands` table by the CLI
/// and read by the engine. Stable and documented:
///
/// ```json
/// {"op":"submit","tasks":[{"title":"build","priority":"high","needs":["swift"],
///   "after":[{"id":"t-4f2a"},{"name":"fetch","condition":"any"}],"queue":"default",
///   "tags":["ci"],"timeout":600,"command":["make","-j4"],"name":"build"}]}
/// {"op":"reprioritize","select":{"ids":["t-4f2a"]},"priority":"critical"}
/// {"op":"cancel","select":{"filter":"status:queued tag:nightly"},"reason":"wrong branch"}
/// {"op":"queue","action":"pause","queue":"default"}
/// {"op":"agent","action":"drain","agent":"Agent-3"}
/// {"op":"send","message":{"recipient":"role:captain","kind":"direct","priority":"high","body":{"json":{}}}}
/// ```
extension OperatorCommand {
    public var json: JSONValue {
        switch self {
        case .submit(let specs): ["op": "submit", "tasks": .array(specs.map(\.json))]
        case .reprioritize(let selector, let priority): ["op": "reprioritize", "select": selector.json, "priority": .string(priority.rawValue)]
        case .shiftPriority(let selector, let delta): ["op": "shift-priority", "select": selector.json, "by": .integer(Int64(delta))]
        case .cancel(let selector, let reason): ["op": "cancel", "select": selector.json, "reason": reason.map(JSONValue.string) ?? .null]
        case .retry(let selector): ["op": "retry", "select": selector.json]
        case .pauseTasks(let selector): ["op": "pause", "select": selector.json]
        case .resumeTasks(let selector): ["op": "resume", "select": selector.json]
        case .pauseQueue(let name): ["op": "queue", "action": "pause", "queue": .string(name)]
        case .resumeQueue(let name): ["op": "queue", "action": "resume", "queue": .string(name)]
        case .send(let draft): ["op": "send", "message": draft.json]
        case .agent(let action, let name): ["op": "agent", "action": .string(action.rawValue), "agent": .string(name)]
        case .scalePool(let name, let minimum, let maximum):
            ["op": "scale", "pool": .string(name), "min": minimum.map { .integer(Int64($0)) } ?? .null, "max": maximum.map { .integer(Int64($0)) } ?? .null]
        case .adjustReplicas(let name, let delta): ["op": "replicas", "pool": .string(name), "delta": .integer(Int64(delta))]
        }
    }

    public init(json: JSONValue) throws(CommandDecodingError) {
        func string(_ key: String) throws(CommandDecodingError) -> String {
            guard let value = json[key]?.stringValue else { throw CommandDecodingError("missing \"\(key)\"") }
            return value
        }
        func selector() throws(CommandDecodingError) -> TaskSelector {
            guard let select = json["select"] else { throw CommandDecodingError("missing \"select\"") }
            return try TaskSelector(json: select)
        }
        switch try string("op") {
        case "submit":
            guard let tasks = json["tasks"]?.arrayValue else { throw CommandDecodingError("missing \"tasks\"") }
            var specs: [TaskSpec] = []
            for task in tasks { specs.append(try TaskSpec(json: task)) }
            self = .submit(specs)
        case "reprioritize":
            guard let priority = Priority(parsing: try string("priority")) else { throw CommandDecodingError("unknown priority") }
            self = .reprioritize(try selector(), priority)
        case "shift-priority":
            self = .shiftPriority(try selector(), by: Int(json["by"]?.integerValue ?? 1))
        case "cancel": self = .cancel(try selector(), reason: json["reason"]?.stringValue)
        case "retry": self = .retry(try selector())
        case "pause": self = .pauseTasks(try selector())
        case "resume": self = .resumeTasks(try selector())
        case "queue":
            let name = try string("queue")
            switch try string("action") {
            case "pause": self = .pauseQueue(name)
            case "resume": self = .resumeQueue(name)
            case let other: throw CommandDecodingError("unknown queue action \"\(other)\"")
            }
        case "send":
            guard let message = json["message"] else { throw CommandDecodingError("missing \"message\"") }
            self = .send(try MessageDraft(json: message))
        case "agent":
            guard let action = AgentAction(rawValue: try string("action")) else { throw CommandDecodingError("unknown agent action") }
            self = .agent(action, name: try string("agent"))
        case "scale":
            self = .scalePool(try string("pool"), minimum: json["min"]?.integerValue.map(Int.init), maximum: json["max"]?.integerValue.map(Int.init))
        case "replicas":
            self = .adjustReplicas(try string("pool"), delta: Int(json["delta"]?.integerValue ?? 0))
        case let other:
            throw CommandDecodingError("unknown command \"\(other)\"")
        }
    }
}

public struct CommandDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension TaskSelector {
    public var json: JSONValue {
        switch self {
        case .ids(let ids): ["ids": .array(ids.map { .string($0.rawValue) })]
        case .filter(let filter): ["filter": .string(filter.text)]
        }
    }

    public init(json: JSONValue) throws(CommandDecodingError) {
        if let ids = json["ids"]?.arrayValue {
            self = .ids(ids.compactMap { $0.stringValue.flatMap(TaskID.init(parsing:)) })
        } else if let text = json["filter"]?.stringValue {
            do {
                self = .filter(try TaskFilter(parsing: text))
            } catch {
                throw CommandDecodingError(error.message)
            }
        } else {
            throw CommandDecodingError("a selection needs \"ids\" or \"filter\"")
        }
    }
}

extension TaskSpec {
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "title": .string(title), "queue": .string(queue), "priority": .string(priority.rawValue),
            "needs": .array(capabilities.map { .string($0) }), "tags": .array(tags.map { .string($0) }),
            "after": .array(dependencies.map { dependency in
                var edge: [String: JSONValue] = ["condition": .string(dependency.condition.rawValue), "optional": .bool(dependency.optional)]
                switch dependency.reference {
                case .id(let id): edge["id"] = .string(id.rawValue)
                case .local(let name): edge["name"] = .string(name)
                }
                return .object(edge)
            }),
        ]
        if let payload { members["payload"] = payload }
        if let command { members["command"] = .array(command.map { .string($0) }) }
        if let timeout { members["timeout"] = .number(timeout.seconds) }
        if let deadline { members["deadline"] = .string(RFC3339.format(deadline)) }
        if let startAfter { members["startAfter"] = .string(RFC3339.format(startAfter)) }
        if let maxAttempts { members["maxAttempts"] = .integer(Int64(maxAttempts)) }
        if let parent { members["parent"] = .string(parent.rawValue) }
        if let localName { members["name"] = .string(localName) }
        return .object(members)
    }

    public init(json: JSONValue) throws(CommandDecodingError) {
        guard let title = json["title"]?.stringValue else { throw CommandDecodingError("a task needs a \"title\"") }
        var dependencies: [DependencySpec] = []
        for edge in json["after"]?.arrayValue ?? [] {
            let condition = TaskDependency.Condition(rawValue: edge["condition"]?.stringValue ?? "success") ?? .success
            let optional = edge["optional"]?.boolValue ?? false
            if let id = edge["id"]?.stringValue.flatMap(TaskID.init(parsing:)) {
                dependencies.append(DependencySpec(.id(id), condition: condition, optional: optional))
            } else if let name = edge["name"]?.stringValue {
                dependencies.append(DependencySpec(.local(name), condition: condition, optional: optional))
            } else {
                throw CommandDecodingError("a dependency needs an \"id\" or a \"name\"")
            }
        }
        func seconds(_ key: String) throws(CommandDecodingError) -> Duration? {
            guard let value = json[key] else { return nil }
            guard let number = value.doubleValue, number.isFinite, number > 0, number <= InputLimits.longestDuration.seconds else {
                throw CommandDecodingError("\"\(key)\" must be a number of seconds between 0 and \(Int(InputLimits.longestDuration.seconds))")
            }
            return .seconds(fractional: number)
        }
        func time(_ key: String) throws(CommandDecodingError) -> Instant? {
            guard let value = json[key] else { return nil }
            guard let text = value.stringValue else { throw CommandDecodingError("\"\(key)\" must be an RFC 3339 time") }
            do {
                let instant = try RFC3339.parseChecked(text)
                try Instant.checkAccepted(instant)
                return instant
            } catch {
                throw CommandDecodingError("\"\(key)\": \(error.message)")
            }
        }
        self.init(
            title: title, queue: json["queue"]?.stringValue ?? "default", payload: json["payload"],
            command: json["command"]?.arrayValue?.compactMap(\.stringValue),
            capabilities: json["needs"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            priority: json["priority"]?.stringValue.flatMap(Priority.init(parsing:)) ?? .normal,
            tags: json["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [], dependencies: dependencies,
            timeout: try seconds("timeout"),
            deadline: try time("deadline"),
            startAfter: try time("startAfter"),
            maxAttempts: json["maxAttempts"]?.integerValue.map(Int.init),
            parent: json["parent"]?.stringValue.flatMap(TaskID.init(parsing:)),
            localName: json["name"]?.stringValue)
    }
}

extension MessageDraft {
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "kind": .string(kind.rawValue), "priority": .string(priority.rawValue), "sender": .string(sender),
            "recipient": .string(recipient.text), "tags": .array(tags.map { .string($0) }),
            "metadata": .object(metadata.mapValues { .string($0) }),
        ]
        switch body.encoding {
        case .json: members["body"] = ["json": body.json ?? .null]
        case .bytes: members["body"] = ["bytes": .string(Base64.encode(body.bytes))]
        }
        if let ttl { members["ttl"] = .number(ttl.seconds) }
        if let correlationID { members["correlationId"] = .integer(Int64(correlationID.rawValue)) }
        return .object(members)
    }

    public init(json: JSONValue) throws(CommandDecodingError) {
        guard let recipientText = json["recipient"]?.stringValue, let recipient = Recipient(parsing: recipientText) else {
            throw CommandDecodingError("a message needs a \"recipient\"")
        }
        var body = MessageBody.empty
        if let document = json["body"]?["json"] {
            body = MessageBody(json: document)
        } else if let bytes = json["body"]?["bytes"]?.stringValue {
            guard let decoded = Base64.decode(bytes) else { throw CommandDecodingError("the message body is not base64") }
            body = MessageBody(bytes: decoded)
        }
        var ttl: Duration?
        if let value = json["ttl"] {
            guard let number = value.doubleValue, number.isFinite, number > 0, number <= InputLimits.longestDuration.seconds else {
                throw CommandDecodingError("\"ttl\" must be a number of seconds between 0 and \(Int(InputLimits.longestDuration.seconds))")
            }
            ttl = .seconds(fractional: number)
        }
        var correlationID: MessageID?
        if let value = json["correlationId"] {
            guard let number = value.integerValue.flatMap(UInt64.init(exactly:)) else {
                throw CommandDecodingError("\"correlationId\" must be a message id")
            }
            correlationID = MessageID(number)
        }
        self.init(
            kind: json["kind"]?.stringValue.flatMap(MessageKind.init(rawValue:)) ?? .direct,
            priority: json["priority"]?.stringValue.flatMap(Priority.init(parsing:)) ?? .normal,
            sender: json["sender"]?.stringValue ?? "cli", recipient: recipient, body: body,
            tags: json["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            metadata: json["metadata"]?.objectValue?.compactMapValues(\.stringValue) ?? [:],
            ttl: ttl, correlationID: correlationID)
    }
}
