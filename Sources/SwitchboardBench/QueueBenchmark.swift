import HeapModule
import SwitchboardCore
import SwitchboardRuntime

/// `switchboard bench queue`: the in-memory queue's enqueue, claim+ack and full cycle with a
/// backlog of pending messages, against a bare `Heap` of (priority, sequence) pairs measured in
/// the same run; and resident bytes per pending message.
public struct QueueBenchmark {
    public var backlogs: [Int]
    public var runs: Int
    /// Operations timed per run and kind.
    public var operations: Int
    public var recipients: Int
    public var bodyBytes: Int
    /// Which figures to measure: any of "memory", "enqueue", "claim_ack", "cycle".
    public var kinds: Set<String>

    public static let allKinds: Set<String> = ["memory", "enqueue", "claim_ack", "cycle"]

    public init(
        backlogs: [Int] = [1000, 100_000, 1_000_000], runs: Int = 5, operations: Int = 300_000, recipients: Int = 1000,
        bodyBytes: Int = 100, kinds: Set<String> = QueueBenchmark.allKinds
    ) {
        self.kinds = kinds
        self.backlogs = backlogs
        self.runs = max(1, runs)
        self.operations = max(1000, operations)
        self.recipients = max(1, recipients)
        self.bodyBytes = bodyBytes
    }

    public func run(report: (BenchResult) -> Void) throws {
        // Memory first, while the heap of this process is fresh.
        if kinds.contains("memory") { report(try residentBytesPerPending(count: backlogs.max() ?? 1_000_000)) }
        for backlog in backlogs {
            if kinds.contains("enqueue") {
                let rates = try (0..<runs).map { _ in try enqueueRate(try filledQueue(backlog)) }
                report(BenchResult(name: "queue.memory.enqueue.\(backlog)", value: Median.of(rates), unit: "msgs/s", runs: runs))
            }
            if kinds.contains("claim_ack") {
                let rates = try (0..<runs).map { _ in try claimAckRate(try filledQueue(backlog)) }
                report(BenchResult(name: "queue.memory.claim_ack.\(backlog)", value: Median.of(rates), unit: "msgs/s", runs: runs))
            }
            if kinds.contains("cycle") {
                // The queue and the bare heap alternate, so that a noisy moment hits both alike.
                var heap: [Double] = []
                var cycle: [Double] = []
                for _ in 0..<runs {
                    heap.append(baselineCycle(backlog: backlog))
                    cycle.append(try cycleRate(try filledQueue(backlog)))
                }
                report(BenchResult(
                    name: "queue.memory.cycle.\(backlog)", value: Median.of(cycle), unit: "msgs/s",
                    baseline: "heap.insert_remove_max.\(backlog)", baselineValue: Median.of(heap), runs: runs))
            }
        }
    }

    // MARK: The queue

    final class Workload {
        var random = SeededRandom(seed: 42)
        let body: MessageBody
        let recipients: [Recipient]
        let consumers: [Consumer]

        init(recipients count: Int, bodyBytes: Int) {
            body = MessageBody(bytes: [UInt8](repeating: 0x61, count: bodyBytes))
            recipients = (0..<count).map { .agent("agent-\($0)") }
            consumers = (0..<count).map { Consumer(name: "agent-\($0)") }
        }

        func draft(recipient: Int) -> MessageDraft {
            MessageDraft(
                kind: .task, priority: Priority(rank: Int(random.next() % 5))!, sender: "bench",
                recipient: recipients[recipient], body: body)
        }

        func nextRecipient() -> Int { Int(random.next() % UInt64(recipients.count)) }
    }

    func makeQueue() -> InMemoryMessageQueue {
        InMemoryMessageQueue(
            configuration: QueueConfiguration(name: "bench", defaultLease: .seconds(300), finishedMessagesKept: 1000),
            clock: SystemClock())
    }

    func filledQueue(_ backlog: Int) throws -> (InMemoryMessageQueue, Workload) {
        let queue = makeQueue()
        let workload = Workload(recipients: recipients, bodyBytes: bodyBytes)
        for _ in 0..<backlog { try queue.enqueue(workload.draft(recipient: workload.nextRecipient())) }
        return (queue, workload)
    }

    /// Rounds of `batch` timed enqueues each followed by untimed claims that bring the backlog
    /// back, so the backlog stays near its size.
    func enqueueRate(_ setup: (InMemoryMessageQueue, Workload)) throws -> Double {
        let (queue, workload) = setup
        let batch = min(10_000, operations)
        var timed: UInt64 = 0
        var done = 0
        while done < operations {
            let picks = (0..<batch).map { _ in workload.nextRecipient() }
            let drafts = picks.map { workload.draft(recipient: $0) }
            let watch = Stopwatch()
            for draft in drafts { try queue.enqueue(draft) }
            timed += watch.elapsedNanoseconds
            for pick in picks {
                if let delivery = try queue.claim(for: workload.consumers[pick]) { try queue.acknowledge(delivery.message.id) }
            }
            done += batch
        }
        return Double(done) / (Double(timed) / 1e9)
    }

    func claimAckRate(_ setup: (InMemoryMessageQueue, Workload)) throws -> Double {
        let (queue, workload) = setup
        let batch = min(10_000, operations)
        var timed: UInt64 = 0
        var done = 0
        while done < operations {
            let picks = (0..<batch).map { _ in workload.nextRecipient() }
            for pick in picks { try queue.enqueue(workload.draft(recipient: pick)) }
            let watch = Stopwatch()
            for pick in picks {
                if let delivery = try queue.claim(for: workload.consumers[pick]) { try queue.acknowledge(delivery.message.id) }
            }
            timed += watch.elapsedNanoseconds
            done += batch
        }
        return Double(done) / (Double(timed) / 1e9)
    }

    /// Enqueue → claim → acknowledge, one message at a time, all timed. The random choices are
    /// drawn beforehand into small arrays so that the loop measures the queue, not the generator.
    func cycleRate(_ setup: (InMemoryMessageQueue, Workload)) throws -> Double {
        let (queue, workload) = setup
        let picks = (0..<operations).map { _ in UInt32(workload.nextRecipient()) }
        let priorities = (0..<operations).map { _ in Priority(rank: Int(workload.random.next() % 5))! }
        let sender = "bench"
        let watch = Stopwatch()
        for index in 0..<operations {
            let pick = Int(picks[index])
            try queue.enqueue(MessageDraft(kind: .task, priority: priorities[index], sender: sender, recipient: workload.recipients[pick], body: workload.body))
            if let delivery = try queue.claim(for: workload.consumers[pick]) { try queue.acknowledge(delivery.message.id) }
        }
        return Double(operations) / watch.elapsedSeconds
    }

    func residentBytesPerPending(count: Int) throws -> BenchResult {
        // Each message gets a body of its own, as it would arriving from a producer.
        let workload = Workload(recipients: recipients, bodyBytes: bodyBytes)
        let queue = makeQueue()
        let before = ResidentMemory.currentBytes() ?? 0
        for index in 0..<count {
            var draft = workload.draft(recipient: workload.nextRecipient())
            draft.body = MessageBody(bytes: [UInt8](repeating: UInt8(truncatingIfNeeded: index), count: bodyBytes))
            try queue.enqueue(draft)
        }
        let after = ResidentMemory.currentBytes() ?? 0
        let perMessage = Double(after - before) / Double(count)
        withExtendedLifetime(queue) {}
        return BenchResult(name: "queue.memory.bytes_per_pending", value: perMessage, unit: "bytes")
    }

    // MARK: The baseline

    struct Entry: Comparable {
        var priority: UInt8
        var sequence: UInt64
        /// Greater means served first: higher priority, then the lower sequence.
        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.priority < rhs.priority || (lhs.priority == rhs.priority && lhs.sequence > rhs.sequence)
        }
    }

    /// A bare swift-collections `Heap`: insert then removeMax, with the same backlog.
    func baselineCycle(backlog: Int) -> Double {
        var random = SeededRandom(seed: 7)
        var heap = Heap<Entry>()
        var sequence: UInt64 = 0
        for _ in 0..<backlog {
            sequence += 1
            heap.insert(Entry(priority: UInt8(random.next() % 5), sequence: sequence))
        }
        let priorities = (0..<operations).map { _ in UInt8(random.next() % 5) }
        var checksum: UInt64 = 0
        let watch = Stopwatch()
        for priority in priorities {
            sequence += 1
            heap.insert(Entry(priority: priority, sequence: sequence))
            checksum &+= heap.removeMax().sequence
        }
        let elapsed = watch.elapsedSeconds
        precondition(checksum != 0)
        return Double(operations) / elapsed
    }
}
