/// Agents that live inside the engine's process, for the demo, for load and for fault tests.
/// They answer effects (tasks, cancellations, stops) and, as time advances, produce the reports
/// a real agent would: heartbeats, progress, results, failures, crashes, resource samples.
///
/// Everything is driven by the time it is given and a seeded generator: no threads, no system
/// time. The runtime advances it on a timer; the simulator advances it in virtual time.
public final class SimulatedSwarm {
    struct Work {
        enum Outcome { case success, failure, hang, crash }
        var outcome: Outcome
        var startedAt: Instant
        var due: Instant
        var crashAt: Instant?
        var nextProgress: Instant
        var title: String
    }

    struct Agent {
        var name: String
        var pool: String
        var profile: SimulationProfile
        var capabilities: [String]
        var role: String?
        var random: SeededRandom
        var alive = true
        var startedAt: Instant
        var nextHeartbeat: Instant
        var nextSample: Instant
        var work: [TaskID: Work] = [:]
        var messagesReceived = 0
    }

    private var agents: [String: Agent] = [:]
    private var random: SeededRandom
    /// Faults injected by the simulator: agents that stop heartbeating, and agents whose next
    /// reports are garbled.
    public var silenced: Set<String> = []
    /// A fault: agents that exit as soon as they are started — before saying hello (a command
    /// that cannot run) or right after it (a program that dies on start) — until it is lifted.
    public var crashOnStart: [String: CrashOnStart] = [:]

    public enum CrashOnStart: Sendable {
        case beforeHello, afterHello
    }

    public init(seed: UInt64) { random = SeededRandom(seed: seed) }

    public var names: [String] { agents.keys.sorted() }
    public func isAlive(_ name: String) -> Bool { agents[name]?.alive ?? false }
    public func manages(_ name: String) -> Bool { agents[name] != nil }
    public func runningTasks(of name: String) -> [TaskID] { agents[name].map { Array($0.work.keys).sorted() } ?? [] }

    /// Starts (or restarts) an agent: it reports `started` and says hello at once.
    public func start(_ name: String, pool: String, profile: SimulationProfile, capabilities: [String], role: String?, now: Instant) -> [AgentReport] {
        var agentRandom = random.split()
        let firstBeat = now + .seconds(fractional: profile.heartbeatInterval * (1 + profile.heartbeatJitter * (agentRandom.nextUnit() * 2 - 1)))
        agents[name] = Agent(
            name: name, pool: pool, profile: profile, capabilities: capabilities, role: role, random: agentRandom, startedAt: now,
            nextHeartbeat: firstBeat, nextSample: now + .seconds(1))
        silenced.remove(name)
        let started = AgentReport.started(agent: name, pool: pool, pid: nil)
        let hello = AgentReport.hello(agent: name, capabilities: capabilities, role: role, protocolVersion: AgentProtocol.version)
        switch crashOnStart[name] {
        case .beforeHello?:
            agents[name]?.alive = false
            return [started, .exited(agent: name, status: 127, signal: nil)]
        case .afterHello?:
            agents[name]?.alive = false
            return [started, hello, .exited(agent: name, status: 1, signal: nil)]
        case nil:
            return [started, hello]
        }
    }

    /// A fault: the agent stops making progress on everything it holds (it keeps heartbeating,
    /// as a process stuck in a loop does), until it is cancelled, restarted or killed.
    public func hang(_ name: String) {
        guard var agent = agents[name] else { return }
        for id in agent.work.keys {
            agent.work[id]?.outcome = .hang
            agent.work[id]?.crashAt = nil
        }
        agents[name] = agent
    }

    /// Carries out an effect meant for a simulated agent.
    public func handle(_ effect: EngineEffect, now: Instant) -> [AgentReport] {
        let name = effect.agent
        guard var agent = agents[name], agent.alive else { return [] }
        switch effect {
        case .deliverTask(_, let assignment):
            agent.work[assignment.task] = plan(assignment, for: &agent, now: now)
        case .cancelTask(_, let task, _):
            agent.work.removeValue(forKey: task)
        case .deliverMessage:
            agent.messagesReceived += 1
        case .stopAgent:
            agent.alive = false
            agent.work.removeAll()
            agents[name] = agent
            return [.exited(agent: name, status: 0, signal: nil)]
        case .killAgent, .restartAgent:
            agent.alive = false
            agent.work.removeAll()
            agents[name] = agent
            return [.exited(agent: name, status: nil, signal: 9)]
        case .replyError, .startAgent:
            break
        }
        agents[name] = agent
        return []
    }

    /// Decides at assignment how the task will go. A payload may say so itself:
    /// `{"seconds": 3}` or `{"outcome": "fail" | "hang" | "crash" | "success"}`.
    private func plan(_ assignment: TaskAssignment, for agent: inout Agent, now: Instant) -> Work {
        let profile = agent.profile
        var seconds = profile.taskSeconds * (1 + profile.jitter * (agent.random.nextUnit() * 2 - 1))
        if let asked = assignment.payload?["seconds"]?.doubleValue { seconds = max(0.01, asked) }
        var outcome: Work.Outcome = .success
        let roll = agent.random.nextUnit()
        if roll < profile.crashRate {
            outcome = .crash
        } else if roll < profile.crashRate + profile.hangRate {
            outcome = .hang
        } else if roll < profile.crashRate + profile.hangRate + profile.failureRate {
            outcome = .failure
        }
        switch assignment.payload?["outcome"]?.stringValue {
        case "fail"?: outcome = .failure
        case "hang"?: outcome = .hang
        case "crash"?: outcome = .crash
        case "success"?: outcome = .success
        default: break
        }
        let due = now + .seconds(fractional: seconds)
        let crashAt = outcome == .crash ? now + .seconds(fractional: seconds * (0.2 + 0.6 * agent.random.nextUnit())) : nil
        return Work(outcome: outcome, startedAt: now, due: due, crashAt: crashAt, nextProgress: now + .seconds(fractional: seconds / 4), title: assignment.title)
    }

    /// Everything the agents do up to `now`, in time order per agent.
    public func advance(to now: Instant) -> [AgentReport] {
        var reports: [AgentReport] = []
        for name in agents.keys.sorted() {
            guard var agent = agents[name], agent.alive else { continue }
            // Crashes first: a crashed agent says nothing more.
            if let crash = agent.work.values.compactMap(\.crashAt).min(), crash <= now {
                agent.alive = false
                agent.work.removeAll()
                agents[name] = agent
                reports.append(.exited(agent: name, status: nil, signal: 11))
                continue
            }
            while agent.nextHeartbeat <= now {
                if !silenced.contains(name) { reports.append(.heartbeat(agent: name)) }
                let interval = agent.profile.heartbeatInterval * (1 + agent.profile.heartbeatJitter * (agent.random.nextUnit() * 2 - 1))
                agent.nextHeartbeat = agent.nextHeartbeat + .seconds(fractional: interval)
            }
            for id in agent.work.keys.sorted() {
                guard var work = agent.work[id], work.outcome != .hang else { continue }
                let total = (work.due - work.startedAt).seconds
                while work.nextProgress < work.due, work.nextProgress <= now {
                    let percent = Int(((work.nextProgress - work.startedAt).seconds / total * 100).rounded())
                    reports.append(.progress(agent: name, task: id, percent: percent, note: "step \(percent / 25) of 4"))
                    work.nextProgress = work.nextProgress + .seconds(fractional: total / 4)
                }
                agent.work[id] = work
                guard work.due <= now else { continue }
                agent.work.removeValue(forKey: id)
                if work.outcome == .failure {
                    reports.append(.failed(agent: name, task: id, error: "simulated failure", retryable: true, output: "working on \(work.title)\nfailed"))
                } else {
                    reports.append(.completed(agent: name, task: id, result: ["seconds": .number((total * 100).rounded() / 100)], output: "working on \(work.title)\ndone"))
                    if agent.random.chance(agent.profile.messageRate) {
                        reports.append(.send(
                            agent: name, recipient: .role("captain"), kind: .status, priority: .low,
                            body: MessageBody(json: ["done": .string(id.rawValue)]), ttl: .seconds(60), tags: ["status"], correlationID: nil))
                    }
                }
            }
            while agent.nextSample <= now {
                let busy = Double(agent.work.count)
                let cpu = busy > 0 ? min(100, agent.profile.cpuPercent * busy * (0.8 + 0.4 * agent.random.nextUnit())) : 0.5 + agent.random.nextUnit()
                let alive = (agent.nextSample - agent.startedAt).seconds
                let leaks = agent.profile.leakingAgents.map { $0.contains(name) } ?? true
                let memory = agent.profile.memoryBytes + (leaks ? Int(Double(agent.profile.memoryGrowthPerSecond) * alive) : 0)
                reports.append(.resources(agent: name, cpuPercent: (cpu * 10).rounded() / 10, memoryBytes: memory))
                agent.nextSample = agent.nextSample + .seconds(1)
            }
            agents[name] = agent
        }
        return reports
    }
}
