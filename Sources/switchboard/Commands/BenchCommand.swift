import ArgumentParser
import Foundation
import SwitchboardBench

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure performance; prints figures with baselines measured in the same run.",
        discussion: """
            Every figure is the median of several runs. With --json each figure is one JSON line:
            {"name": …, "value": …, "unit": …} plus "baseline", "baseline_value" and "ratio" where a \
            baseline applies. Build with `swift build -c release` first: debug builds are far slower.

            Examples:
              switchboard bench queue
              switchboard bench queue --json --runs 7
            """,
        subcommands: [QueueBench.self, StoreBench.self, TasksBench.self, RenderBench.self]
    )
}

/// Options shared by every benchmark.
struct BenchOptions: ParsableArguments {
    @Flag(help: "Print one JSON object per line.")
    var json = false

    @Option(help: "Repetitions per figure; the median is reported.")
    var runs = 5

    func reporter() -> (BenchResult) -> Void {
        if json {
            return { result in print(result.jsonLine) }
        }
        print("name".padding(toLength: 40) + "value".leftPadded(16) + "  unit        baseline ratio")
        return { result in
            var line = result.name.padding(toLength: 40) + format(result.value).leftPadded(16) + "  " + result.unit.padding(toLength: 12)
            if let ratio = result.ratio, let baseline = result.baselineValue {
                line += "\(format(ratio)) × \(result.baseline ?? "baseline") (\(format(baseline)))"
            }
            print(line)
        }
    }
}

private func format(_ value: Double) -> String {
    if value >= 100 { return String(Int(value.rounded())) }
    return String((value * 1000).rounded() / 1000)
}

extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self + " " : self + String(repeating: " ", count: length - count)
    }

    func leftPadded(_ length: Int) -> String {
        count >= length ? self : String(repeating: " ", count: length - count) + self
    }
}

struct QueueBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "The in-memory queue: enqueue, claim+ack and full cycle against a bare heap.")

    @OptionGroup var options: BenchOptions

    @Option(help: "Timed operations per run and figure.")
    var operations = 300_000

    @Option(parsing: .upToNextOption, help: "Backlog sizes (pending messages).")
    var backlog: [Int] = [1000, 100_000, 1_000_000]

    @Option(help: "How many agents the messages are spread over.")
    var recipients = 1000

    @Option(parsing: .upToNextOption, help: "Figures to measure: memory, enqueue, claim_ack, cycle.")
    var only: [String] = Array(QueueBenchmark.allKinds).sorted()

    func validate() throws {
        let unknown = Set(only).subtracting(QueueBenchmark.allKinds)
        guard unknown.isEmpty else { throw ValidationError("unknown figure(s): \(unknown.sorted().joined(separator: ", "))") }
    }

    func run() throws {
        let benchmark = QueueBenchmark(backlogs: backlog, runs: options.runs, operations: operations, recipients: recipients, kinds: Set(only))
        try benchmark.run(report: options.reporter())
    }
}

struct StoreBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "The durable queue at both durability levels against raw batched SQLite inserts.")

    @OptionGroup var options: BenchOptions

    @Option(help: "Messages per figure and run.")
    var messages = 200_000

    @Option(help: "Operations per commit (group commit).")
    var batch = 1000

    @OptionGroup var scratch: ScratchFolder

    func run() throws {
        let benchmark = StoreBenchmark(messages: messages, runs: options.runs, batch: batch, folder: scratch.path)
        try benchmark.run(report: options.reporter())
    }
}

struct TasksBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "Burn-down of no-op tasks and dispatch latency under a steady submission rate.")

    @OptionGroup var options: BenchOptions

    @Option(help: "Tasks in the burn-down.")
    var tasks = 1_000_000

    @Option(help: "In-process no-op agents.")
    var agents = 8

    @Option(help: "Tasks each agent runs at once.")
    var concurrency = 1000

    @Option(help: "Submissions per second for the latency figure.")
    var rate = 10_000

    @Option(help: "Seconds of steady load for the latency figure.")
    var seconds = 5.0

    @OptionGroup var scratch: ScratchFolder

    func run() throws {
        let benchmark = TaskBenchmark(
            tasks: tasks, agents: agents, concurrency: concurrency, rate: rate, seconds: seconds, runs: options.runs,
            folder: scratch.path)
        try benchmark.run(report: options.reporter())
    }
}

struct RenderBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "The dashboard: time per frame at 200×60 over a large store, and bytes written to the terminal.")

    @OptionGroup var options: BenchOptions

    @Option(help: "Tasks in the large store.")
    var tasks = 100_000

    @Option(help: "Agents in the large store.")
    var agents = 1000

    @Option(help: "Frames per run.")
    var frames = 200

    @Option(help: "Seconds the dashboard runs for each byte count.")
    var seconds = 6.0

    @OptionGroup var scratch: ScratchFolder

    func run() throws {
        let benchmark = RenderBenchmark(
            tasks: tasks, agents: agents, frames: frames, runs: options.runs, seconds: seconds, folder: scratch.path)
        try benchmark.run(report: options.reporter())
    }
}

/// Where a benchmark that writes stores puts them.
struct ScratchFolder: ParsableArguments {
    @Option(help: "Folder for the scratch stores (default: the temporary folder).")
    var folder: String?

    var path: String { folder ?? NSTemporaryDirectory() }
}
