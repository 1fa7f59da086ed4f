import Foundation
import Synchronization

/// Many seeds, run two (or more) at a time: each run is independent and deterministic, so the
/// order in which they finish does not matter.
public enum SimulationBatch {
    public struct Summary: Sendable {
        public var runs: Int
        public var steps: Int
        public var faults: [FaultKind: Int]
        public var tasks: Int
        public var virtualSeconds: Double
        public var violations: [Violation]
        public var wallSeconds: Double
        /// The runs' fingerprints folded in seed order: the same seeds give the same value.
        public var fingerprint: UInt64
        public var supervision: SupervisionFigures

        public var faultCount: Int { faults.values.reduce(0, +) }
    }

    public static func run(
        seeds: Range<UInt64>, options: SimulationOptions = SimulationOptions(), parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: @Sendable (SimulationRun) -> Void = { _ in }
    ) -> Summary {
        let started = ContinuousClock.now
        let results = Mutex<[SimulationRun]>([])
        let next = Atomic<UInt64>(seeds.lowerBound)
        let workers = max(1, min(parallelism, seeds.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let seed = next.add(1, ordering: .relaxed).oldValue
                guard seed < seeds.upperBound else { return }
                let run = Simulation.run(seed: seed, options: options)
                progress(run)
                results.withLock { $0.append(run) }
            }
        }
        let runs = results.withLock { $0 }.sorted { $0.seed < $1.seed }
        var faults: [FaultKind: Int] = [:]
        for run in runs { faults.merge(run.faults, uniquingKeysWith: +) }
        return Summary(
            runs: runs.count, steps: runs.reduce(0) { $0 + $1.steps }, faults: faults, tasks: runs.reduce(0) { $0 + $1.tasks },
            virtualSeconds: runs.reduce(0) { $0 + $1.virtualSeconds }, violations: runs.compactMap(\.violation),
            wallSeconds: (ContinuousClock.now - started).seconds,
            fingerprint: runs.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ $1.fingerprint) &* 0x100_0000_01b3 },
            supervision: runs.reduce(SupervisionFigures()) { $0.merged(with: $1.supervision) })
    }
}
