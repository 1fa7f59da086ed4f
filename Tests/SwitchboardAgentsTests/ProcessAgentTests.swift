import Foundation
import SwitchboardAgents
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

@Suite("Process agents", .serialized)
struct ProcessAgentTests {
    @Test("the example echo agent speaks the protocol: tasks, progress, results, messages")
    func echoAgentEndToEnd() throws {
        let swarm = try SwarmFixture(toml: echoSwarm)
        #expect(swarm.wait { engine in engine.allAgents.filter { $0.state == .idle }.count == 2 })
        let ids = swarm.submit((0..<6).map { n in TaskSpec(title: "echo \(n)", payload: ["n": .integer(Int64(n)), "sleep": 0.2], capabilities: ["echo"]) })
        #expect(swarm.wait { engine in ids.allSatisfy { engine.task($0)?.status == .completed } })
        for (n, id) in ids.enumerated() {
            let task = swarm.engine { $0.task(id) }
            #expect(task?.result?["echo"]?["n"] == .integer(Int64(n)))
            #expect(task?.progress == 100)
        }
        #expect(Set(ids.compactMap { id in swarm.engine { $0.task(id)?.agent } }) == ["echo-1", "echo-2"])
        // A message with a ping is answered with a pong to its sender.
        let sent = swarm.runner.withHost { $0.engine.execute(.send(MessageDraft(sender: "tester", recipient: .agent("echo-1"), body: MessageBody(json: ["ping": "hi"]))), actor: .cli) }
        let pingID = try #require(sent.messages.first)
        #expect(swarm.wait { engine in !engine.messages.list(MessageFilter(kinds: [.response], recipient: .agent("tester"))).isEmpty })
        let reply = swarm.engine { $0.messages.list(MessageFilter(kinds: [.response], recipient: .agent("tester"))).first }
        #expect(reply?.correlationID == pingID)
        #expect(reply?.body.json?["pong"] == "hi")
        // The engine samples each agent's process from /proc.
        #expect(swarm.wait { engine in engine.allAgents.allSatisfy { $0.resources.memoryBytes > 1_000_000 } })
    }

    @Test("an agent killed mid-task is restarted within a second and the task completes exactly once")
    func killedMidTask() throws {
        let swarm = try SwarmFixture(toml: echoSwarm)
        #expect(swarm.wait { engine in engine.allAgents.filter { $0.state == .idle }.count == 2 })
        let id = swarm.submit([TaskSpec(title: "long", payload: ["sleep": 2.0], capabilities: ["echo"])])[0]
        #expect(swarm.wait { $0.task(id)?.status == .running })
        let victim = try #require(swarm.engine { $0.task(id)?.agent })
        let pid = try #require(swarm.engine { $0.agent(victim)?.pid })
        let killedAt = Date()
        kill(pid, SIGKILL)
        #expect(swarm.wait(timeout: 5) { engine in
            guard let agent = engine.agent(victim) else { return false }
            return agent.pid != nil && agent.pid != pid && agent.state != .restarting
        })
        let restartedIn = Date().timeIntervalSince(killedAt)
        #expect(restartedIn < 1.0, "restarted after \(restartedIn) s")
        #expect(swarm.wait { $0.task(id)?.status == .completed })
        let task = try #require(swarm.engine { $0.task(id) })
        #expect(task.attempts == 2)
        let completions = swarm.engine { engine in engine.allAgents.reduce(0) { $0 + $1.tasksDone } }
        #expect(completions == 1)
        // The engine's memory runs a step ahead of the store: wait for the step's commit.
        func storedHistory() -> [TaskHistoryEntry] { (try? swarm.runner.store.read { db in try TaskQueries.history(of: id, db) }) ?? [] }
        #expect(swarm.wait { _ in storedHistory().contains { $0.to == .completed } })
        let history = storedHistory()
        #expect(history.filter { $0.to == .completed }.count == 1)
        #expect(history.contains { $0.reason.contains("exited") })
    }

    @Test("garbage on one agent's stdout never disturbs the others; the offender is quarantined")
    func garbageIsContained() throws {
        let script = TemporaryFolder()
        let garbage = script.file("garbage_agent.py")
        try """
            import json, sys, time
            print(json.dumps({"type": "hello", "version": 1, "capabilities": ["echo"]}), flush=True)
            sys.stdout.buffer.write(b"\\xff\\xfe not utf-8\\n")
            print("this is not json", flush=True)
            print(json.dumps({"type": "teleport"}), flush=True)
            print("x" * (1100 * 1024), flush=True)
            print("{\\"type\\": \\"heartbeat\\"", flush=True)
            print(json.dumps({"type": "complete", "task": "t-0000"}), flush=True)
            while True:
                print(json.dumps({"type": "heartbeat"}), flush=True)
                time.sleep(0.3)
            """.write(toFile: garbage, atomically: true, encoding: .utf8)
        let swarm = try SwarmFixture(toml: echoSwarm + """

            [[pool]]
            name = "noise"
            driver = "process"
            command = ["python3", "\(garbage)"]
            capabilities = ["echo"]
            min_replicas = 1
            max_replicas = 1
            heartbeat_interval = "0.3s"
            """)
        #expect(swarm.wait { $0.agent("noise-1")?.quarantined == true })
        let violations = swarm.engine { $0.agent("noise-1")?.protocolViolations ?? 0 }
        #expect(violations >= 5)
        let ids = swarm.submit((0..<8).map { TaskSpec(title: "task \($0)", capabilities: ["echo"]) })
        #expect(swarm.wait { engine in ids.allSatisfy { engine.task($0)?.status == .completed } })
        let agents = Set(ids.compactMap { id in swarm.engine { $0.task(id)?.agent } })
        #expect(agents.isSubset(of: ["echo-1", "echo-2"]))
        #expect(swarm.eventLog.contains { $0.kind == .agentQuarantined && $0.subject == "noise-1" })
        #expect(swarm.engine { $0.agent("echo-1")?.protocolViolations } == 0)
    }
}

