import Foundation
import SwitchboardCore
import SwitchboardTestSupport
import Testing

/// The task commands through the real binary, with no engine running.
@Suite("Task commands")
struct TaskCLITests {
    let folder = TemporaryFolder()
    var db: String { folder.file("cli.sqlite") }

    func run(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.switchboard(arguments + ["--db", db])
    }

    @Test("submit prints only the id; reprioritise shows in the task with the CLI as actor")
    func submitAndReprioritise() throws {
        let submitted = try run(["submit", "--title", "x", "--priority", "low"])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let id = submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(TaskID(parsing: id)?.rawValue == id)
        #expect(submitted.stdout == id + "\n")
        #expect(try run(["reprioritize", id, "critical"]).status == 0)
        let shown = try run(["task", id, "--json"])
        #expect(shown.status == 0)
        let json = try JSONParser.parse(shown.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(json["priority"] == "critical")
        let history = json["history"]?.arrayValue ?? []
        #expect(history.contains { $0["actor"] == "cli" && ($0["reason"]?.stringValue?.contains("critical") ?? false) })
    }

    @Test("a graph with a cycle is refused, naming the line, and adds nothing; without it every task is added")
    func graphFile() throws {
        let file = folder.file("g.toml")
        let cyclic = """
            [[task]]
            name = "build"
            title = "Build"

            [[task]]
            name = "test"
            title = "Test"
            after = ["build", "deploy"]

            [[task]]
            name = "deploy"
            title = "Deploy"
            after = ["test"]
            """
        try cyclic.write(toFile: file, atomically: true, encoding: .utf8)
        let refused = try run(["submit", "--file", file])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("\(file):5:"), "\(refused.stderr)")
        #expect(refused.stderr.contains("cycle"))
        let none = try run(["tasks", "--json"])
        #expect(try JSONParser.parse(none.stdout)["tasks"]?.arrayValue?.isEmpty == true)

        try cyclic.replacingOccurrences(of: "after = [\"build\", \"deploy\"]", with: "after = [\"build\"]").write(toFile: file, atomically: true, encoding: .utf8)
        let accepted = try run(["submit", "--file", file])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let ids = accepted.stdout.split(separator: "\n").map(String.init)
        #expect(ids.count == 3)
        let all = try JSONParser.parse(try run(["tasks", "--json"]).stdout)["tasks"]?.arrayValue ?? []
        #expect(Set(all.compactMap { $0["id"]?.stringValue }) == Set(ids))
        let deploy = all.first { $0["title"] == "Deploy" }
        #expect(deploy?["status"] == "blocked")
    }

    @Test("cancel, retry, queue pause and report work on a store without an engine")
    func operatorCommands() throws {
        let id = try run(["submit", "--title", "x", "--tag", "nightly"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try run(["queue", "pause", "default"]).status == 0)
        let cancelled = try run(["cancel", id, "--reason", "not needed"])
        #expect(cancelled.stdout.contains("cancelled 1 task(s)"))
        let retried = try run(["retry", "--filter", "tag:nightly"])
        #expect(retried.stdout.contains("retried 1 task(s)"), "\(retried.stdout) \(retried.stderr)")
        let other = try run(["submit", "--title", "y"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try run(["cancel", other]).status == 0)
        let report = try run(["report", "--json"])
        #expect(report.status == 0)
        let json = try JSONParser.parse(report.stdout)
        #expect(json["queues"]?.arrayValue?.first?["name"] == "default")
        let refused = try run(["retry", id])
        #expect(refused.status == 1)
        #expect(refused.stderr == "switchboard: \(id) is queued; it cannot be retried\n")
        #expect(try run(["task", "t-ffffff"]).status == 4)
    }
}
