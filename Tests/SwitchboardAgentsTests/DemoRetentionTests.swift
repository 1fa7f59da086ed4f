import Foundation
import GRDB
import SwitchboardAgents
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore
import SwitchboardTestSupport
import Testing

@Suite("The demo's store")
struct DemoRetentionTests {
    /// Rows in the tables that grow with work done.
    private func rows(_ store: Store) throws -> [String: Int] {
        try store.read { db in
            var counts: [String: Int] = [:]
            for table in ["tasks", "task_history", "events", "metric_rollups", "commands"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
            }
            return counts
        }
    }

    @Test("with the demo's retention, half an hour of steady work leaves the store's tables no bigger than after fifteen minutes")
    func storeLevelsOff() throws {
        let folder = TemporaryFolder()
        let clock = ManualClock()
        let store = try Store.open(path: folder.file("demo.sqlite"))
        let host = try EngineHost.open(store: store, clock: clock, configuration: EngineConfiguration(seed: 5), retention: DemoSwarm.retention)
        defer { host.close() }
        host.engine.register(pool: PoolRecord(name: "workers", capabilities: ["work"], minReplicas: 2, maxReplicas: 2))
        for name in ["w-1", "w-2"] {
            host.handle(.started(agent: name, pool: "workers", pid: nil))
            host.handle(.hello(agent: name, capabilities: ["work"], role: nil, protocolVersion: 1))
        }
        var afterFifteenMinutes: [String: Int] = [:]
        // A task a second, each done within the step that delivers it, for half an hour.
        for second in 1...1800 {
            _ = try host.store.write { db in
                try CommandRows.insert(.submit([TaskSpec(title: "chore \(second)", capabilities: ["work"])]), by: .cli, at: clock.now(), db)
            }
            clock.advance(by: .seconds(1))
            for name in ["w-1", "w-2"] { host.handle(.heartbeat(agent: name)) }
            for effect in try host.step() {
                if case .deliverTask(let agent, let assignment) = effect {
                    host.handle(.completed(agent: agent, task: assignment.task, result: nil, output: nil))
                }
            }
            if second == 15 * 60 { afterFifteenMinutes = try rows(store) }
        }
        let afterHalfAnHour = try rows(store)
        #expect((afterHalfAnHour["tasks"] ?? 0) > 0)
        for (table, count) in afterHalfAnHour {
            let before = afterFifteenMinutes[table] ?? 0
            #expect(count <= before + before / 5 + 50, "\(table): \(before) rows after 15 minutes, \(count) after 30")
        }
        // Ten minutes of tasks at one a second, with a round of retention's slack.
        #expect((afterHalfAnHour["tasks"] ?? 0) <= 700, "\(afterHalfAnHour)")
    }
}
