extension Instant {
    /// An operator's time (`--deadline`, `--start-after`, a graph file's `deadline`): an RFC 3339
    /// time (`2026-12-01T09:00:00Z`) or a duration from `now` (`+30m`, `2h`). Refused, saying
    /// why, when malformed or outside `InputLimits.earliestTime ... latestTime`.
    public static func parse(operatorTime text: String, now: Instant) throws(InputError) -> Instant {
        let instant: Instant
        let trimmed = text.trimmingWhitespace()
        if trimmed.utf8.count >= 10, trimmed.utf8.prefix(4).allSatisfy({ (48...57).contains($0) }), trimmed.utf8.dropFirst(4).first == 45 {
            instant = try RFC3339.parseChecked(trimmed)
        } else {
            let relative = trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed
            do {
                instant = now + (try Duration.parse(relative))
            } catch {
                let shown = trimmed.utf8.count > 40 ? String(trimmed.prefix(40)) + "…" : trimmed
                if error.message.contains("longer than") { throw InputError("\"\(shown)\" from now: \(error.message)") }
                throw InputError("\"\(shown)\" is neither a time (2026-12-01T09:00:00Z) nor a duration from now (+30m)")
            }
        }
        try checkAccepted(instant)
        return instant
    }

    /// Refuses an instant outside `InputLimits.earliestTime ... latestTime`.
    public static func checkAccepted(_ instant: Instant) throws(InputError) {
        if instant > InputLimits.latestTime {
            throw InputError("\(instant == .distantFuture ? "that time" : RFC3339.format(instant)) is after 2261-12-31, the latest time accepted")
        }
        if instant < InputLimits.earliestTime {
            throw InputError("\(RFC3339.format(instant)) is before 1970-01-01, the earliest time accepted")
        }
    }
}
