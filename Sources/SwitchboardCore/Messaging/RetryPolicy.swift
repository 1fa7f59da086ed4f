/// How failed deliveries are retried: exponential backoff with jitter and a cap.
///
/// The defaults are those of the system Switchboard replaces: 1 s base, factor 2, 60 s cap,
/// 3 retries (so 4 attempts in all). Jitter is "equal jitter": the delay is half the nominal
/// backoff plus a random share of the other half, so retries spread out but never come
/// sooner than half the nominal delay.
public struct RetryPolicy: Hashable, Sendable {
    public var baseDelay: Duration
    public var factor: Double
    public var maxDelay: Duration
    public var maxRetries: Int

    public static let standard = RetryPolicy()

    public init(baseDelay: Duration = .seconds(1), factor: Double = 2, maxDelay: Duration = .seconds(60), maxRetries: Int = 3) {
        self.baseDelay = baseDelay
        self.factor = max(1, factor)
        self.maxDelay = maxDelay
        self.maxRetries = max(0, maxRetries)
    }

    /// Deliveries in all: the first one plus the retries.
    public var maxAttempts: Int { maxRetries + 1 }

    /// The backoff before the next attempt, without jitter, after `attempt` failed attempts (≥ 1).
    public func nominalDelay(afterAttempt attempt: Int) -> Duration {
        let exponent = Double(max(0, attempt - 1))
        let seconds = min(baseDelay.seconds * pow(factor, exponent), maxDelay.seconds)
        return .seconds(fractional: seconds)
    }

    /// The backoff with equal jitter drawn from `random`.
    public func delay(afterAttempt attempt: Int, random: inout SeededRandom) -> Duration {
        let nominal = nominalDelay(afterAttempt: attempt).seconds
        return .seconds(fractional: nominal / 2 + random.nextUnit() * nominal / 2)
    }
}

/// `pow` for positive bases without Foundation: exp(e · ln b) by repeated squaring on the integer
/// part of the exponent, which is all backoff needs.
@usableFromInline func pow(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    var remaining = Int(exponent.rounded(.down))
    var factor = base
    while remaining > 0 {
        if remaining & 1 == 1 { result *= factor }
        factor *= factor
        remaining >>= 1
        if result.isInfinite { return result }
    }
    return result
}

extension RetryPolicy: Codable {
    private enum Keys: String, CodingKey { case baseDelay, factor, maxDelay, maxRetries }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let standard = RetryPolicy.standard
        self.init(
            baseDelay: .seconds(fractional: try container.decodeIfPresent(Double.self, forKey: .baseDelay) ?? standard.baseDelay.seconds),
            factor: try container.decodeIfPresent(Double.self, forKey: .factor) ?? standard.factor,
            maxDelay: .seconds(fractional: try container.decodeIfPresent(Double.self, forKey: .maxDelay) ?? standard.maxDelay.seconds),
            maxRetries: try container.decodeIfPresent(Int.self, forKey: .maxRetries) ?? standard.maxRetries)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(baseDelay.seconds, forKey: .baseDelay)
        try container.encode(factor, forKey: .factor)
        try container.encode(maxDelay.seconds, forKey: .maxDelay)
        try container.encode(maxRetries, forKey: .maxRetries)
    }
}
