import SwitchboardCore

/// Numbers as the dashboard shows them: short, fixed-width friendly.
enum Format {
    /// `1.2s`, `3m05s`: time from `from` to `now` (never negative).
    static func age(_ from: Instant?, now: Instant) -> String {
        guard let from else { return "" }
        return formatSeconds(max(0, (now - from).seconds))
    }

    /// A latency in nanoseconds: `850µs`, `12ms`, `1.2s`.
    static func latency(_ nanoseconds: Int64) -> String {
        if nanoseconds <= 0 { return "–" }
        if nanoseconds < 1_000_000 { return "\(nanoseconds / 1000)µs" }
        if nanoseconds < 10_000_000 { return decimal(Double(nanoseconds) / 1e6) + "ms" }
        if nanoseconds < 1_000_000_000 { return "\(nanoseconds / 1_000_000)ms" }
        return formatSeconds(Double(nanoseconds) / 1e9)
    }

    /// `0.4`, `12.3`, `1.2k`: rates and other figures that change often.
    static func rate(_ value: Double) -> String {
        if !value.isFinite || value <= 0 { return "0" }
        if value < 10 { return decimal(value) }
        if value < 1000 { return String(Int(value.rounded())) }
        if value < 1_000_000 { return decimal(value / 1000) + "k" }
        return decimal(value / 1_000_000) + "M"
    }

    /// `1,234,567`.
    static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// `512K`, `12.3M`, `1.1G`.
    static func bytes(_ value: Int) -> String {
        let amount = Double(max(0, value))
        if amount < 1024 { return "\(Int(amount))B" }
        if amount < 1024 * 1024 { return "\(Int(amount / 1024))K" }
        if amount < 1024 * 1024 * 1024 { return decimal(amount / 1024 / 1024) + "M" }
        return decimal(amount / 1024 / 1024 / 1024) + "G"
    }

    /// Percent with no decimals below 10 % shown with one: `2.1%`, `45%`.
    static func percent(_ fraction: Double) -> String {
        let value = max(0, fraction * 100)
        return (value < 10 ? decimal(value) : String(Int(value.rounded()))) + "%"
    }

    /// Uptime at minute resolution, so that an idle screen does not change every second.
    static func uptime(_ seconds: Double) -> String {
        let minutes = Int(max(0, seconds) / 60)
        if minutes < 1 { return "<1m" }
        if minutes < 60 { return "\(minutes)m" }
        if minutes < 1440 { return "\(minutes / 60)h\(minutes % 60 < 10 ? "0" : "")\(minutes % 60)m" }
        return "\(minutes / 1440)d\(minutes % 1440 / 60)h"
    }

    /// One decimal: `1.2`.
    static func decimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `HH:MM` (UTC offset applied by the caller's clock).
    static func clock(_ instant: Instant, utcOffsetSeconds: Int) -> String {
        let seconds = Int(instant.nanosecondsSinceEpoch / 1_000_000_000) + utcOffsetSeconds
        let minutes = ((seconds / 60) % 1440 + 1440) % 1440
        let hh = minutes / 60
        let mm = minutes % 60
        return (hh < 10 ? "0" : "") + "\(hh):" + (mm < 10 ? "0" : "") + "\(mm)"
    }

    /// `HH:MM:SS`, for the event log.
    static func time(_ instant: Instant, utcOffsetSeconds: Int) -> String {
        let seconds = Int(instant.nanosecondsSinceEpoch / 1_000_000_000) + utcOffsetSeconds
        let ss = ((seconds % 60) + 60) % 60
        return clock(instant, utcOffsetSeconds: utcOffsetSeconds) + ":" + (ss < 10 ? "0" : "") + "\(ss)"
    }
}
