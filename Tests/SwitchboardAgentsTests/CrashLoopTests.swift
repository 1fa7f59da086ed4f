import Foundation
import SwitchboardCore
import SwitchboardTestSupport
import Testing

/// Real process agents that cannot stay up, under the real runtime: once this was a tight loop
/// of thousands of give-ups a second.
@Suite("Crash loops", .serialized)
struct CrashLoopTests {
    /// The default policies, but quicker, so that the test takes seconds.
    static let configuration = EngineConfiguration(
        seed: 3, restartPolicy: RestartPolicy(initialDelay: .milliseconds(50), intensity: 5, period: .seconds(60)),
        replacementPolicy: ReplacementPolicy(initialDelay: .seconds(1), failingAfter: 2, period: .seconds(600)))

    @Test(
        "a pool whose command does not exist, or whose agent exits at once, is given up on: a bounded number of starts and events, the agent failed, the pool failing",
        arguments: [
            #"command = ["/nonexistent/switchboard-agent"]"#,
            #"command = ["python3", "-c", "import sys; sys.exit(3)"]"#,
            #"command = ["python3", "-c", "import json; print(json.dumps({'type': 'hello', 'version': 1}), flush=True)"]"#,
        ])
    func givesUpAndStaysGivenUp(command: String) throws {
        let swarm = try SwarmFixture(toml: """
            [[pool]]
            name = "broken"
            driver = "process"
            \(command)
            capabilities = ["x"]
            min_replicas = 1
            max_replicas = 1
            """, configuration: Self.configuration)
        // The event log is fed after each step: wait for the event, not only the engine's state.
        let failing = swarm.wait(timeout: 30) { engine in
            engine.pool("broken")?.isFailing == true && swarm.eventLog.contains { $0.kind == .poolFailing }
        }
        #expect(failing, "\(swarm.eventLog.map(\.message))")
        Thread.sleep(forTimeInterval: 0.3)
        // Nothing more happens: a second later the same events, no new start.
        let settled = swarm.eventLog.count
        Thread.sleep(forTimeInterval: 1.5)
        let events = swarm.eventLog
        #expect(events.count == settled, "\(events.suffix(events.count - settled).map(\.message))")
        let starts = events.filter { $0.kind == .agentStarted }
        let giveUps = events.filter { $0.kind == .supervisorGaveUp }
        // One agent (a command that never came up fails the pool at once), or two (agents that
        // said hello get one replacement before the pool fails): six starts each at most.
        #expect(giveUps.count >= 1 && giveUps.count <= 2, "\(giveUps.map(\.message))")
        #expect(starts.count <= 6 * giveUps.count, "\(starts.count) starts")
        #expect(events.count < 50, "\(events.count) events: \(events.map(\.message))")
        #expect(events.filter { $0.kind == .poolFailing }.count == 1)
        let agents = swarm.engine { $0.allAgents }
        #expect(agents.count == giveUps.count)
        #expect(agents.allSatisfy { $0.state == .failed && $0.health.level == .dead }, "\(agents.map { "\($0.name) \($0.state)" })")
    }
}
