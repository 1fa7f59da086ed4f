import Testing

@testable import SwitchboardCore

/// One percentile definition (nearest rank) for the agent view, supervision, `report` and the
/// latency histograms.
@Suite("Percentiles")
struct PercentileTests {
    @Test("nearest rank: the value of rank ⌈p·n⌉")
    func definition() {
        #expect(Percentile.nearestRank([15, 20, 35, 40, 50], 0.05) == 15)
        #expect(Percentile.nearestRank([15, 20, 35, 40, 50], 0.30) == 20)
        #expect(Percentile.nearestRank([15, 20, 35, 40, 50], 0.40) == 20)
        #expect(Percentile.nearestRank([15, 20, 35, 40, 50], 0.50) == 35)
        #expect(Percentile.nearestRank([50, 15, 40, 20, 35], 1.00) == 50)
        #expect(Percentile.nearestRank([], 0.5) == nil)
        #expect(Percentile.rank(count: 20, fraction: 0.95) == 19)
        #expect(Percentile.rank(count: 3, fraction: 0) == 1)
        #expect(Percentile.rank(count: 3, fraction: .nan) == 1)
    }

    @Test("p95 of a small sample is never below its mean (the agent view showed mean 1.5s, p95 1.2s)")
    func smallSamples() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let count = Int.random(in: 1..<20, using: &generator)
            let values = (0..<count).map { _ in Double.random(in: 0.1...5, using: &generator) }
            let mean = values.reduce(0, +) / Double(count)
            #expect(Percentile.nearestRank(values, 0.95)! >= mean)
            #expect(SupervisionState.percentile(values, 0.95) == Percentile.nearestRank(values, 0.95), "supervision uses the same definition")
            #expect(TaskReport.percentile(values.sorted(), 0.95) == Percentile.nearestRank(values, 0.95), "report uses the same definition")
        }
        #expect(SupervisionState.percentile([1.2, 1.8], 0.95) == 1.8)
    }

    @Test("the histogram's percentiles are nearest rank too, to its bucket precision")
    func histogramAgrees() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var histogram = LatencyHistogram()
            let values = (0..<Int.random(in: 1...300, using: &generator)).map { _ in Int64.random(in: 1_000...5_000_000_000, using: &generator) }
            for value in values { histogram.record(nanoseconds: value) }
            for fraction in [0.5, 0.95, 0.99] {
                let exact = Percentile.nearestRank(values.map(Double.init), fraction)!
                #expect(abs(Double(histogram.percentile(fraction)) / exact - 1) < 0.03, "p\(Int(fraction * 100)) of \(values.count) values")
            }
        }
    }
}
