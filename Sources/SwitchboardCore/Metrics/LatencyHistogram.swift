/// A log-linear histogram of durations in nanoseconds, in the style of HdrHistogram: exact below
/// 64 ns, then 32 buckets per power of two (about 3 % precision) up to 2^62 ns. Recording is a
/// couple of instructions and allocation-free, so it can sit on the queue's hot path.
public struct LatencyHistogram: Sendable, Hashable {
    static let linearLimit = 64
    static let subBucketBits = 5
    static let subBuckets = 1 << subBucketBits
    static let bucketCount = linearLimit + (62 - 6 + 1) * subBuckets

    private var counts: [UInt64]
    public private(set) var count: UInt64 = 0
    public private(set) var maximum: Int64 = 0

    public init() {
        counts = Array(repeating: 0, count: Self.bucketCount)
    }

    @inline(__always)
    static func bucket(for value: Int64) -> Int {
        let v = UInt64(max(0, value))
        if v < UInt64(linearLimit) { return Int(v) }
        let msb = 63 - v.leadingZeroBitCount
        let shift = msb - subBucketBits
        let sub = Int(v >> UInt64(shift)) - subBuckets
        return linearLimit + (msb - 6) * subBuckets + sub
    }

    /// The middle of a bucket's range: the value reported for anything recorded in it.
    static func representative(ofBucket index: Int) -> Int64 {
        if index < linearLimit { return Int64(index) }
        let offset = index - linearLimit
        let msb = offset / subBuckets + 6
        let sub = offset % subBuckets + subBuckets
        let shift = msb - subBucketBits
        let lower = Int64(sub) << Int64(shift)
        return lower + (Int64(1) << Int64(shift)) / 2
    }

    @inline(__always)
    public mutating func record(nanoseconds value: Int64) {
        counts[Self.bucket(for: value)] &+= 1
        count &+= 1
        if value > maximum { maximum = value }
    }

    public mutating func record(_ duration: Duration) {
        record(nanoseconds: duration.nanoseconds)
    }

    public mutating func merge(_ other: LatencyHistogram) {
        for index in counts.indices { counts[index] &+= other.counts[index] }
        count &+= other.count
        maximum = max(maximum, other.maximum)
    }

    public mutating func reset() {
        for index in counts.indices { counts[index] = 0 }
        count = 0
        maximum = 0
    }

    /// The nearest-rank percentile (see `Percentile`) of the recordings, to the bucket's
    /// precision, in nanoseconds; zero when nothing was recorded.
    public func percentile(_ fraction: Double) -> Int64 {
        guard count > 0 else { return 0 }
        let target = UInt64(Percentile.rank(count: Int(count), fraction: fraction))
        var seen: UInt64 = 0
        for (index, bucketCount) in counts.enumerated() where bucketCount > 0 {
            seen += bucketCount
            if seen >= target { return min(Self.representative(ofBucket: index), maximum) }
        }
        return maximum
    }

    public var summary: LatencySummary {
        LatencySummary(
            count: Int(count), p50: percentile(0.50), p95: percentile(0.95), p99: percentile(0.99), max: maximum)
    }
}

/// The usual percentiles of a latency distribution, in nanoseconds.
public struct LatencySummary: Sendable, Hashable, Codable {
    public var count: Int
    public var p50: Int64
    public var p95: Int64
    public var p99: Int64
    public var max: Int64

    public init(count: Int = 0, p50: Int64 = 0, p95: Int64 = 0, p99: Int64 = 0, max: Int64 = 0) {
        self.count = count
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
        self.max = max
    }

    public static let empty = LatencySummary()
}
