import SwitchboardCore

/// Material for "parses or refuses, never traps" tests: fragments that parsers of times,
/// durations, priorities, filters, JSON commands and TOML files meet in the wild or in an
/// attack — extreme numbers, NUL and other control characters, broken structure, non-ASCII
/// digits, huge runs. Property tests join random sequences of them.
public enum HostileInput {
    public static let fragments: [String] = [
        // numbers, extreme and odd
        "0", "1", "9", "12", "59", "60", "2026", "9999", "-1", "-0", "+", "-", ".", "1.5", "0.000000001",
        "99999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1e300", "1e-300",
        "1e400", "1e15", "2562047", "2562048", "106751", "0x10", "nan", "NaN", "inf", "-inf", "infinity", "٣", "½", "１",
        // units and times
        "ms", "s", "m", "h", "d", "sec", "min", "y", "T", "t", "Z", "z", ":", "-", " ", "+00:00", "+14:00", "-23:59", "+99:99",
        "2026-12-01T09:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2261-12-31T23:59:59.999Z",
        "2262-04-11T23:47:16.854775807Z", "2262-04-11T23:47:17Z", "2300-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
        "0000-01-01T00:00:00Z", "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2026-13-01T00:00:00Z", ".999999999999999",
        "+2562047h", "99999999999h",
        // priorities and filter terms
        "low", "normal", "high", "urgent", "critical", "CRITICAL", "status:", "priority:", "tag:", "queue:", "agent:", "s:", "p:",
        "status:failed", "priority:9", ":", "::",
        // control characters and text
        "\u{0}", "\u{1}", "\u{7}", "\u{8}", "\u{1B}[2J", "\u{7F}", "\u{85}", "\u{9B}", "\t", "\n", "\r", "\r\n", "\u{2028}",
        "é", "🙂", "👩‍👩‍👧", "\u{FEFF}", "\u{202E}", "\\", "\\u0000", "\\U00000000", "\\x00", "\"", "'", "\"\"\"", "'''",
        // TOML and JSON structure
        "#", "[", "]", "[[task]]", "[[pool]]", "[engine]", "[colors]", "[pool.simulation]", "=", "{", "}", ",", "name = \"a\"",
        "title = ", "timeout = ", "deadline = ", "max_attempts = ", "replicas = ", "min_replicas = ", "task_seconds = ",
        "heartbeat_jitter = ", "memory = ", "tick = ", "quit = ", "background = ", "1979-05-27T07:32:00Z", "true", "null",
    ]

    /// One long run, to check that size is handled (refused or accepted) without trouble.
    public static let huge = String(repeating: "9", count: 100_000)

    /// Joins fragments chosen by `picks` (any numbers; each is taken modulo the list).
    public static func text(_ picks: [UInt64]) -> String {
        picks.map { fragments[Int($0 % UInt64(fragments.count))] }.joined()
    }

    /// A JSON value built from `recipe` (any numbers): nulls, booleans, extreme integers and
    /// doubles (every bit pattern, NaN and infinity included), hostile strings, nested arrays
    /// and objects with the keys commands use.
    public static func json(_ recipe: inout IndexingIterator<[UInt64]>, depth: Int = 0) -> JSONValue {
        guard let choice = recipe.next() else { return .null }
        let argument = recipe.next() ?? 0
        switch choice % 9 {
        case 0: return .null
        case 1: return .bool(argument % 2 == 0)
        case 2: return .integer(Int64(bitPattern: argument))
        case 3: return .number(Double(bitPattern: argument))
        case 4: return .number([0, -1, 1e300, -1e300, 9.3e18, 3.2e8, 3.15e8, .infinity, .nan][Int(argument % 9)])
        case 5, 6: return .string(text(Array(repeating: argument, count: 1) + [recipe.next() ?? 0, recipe.next() ?? 0]))
        case 7 where depth < 3:
            return .array((0..<Int(argument % 4)).map { _ in json(&recipe, depth: depth + 1) })
        case 8 where depth < 3:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int(argument % 5) {
                let key = commandKeys[Int((recipe.next() ?? 0) % UInt64(commandKeys.count))]
                members[key] = json(&recipe, depth: depth + 1)
            }
            return .object(members)
        default: return .string(fragments[Int(argument % UInt64(fragments.count))])
        }
    }

    /// The keys of stored commands (`OperatorCommand+JSON`), so that random objects look like them.
    public static let commandKeys = [
        "op", "tasks", "title", "queue", "priority", "needs", "tags", "after", "id", "name", "condition", "optional", "timeout",
        "deadline", "startAfter", "maxAttempts", "parent", "payload", "command", "select", "ids", "filter", "reason", "by",
        "action", "agent", "message", "recipient", "kind", "body", "json", "bytes", "ttl", "correlationId", "pool", "min", "max",
        "delta", "sender", "metadata",
    ]

    public static let operations = ["submit", "submit", "submit", "submit", "reprioritize", "shift-priority", "cancel", "retry", "pause", "resume", "queue", "send", "agent", "scale", "replicas", "bogus"]

    /// A task of a stored submit that decodes often: a hostile title, and sometimes a timeout,
    /// deadline, start time or attempts from the edges of their ranges.
    static func task(_ iterator: inout IndexingIterator<[UInt64]>) -> JSONValue {
        var members: [String: JSONValue] = ["title": .string(text([iterator.next() ?? 0, iterator.next() ?? 0]))]
        let flags = iterator.next() ?? 0
        let timeouts: [Double] = [1, 315_360_000, 315_360_001, 9.3e9, 1e300, 0.000_000_001]
        let times = ["2026-12-01T09:00:00Z", "2261-12-31T23:59:59.999Z", "2262-04-11T23:47:16.854Z", RFC3339.distantFutureText, "1970-01-01T00:00:00Z"]
        if flags & 1 != 0 { members["timeout"] = .number(timeouts[Int((iterator.next() ?? 0) % UInt64(timeouts.count))]) }
        if flags & 2 != 0 { members["deadline"] = .string(times[Int((iterator.next() ?? 0) % UInt64(times.count))]) }
        if flags & 4 != 0 { members["startAfter"] = .string(times[Int((iterator.next() ?? 0) % UInt64(times.count))]) }
        if flags & 8 != 0 { members["maxAttempts"] = .integer(Int64(bitPattern: iterator.next() ?? 0) % 2000) }
        if flags & 16 != 0 { members["tags"] = .array([.string(text([iterator.next() ?? 0]))]) }
        return .object(members)
    }

    /// A stored command's JSON: a known `op` with random members.
    public static func command(_ recipe: [UInt64]) -> JSONValue {
        var iterator = recipe.makeIterator()
        let op = operations[Int((iterator.next() ?? 0) % UInt64(operations.count))]
        var members: [String: JSONValue] = ["op": .string(op)]
        // Submissions carry the most values to check: give most of them tasks that decode.
        if op == "submit" { members["tasks"] = .array([task(&iterator), task(&iterator)]) }
        while let pick = iterator.next() {
            let key = commandKeys[Int(pick % UInt64(commandKeys.count))]
            // Half the time a plausible shape for the key, so decoding gets past the first check.
            switch (key, (iterator.next() ?? 0) % 2) {
            case ("tasks", 0): members[key] = .array([task(&iterator)])
            case ("select", 0): members[key] = .object(["ids": .array([json(&iterator)]), "filter": json(&iterator)])
            case ("message", 0): members[key] = .object(["recipient": json(&iterator), "body": .object(["json": json(&iterator)]), "ttl": json(&iterator)])
            default: members[key] = json(&iterator)
            }
        }
        return .object(members)
    }
}
