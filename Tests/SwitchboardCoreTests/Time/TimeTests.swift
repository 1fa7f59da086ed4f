import SwitchboardCore
import Testing

@Suite("Time")
struct TimeTests {
    @Test func formatsRFC3339InUTCWithMilliseconds() {
        #expect(RFC3339.format(Instant(nanosecondsSinceEpoch: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.format(Instant(nanosecondsSinceEpoch: 1_764_106_495_123_000_000)) == "2025-11-25T21:34:55.123Z")
        #expect(RFC3339.format(Instant(secondsSinceEpoch: 951_782_400)) == "2000-02-29T00:00:00.000Z")
    }

    @Test func parsesWhatItFormatsAndOffsets() {
        let instant = Instant(nanosecondsSinceEpoch: 1_764_106_495_123_000_000)
        #expect(RFC3339.parse(RFC3339.format(instant)) == instant)
        #expect(RFC3339.parse("2025-11-25T22:34:55.123+01:00") == instant)
        #expect(RFC3339.parse("2025-11-25 21:34:55Z") == Instant(secondsSinceEpoch: 1_764_106_495))
        #expect(RFC3339.parse("2025-13-25T21:34:55Z") == nil)
        #expect(RFC3339.parse("yesterday") == nil)
    }

    @Test func instantArithmeticSaturates() {
        #expect(Instant.distantFuture + .seconds(5) == .distantFuture)
        let start = Instant(secondsSinceEpoch: 100)
        #expect((start + .milliseconds(1500)) - start == .milliseconds(1500))
        #expect(Duration.seconds(2).nanoseconds == 2_000_000_000)
        #expect(Duration.seconds(fractional: 0.25) == .milliseconds(250))
    }

    @Test func manualClockOnlyMovesWhenTold() {
        let clock = ManualClock(Instant(secondsSinceEpoch: 10))
        #expect(clock.now() == Instant(secondsSinceEpoch: 10))
        clock.advance(by: .seconds(5))
        #expect(clock.now() == Instant(secondsSinceEpoch: 15))
    }

    @Test func seededRandomReproduces() {
        var first = SeededRandom(seed: 99)
        var second = SeededRandom(seed: 99)
        let a = (0..<100).map { _ in first.next() }
        let b = (0..<100).map { _ in second.next() }
        #expect(a == b)
        var other = SeededRandom(seed: 100)
        #expect((0..<100).map { _ in other.next() } != a)
        var unit = SeededRandom(seed: 1)
        #expect((0..<1000).allSatisfy { _ in (0..<1).contains(unit.nextUnit()) })
    }
}
