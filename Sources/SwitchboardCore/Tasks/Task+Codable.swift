/// The JSON form of a task (for `--json` output and the agent protocol): lowercase enums,
/// RFC 3339 times, durations in seconds, absent fields as null.
extension Task: Codable {
    private enum Keys: String, CodingKey {
        case id, sequence, title, queue, payload, command, capabilities, priority, tags, dependencies, status, progress,
            progressNote, agent, attempts, maxAttempts, timeout, deadline, startAfter, parent, createdAt, updatedAt,
            startedAt, finishedAt, queuedAt, availableAt, result, lastError, outputTail, overdue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let spec = TaskSpec(
            title: try container.decode(String.self, forKey: .title),
            queue: try container.decodeIfPresent(String.self, forKey: .queue) ?? "default",
            payload: try container.decodeIfPresent(JSONValue.self, forKey: .payload),
            command: try container.decodeIfPresent([String].self, forKey: .command),
            capabilities: try container.decodeIfPresent([String].self, forKey: .capabilities) ?? [],
            priority: try container.decodeIfPresent(Priority.self, forKey: .priority) ?? .normal,
            tags: try container.decodeIfPresent([String].self, forKey: .tags) ?? [],
            timeout: try container.decodeIfPresent(Double.self, forKey: .timeout).map { .seconds(fractional: $0) },
            deadline: try container.decodeIfPresent(Instant.self, forKey: .deadline),
            startAfter: try container.decodeIfPresent(Instant.self, forKey: .startAfter),
            parent: try container.decodeIfPresent(TaskID.self, forKey: .parent))
        self.init(
            id: try container.decode(TaskID.self, forKey: .id),
            sequence: try container.decodeIfPresent(UInt64.self, forKey: .sequence) ?? 0,
            spec: spec,
            dependencies: try container.decodeIfPresent([TaskDependency].self, forKey: .dependencies) ?? [],
            maxAttempts: try container.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? RetryPolicy.standard.maxAttempts,
            createdAt: try container.decode(Instant.self, forKey: .createdAt))
        status = try container.decode(TaskStatus.self, forKey: .status)
        progress = try container.decodeIfPresent(Int.self, forKey: .progress) ?? 0
        progressNote = try container.decodeIfPresent(String.self, forKey: .progressNote)
        agent = try container.decodeIfPresent(String.self, forKey: .agent)
        attempts = try container.decodeIfPresent(Int.self, forKey: .attempts) ?? 0
        updatedAt = try container.decodeIfPresent(Instant.self, forKey: .updatedAt) ?? createdAt
        startedAt = try container.decodeIfPresent(Instant.self, forKey: .startedAt)
        finishedAt = try container.decodeIfPresent(Instant.self, forKey: .finishedAt)
        queuedAt = try container.decodeIfPresent(Instant.self, forKey: .queuedAt)
        availableAt = try container.decodeIfPresent(Instant.self, forKey: .availableAt)
        result = try container.decodeIfPresent(JSONValue.self, forKey: .result)
        lastError = try container.decodeIfPresent(String.self, forKey: .lastError)
        outputTail = try container.decodeIfPresent(String.self, forKey: .outputTail)
        overdue = try container.decodeIfPresent(Bool.self, forKey: .overdue) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(id, forKey: .id)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(title, forKey: .title)
        try container.encode(queue, forKey: .queue)
        try container.encode(payload, forKey: .payload)
        try container.encode(command, forKey: .command)
        try container.encode(capabilities, forKey: .capabilities)
        try container.encode(priority, forKey: .priority)
        try container.encode(tags, forKey: .tags)
        try container.encode(dependencies, forKey: .dependencies)
        try container.encode(status, forKey: .status)
        try container.encode(progress, forKey: .progress)
        try container.encode(progressNote, forKey: .progressNote)
        try container.encode(agent, forKey: .agent)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(maxAttempts, forKey: .maxAttempts)
        try container.encode(timeout?.seconds, forKey: .timeout)
        try container.encode(deadline, forKey: .deadline)
        try container.encode(startAfter, forKey: .startAfter)
        try container.encode(parent, forKey: .parent)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(finishedAt, forKey: .finishedAt)
        try container.encode(queuedAt, forKey: .queuedAt)
        try container.encode(availableAt, forKey: .availableAt)
        try container.encode(result, forKey: .result)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(outputTail, forKey: .outputTail)
        try container.encode(overdue, forKey: .overdue)
    }
}
