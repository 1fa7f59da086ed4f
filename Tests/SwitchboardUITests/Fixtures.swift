import SwitchboardCore
import SwitchboardUI

/// A fixed swarm to draw: every status, priority, health level and pane feature, at a fixed
/// moment, so that golden screens never change by themselves.
enum Fixtures {
    static let now = Instant(nanosecondsSinceEpoch: 1_764_072_000_000_000_000)  // 2025-11-25T12:00:00Z
    static let started = now - .seconds(3 * 3600 + 25 * 60)

    static func ago(_ seconds: Double) -> Instant { now - .seconds(fractional: seconds) }

    static let titles = [
        "Build the release candidate", "Run integration tests on linux", "Review PR #412: scheduler", "Lint the repository",
        "Publish docs", "Migrate the store to v2", "翻訳ファイルを更新する", "Deploy 🚀 to staging", "Train the ranking model",
        "Summarise the incident report", "Refactor the agent registry", "Backfill metrics for October", "Rotate the API keys",
        "Generate the changelog", "Benchmark the queue", "Scan dependencies for CVEs", "Resize the thumbnails", "Index the wiki",
        "Check links in the docs", "Compress the logs", "Archive last month's runs", "Rebuild the search index", "Notify the team",
        "Close stale issues", "Sync the mirrors", "Render the dashboards", "Audit permissions", "Warm the caches", "Vacuum the store",
        "Ping the captain",
    ]

    static func task(_ index: Int) -> Task {
        let statuses: [TaskStatus] = [.running, .running, .running, .queued, .queued, .blocked, .pending, .paused, .completed, .failed, .cancelled, .timeout]
        let priorities = Priority.allCases
        let id = TaskID("t-" + String(0x4f2a + index * 37, radix: 16))
        var spec = TaskSpec(title: titles[index % titles.count], queue: ["default", "builds", "reviews"][index % 3], priority: priorities[(index * 3) % 5])
        spec.tags = index % 4 == 0 ? ["nightly"] : []
        spec.capabilities = index % 2 == 0 ? ["python"] : []
        var task = Task(id: id, sequence: UInt64(index + 1), spec: spec, dependencies: [], maxAttempts: 3, createdAt: ago(Double(600 - index * 13)))
        task.status = statuses[index % statuses.count]
        if task.status == .running || task.status.isFinal {
            task.startedAt = ago(Double(40 + index * 3))
            task.agent = "Agent-\(index % 8 + 1)"
            task.attempts = 1
        }
        if task.status == .running { task.progress = (index * 23) % 97 + 2 }
        if task.status == .completed { task.progress = 100 }
        if task.status.isFinal { task.finishedAt = ago(Double(10 + index)) }
        if task.status == .queued { task.queuedAt = ago(Double(30 + index)) }
        if task.status == .failed { task.lastError = "exit status 2: tests failed" }
        return task
    }

    static let tasks: [Task] = (0..<30).map(task)

    static func agent(_ number: Int) -> AgentRecord {
        let pools = ["captain", "builders", "builders", "builders", "reviewers", "reviewers", "scripts", "scripts"]
        var agent = AgentRecord(name: "Agent-\(number)", pool: pools[number - 1], role: number == 1 ? "captain" : nil, capabilities: ["python"], state: .busy)
        agent.startedAt = ago(3600)
        agent.lastHeartbeatAt = ago(Double(number % 3) * 0.4)
        agent.tasksDone = 40 + number * 7
        agent.tasksFailed = number % 3
        agent.resources.cpuPercent = Double(number * 11 % 100)
        agent.resources.memoryBytes = (60 + number * 25) * 1_048_576
        agent.resources.memoryLimitBytes = 512 * 1_048_576
        agent.throughputHistory = (0..<30).map { ($0 * number + 3) % 7 }
        agent.cpuHistory = (0..<30).map { Double(($0 * 7 + number * 13) % 90) }
        agent.memoryHistory = (0..<30).map { (60 + number * 25 + $0) * 1_048_576 }
        agent.currentTasks = [TaskID("t-" + String(0x4f2a + (number - 1) * 37, radix: 16))]
        switch number {
        case 3:
            agent.state = .idle
            agent.currentTasks = []
        case 4:
            agent.state = .restarting
            agent.health.level = .dead
            agent.health.score = 0
            agent.health.reasons = ["missed 2 heartbeats (φ 9.1)"]
            agent.restarts = 2
            agent.lastHeartbeatAt = ago(7)
        case 5:
            agent.health.level = .degraded
            agent.health.score = 64
            agent.health.reasons = ["memory grows 4.1 MiB/s"]
            agent.health.forecast = "memory limit in ~3m"
            agent.health.secondsToMemoryLimit = 180
        case 6:
            agent.state = .draining
        case 7:
            agent.state = .paused
            agent.currentTasks = []
        case 8:
            agent.state = .unhealthy
            agent.quarantined = true
            agent.health.level = .unhealthy
            agent.health.score = 20
            agent.protocolViolations = 5
            agent.stderrTail = ["Traceback (most recent call last):", "ValueError: bad frame"]
        default:
            break
        }
        return agent
    }

    static let agents: [AgentRecord] = (1...8).map(agent)

    static let pools: [PoolRecord] = [
        PoolRecord(name: "builders", capabilities: ["python", "build"], minReplicas: 2, maxReplicas: 6),
        PoolRecord(name: "captain", capabilities: ["python"], role: "captain", minReplicas: 1, maxReplicas: 1),
        PoolRecord(name: "reviewers", capabilities: ["python", "review"], minReplicas: 1, maxReplicas: 3),
        PoolRecord(name: "scripts", capabilities: ["shell"], minReplicas: 1, maxReplicas: 4),
    ]

    static var summary: EngineSummary {
        let counts = Dictionary(uniqueKeysWithValues: TaskStatus.allCases.map { status in (status.rawValue, tasks.filter { $0.status == status }.count * 41) })
        var agentCounts = Dictionary(uniqueKeysWithValues: AgentState.allCases.map { ($0.rawValue, 0) })
        for agent in agents { agentCounts[agent.state.rawValue, default: 0] += 1 }
        return EngineSummary(
            at: now, startedAt: started, node: "ops-1", tasks: counts, agents: agentCounts,
            queues: [
                QueueSummary(name: "builds", tasks: ["queued": 40, "pending": 3, "blocked": 12, "running": 3, "failed": 2, "timeout": 1],
                             queuedByPriority: [5, 20, 10, 4, 1], inPerSecond: 2.4, outPerSecond: 2.1, oldestQueuedAt: ago(95)),
                QueueSummary(name: "default", tasks: ["queued": 12, "blocked": 4, "running": 4], queuedByPriority: [2, 6, 3, 1, 0],
                             inPerSecond: 1.2, outPerSecond: 1.6, oldestQueuedAt: ago(31)),
                QueueSummary(name: "reviews", paused: true, tasks: ["queued": 7, "running": 0], queuedByPriority: [0, 7, 0, 0, 0],
                             inPerSecond: 0.3, outPerSecond: 0, oldestQueuedAt: ago(400)),
            ],
            submittedPerSecond: (0..<120).map { ($0 * 7) % 11 + ($0 > 100 ? 12 : 0) },
            completedPerSecond: (0..<120).map { ($0 * 5) % 9 },
            failedPerSecond: (0..<120).map { $0 % 17 == 0 ? 1 : 0 },
            depth: (0..<120).map { 40 + ($0 * 3) % 25 },
            wait: LatencySummary(count: 500, p50: 12_000_000, p95: 85_000_000, p99: 240_000_000, max: 400_000_000),
            run: LatencySummary(count: 480, p50: 1_200_000_000, p95: 9_500_000_000, p99: 31_000_000_000, max: 60_000_000_000),
            messagesPerSecond: 42.5, errorRate: 0.031,
            commitLatency: LatencySummary(count: 1000, p50: 3_400_000, p95: 9_000_000, p99: 21_000_000, max: 40_000_000),
            eventsLogged: 6)
    }

    static let events: [EngineEvent] = [
        EngineEvent(at: ago(300), kind: .agentStarted, subject: "Agent-3", message: "Agent-3 started (builders)"),
        EngineEvent(at: ago(200), kind: .poolScaled, subject: "builders", message: "builders scaled 2 → 3: 52 ready tasks"),
        EngineEvent(at: ago(120), kind: .taskFailed, subject: "t-5091", message: "t-5091 Lint the repository failed: exit status 2"),
        EngineEvent(at: ago(60), kind: .agentDied, subject: "Agent-4", message: "Agent-4 missed 2 heartbeats"),
        EngineEvent(at: ago(58), kind: .agentRestarted, subject: "Agent-4", message: "Agent-4 restarted (attempt 2)"),
        EngineEvent(at: ago(20), kind: .agentQuarantined, subject: "Agent-8", message: "Agent-8 quarantined: 5 protocol violations in a minute"),
        // The longest kind label: nothing may run into the message after it.
        EngineEvent(at: ago(10), kind: .supervisorGaveUp, subject: "Agent-7", message: "Agent-7 restarted 5 times in 60s; given up"),
    ]

    /// The fixture swarm as the store source would read it for this filter and order (the
    /// whole list in one window), with the marked tasks read by id as the source does.
    static func snapshot(
        order: TaskOrder = .standard, filter: TaskFilter = TaskFilter(), detail: TaskID? = nil, marked: Set<TaskID> = [], tasks: [Task] = Fixtures.tasks
    ) -> DashboardSnapshot {
        let matching = tasks.filter(filter.matches).sorted { order.precedes($0, $1, at: now) }
        var snapshot = DashboardSnapshot(
            storePath: "~/.local/share/switchboard/demo.sqlite", readAt: now, summary: summary,
            query: DashboardQuery(taskFilter: filter, taskOrder: order, markedTasks: marked.sorted()),
            tasks: TaskPage(offset: 0, rows: matching, total: matching.count), agents: agents, pools: pools, events: events)
        snapshot.markedTasks = Dictionary(uniqueKeysWithValues: tasks.filter { marked.contains($0.id) }.map { ($0.id, $0) })
        if let detail, let task = tasks.first(where: { $0.id == detail }) {
            var withDependencies = task
            withDependencies.dependencies = [TaskDependency(tasks[8].id), TaskDependency(tasks[9].id, condition: .anyOutcome)]
            snapshot.taskDetail = TaskDetail(
                task: withDependencies,
                tree: ["\(task.id) \(task.title) [\(task.status.rawValue)]", "├─ \(tasks[8].id) \(tasks[8].title) [completed]", "└─ \(tasks[9].id) \(tasks[9].title) [failed] (any outcome)"],
                dependents: [tasks[5]],
                history: [
                    TaskHistoryEntry(task: task.id, at: ago(600), event: .transition, to: .blocked, actor: .cli, reason: "submitted"),
                    TaskHistoryEntry(task: task.id, at: ago(500), event: .transition, from: .blocked, to: .queued, actor: .engine, reason: "prerequisites met"),
                    TaskHistoryEntry(task: task.id, at: ago(400), event: .action, actor: .dashboard, reason: "priority normal → high by dashboard"),
                    TaskHistoryEntry(task: task.id, at: ago(40), event: .transition, from: .queued, to: .running, actor: .engine, reason: "assigned to Agent-1"),
                    // An actor longer than the column once was: it must not run into the next.
                    TaskHistoryEntry(task: task.id, at: ago(20), event: .progress, actor: .agent("Agent-1"), reason: "compiling 12 of 40"),
                ])
            snapshot.taskDetail?.task.outputTail = "compiling 12 of 40\ncompiling 13 of 40"
        }
        return snapshot
    }
}
