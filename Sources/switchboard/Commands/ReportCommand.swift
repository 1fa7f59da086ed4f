import ArgumentParser
import SwitchboardCore
import SwitchboardStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Per queue and per agent: throughput, success rate, wait and run time p50/p95.",
        discussion: "Examples:\n  switchboard report\n  switchboard report --window 10m --json")

    @OptionGroup var store: StoreOptions

    @Option(help: "Look at tasks that finished within this long (1h, 10m).")
    var window = "1h"

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let duration = try CLI.parseDuration(window, option: "--window")
        let tasks = try CLI.openStore(store).read { db in try TaskQueries.all(db) }
        let report = TaskReport(tasks: tasks, now: CLI.clock.now(), window: duration)
        if json {
            try CLI.printJSON(report)
            return
        }
        func rows(_ lines: [TaskReport.Line]) -> [[String]] {
            lines.map { line in
                [line.name, "\(line.completed)", "\(line.failed)", String(format1(line.throughputPerMinute)),
                 line.successRate.map(TaskTally.formatRate) ?? "-", seconds(line.waitP50), seconds(line.waitP95),
                 seconds(line.runP50), seconds(line.runP95)]
            }
        }
        let header = ["", "DONE", "FAILED", "PER MIN", "SUCCESS", "WAIT P50", "WAIT P95", "RUN P50", "RUN P95"]
        print("Tasks finished in the last \(window)\n")
        print(TextTable.render(["QUEUE"] + header.dropFirst(), rows(report.queues)))
        print("")
        print(TextTable.render(["AGENT"] + header.dropFirst(), rows(report.agents)))
    }

    private func seconds(_ value: Double?) -> String { value.map { formatSeconds($0) } ?? "-" }
    private func format1(_ value: Double) -> String { String((value * 10).rounded() / 10) }
}
