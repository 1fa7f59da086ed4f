import SwitchboardCore

/// A task graph file for `switchboard submit --file`: a list of `[[task]]` tables.
///
/// ```toml
/// [[task]]
/// name = "build"            # a handle local to this file
/// title = "Build the app"
/// priority = "high"         # low, normal, high, urgent, critical
/// needs = ["swift"]         # capabilities an agent must have
/// command = ["make", "-j4"] # an argument array; a string is run by /bin/sh -c
/// queue = "ci"
/// tags = ["nightly"]
/// timeout = "10m"
///
/// [[task]]
/// name = "test"
/// title = "Run the tests"
/// after = ["build"]         # names in this file (or ids of existing tasks, t-…)
/// ```
public enum GraphFile {
    public static let keys = ["name", "title", "after", "priority", "needs", "command", "queue", "tags", "timeout", "payload", "max_attempts", "deadline"]

    public static func parse(text: String, file: String) throws(ConfigError) -> [TaskSpec] {
        let document = try TOMLDocument(text: text, file: file)
        let readerRoot = TableReader(document: document, table: document.root, name: nil)
        try readerRoot.onlyKeys(["task"])
        let tables = try document.tables(named: "task")
        guard !tables.isEmpty else { throw ConfigError(file: file, message: "no [[task]] tables") }
        guard tables.count <= InputLimits.tasksPerSubmission else {
            throw ConfigError(file: file, message: "\(tables.count) tasks; at most \(InputLimits.tasksPerSubmission) are accepted in one file")
        }
        var specs: [TaskSpec] = []
        var names: [String: Int] = [:]
        for (index, table) in tables.enumerated() {
            let reader = TableReader(document: document, table: table, name: "task", index: index)
            try reader.onlyKeys(keys)
            let name = try reader.requiredString("name")
            try reader.checkLine(name, "name")
            if let earlier = names[name] {
                throw reader.error("name", "\"\(name)\" is already the name of the task at line \(document.line(ofTable: "task", index: earlier) ?? 0)")
            }
            names[name] = index
            let priorityText = try reader.string("priority")
            var priority = Priority.normal
            if let priorityText {
                guard let parsed = Priority(parsing: priorityText) else {
                    throw reader.error("priority", "\"\(priorityText)\" is not a priority (low, normal, high, urgent, critical)")
                }
                priority = parsed
            }
            var command: [String]?
            if let value = table["command"] {
                if let text = value.string {
                    command = ["/bin/sh", "-c", text]
                } else {
                    command = try reader.strings("command")
                }
            }
            var deadline: Instant?
            if let text = try reader.string("deadline") {
                do {
                    let parsed = try RFC3339.parseChecked(text)
                    try Instant.checkAccepted(parsed)
                    deadline = parsed
                } catch {
                    throw reader.error("deadline", error.message)
                }
            }
            let title = try reader.string("title") ?? name
            try reader.checkLine(title, "title", maxBytes: InputLimits.titleBytes)
            let spec = TaskSpec(
                title: title, queue: try reader.name("queue") ?? "default", payload: reader.json("payload"),
                command: command, capabilities: try reader.names("needs") ?? [], priority: priority, tags: try reader.names("tags") ?? [],
                dependencies: [], timeout: try reader.duration("timeout"), deadline: deadline,
                maxAttempts: try reader.int("max_attempts", in: InputLimits.maxAttempts), localName: name)
            // What the keys above do not check on their own (the command's and payload's sizes).
            do {
                try spec.validate()
            } catch {
                let key = error.message.contains("payload") ? "payload" : error.message.contains("command") ? "command" : nil
                throw reader.error(key, error.message)
            }
            specs.append(spec)
        }
        // Dependencies, now that every name is known.
        for (index, table) in tables.enumerated() {
            let reader = TableReader(document: document, table: table, name: "task", index: index)
            for reference in try reader.strings("after") ?? [] {
                if names[reference] != nil {
                    specs[index].dependencies.append(.init(.local(reference)))
                } else if reference.hasPrefix("t-"), let id = TaskID(parsing: reference) {
                    specs[index].dependencies.append(.init(.id(id)))
                } else {
                    throw reader.error("after", "\"\(reference)\" is not the name of a task in this file")
                }
            }
        }
        return specs
    }

    /// The line of the `index`-th task, for errors found later (a cycle, an unknown id).
    public static func line(ofTask index: Int, in text: String, file: String) -> Int? {
        (try? TOMLDocument(text: text, file: file))?.line(ofTable: "task", index: index)
    }
}
