/// Events per second over a sliding window of whole seconds, kept as a ring of per-second
/// counts. Also the source of the dashboard's sparklines.
public struct RateWindow: Sendable, Hashable {
    public let seconds: Int
    private var buckets: [Int]
    private var currentSecond: Int64 = .min

    public init(seconds: Int = 120) {
        self.seconds = max(2, seconds)
        buckets = Array(repeating: 0, count: self.seconds)
    }

    @inline(__always)
    public mutating func record(at now: Instant, count: Int = 1) {
        let second = now.nanosecondsSinceEpoch / 1_000_000_000
        if second != currentSecond { advance(to: second) }
        buckets[Int(second % Int64(seconds))] &+= count
    }

    private mutating func advance(to second: Int64) {
        if currentSecond == .min || second - currentSecond >= Int64(seconds) || second < currentSecond {
            for index in buckets.indices { buckets[index] = 0 }
        } else {
            var s = currentSecond + 1
            while s <= second {
                buckets[Int(s % Int64(seconds))] = 0
                s += 1
            }
        }
        currentSecond = second
    }

    /// The counts of the last `count` whole seconds before `now`'s second, oldest first. The
    /// running second is left out because it is not complete.
    public func series(at now: Instant, count: Int) -> [Int] {
        let second = now.nanosecondsSinceEpoch / 1_000_000_000
        let wanted = min(count, seconds - 1)
        return (1...max(1, wanted)).reversed().map { back in
            let s = second - Int64(back)
            guard s <= currentSecond, currentSecond - s < Int64(seconds) else { return 0 }
            return buckets[Int(s % Int64(seconds))]
        }
    }

    /// Mean events per second over the last `window` complete seconds.
    public func rate(at now: Instant, over window: Int = 10) -> Double {
        let values = series(at: now, count: window)
        return Double(values.reduce(0, +)) / Double(max(1, values.count))
    }
}
