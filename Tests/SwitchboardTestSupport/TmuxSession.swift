import Foundation

/// A real terminal for end-to-end tests: a detached tmux session on a private server socket,
/// running one command. Tests type with `send`, read the screen with `capture`, and resize.
public final class TmuxSession: @unchecked Sendable {
    public let socket: String
    public let name = "main"
    private let configuration: String

    /// Starts `command` (argument array, quoted for the shell tmux uses) in a new session.
    public init(width: Int = 160, height: Int = 48, command: [String], environment: [String: String] = [:]) throws {
        socket = "sbtest-\(UUID().uuidString.prefix(8))"
        // Panes stay after their program exits (so tests can read the exit status), from the
        // server's start: setting it after the session starts races a quick exit.
        configuration = NSTemporaryDirectory() + "/\(socket).conf"
        _ = FileManager.default.createFile(atPath: configuration, contents: Data("set -g remain-on-exit on\n".utf8))
        let exports = environment.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let line = (exports.isEmpty ? "" : "env \(exports) ") + command.map(Self.quote).joined(separator: " ")
        let result = try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", name, line])
        guard result.status == 0 else {
            throw TmuxError(message: "tmux new-session failed: \(result.stderr)")
        }
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: configuration)
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run("/usr/bin/tmux", ["-L", socket, "-f", configuration] + arguments, timeout: 10)
    }

    /// The visible screen as text, one line per row (with escape sequences when `colors`).
    public func capture(colors: Bool = false) -> String {
        let arguments = ["capture-pane", "-p", "-t", name] + (colors ? ["-e"] : [])
        return (try? tmux(arguments).stdout) ?? ""
    }

    /// Sends tmux key names or literal text (`literal: true` sends the characters as typed).
    public func send(_ keys: String..., literal: Bool = false) {
        _ = try? tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    public func resize(width: Int, height: Int) {
        _ = try? tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `predicate` holds or the time runs out; returns the last screen.
    @discardableResult
    public func waitFor(timeout: TimeInterval = 5, _ predicate: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let screen = capture()
            if predicate(screen) { return screen }
            usleep(50_000)
        } while Date() < deadline
        return nil
    }

    /// Whether the program in the pane has exited.
    public var paneIsDead: Bool {
        let output = (try? tmux(["display-message", "-p", "-t", name, "#{pane_dead}"]).stdout) ?? ""
        return output.trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    public var paneExitStatus: Int32? {
        let output = (try? tmux(["display-message", "-p", "-t", name, "#{pane_dead_status}"]).stdout) ?? ""
        return Int32(output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func quote(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:,+@".contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

public struct TmuxError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
