import ArgumentParser
import Foundation
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore

/// Drives a durable queue as hard as it can with random enqueues, claims, acknowledgements and
/// rejections, one commit per round, and reports each round's durable facts on stdout only
/// after its commit: `E <id>` enqueued, `A <id>` acknowledged. The crash test kills it at random
/// moments and checks the store against those lines.
struct StressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress",
        abstract: "Exercise a durable queue continuously (for crash tests).",
        discussion: """
            Prints "E <id>" for each enqueue and "A <id>" for each acknowledgement once it is \
            committed. With --seconds 0 it only opens the store (recovering leases) and exits.

            Example:
              switchboard stress --db /tmp/stress.sqlite --seconds 10
            """,
        shouldDisplay: false)

    @OptionGroup var store: StoreOptions

    @Option(help: "How long to run.")
    var seconds: Double = 3600

    @Option(help: "Seed for the random choices (default: from the clock).")
    var seed: UInt64?

    func run() throws {
        let opened = try Store.open(path: store.path)
        let clock = SystemClock()
        let configuration = QueueConfiguration(
            name: "stress", defaultLease: .seconds(30), retryPolicy: RetryPolicy(baseDelay: .milliseconds(5), maxRetries: 3))
        let queue = try PersistentMessageQueue(store: opened, configuration: configuration, clock: clock)
        var random = SeededRandom(seed: seed ?? UInt64(clock.now().nanosecondsSinceEpoch))
        let consumers = ["a", "b", "c"].map { Consumer(name: $0) }
        let watch = Stopwatch()
        while watch.elapsedSeconds < seconds {
            var enqueued: [MessageID] = []
            var acknowledged: [MessageID] = []
            try queue.batch {
                for _ in 0..<(1 + random.next() % 20) {
                    let draft = MessageDraft(
                        priority: Priority(rank: Int(random.next() % 5))!, sender: "stress",
                        recipient: .agent(consumers[Int(random.next() % 3)].name),
                        body: MessageBody(bytes: Array("payload \(random.next())".utf8)))
                    enqueued.append(try queue.enqueue(draft).first)
                }
                for _ in 0..<(random.next() % 25) {
                    guard let delivery = try queue.claim(for: consumers[Int(random.next() % 3)]) else { continue }
                    let roll = random.nextUnit()
                    if roll < 0.7 {
                        if try queue.acknowledge(delivery.message.id) == .acknowledged { acknowledged.append(delivery.message.id) }
                    } else if roll < 0.9 {
                        try queue.reject(delivery.message.id, error: "simulated failure", retryable: true)
                    }
                }
                try queue.sweep()
            }
            let report = enqueued.map { "E \($0.rawValue)\n" }.joined() + acknowledged.map { "A \($0.rawValue)\n" }.joined()
            FileHandle.standardOutput.write(Data(report.utf8))
        }
    }
}
