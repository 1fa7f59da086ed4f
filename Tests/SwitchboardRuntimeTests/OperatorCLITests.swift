import Foundation
import SwitchboardCore
import SwitchboardTestSupport
import Testing

/// The operator's commands beyond tasks: status, queues, send, completions, the manual, help.
@Suite("Operator commands")
struct OperatorCLITests {
    let folder = TemporaryFolder()
    var db: String { folder.file("ops.sqlite") }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try ProcessRunner.run(TestBinary.switchboard, arguments, environment: environment, timeout: 60)
    }

    @Test("status prints the header line, --json the summary; queues lists the queues")
    func statusAndQueues() throws {
        #expect(try run(["submit", "--db", db, "--title", "a", "--queue", "ci", "--priority", "high", "--needs", "gpu"]).status == 0)
        #expect(try run(["submit", "--db", db, "--title", "b", "--queue", "ops"]).status == 0)
        let status = try run(["status", "--db", db])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.hasPrefix("switchboard"))
        #expect(status.stdout.contains("tasks 2:"), "\(status.stdout)")
        #expect(status.stdout.contains("2 queued"), "\(status.stdout)")
        #expect(status.stdout.split(separator: "\n").count == 1)
        let json = try JSONParser.parse(try run(["status", "--db", db, "--json"]).stdout)
        #expect(json["tasks"]?["queued"]?.integerValue == 2)
        #expect(json["engine_live"]?.boolValue == false, "no engine runs: the CLI's short-lived engine has gone")
        #expect(json["store"]?.stringValue == db)
        let queues = try run(["queues", "--db", db])
        #expect(queues.stdout.contains("ci"))
        #expect(queues.stdout.contains("0/0/1/0/0"), "the high task is ready: \(queues.stdout)")
        let queuesJSON = try JSONParser.parse(try run(["queues", "--db", db, "--json"]).stdout)
        #expect(queuesJSON.arrayValue?.map { $0["name"]?.stringValue } == ["ci", "ops"])
    }

    @Test("send puts a message for an agent, a role or everyone in the store; bad options are one-line errors")
    func send() throws {
        let sent = try run(["send", "--db", db, "Agent-3", "rebase", "onto", "main", "--priority", "high", "--ttl", "10m", "--tag", "git", "--json"])
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(try JSONParser.parse(sent.stdout)["messages"]?.arrayValue?.count == 1)
        #expect(try run(["send", "--db", db, "role:captain", "freeze at five", "--kind", "coordination"]).status == 0)
        let broadcast = try run(["send", "--db", db, "all", "maintenance", "--kind", "broadcast"])
        #expect(broadcast.status == 1, "a broadcast with no agent to receive it is refused")
        #expect(broadcast.stderr.contains("at least one registered consumer"), "\(broadcast.stderr)")
        let summary = try run(["store", "check", "--db", db, "--json"])
        #expect(summary.stdout.contains("\"pending\":2"), "\(summary.stdout)")
        let wrong = try run(["send", "--db", db, "Agent-3", "hi", "--kind", "gossip"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("--kind"))
        #expect(wrong.stderr.split(separator: "\n").count == 1)
    }

    @Test("completions for bash, zsh and fish, and the man page, come from the argument parser")
    func completionsAndManual() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try run(["completions", shell])
            #expect(script.status == 0)
            for subcommand in ["demo", "dash", "status", "reprioritize", "send", "themes"] {
                #expect(script.stdout.contains(subcommand), "\(shell) completion lacks \(subcommand)")
            }
        }
        let manual = try run(["manual"])
        #expect(manual.stdout.hasPrefix(".TH SWITCHBOARD 1"))
        for section in [".SH NAME", ".SH SYNOPSIS", ".SH COMMANDS", ".SH EXIT STATUS", ".SS \"switchboard demo\"", ".SS \"switchboard pool scale\""] {
            #expect(manual.stdout.contains(section), "the manual lacks \(section)")
        }
        if FileManager.default.fileExists(atPath: "/usr/bin/groff") || FileManager.default.fileExists(atPath: "/usr/bin/nroff") {
            let file = folder.file("switchboard.1")
            try manual.stdout.write(toFile: file, atomically: true, encoding: .utf8)
            let rendered = try ProcessRunner.run("/usr/bin/env", ["man", "-l", file], environment: ["MANPAGER": "cat", "PAGER": "cat"], timeout: 30)
            #expect(rendered.stdout.contains("switchboard"))
        }
    }

    @Test("--help lists every subcommand with examples; an unknown one is a one-line error with exit 64")
    func help() throws {
        let help = try run(["--help"])
        for subcommand in ["demo", "dash", "run", "status", "submit", "tasks", "task", "reprioritize", "cancel", "retry", "queues", "queue",
                           "send", "report", "agents", "agent", "pool", "store", "themes", "bench", "completions", "manual"] {
            #expect(help.stdout.contains("  \(subcommand)"), "--help lacks \(subcommand)")
        }
        for subcommand in ["demo", "dash", "status", "queues", "send", "agents", "agent", "pool", "themes", "submit"] {
            let text = try run([subcommand, "--help"]).stdout
            #expect(text.contains("Example"), "\(subcommand) --help has no example")
        }
        let nonsense = try run(["nonsense"])
        #expect(nonsense.status == 64)
        #expect(nonsense.stderr.hasPrefix("switchboard: "))
        #expect(nonsense.stderr.split(separator: "\n").count == 1)
        #expect(nonsense.stderr.contains("unknown subcommand 'nonsense'"))
    }

    @Test("the store defaults to XDG_DATA_HOME, SWITCHBOARD_DB overrides it, --db overrides both")
    func storeLocation() throws {
        let data = folder.file("data")
        let environment = ["XDG_DATA_HOME": data, "HOME": folder.path]
        #expect(try run(["submit", "--title", "x"], environment: environment).status == 0)
        #expect(FileManager.default.fileExists(atPath: data + "/switchboard/switchboard.sqlite"))
        let other = folder.file("other.sqlite")
        #expect(try run(["submit", "--title", "y"], environment: environment.merging(["SWITCHBOARD_DB": other]) { $1 }).status == 0)
        #expect(FileManager.default.fileExists(atPath: other))
        let third = folder.file("third.sqlite")
        #expect(try run(["submit", "--title", "z", "--db", third], environment: environment.merging(["SWITCHBOARD_DB": other]) { $1 }).status == 0)
        #expect(FileManager.default.fileExists(atPath: third))
    }
}
