import SwitchboardCore
import Testing

/// The autoscaler alone, fed a backlog second by second; its decisions applied as the engine
/// applies them.
private struct ScaledPool {
    var pool: PoolRecord
    var scaler: Autoscaler
    var now = Instant(secondsSinceEpoch: 1000)
    /// Each decision: when, and to how many.
    private(set) var decisions: [(at: Instant, replicas: Int)] = []

    init(min: Int, max: Int, cooldown: Duration = .seconds(10), upInterval: Duration = .seconds(5)) {
        pool = PoolRecord(name: "p", minReplicas: min, maxReplicas: max)
        scaler = Autoscaler(cooldown: cooldown, upInterval: upInterval)
    }

    /// Feeds `backlog` for `seconds`, ten looks a second.
    mutating func feed(_ backlog: Int, seconds: Double) {
        for _ in 0..<Int(seconds * 10) {
            now = now + .milliseconds(100)
            if let (target, _) = scaler.decide(pool: pool, backlog: backlog, now: now), target != pool.desiredReplicas {
                pool.desiredReplicas = target
                pool.lastScaledAt = now
                decisions.append((now, target))
            }
        }
    }
}

@Suite("Autoscaler")
struct AutoscalerTests {
    @Test("a backlog that hovers around a boundary scales up once and stays: no flapping")
    func hoveringBacklog() {
        var scaled = ScaledPool(min: 4, max: 6)
        for _ in 0..<60 {
            scaled.feed(4, seconds: 1.5)
            scaled.feed(5, seconds: 1.5)
        }
        #expect(scaled.decisions.map(\.replicas) == [5], "\(scaled.decisions.map(\.replicas))")
    }

    @Test("a backlog that grows task by task gives one scale-up per interval, not one per task")
    func growingBacklog() {
        var scaled = ScaledPool(min: 1, max: 6)
        for backlog in 2...6 { scaled.feed(backlog, seconds: 0.5) }
        scaled.feed(6, seconds: 10)
        #expect(scaled.decisions.map(\.replicas) == [2, 6], "\(scaled.decisions.map(\.replicas))")
        #expect(scaled.decisions[1].at - scaled.decisions[0].at >= .seconds(5))
    }

    @Test("a spike scales up at once and down once the whole cooldown wanted fewer, to the most it wanted then")
    func spikeThenQuiet() {
        var scaled = ScaledPool(min: 1, max: 6)
        scaled.feed(1, seconds: 20)
        scaled.feed(30, seconds: 3)
        let up = scaled.now
        scaled.feed(3, seconds: 9)
        #expect(scaled.decisions.map(\.replicas) == [6], "nothing comes down within the cooldown")
        scaled.feed(3, seconds: 5)
        scaled.feed(1, seconds: 30)
        #expect(scaled.decisions.map(\.replicas) == [6, 3, 1], "\(scaled.decisions.map(\.replicas))")
        #expect(scaled.decisions[1].at - up >= .seconds(10))
        #expect(scaled.decisions[2].at - scaled.decisions[1].at >= .seconds(10))
    }
}
