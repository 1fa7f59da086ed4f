#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import SwitchboardCore
import SwitchboardStore
import SwitchboardUI

/// The dashboard's data, read from a store: the summary the engine keeps there, one window of
/// the task list, the agents, pools and event log, and the open task in full. The same source
/// serves the demo (the engine runs in this process) and `dash --db` (it runs in another, or
/// not at all), because both only ever look at the store.
public final class StoreDashboardSource: DashboardSource, @unchecked Sendable {
    public let store: Store
    private let clock: any Clock
    /// The store's path as people read it (`~/…`).
    private let displayPath: String
    /// Agents decoded by earlier reads (only the feed thread reads, one read at a time).
    private let agentCache = AgentCache()

    private final class AgentCache: @unchecked Sendable {
        let lock = NSLock()
        var agents: [String: (updatedAt: Int64, agent: AgentRecord)] = [:]
        var sorted: [AgentRecord] = []
    }

    public init(store: Store, clock: any Clock) {
        self.store = store
        self.clock = clock
        displayPath = Self.shortened(store.path)
    }

    public func snapshot(for query: DashboardQuery) throws -> DashboardSnapshot {
        let now = clock.now()
        let running = WriterLock.isHeld(for: store.path)
        var snapshot = try store.read { db in
            var detail: TaskDetail?
            if let id = query.taskDetail, let task = try TaskQueries.task(id, db) {
                detail = TaskDetail(
                    task: task, tree: DependencyTree.lines(for: id, limit: 60) { try? TaskQueries.task($0, db) },
                    dependents: try TaskQueries.dependents(of: id, limit: 50, db), history: try TaskQueries.history(of: id, db))
            }
            let summary = try EngineRows.summary(db)
            // With no filter the summary knows the total; it is at most a moment old, which
            // only matters for the scroll bar's end.
            let total = query.taskFilter.isEmpty ? summary.map { $0.tasks.values.reduce(0, +) } : nil
            var page = try TaskQueries.page(
                query.taskFilter, order: query.taskOrder, offset: query.taskOffset, limit: query.taskLimit, now: now, knownTotal: total, db)
            // The task the cursor is on: where it is now, and the window moved to it when the
            // list carried it out of the window asked for.
            var selectedIndex: Int?
            if let id = query.taskSelected {
                if let local = page.rows.firstIndex(where: { $0.id == id }) {
                    selectedIndex = page.offset + local
                } else if let index = try TaskQueries.index(of: id, query.taskFilter, order: query.taskOrder, now: now, db) {
                    selectedIndex = index
                    page = try TaskQueries.page(
                        query.taskFilter, order: query.taskOrder, offset: max(0, index - query.taskLimit / 2), limit: query.taskLimit, now: now,
                        knownTotal: total, db)
                }
            }
            var marked: [TaskID: Task] = [:]
            // Marks are made by hand, a few at a time: reading each by its id is cheap.
            for id in query.markedTasks { marked[id] = try TaskQueries.task(id, db) }
            var snapshot = DashboardSnapshot(
                storePath: displayPath, readAt: now, summary: summary, query: query, tasks: page,
                agents: try sortedAgents(db), pools: try EngineRows.pools(db),
                events: try EngineRows.recentEvents(limit: query.eventLimit, db), taskDetail: detail)
            snapshot.selectedTaskIndex = selectedIndex
            snapshot.markedTasks = marked
            return snapshot
        }
        snapshot.engineRunning = running
        if !running { snapshot = Self.offline(snapshot) }
        return snapshot
    }

    /// A store with no engine running: its agents cannot be running either, whatever the last
    /// engine wrote (one killed with SIGKILL wrote nothing on its way out), and nothing moves.
    /// Agents are shown stopped (those given up on stay `failed`: that lasts until an operator
    /// restarts them), without tasks, CPU or heartbeat; every rate is zero.
    static func offline(_ snapshot: DashboardSnapshot) -> DashboardSnapshot {
        var snapshot = snapshot
        snapshot.summary = snapshot.summary?.offline
        snapshot.agents = snapshot.agents.map { agent in
            var agent = agent
            agent.state = agent.state.withoutEngine
            agent.pid = nil
            agent.currentTasks = []
            agent.resources.cpuPercent = 0
            agent.throughputHistory = agent.throughputHistory.map { _ in 0 }
            return agent
        }
        return snapshot
    }

    private func sortedAgents(_ db: Database) throws -> [AgentRecord] {
        agentCache.lock.lock()
        defer { agentCache.lock.unlock() }
        let before = agentCache.agents
        let agents = try EngineRows.agents(db, cache: &agentCache.agents)
        let unchangedNames = agentCache.agents.count == before.count && agentCache.agents.keys.allSatisfy { before[$0] != nil }
        if unchangedNames, agentCache.sorted.count == agents.count {
            // Same agents: keep the order, take the fresh records.
            agentCache.sorted = agentCache.sorted.map { agentCache.agents[$0.name]?.agent ?? $0 }
        } else {
            agentCache.sorted = agents.sorted { $0.name.localizedNumericLess(than: $1.name) }
        }
        return agentCache.sorted
    }

    /// Sends a command from the dashboard to the engine on this store (or applies it with a
    /// short-lived engine when none runs) and returns what the engine said.
    public func execute(_ command: OperatorCommand, configuration: EngineConfiguration = EngineConfiguration()) throws -> CommandOutcome {
        try EngineHost.send(command, to: store, actor: .dashboard, clock: clock, configuration: configuration, timeout: .seconds(10))
    }

    static func shortened(_ path: String) -> String {
        guard let value = getenv("HOME"), case let home = String(cString: value), !home.isEmpty, path.hasPrefix(home + "/") else { return path }
        return "~" + path.dropFirst(home.count)
    }
}
