import Foundation

/// A real terminal for end-to-end tests: a detached tmux session on a private server socket,
/// running one command. Tests type with `send`, read the screen with `capture`, and resize.
public final class TmuxSession: @unchecked Sendable {
    public let socket: String
    public let name = "main"
    private let configuration: String
    /// Where the wrapper shell writes the program's exit status. tmux 3.3a sometimes fails to
    /// reap a pane's process under load and then never knows its status; a shell always does.
    private let statusFile: String

    /// Starts `command` (argument array, quoted for the shell tmux uses) in a new session.
    /// `linger` keeps the terminal open that long after the program ends, so that tests can
    /// see what state it left the terminal in (tmux forgets it once the pane is dead).
    public init(width: Int = 160, height: Int = 48, command: [String], environment: [String: String] = [:], linger: Int = 0) throws {
        // SWITCHBOARD_TEST_TMUX_PREFIX names the sockets (one per worktree, say), so that
        // parallel runs can tell their tmux servers apart.
        let prefix = ProcessInfo.processInfo.environment["SWITCHBOARD_TEST_TMUX_PREFIX"].flatMap { $0.isEmpty ? nil : $0 } ?? "sbtest"
        socket = "\(prefix)-\(UUID().uuidString.prefix(8))"
        // Panes stay after their program exits (so tests can read the exit status), from the
        // server's start: setting it after the session starts races a quick exit.
        configuration = NSTemporaryDirectory() + "/\(socket).conf"
        _ = FileManager.default.createFile(atPath: configuration, contents: Data("set -g remain-on-exit on\n".utf8))
        statusFile = NSTemporaryDirectory() + "/\(socket).status"
        let exports = environment.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let program = (exports.isEmpty ? "" : "env \(exports) ") + command.map(Self.quote).joined(separator: " ")
        let line = "/bin/sh -c " + Self.quote("\(program); echo $? > \(statusFile)" + (linger > 0 ? "; sleep \(linger)" : ""))
        let result = try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", name, line])
        guard result.status == 0 else {
            throw TmuxError(message: "tmux new-session failed: \(result.stderr)")
        }
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: configuration)
        try? FileManager.default.removeItem(atPath: statusFile)
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

    /// The text drawn in reverse video on each row (SGR 7), read from a capture with escape
    /// sequences: how a selection shows without colour.
    public func reverseVideoText() -> [String] {
        capture(colors: true).split(separator: "\n", omittingEmptySubsequences: false).map { Self.reverseVideoText(of: String($0)) }
    }

    /// The characters of one captured row that are in reverse video.
    public static func reverseVideoText(of line: String) -> String {
        var reverse = false
        var text = ""
        var characters = line.unicodeScalars.makeIterator()
        while let scalar = characters.next() {
            guard scalar == "\u{1B}" else {
                if reverse { text.unicodeScalars.append(scalar) }
                continue
            }
            // CSI: ESC [ parameters final-byte; only SGR (final byte m) matters here.
            guard characters.next() == "[" else { continue }
            var parameters = ""
            var final: Unicode.Scalar?
            while let next = characters.next() {
                if (0x40...0x7E).contains(next.value) {
                    final = next
                    break
                }
                parameters.unicodeScalars.append(next)
            }
            guard final == "m" else { continue }
            for parameter in parameters.split(separator: ";", omittingEmptySubsequences: false) {
                switch Int(parameter) ?? 0 {
                case 0: reverse = false
                case 7: reverse = true
                case 27: reverse = false
                default: break
                }
            }
        }
        return text
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
    public var paneIsDead: Bool { FileManager.default.fileExists(atPath: statusFile) }

    /// The program's exit status once it has exited (waiting up to 5 s for it).
    public var paneExitStatus: Int32? {
        let deadline = Date().addingTimeInterval(5)
        repeat {
            if let text = try? String(contentsOfFile: statusFile, encoding: .utf8),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }

    /// A tmux format about the pane (`#{alternate_on}`, `#{cursor_flag}`, …).
    public func paneFormat(_ format: String) -> String {
        ((try? tmux(["display-message", "-p", "-t", name, format]).stdout) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What tmux says of the pane, for failure messages.
    public var paneEnd: String {
        ((try? tmux(["display-message", "-p", "-t", name, "dead=#{pane_dead} pid=#{pane_pid}"]).stdout) ?? "?")
            .trimmingCharacters(in: .whitespacesAndNewlines)
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
