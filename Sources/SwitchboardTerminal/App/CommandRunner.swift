import Foundation
import SwitchboardCore

/// Carries out the dashboard's engine commands on its own thread (writing a command row and
/// waiting for the engine's answer can take a tick or two), and hands the outcomes back.
final class CommandRunner: @unchecked Sendable {
    typealias Execute = @Sendable (OperatorCommand) throws -> CommandOutcome

    private let execute: Execute
    private let afterEach: @Sendable () -> Void
    private let condition = NSCondition()
    private var waiting: [OperatorCommand] = []
    private var outcomes: [CommandOutcome] = []
    private var stopping = false

    init(execute: @escaping Execute, afterEach: @escaping @Sendable () -> Void) {
        self.execute = execute
        self.afterEach = afterEach
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "switchboard.commands"
        thread.start()
    }

    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    func submit(_ command: OperatorCommand) {
        condition.lock()
        waiting.append(command)
        condition.signal()
        condition.unlock()
    }

    /// What the engine said to the commands finished since the last call.
    func takeOutcomes() -> [CommandOutcome] {
        condition.lock()
        defer { condition.unlock() }
        let taken = outcomes
        outcomes.removeAll()
        return taken
    }

    private func run() {
        while true {
            condition.lock()
            while waiting.isEmpty, !stopping { condition.wait() }
            if stopping {
                condition.unlock()
                return
            }
            let command = waiting.removeFirst()
            condition.unlock()
            let outcome: CommandOutcome
            do {
                outcome = try execute(command)
            } catch {
                outcome = .refused(String(describing: error))
            }
            condition.lock()
            outcomes.append(outcome)
            condition.unlock()
            afterEach()
        }
    }
}
