/// A small, fast, seedable random number generator (xoshiro256**, seeded through SplitMix64).
///
/// The core never uses the system's random source: every random choice (retry jitter, ids,
/// simulated agents, fault schedules) draws from a `SeededRandom`, so that a seed reproduces a
/// whole run.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    public init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = next()
        s1 = next()
        s2 = next()
        s3 = next()
    }

    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniformly distributed number in `0 ..< 1`.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniformly distributed integer in `0 ..< upperBound` (0 when the bound is not positive).
    public mutating func nextInt(_ upperBound: Int) -> Int {
        upperBound > 0 ? Int(next(upperBound: UInt64(upperBound))) : 0
    }

    /// True with the given probability.
    public mutating func chance(_ probability: Double) -> Bool {
        probability > 0 && nextUnit() < probability
    }

    /// A new generator whose sequence is independent of this one's, for handing to a part.
    public mutating func split() -> SeededRandom {
        SeededRandom(seed: next())
    }
}
