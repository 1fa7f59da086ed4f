extension Duration {
    /// Parses `250ms`, `30s`, `5m`, `2h`, `1d`, combinations like `1h30m`, or a bare number of
    /// seconds (`1.5`).
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace().lowercased()
        guard !trimmed.isEmpty else { return nil }
        if let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 {
            self = .seconds(fractional: seconds)
            return
        }
        var total = 0.0
        var number = ""
        var unit = ""
        func flush() -> Bool {
            guard let value = Double(number) else { return false }
            let scale: Double
            switch unit {
            case "ms": scale = 0.001
            case "s", "sec": scale = 1
            case "m", "min": scale = 60
            case "h": scale = 3600
            case "d": scale = 86_400
            default: return false
            }
            total += value * scale
            number = ""
            unit = ""
            return true
        }
        for character in trimmed {
            if character.isNumber || character == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(character)
            } else if character.isLetter {
                guard !number.isEmpty else { return nil }
                unit.append(character)
            } else {
                return nil
            }
        }
        guard flush(), total.isFinite else { return nil }
        self = .seconds(fractional: total)
    }
}
