#if canImport(Glibc)
import Glibc
#endif
import CSystemShims
import Foundation

/// How to start a program: an argument array (a shell only when the array says so), its
/// working directory and environment additions.
public struct LaunchSpec: Sendable, Hashable {
    public var arguments: [String]
    public var directory: String?
    public var environment: [String: String]

    public init(arguments: [String], directory: String? = nil, environment: [String: String] = [:]) {
        self.arguments = arguments
        self.directory = directory
        self.environment = environment
    }
}

public struct LaunchError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// A started child with pipes to its stdin, stdout and stderr. It leads its own process group,
/// so that signalling the group reaches whatever it started in turn.
struct ChildProcess {
    let pid: pid_t
    let stdin: Int32
    let stdout: Int32
    let stderr: Int32

    static func launch(_ spec: LaunchSpec) throws(LaunchError) -> ChildProcess {
        guard let program = spec.arguments.first, !program.isEmpty else { throw LaunchError(description: "an empty command") }
        guard let executable = resolve(program) else {
            throw LaunchError(description: "cannot find \(program) on PATH")
        }
        var input: [Int32] = [-1, -1]
        var output: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        guard sb_pipe_cloexec(&input) == 0, sb_pipe_cloexec(&output) == 0, sb_pipe_cloexec(&errors) == 0 else {
            throw LaunchError(description: "cannot create pipes: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        if let directory = spec.directory { sb_spawn_file_actions_addchdir(&actions, directory) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in spec.environment { environment[key] = value }
        let argv = spec.arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(input[0])
        close(output[1])
        close(errors[1])
        guard result == 0 else {
            close(input[1])
            close(output[0])
            close(errors[0])
            throw LaunchError(description: "cannot start \(program): \(String(cString: strerror(result)))")
        }
        for descriptor in [input[1], output[0], errors[0]] {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        return ChildProcess(pid: pid, stdin: input[1], stdout: output[0], stderr: errors[0])
    }

    /// The program's path: as given when it has a slash, else found on PATH.
    static func resolve(_ program: String) -> String? {
        if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
