/// The delay that doubles (or grows by `factor`) with each repetition, up to a cap: shared by
/// an agent's restarts (`RestartPolicy`) and a pool's replacements (`ReplacementPolicy`).
enum ExponentialBackoff {
    /// The delay before repetition `count` (1-based): `initial`, then × `factor` each time, at
    /// most `cap`.
    static func delay(_ count: Int, initial: Duration, factor: Double, cap: Duration) -> Duration {
        let seconds = min(initial.seconds * pow(factor, Double(max(0, count - 1))), cap.seconds)
        return .seconds(fractional: seconds)
    }
}
