import Foundation
import SwitchboardCore
import Testing

@Suite("An agent's stored JSON")
struct AgentRecordJSONTests {
    @Test("reads back through Codable as the same record, every field set")
    func roundTripsEveryField() throws {
        var agent = AgentRecord(name: "Agent-7 \"quoted\"", pool: "testers", role: "captain", capabilities: ["test", "python"], concurrency: 3, state: .busy)
        agent.currentTasks = [TaskID("t-4f2a"), TaskID("t-0001")]
        agent.tasksDone = 12
        agent.tasksFailed = 2
        agent.startedAt = Instant(nanosecondsSinceEpoch: 1_767_225_600_123_000_000)  // stored to the millisecond, as RFC 3339 text
        agent.lastHeartbeatAt = Instant(nanosecondsSinceEpoch: 1_767_225_700_000_000_000)
        agent.pid = 4242
        agent.restarts = 1
        agent.protocolViolations = 3
        agent.quarantined = true
        agent.lastError = "line 3: not JSON\n\ttab"
        agent.health.level = .degraded
        agent.health.score = 52
        agent.health.reasons = ["memory grows 1.5 MB/s", "ünïcode ✓"]
        agent.health.phi = 2.718281828
        agent.health.forecast = "memory limit in ~4m"
        agent.health.secondsToMemoryLimit = 240.5
        agent.health.slowdown = 1.25
        agent.resources.cpuPercent = 49.3
        agent.resources.memoryBytes = 251_133_952
        agent.resources.memoryLimitBytes = 536_870_912
        agent.meanTaskSeconds = 0.947
        agent.p95TaskSeconds = 1e-7
        agent.cpuHistory = [0, 12.5, 100, 0.1]
        agent.memoryHistory = [1 << 20, 1 << 28]
        agent.throughputHistory = [0, 3, 1]
        agent.stderrTail = ["warning: x", ""]
        let decoded = try JSONDecoder().decode(AgentRecord.self, from: Data(agent.storedJSON.utf8))
        #expect(decoded == agent)
    }

    @Test("a fresh record, with every optional field absent, reads back the same")
    func roundTripsAFreshRecord() throws {
        let agent = AgentRecord(name: "a", pool: "p")
        #expect(try JSONDecoder().decode(AgentRecord.self, from: Data(agent.storedJSON.utf8)) == agent)
    }

    @Test("an infinite suspicion is stored as the largest finite number, not as invalid JSON")
    func infinitePhiStaysValid() throws {
        var agent = AgentRecord(name: "a", pool: "p")
        agent.health.phi = .infinity
        let decoded = try JSONDecoder().decode(AgentRecord.self, from: Data(agent.storedJSON.utf8))
        #expect(decoded.health.phi == .greatestFiniteMagnitude)
    }
}
