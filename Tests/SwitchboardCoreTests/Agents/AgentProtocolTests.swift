import SwitchboardCore
import Testing

@Suite("Agent protocol")
struct AgentProtocolTests {
    func decode(_ text: String) -> AgentReport { AgentProtocol.decode(Array(text.utf8), agent: "a") }

    @Test func everyAgentMessageDecodes() {
        #expect(decode(#"{"type":"hello","version":1,"capabilities":["echo"],"role":"captain"}"#) == .hello(agent: "a", capabilities: ["echo"], role: "captain", protocolVersion: 1))
        #expect(decode(#"{"type":"heartbeat"}"#) == .heartbeat(agent: "a"))
        #expect(decode(#"{"type":"progress","task":"t-4f2a","percent":42,"note":"compiling"}"#) == .progress(agent: "a", task: TaskID("t-4f2a"), percent: 42, note: "compiling"))
        #expect(decode(#"{"type":"complete","task":"t-4f2a","result":{"ok":true}}"#) == .completed(agent: "a", task: TaskID("t-4f2a"), result: ["ok": true], output: nil))
        #expect(decode(#"{"type":"fail","task":"t-4f2a","error":"disk","retry":false}"#) == .failed(agent: "a", task: TaskID("t-4f2a"), error: "disk", retryable: false, output: nil))
        #expect(decode(#"{"type":"send","to":"role:captain","kind":"status","priority":"high","body":{"n":1},"reply_to":7}"#)
            == .send(agent: "a", recipient: .role("captain"), kind: .status, priority: .high, body: MessageBody(json: ["n": 1]), ttl: nil, tags: [], correlationID: MessageID(7)))
        #expect(decode(#"{"type":"log","level":"warning","message":"low disk"}"#) == .log(agent: "a", level: "warning", text: "low disk"))
    }

    @Test(arguments: [
        ("not json", "line is not JSON"), ("[1,2]", "line is not a JSON object"), (#"{"kind":"x"}"#, "line has no \"type\""),
        (#"{"type":"dance"}"#, "unknown type \"dance\""), (#"{"type":"hello","version":2}"#, "protocol version 2 is not supported"),
        (#"{"type":"progress","percent":5}"#, "progress needs a \"task\""), (#"{"type":"send","to":"nowhere:x"}"#, "send needs \"to\""),
    ])
    func violationsSayWhy(line: String, reason: String) {
        guard case .protocolViolation(_, let why) = decode(line) else {
            Issue.record("expected a violation for \(line)")
            return
        }
        #expect(why.hasPrefix(reason), "\(why)")
    }

    @Test func invalidUTF8AndHugeLinesAreViolations() {
        guard case .protocolViolation(_, let why) = AgentProtocol.decode([0x7B, 0xFF, 0xFE, 0x7D], agent: "a") else {
            Issue.record("expected a violation")
            return
        }
        #expect(why == "line is not valid UTF-8")
        guard case .protocolViolation(_, let tooLong) = AgentProtocol.decode([UInt8](repeating: 0x20, count: AgentProtocol.maximumLineBytes + 1), agent: "a") else {
            Issue.record("expected a violation")
            return
        }
        #expect(tooLong.hasPrefix("line longer than 1 MiB"))
    }

    @Test func engineLinesAreJSONWithATypeEach() throws {
        let assignment = TaskAssignment(task: TaskID("t-1"), message: MessageID(3), title: "x", payload: ["a": 1], command: nil, attempt: 2, priority: .high, timeout: 30, deadline: nil)
        let task = try JSONParser.parse(try #require(AgentProtocol.line(for: .deliverTask(agent: "a", assignment: assignment))))
        #expect(task["type"] == "task")
        #expect(task["task"] == "t-1")
        #expect(task["attempt"] == 2)
        #expect(try JSONParser.parse(try #require(AgentProtocol.line(for: .cancelTask(agent: "a", task: TaskID("t-1"), reason: "r"))))["type"] == "cancel")
        #expect(try JSONParser.parse(try #require(AgentProtocol.line(for: .stopAgent(agent: "a", reason: "r"))))["type"] == "shutdown")
        #expect(try JSONParser.parse(AgentProtocol.welcome(agent: "a", heartbeatInterval: 1))["version"] == 1)
        #expect(AgentProtocol.line(for: .killAgent(agent: "a", reason: "r")) == nil)
    }
}

@Suite("Simulated agents")
struct SimulatedSwarmTests {
    @Test func theyWorkTheirTasksAndReproduceFromASeed() {
        func run(seed: UInt64) -> [AgentReport] {
            let swarm = SimulatedSwarm(seed: seed)
            var now = Instant(secondsSinceEpoch: 100)
            var reports = swarm.start("sim", pool: "p", profile: SimulationProfile(taskSeconds: 2, failureRate: 0.3), capabilities: ["x"], role: nil, now: now)
            for n in 0..<5 {
                let assignment = TaskAssignment(task: TaskID("t-\(n)"), message: MessageID(UInt64(n + 1)), title: "t", payload: nil, command: nil, attempt: 1, priority: .normal, timeout: nil, deadline: nil)
                reports += swarm.handle(.deliverTask(agent: "sim", assignment: assignment), now: now)
            }
            for _ in 0..<100 {
                now = now + .milliseconds(100)
                reports += swarm.advance(to: now)
            }
            return reports
        }
        let first = run(seed: 5)
        #expect(first == run(seed: 5))
        let finished = first.filter { if case .completed = $0 { true } else if case .failed = $0 { true } else { false } }
        #expect(finished.count == 5)
        #expect(first.contains { if case .heartbeat = $0 { true } else { false } })
        #expect(first.contains { if case .resources = $0 { true } else { false } })
    }

    @Test func aPayloadCanAskForAnOutcome() {
        let swarm = SimulatedSwarm(seed: 1)
        let now = Instant(secondsSinceEpoch: 0)
        _ = swarm.start("sim", pool: "p", profile: SimulationProfile(), capabilities: [], role: nil, now: now)
        let assignment = TaskAssignment(task: TaskID("t-1"), message: MessageID(1), title: "t", payload: ["outcome": "crash", "seconds": 1], command: nil, attempt: 1, priority: .normal, timeout: nil, deadline: nil)
        _ = swarm.handle(.deliverTask(agent: "sim", assignment: assignment), now: now)
        let reports = swarm.advance(to: now + .seconds(2))
        #expect(reports.contains { if case .exited(agent: "sim", _, _) = $0 { true } else { false } })
        #expect(!swarm.isAlive("sim"))
    }
}
