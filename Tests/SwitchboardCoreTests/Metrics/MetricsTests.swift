import SwitchboardCore
import Testing

@Suite("Metrics")
struct MetricsTests {
    @Test func histogramPercentilesAreWithinThreePercent() {
        var histogram = LatencyHistogram()
        for value in 1...10_000 { histogram.record(nanoseconds: Int64(value) * 1000) }
        let summary = histogram.summary
        #expect(summary.count == 10_000)
        #expect(abs(Double(summary.p50) / 5_000_000 - 1) < 0.03)
        #expect(abs(Double(summary.p95) / 9_500_000 - 1) < 0.03)
        #expect(abs(Double(summary.p99) / 9_900_000 - 1) < 0.03)
        #expect(summary.max == 10_000_000)
    }

    @Test func histogramIsExactForSmallValuesAndMerges() {
        var a = LatencyHistogram()
        var b = LatencyHistogram()
        for value in 0..<50 { a.record(nanoseconds: Int64(value)) }
        b.record(nanoseconds: 7)
        a.merge(b)
        #expect(a.count == 51)
        #expect(a.percentile(0) == 0)
        #expect(a.percentile(1) == 49)
        a.reset()
        #expect(a.count == 0)
        #expect(a.percentile(0.5) == 0)
    }

    @Test func rateWindowCountsWholeSeconds() {
        var window = RateWindow(seconds: 60)
        let start = Instant(secondsSinceEpoch: 1000)
        for second in 0..<10 {
            for _ in 0..<(second + 1) { window.record(at: start + .seconds(second)) }
        }
        let now = start + .seconds(10)
        #expect(window.series(at: now, count: 5) == [6, 7, 8, 9, 10])
        #expect(window.rate(at: now, over: 10) == 5.5)
        // A long silence empties the window.
        #expect(window.series(at: now + .seconds(120), count: 3) == [0, 0, 0])
    }

    @Test func retryBackoffDoublesAndCaps() {
        let policy = RetryPolicy.standard
        #expect(policy.maxAttempts == 4)
        #expect(policy.nominalDelay(afterAttempt: 1) == .seconds(1))
        #expect(policy.nominalDelay(afterAttempt: 2) == .seconds(2))
        #expect(policy.nominalDelay(afterAttempt: 3) == .seconds(4))
        #expect(policy.nominalDelay(afterAttempt: 20) == .seconds(60))
        var random = SeededRandom(seed: 3)
        for attempt in 1...8 {
            let nominal = policy.nominalDelay(afterAttempt: attempt).seconds
            let delay = policy.delay(afterAttempt: attempt, random: &random).seconds
            #expect(delay >= nominal / 2 && delay <= nominal)
        }
    }
}
