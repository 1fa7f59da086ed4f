/// The one percentile definition Switchboard uses everywhere (the agent view, supervision's
/// thresholds, `report`, the latency histograms): **nearest rank**. The p-th percentile of n
/// values is the value of rank ⌈p·n⌉ in ascending order (at least rank 1): always one of the
/// values, never below the median for p ≥ 0.5, and for fewer than 20 values p95 is the
/// largest — so it is never below the mean, which a lower-rank rule gave for small samples.
public enum Percentile {
    /// The 1-based rank nearest-rank picks among `count` values, clamped to 1…count.
    public static func rank(count: Int, fraction: Double) -> Int {
        guard count > 0 else { return 0 }
        let clamped = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
        return min(count, max(1, Int((clamped * Double(count)).rounded(.up))))
    }

    /// The nearest-rank percentile of values already sorted ascending; nil when empty.
    public static func nearestRank(sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        return sorted[rank(count: sorted.count, fraction: fraction) - 1]
    }

    /// The nearest-rank percentile of values in any order; nil when empty.
    public static func nearestRank(_ values: [Double], _ fraction: Double) -> Double? {
        nearestRank(sorted: values.sorted(), fraction)
    }
}
