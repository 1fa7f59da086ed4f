import Foundation
import SwitchboardAgents
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Stopping an agent: the shutdown line, SIGTERM 3 s later, SIGKILL 3 s after that, to the
/// whole process group; and a stopped agent stays stopped.
@Suite("Stopping agents", .serialized)
struct AgentStopTests {
    /// An agent that ignores the shutdown line and SIGTERM (noting when SIGTERM came) and
    /// starts a child of its own; it writes both pids to `pids`.
    private static func stubbornAgent(in folder: TemporaryFolder) throws -> (script: String, pids: String, sigterm: String) {
        let script = folder.file("stubborn_agent.py")
        let pids = folder.file("pids")
        let sigterm = folder.file("sigterm")
        try """
            import json, os, signal, subprocess, sys, time
            def noted(*_):
                with open(\(pythonString(sigterm)), "a") as f: f.write(f"{time.time()}\\n")
            signal.signal(signal.SIGTERM, noted)
            child = subprocess.Popen(["sleep", "1000"])
            with open(\(pythonString(pids)), "w") as f: f.write(f"{os.getpid()} {child.pid}\\n")
            print(json.dumps({"type": "hello", "version": 1, "capabilities": ["stubborn"]}), flush=True)
            while True:
                print(json.dumps({"type": "heartbeat"}), flush=True)
                time.sleep(0.3)
            """.write(toFile: script, atomically: true, encoding: .utf8)
        return (script, pids, sigterm)
    }

    private static func pythonString(_ text: String) -> String { "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\"" }

    /// Alive and not a zombie (a reparented zombie may wait for a reaper that never comes).
    private static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        // The state is the first field after the command's closing parenthesis.
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }

    @Test("an agent that ignores SIGTERM, and the child it started, are gone within 7 s of `agent stop`; no replacement starts")
    func stubbornAgentIsKilled() throws {
        let folder = TemporaryFolder()
        let agent = try Self.stubbornAgent(in: folder)
        let swarm = try SwarmFixture(toml: """
            [[pool]]
            name = "stubborn"
            driver = "process"
            command = ["python3", "\(agent.script)"]
            capabilities = ["stubborn"]
            min_replicas = 1
            max_replicas = 1
            heartbeat_interval = "0.3s"
            """)
        #expect(swarm.wait { $0.agent("stubborn-1")?.state == .idle })
        let text = try #require(try? String(contentsOfFile: agent.pids, encoding: .utf8))
        let pids = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int32($0) }
        try #require(pids.count == 2)
        #expect(pids.allSatisfy(Self.isAlive))
        let stoppedAt = Date()
        swarm.runner.loop.command(.agent(.stop, name: "stubborn-1"), actor: .cli)
        let deadline = stoppedAt.addingTimeInterval(7.5)
        while Date() < deadline, pids.contains(where: Self.isAlive) { usleep(50_000) }
        let gone = Date().timeIntervalSince(stoppedAt)
        #expect(!pids.contains(where: Self.isAlive), "still alive after \(gone) s: \(pids.filter(Self.isAlive))")
        #expect(gone > 5.5, "killed after \(gone) s, before the shutdown line and SIGTERM had their 3 s each")
        // SIGTERM came about 3 s after the stop, not at once.
        let sigterm = (try? String(contentsOfFile: agent.sigterm, encoding: .utf8))?.split(separator: "\n").first.flatMap { Double($0) }
        let termAfter = sigterm.map { $0 - stoppedAt.timeIntervalSince1970 }
        #expect(termAfter.map { $0 > 2.5 && $0 < 4 } == true, "SIGTERM after \(String(describing: termAfter)) s")
        // It stays stopped: its pool starts no replacement.
        Thread.sleep(forTimeInterval: 1)
        #expect(swarm.engine { $0.agent("stubborn-1")?.state } == .stopped)
        #expect(swarm.engine { $0.allAgents.filter { $0.state != .stopped }.count } == 0)
        #expect(swarm.eventLog.filter { $0.kind == .agentStarted }.count == 1)
    }

    @Test("a well-behaved agent leaves on the shutdown line and stays stopped; `agent restart` brings it back")
    func wellBehavedAgentStaysStopped() throws {
        let swarm = try SwarmFixture(toml: echoSwarm)
        #expect(swarm.wait { engine in engine.allAgents.filter { $0.state == .idle }.count == 2 })
        let pid = try #require(swarm.engine { $0.agent("echo-1")?.pid })
        let stoppedAt = Date()
        swarm.runner.loop.command(.agent(.stop, name: "echo-1"), actor: .cli)
        #expect(swarm.wait(timeout: 5) { _ in !Self.isAlive(pid) })
        #expect(Date().timeIntervalSince(stoppedAt) < 2.5, "it left only on SIGTERM or SIGKILL")
        Thread.sleep(forTimeInterval: 1.5)
        #expect(swarm.engine { $0.agent("echo-1")?.state } == .stopped)
        #expect(swarm.engine { $0.allAgents.filter { $0.state != .stopped }.map(\.name) } == ["echo-2"])
        swarm.runner.loop.command(.agent(.restart, name: "echo-1"), actor: .cli)
        #expect(swarm.wait { $0.agent("echo-1")?.state == .idle })
    }
}
