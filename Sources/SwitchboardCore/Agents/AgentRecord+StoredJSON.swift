/// The JSON the store keeps for an agent: exactly what `AgentRecord`'s `Codable` form reads,
/// written straight into a string. The engine rewrites an agent's row on most ticks
/// (heartbeats, resource samples, sparklines), and Foundation's `JSONEncoder` made that the
/// largest cost of a commit.
extension AgentRecord {
    public var storedJSON: String {
        var json = StoredJSONObject()
        json.string("name", name)
        json.string("pool", pool)
        json.string("role", role)
        json.strings("capabilities", capabilities)
        json.string("state", state.rawValue)
        json.integer("concurrency", concurrency)
        json.strings("currentTasks", currentTasks.map(\.rawValue))
        json.integer("tasksDone", tasksDone)
        json.integer("tasksFailed", tasksFailed)
        json.string("startedAt", startedAt.map(RFC3339.format))
        json.string("lastHeartbeatAt", lastHeartbeatAt.map(RFC3339.format))
        json.integer("pid", pid.map(Int.init))
        json.integer("restarts", restarts)
        json.integer("protocolViolations", protocolViolations)
        json.raw("quarantined", quarantined ? "true" : "false")
        json.string("lastError", lastError)
        json.raw("health", health.storedJSON)
        json.raw("resources", resources.storedJSON)
        json.number("meanTaskSeconds", meanTaskSeconds)
        json.number("p95TaskSeconds", p95TaskSeconds)
        json.raw("cpuHistory", "[" + cpuHistory.map(StoredJSONObject.format).joined(separator: ",") + "]")
        json.raw("memoryHistory", "[" + memoryHistory.map(String.init).joined(separator: ",") + "]")
        json.raw("throughputHistory", "[" + throughputHistory.map(String.init).joined(separator: ",") + "]")
        json.strings("stderrTail", stderrTail)
        return json.text
    }
}

extension AgentHealth {
    var storedJSON: String {
        var json = StoredJSONObject()
        json.string("level", level.rawValue)
        json.integer("score", score)
        json.strings("reasons", reasons)
        json.number("phi", phi)
        json.string("forecast", forecast)
        json.number("secondsToMemoryLimit", secondsToMemoryLimit)
        json.number("slowdown", slowdown)
        return json.text
    }
}

extension AgentResources {
    var storedJSON: String {
        var json = StoredJSONObject()
        json.number("cpuPercent", cpuPercent)
        json.integer("memoryBytes", memoryBytes)
        json.integer("memoryLimitBytes", memoryLimitBytes)
        return json.text
    }
}

/// A JSON object written member by member; absent optionals are left out, as `Codable` does.
struct StoredJSONObject {
    private var output = "{"

    var text: String { output + "}" }

    mutating func raw(_ key: String, _ value: String) {
        if output.utf8.count > 1 { output += "," }
        JSONWriter.writeString(key, into: &output)
        output += ":"
        output += value
    }

    mutating func string(_ key: String, _ value: String?) {
        guard let value else { return }
        var quoted = ""
        JSONWriter.writeString(value, into: &quoted)
        raw(key, quoted)
    }

    mutating func strings(_ key: String, _ values: [String]) {
        var list = "["
        for (position, value) in values.enumerated() {
            if position > 0 { list += "," }
            JSONWriter.writeString(value, into: &list)
        }
        raw(key, list + "]")
    }

    mutating func integer(_ key: String, _ value: Int?) {
        if let value { raw(key, String(value)) }
    }

    mutating func number(_ key: String, _ value: Double?) {
        if let value { raw(key, Self.format(value)) }
    }

    /// JSON has no infinity or NaN: the largest finite value stands for infinity, 0 for NaN.
    static func format(_ value: Double) -> String {
        JSONWriter.format(value.isNaN ? 0 : min(max(value, -.greatestFiniteMagnitude), .greatestFiniteMagnitude))
    }
}
