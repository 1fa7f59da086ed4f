import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion and collects what it printed.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Spawns programs with posix_spawn and waits with waitpid. Foundation's `Process` on Linux
/// reports a program as running while any process it started still holds an inherited
/// descriptor, which for tmux (whose client forks a lasting server) is for ever. Output goes
/// to temporary files, never pipes, for the same reason.
public enum ProcessRunner {
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
        timeout: TimeInterval = 60
    ) throws -> ProcessResult {
        let folder = NSTemporaryDirectory()
        let token = UUID().uuidString
        let outPath = "\(folder)/sb-out-\(token)"
        let errPath = "\(folder)/sb-err-\(token)"
        let inPath = "\(folder)/sb-in-\(token)"
        defer {
            unlink(outPath)
            unlink(errPath)
            unlink(inPath)
        }
        if let stdin {
            guard FileManager.default.createFile(atPath: inPath, contents: Data(stdin.utf8)) else {
                throw SpawnError(message: "cannot write \(inPath)")
            }
        }
        let pid = try spawn(
            executable, arguments, environment: environment, stdinPath: stdin == nil ? "/dev/null" : inPath,
            stdoutPath: outPath, stderrPath: errPath)
        let status = wait(for: pid, timeout: timeout)
        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return ProcessResult(status: status, stdout: stdout, stderr: stderr)
    }

    /// Runs the built `switchboard` with arguments.
    @discardableResult
    public static func switchboard(
        _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, timeout: TimeInterval = 60
    ) throws -> ProcessResult {
        try run(TestBinary.switchboard, arguments, environment: environment, stdin: stdin, timeout: timeout)
    }

    /// Starts a program without waiting for it; its output goes to the given files.
    public static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], stdinPath: String = "/dev/null",
        stdoutPath: String, stderrPath: String
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // A child must not inherit this thread's blocked signals (Swift's worker threads block
        // some) or ignored ones: a tmux server started that way never learns its panes exited.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw SpawnError(message: "cannot start \(executable): \(String(cString: strerror(result)))") }
        return pid
    }

    /// Waits for a child; after `timeout` it is sent SIGTERM, then SIGKILL. Returns the exit
    /// status, or 128 + the signal that ended it.
    public static func wait(for pid: pid_t, timeout: TimeInterval) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var signalled = false
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            if waited < 0 { return -1 }
            if Date() > deadline {
                kill(pid, signalled ? SIGKILL : SIGTERM)
                signalled = true
                usleep(200_000)
                continue
            }
            usleep(2_000)
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}

public struct SpawnError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
