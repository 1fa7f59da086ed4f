import Foundation

/// A broken promise: which invariant, at which step of which seed, and what led there.
public struct Violation: Error, Sendable, CustomStringConvertible, Equatable {
    public var seed: UInt64
    public var step: Int
    public var invariant: String
    public var detail: String
    /// The last events before it, oldest first.
    public var trace: [String]

    public var description: String {
        var lines = ["seed \(seed), step \(step): invariant \"\(invariant)\" broken: \(detail)", "replay: switchboard simulate --seeds 1 --start \(seed)", "trace (last \(trace.count) events):"]
        lines += trace.map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}

/// What one seed's run did.
public struct SimulationRun: Sendable {
    public var seed: UInt64
    public var steps: Int
    public var faults: [FaultKind: Int]
    public var tasks: Int
    public var virtualSeconds: Double
    public var violation: Violation?
    /// A digest of everything that happened: the same seed gives the same fingerprint.
    public var fingerprint: UInt64
    /// What the supervision checker saw: give-ups, pools marked failing, the most events one
    /// step logged and the most starts of one agent within a restart period.
    public var supervision = SupervisionFigures()

    public var faultCount: Int { faults.values.reduce(0, +) }
}

/// Supervision in numbers, for one run or (summed, or the most of) many.
public struct SupervisionFigures: Sendable, Equatable {
    public var giveUps = 0
    public var poolsFailing = 0
    public var mostEventsInAStep = 0
    public var mostStartsInAPeriod = 0

    public init() {}

    init(_ checker: SupervisionChecker) {
        giveUps = checker.giveUps
        poolsFailing = checker.poolsFailing
        mostEventsInAStep = checker.mostEventsInAStep
        mostStartsInAPeriod = checker.mostStartsInAPeriod
    }

    /// Sums the counts, keeps the most of the maxima.
    public func merged(with other: SupervisionFigures) -> SupervisionFigures {
        var merged = SupervisionFigures()
        merged.giveUps = giveUps + other.giveUps
        merged.poolsFailing = poolsFailing + other.poolsFailing
        merged.mostEventsInAStep = max(mostEventsInAStep, other.mostEventsInAStep)
        merged.mostStartsInAPeriod = max(mostStartsInAPeriod, other.mostStartsInAPeriod)
        return merged
    }
}

/// The events of a run, the last few kept for violation reports, all folded into a digest.
/// The store file's path (unique to the process) is written `<store>`, so that a replay in
/// another process traces the same text.
struct Trace {
    let capacity: Int
    let storePath: String
    private(set) var recent: [String] = []
    private(set) var digest: UInt64 = 0xcbf2_9ce4_8422_2325

    init(capacity: Int, storePath: String) {
        self.capacity = capacity
        self.storePath = storePath
    }

    mutating func note(_ step: Int, _ event: String) {
        let text = event.replacingOccurrences(of: storePath, with: "<store>")
        fold("\(step) \(text)")
        recent.append("step \(step): \(text)")
        if recent.count > capacity { recent.removeFirst(recent.count - capacity) }
    }

    /// Into the digest only (too frequent to show).
    mutating func fold(_ text: String) {
        for byte in text.utf8 {
            digest ^= UInt64(byte)
            digest = digest &* 0x100_0000_01b3
        }
    }
}
