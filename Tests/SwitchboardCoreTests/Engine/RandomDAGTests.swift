import SwitchboardCore
import SwitchboardTestSupport
import Testing

/// Random dependency graphs run by agents that succeed, fail or vanish at random: no task may
/// ever start before every prerequisite it needs has completed (or finished, for "any outcome"
/// edges), and everything ends in a final status.
@Suite("Random DAG execution")
struct RandomDAGTests {
    @Test(arguments: Array(UInt64(1)...25))
    func noTaskStartsBeforeItsPrerequisites(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let h = EngineHarness(configuration: EngineConfiguration(taskRetryPolicy: RetryPolicy(baseDelay: .milliseconds(100), maxRetries: 2), seed: seed))
        for n in 0..<4 { h.addAgent("agent-\(n)", capabilities: n % 2 == 0 ? ["x"] : ["x", "y"], concurrency: 1 + n % 3) }
        var ids: [TaskID] = []
        for _ in 0..<6 {
            var specs: [TaskSpec] = []
            let size = 5 + Int(random.next() % 10)
            for position in 0..<size {
                var dependencies: [TaskSpec.DependencySpec] = []
                for earlier in 0..<position where random.chance(0.25) {
                    dependencies.append(.init(.local("n\(earlier)"), condition: random.chance(0.2) ? .anyOutcome : .success, optional: random.chance(0.1)))
                }
                if !ids.isEmpty, random.chance(0.2) { dependencies.append(.init(.id(ids[Int(random.next() % UInt64(ids.count))]))) }
                specs.append(TaskSpec(
                    title: "n\(position)", capabilities: random.chance(0.3) ? ["y"] : ["x"], priority: Priority(rank: Int(random.next() % 5))!,
                    dependencies: dependencies, localName: "n\(position)"))
            }
            ids += h.submit(specs)
        }
        var violations: [String] = []
        for _ in 0..<2000 {
            let effects = h.tick()
            for case .deliverTask(_, let assignment) in effects {
                let task = h.engine.task(assignment.task)!
                for edge in task.dependencies where !edge.optional {
                    let prerequisite = h.engine.task(edge.prerequisite)!.status
                    let satisfied = edge.condition == .success ? prerequisite == .completed : prerequisite.isFinal
                    if !satisfied { violations.append("\(task.id) started while \(edge.prerequisite) was \(prerequisite)") }
                }
            }
            for id in ids where h.status(id) == .running && random.chance(0.3) {
                let roll = random.nextUnit()
                if roll < 0.75 {
                    h.complete(id)
                } else if roll < 0.95 {
                    h.fail(id, retryable: random.chance(0.8))
                } else if let agent = h.engine.task(id)?.agent {
                    h.engine.handle(.exited(agent: agent, status: nil, signal: 9))
                    h.engine.handle(.started(agent: agent, pool: "default", pid: nil))
                    h.engine.handle(.hello(agent: agent, capabilities: agent.hasSuffix("1") || agent.hasSuffix("3") ? ["x", "y"] : ["x"], role: nil, protocolVersion: 1))
                }
            }
            h.advance(.milliseconds(50))
            if ids.allSatisfy({ h.status($0)?.isFinal ?? false }) { break }
        }
        #expect(violations.isEmpty, "seed \(seed): \(violations.prefix(5))")
        // The run did real work: most tasks ran, and dependency chains were exercised.
        #expect(h.deliveries.count >= ids.count / 2, "seed \(seed): only \(h.deliveries.count) deliveries for \(ids.count) tasks")
        #expect(ids.contains { h.status($0) == .completed && !(h.engine.task($0)?.dependencies.isEmpty ?? true) })
        let unfinished = ids.filter { !(h.status($0)?.isFinal ?? false) }
        #expect(unfinished.isEmpty, "seed \(seed): unfinished \(unfinished.prefix(5).map { "\($0) \(h.status($0)!)" })")
    }
}
