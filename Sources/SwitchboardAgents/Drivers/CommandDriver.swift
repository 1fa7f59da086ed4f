import Foundation
import SwitchboardCore

/// Command agents: each task runs a command (the task's own, or the pool's), as an argument
/// array, with the pool's directory and environment plus `SWITCHBOARD_TASK`,
/// `SWITCHBOARD_TASK_TITLE` and `SWITCHBOARD_PAYLOAD`. Exit status 0 is success; stdout lines
/// such as `progress: 42 compiling` set the progress; the last 2 KiB of output stay with the
/// task. The agent itself is in-process: it heartbeats for as long as it runs.
final class CommandDriver: @unchecked Sendable {
    private struct Running {
        var agent: String
        var task: TaskID
        var output = ""
    }

    private let io: ProcessIO
    private let report: @Sendable (AgentReport) -> Void
    private let lock = NSLock()
    private var pools: [String: PoolSpec] = [:]
    private var running: [String: Running] = [:]

    init(io: ProcessIO, report: @escaping @Sendable (AgentReport) -> Void) {
        self.io = io
        self.report = report
    }

    static func childName(_ agent: String, _ task: TaskID) -> String { "\(agent)/\(task.rawValue)" }

    func start(_ agent: String, pool: PoolSpec) {
        lock.lock()
        pools[agent] = pool
        lock.unlock()
        report(.started(agent: agent, pool: pool.record.name, pid: nil))
        report(.hello(agent: agent, capabilities: pool.record.capabilities, role: pool.record.role, protocolVersion: AgentProtocol.version))
    }

    /// Heartbeats of the in-process command agents.
    func heartbeat() {
        lock.lock()
        let agents = Array(pools.keys)
        lock.unlock()
        for agent in agents { report(.heartbeat(agent: agent)) }
    }

    func handle(_ effect: EngineEffect) {
        let agent = effect.agent
        switch effect {
        case .deliverTask(_, let assignment):
            run(assignment, on: agent)
        case .cancelTask(_, let task, _):
            io.stop(Self.childName(agent, task), termAfter: 0, killAfter: 2)
        case .stopAgent, .killAgent, .restartAgent:
            lock.lock()
            let children = running.filter { $0.value.agent == agent }.map(\.key)
            for child in children { running.removeValue(forKey: child) }
            pools.removeValue(forKey: agent)
            lock.unlock()
            // A task's command does not speak the protocol: SIGTERM at once, SIGKILL 3 s later.
            for child in children { io.stop(child, termAfter: 0, killAfter: 3) }
            report(.exited(agent: agent, status: 0, signal: nil))
        default:
            break
        }
    }

    private func run(_ assignment: TaskAssignment, on agent: String) {
        lock.lock()
        let pool = pools[agent]
        lock.unlock()
        let poolCommand = pool?.launch?.arguments.isEmpty == false ? pool?.launch?.arguments : nil
        guard let arguments = assignment.command ?? poolCommand, !arguments.isEmpty else {
            report(.failed(agent: agent, task: assignment.task, error: "the task has no command and its pool none either", retryable: false, output: nil))
            return
        }
        var environment = pool?.launch?.environment ?? [:]
        environment["SWITCHBOARD_TASK"] = assignment.task.rawValue
        environment["SWITCHBOARD_TASK_TITLE"] = assignment.title
        environment["SWITCHBOARD_ATTEMPT"] = String(assignment.attempt)
        if let payload = assignment.payload { environment["SWITCHBOARD_PAYLOAD"] = payload.jsonText }
        let child = Self.childName(agent, assignment.task)
        lock.lock()
        running[child] = Running(agent: agent, task: assignment.task)
        lock.unlock()
        do {
            _ = try io.launch(child, LaunchSpec(arguments: arguments, directory: pool?.launch?.directory, environment: environment))
        } catch {
            lock.lock()
            running.removeValue(forKey: child)
            lock.unlock()
            report(.failed(agent: agent, task: assignment.task, error: "\(error)", retryable: false, output: nil))
        }
    }

    func owns(_ child: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return running[child] != nil
    }

    /// A line of a task's output (stdout or stderr).
    func output(_ child: String, line: String, fromStdout: Bool) {
        lock.lock()
        guard var entry = running[child] else {
            lock.unlock()
            return
        }
        entry.output += line + "\n"
        if entry.output.utf8.count > 4096 { entry.output = String(entry.output.suffix(2048)) }
        running[child] = entry
        lock.unlock()
        if fromStdout, let progress = CommandProgress.parse(line) {
            report(.progress(agent: entry.agent, task: entry.task, percent: progress.percent, note: progress.note))
        }
    }

    func exited(_ child: String, status: Int32?, signal: Int32?) {
        lock.lock()
        let entry = running.removeValue(forKey: child)
        lock.unlock()
        guard let entry else { return }
        let tail = String(entry.output.suffix(2048))
        if status == 0 {
            report(.completed(agent: entry.agent, task: entry.task, result: ["exit": 0], output: tail))
        } else {
            let why = status.map { "exited with status \($0)" } ?? "killed by signal \(signal ?? 0)"
            report(.failed(agent: entry.agent, task: entry.task, error: why, retryable: true, output: tail))
        }
    }
}

/// A progress line of a command's output: `progress: 42 compiling`.
public struct CommandProgress: Hashable, Sendable {
    public var percent: Int
    public var note: String?

    public init(percent: Int, note: String?) {
        self.percent = percent
        self.note = note
    }

    public static func parse(_ line: String) -> CommandProgress? {
        let trimmed = line.trimmingWhitespace()
        guard trimmed.lowercased().hasPrefix("progress:") else { return nil }
        let rest = String(trimmed.dropFirst("progress:".count)).trimmingWhitespace()
        let number = rest.prefix { $0.isNumber || $0 == "." }
        guard let value = Double(number) else { return nil }
        let note = String(rest.dropFirst(number.count)).trimmingWhitespace()
        return CommandProgress(percent: Int(value.rounded()), note: note.isEmpty ? nil : note)
    }
}
