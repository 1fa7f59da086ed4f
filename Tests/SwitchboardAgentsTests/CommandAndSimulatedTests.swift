import Foundation
import SwitchboardAgents
import SwitchboardCore
import SwitchboardTestSupport
import Testing

@Suite("Command and simulated agents", .serialized)
struct CommandAndSimulatedTests {
    @Test("a command task reports progress from its output, succeeds on exit 0, fails otherwise, keeps its output tail")
    func commandTasks() throws {
        let swarm = try SwarmFixture(toml: """
            [[pool]]
            name = "shell"
            driver = "command"
            capabilities = ["sh"]
            min_replicas = 1
            max_replicas = 1
            tasks_per_agent = 2
            environment = { GREETING = "hello" }
            """)
        let ids = swarm.submit([
            TaskSpec(title: "ok", command: ["/bin/sh", "-c", "echo progress: 40 halfway; echo \"$GREETING from $SWITCHBOARD_TASK\"; sleep 0.3"], capabilities: ["sh"]),
            TaskSpec(title: "fails", command: ["/bin/sh", "-c", "echo about to fail >&2; exit 3"], capabilities: ["sh"], maxAttempts: 1),
        ])
        #expect(swarm.wait { engine in ids.allSatisfy { engine.task($0)?.status.isFinal ?? false } })
        let ok = try #require(swarm.engine { $0.task(ids[0]) })
        #expect(ok.status == .completed)
        #expect(ok.outputTail?.contains("hello from \(ids[0])") == true, "\(String(describing: ok.outputTail))")
        let failed = try #require(swarm.engine { $0.task(ids[1]) })
        #expect(failed.status == .failed)
        #expect(failed.lastError?.contains("exited with status 3") == true)
        #expect(failed.outputTail?.contains("about to fail") == true)
    }

    @Test("command progress lines parse")
    func progressLines() {
        #expect(CommandProgress.parse("progress: 42 compiling") == CommandProgress(percent: 42, note: "compiling"))
        #expect(CommandProgress.parse("Progress:7") == CommandProgress(percent: 7, note: nil))
        #expect(CommandProgress.parse("progressive rock") == nil)
    }

    @Test("a simulated pool works through tasks in real time")
    func simulatedPool() throws {
        let swarm = try SwarmFixture(toml: """
            [[pool]]
            name = "sim"
            driver = "simulated"
            capabilities = ["x"]
            min_replicas = 2
            max_replicas = 2
            tasks_per_agent = 4

            [pool.simulation]
            task_seconds = 0.2
            """)
        let ids = swarm.submit((0..<12).map { TaskSpec(title: "sim \($0)", capabilities: ["x"]) })
        #expect(swarm.wait { engine in ids.allSatisfy { engine.task($0)?.status == .completed } })
        #expect(swarm.wait { $0.allAgents.allSatisfy { $0.resources.memoryBytes > 0 } })
    }

    @Test("the process sampler sees a child's memory and CPU")
    func sampler() throws {
        let folder = TemporaryFolder()
        let pid = try ProcessRunner.spawn("/usr/bin/python3", ["-c", "x = bytearray(64 * 1024 * 1024)\nwhile True: pass"], stdoutPath: folder.file("o"), stderrPath: folder.file("e"))
        defer {
            kill(pid, SIGKILL)
            _ = ProcessRunner.wait(for: pid, timeout: 5)
        }
        let sampler = ProcSampler()
        _ = sampler.sample(["busy": pid])
        Thread.sleep(forTimeInterval: 1)
        let sample = try #require(sampler.sample(["busy": pid])["busy"])
        #expect(sample.memoryBytes > 60 * 1024 * 1024)
        #expect(sample.cpuPercent > 20)
    }
}

@Suite("switchboard run", .serialized)
struct RunCommandTests {
    @Test("twenty echo tasks are done by the example swarm, which then exits 0")
    func exampleSwarmDrainsAndExits() throws {
        let folder = TemporaryFolder()
        let db = folder.file("run.sqlite")
        for n in 0..<20 {
            let submitted = try ProcessRunner.switchboard(["submit", "--db", db, "--needs", "echo", "--title", "t\(n)"])
            #expect(submitted.status == 0)
        }
        let run = try ProcessRunner.switchboard(
            ["run", "--config", RepositoryPath.file("examples/swarm.toml"), "--db", db, "--headless", "--exit-when-idle"], timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")
        let tasks = try JSONParser.parse(try ProcessRunner.switchboard(["tasks", "--db", db, "--json"]).stdout)["tasks"]?.arrayValue ?? []
        #expect(tasks.count == 20)
        #expect(tasks.allSatisfy { $0["status"] == "completed" })
        let agents = Set(tasks.compactMap { $0["agent"]?.stringValue })
        #expect(agents.isSubset(of: ["echo-1", "echo-2"]))
        #expect(!agents.isEmpty)
    }

    @Test("a swarm file with an unknown key or a wrong type is refused, naming the line and key")
    func badSwarmFiles() throws {
        let folder = TemporaryFolder()
        let file = folder.file("bad.toml")
        try "[[pool]]\nname = \"x\"\ndriver = \"process\"\ncommand = [\"true\"]\nreplicas = 3\n".write(toFile: file, atomically: true, encoding: .utf8)
        let unknown = try ProcessRunner.switchboard(["run", "--config", file, "--db", folder.file("s.sqlite"), "--headless"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("bad.toml:5: key \"replicas\": unknown key"), "\(unknown.stderr)")
        try "[[pool]]\nname = \"x\"\ndriver = \"process\"\ncommand = [\"true\"]\nmax_replicas = \"many\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        let wrongType = try ProcessRunner.switchboard(["run", "--config", file, "--db", folder.file("s.sqlite"), "--headless"])
        #expect(wrongType.status != 0)
        #expect(wrongType.stderr.contains("bad.toml:5: key \"max_replicas\": expected an integer, found a string"), "\(wrongType.stderr)")
    }

    @Test("agent and pool commands reach the running engine")
    func operatorCommandsOnARunningSwarm() throws {
        let swarm = try SwarmFixture(toml: echoSwarm)
        #expect(swarm.wait { engine in engine.allAgents.filter { $0.state == .idle }.count == 2 })
        let db = swarm.runner.store.path
        let drained = try ProcessRunner.switchboard(["agent", "drain", "echo-1", "--db", db])
        #expect(drained.status == 0, "\(drained.stderr)")
        #expect(swarm.wait { $0.agent("echo-1")?.state == .draining })
        let scaled = try ProcessRunner.switchboard(["pool", "scale", "echo", "--min", "1", "--max", "3", "--db", db])
        #expect(scaled.status == 0, "\(scaled.stderr)")
        #expect(swarm.wait { $0.pool("echo")?.maxReplicas == 3 })
        let listed = try ProcessRunner.switchboard(["agents", "--db", db, "--json"])
        let agents = try JSONParser.parse(listed.stdout).arrayValue ?? []
        #expect(agents.contains { $0["name"] == "echo-1" && $0["state"] == "draining" })
        let unknown = try ProcessRunner.switchboard(["agent", "restart", "nobody", "--db", db])
        #expect(unknown.status == 4, "an unknown agent is not found: exit 4")
        #expect(unknown.stderr == "switchboard: no agent named nobody\n")
    }
}
