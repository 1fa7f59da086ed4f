extension Duration {
    /// Parses `250ms`, `30s`, `5m`, `2h`, `1d`, combinations like `1h30m`, or a bare number of
    /// seconds (`1.5`); nil for anything else, including durations beyond
    /// `InputLimits.longestDuration` (use `parse(_:)` for the reason).
    public init?(parsing text: String) {
        guard let duration = try? Duration.parse(text) else { return nil }
        self = duration
    }

    /// Parses a duration as `init?(parsing:)` does, saying why one is refused. Never traps:
    /// every number is checked against `InputLimits.longestDuration` before it is converted.
    public static func parse(_ text: String) throws(InputError) -> Duration {
        let trimmed = text.trimmingWhitespace().lowercased()
        let shown = trimmed.utf8.count > 40 ? String(trimmed.prefix(40)) + "…" : trimmed
        func notADuration() -> InputError { InputError("\"\(shown)\" is not a duration (250ms, 30s, 10m, 1h30m, 2d)") }
        func tooLong() -> InputError {
            InputError("\"\(shown)\" is longer than \(Int(InputLimits.longestDuration.seconds / 86_400)) days (the longest duration accepted)")
        }
        guard !trimmed.isEmpty, trimmed.utf8.count <= 64 else {
            throw trimmed.isEmpty ? InputError("an empty text is not a duration") : notADuration()
        }
        let longest = InputLimits.longestDuration.seconds
        if let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 {
            guard seconds <= longest else { throw tooLong() }
            return .seconds(fractional: seconds)
        }
        var total = 0.0
        var number = ""
        var unit = ""
        func flush() throws(InputError) {
            guard let value = Double(number), value.isFinite else { throw notADuration() }
            let scale: Double
            switch unit {
            case "ms": scale = 0.001
            case "s", "sec": scale = 1
            case "m", "min": scale = 60
            case "h": scale = 3600
            case "d": scale = 86_400
            default: throw notADuration()
            }
            total += value * scale
            guard total.isFinite, total <= longest else { throw tooLong() }
            number = ""
            unit = ""
        }
        for character in trimmed {
            if character.isASCII, character.isNumber || character == "." {
                if !unit.isEmpty { try flush() }
                number.append(character)
            } else if character.isASCII, character.isLetter {
                guard !number.isEmpty else { throw notADuration() }
                unit.append(character)
            } else {
                throw notADuration()
            }
        }
        try flush()
        return .seconds(fractional: total)
    }
}
