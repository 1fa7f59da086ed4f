import Foundation
import GRDB
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore
import SwitchboardTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A command-line client that stands in for an absent engine applies its own command and
/// nothing else; an engine that starts while a client holds the store waits for it.
@Suite("Stand-in engines and the writer lock")
struct StandInTests {
    let folder = TemporaryFolder()
    var path: String { folder.file("standin.sqlite") }

    /// A store whose engine ran three agents of a pool and was then killed (SIGKILL: nothing
    /// written on the way out), so that its rows still say the agents are idle.
    private func storeOfAKilledEngine() throws -> Store {
        let store = try Store.open(path: path)
        let host = try EngineHost.open(store: store, clock: SystemClock())
        host.engine.register(pool: PoolRecord(name: "workers", capabilities: ["work"], minReplicas: 3, maxReplicas: 3))
        for name in ["workers-1", "workers-2", "workers-3"] {
            host.handle(.started(agent: name, pool: "workers", pid: 4242))
            host.handle(.hello(agent: name, capabilities: ["work"], role: nil, protocolVersion: 1))
        }
        try host.step()
        try host.commit(finalSummary: true)
        host.close()
        return store
    }

    private struct Rows: Equatable {
        var agents: [[String]]
        var pools: [[String]]
        var poolScaledEvents: Int
        var startedAt: Int64?
    }

    private func rows(_ store: Store) throws -> Rows {
        try store.read { db in
            Rows(
                agents: try Row.fetchAll(db, sql: "SELECT name, state, updated_at, snapshot FROM agents ORDER BY name").map { row in
                    [row["name"], row["state"], String(row["updated_at"] as Int64), row["snapshot"]]
                },
                pools: try Row.fetchAll(db, sql: "SELECT name, updated_at, snapshot FROM pools ORDER BY name").map { row in
                    [row["name"], String(row["updated_at"] as Int64), row["snapshot"]]
                },
                poolScaledEvents: try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE kind = 'poolScaled'") ?? 0,
                startedAt: try EngineRows.summary(db)?.startedAt.nanosecondsSinceEpoch)
        }
    }

    @Test("a command on a store with no engine leaves its agents, pools and the engine's uptime as they were")
    func standInTouchesNothingElse() throws {
        let store = try storeOfAKilledEngine()
        let before = try rows(store)
        #expect(before.agents.count == 3)
        #expect(before.agents.allSatisfy { $0[1] == "idle" })
        usleep(20_000)
        let outcome = try EngineHost.send(.submit([TaskSpec(title: "x", capabilities: ["work"])]), to: store, clock: SystemClock())
        #expect(outcome.accepted)
        _ = try EngineHost.send(.reprioritize(.ids(outcome.tasks), .high), to: store, clock: SystemClock())
        let after = try rows(store)
        #expect(after == before)
        let summary = try #require(try store.read { db in try EngineRows.summary(db) })
        #expect(summary.taskCount(.queued) == 1, "the counts follow the store")
        #expect(summary.messagesPerSecond == 0)
        // Nothing could start an agent: restarting one is refused, and says why.
        let restart = try EngineHost.send(.agent(.restart, name: "workers-2"), to: store, clock: SystemClock())
        #expect(!restart.accepted)
        #expect(restart.message.contains("no engine runs"))
        #expect(try rows(store) == before)
    }

    @Test("a dashboard on a store with no engine shows its agents stopped and every rate zero")
    func offlineDashboard() throws {
        let store = try storeOfAKilledEngine()
        let snapshot = try StoreDashboardSource(store: store, clock: SystemClock()).snapshot(for: DashboardQueryFixture.all)
        #expect(snapshot.agents.count == 3)
        #expect(snapshot.agents.allSatisfy { $0.state == .stopped && $0.pid == nil && $0.currentTasks.isEmpty })
        #expect(snapshot.summary?.agentCount(.stopped) == 3)
        #expect(snapshot.summary?.agentCount(.idle) == 0)
        #expect(snapshot.summary?.messagesPerSecond == 0)
        #expect(snapshot.summary?.completedPerSecond.allSatisfy { $0 == 0 } == true)
    }

    @Test("an engine that starts while a client holds the store for a moment waits for it; one that stays is refused")
    func engineWaitsForABriefHold() throws {
        let store = try Store.open(path: path)
        let held = try #require(try WriterLock.acquire(for: path))
        let releaser = Thread {
            Thread.sleep(forTimeInterval: 0.8)
            held.release()
        }
        releaser.start()
        let started = ContinuousClock.now
        let host = try EngineHost.open(store: store, clock: SystemClock(), waitingUpTo: .seconds(5))
        #expect(ContinuousClock.now - started >= .milliseconds(700))
        #expect(throws: EngineHostError.alreadyRunning(path: path)) {
            try EngineHost.open(store: try Store.open(path: path), clock: SystemClock(), waitingUpTo: .milliseconds(300))
        }
        host.close()
    }

    @Test("`switchboard run` started while another process holds the store briefly runs instead of failing")
    func runWaitsForTheLock() throws {
        let held = try #require(try WriterLock.acquire(for: path))
        let releaser = Thread {
            Thread.sleep(forTimeInterval: 1.5)
            held.release()
        }
        releaser.start()
        let result = try ProcessRunner.switchboard(
            ["run", "--config", RepositoryPath.file("examples/swarm.toml"), "--db", path, "--headless", "--exit-when-idle"], timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("already running"))
    }
}

import SwitchboardUI

enum DashboardQueryFixture {
    static let all = DashboardQuery(taskLimit: 10, eventLimit: 10)
}
