#if canImport(Glibc)
import Glibc
#endif
import CSystemShims
import Foundation

/// Runs children and their pipes on one thread: reads stdout as lines (at most 1 MiB each;
/// longer ones are reported and skipped), reads stderr as lines, writes queued lines to stdin
/// without ever blocking, signals process groups, and notices exits. Callbacks run on the I/O
/// thread.
public final class ProcessIO: @unchecked Sendable {
    public struct Callbacks: Sendable {
        public var line: @Sendable (String, [UInt8]) -> Void
        public var lineTooLong: @Sendable (String, Int) -> Void
        public var stderr: @Sendable (String, String) -> Void
        public var exit: @Sendable (String, Int32?, Int32?) -> Void

        public init(
            line: @escaping @Sendable (String, [UInt8]) -> Void, lineTooLong: @escaping @Sendable (String, Int) -> Void,
            stderr: @escaping @Sendable (String, String) -> Void, exit: @escaping @Sendable (String, Int32?, Int32?) -> Void
        ) {
            self.line = line
            self.lineTooLong = lineTooLong
            self.stderr = stderr
            self.exit = exit
        }
    }

    private struct Child {
        var process: ChildProcess
        var stdout = LineBuffer(limit: 1 << 20)
        var stderr = LineBuffer(limit: 64 << 10)
        var pending: [UInt8] = []
        var stdinOpen = true
        var stdoutOpen = true
        var stderrOpen = true
        /// Signal the group with SIGTERM at this time (a graceful stop under way).
        var termAt: Date?
        /// Signal the group with SIGKILL at this time (a graceful stop under way).
        var killAt: Date?
        var isStopping: Bool { termAt != nil || killAt != nil }
    }

    private let lock = NSLock()
    private var children: [String: Child] = [:]
    private var wake: [Int32] = [-1, -1]
    private var stopping = false
    private let callbacks: Callbacks
    private var thread: Thread?

    public init(callbacks: Callbacks) {
        self.callbacks = callbacks
        // A write to an agent that has just exited must fail with EPIPE, not kill the engine.
        _ = Glibc.signal(SIGPIPE, SIG_IGN)
        _ = sb_pipe_cloexec(&wake)
        for end in wake { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        let thread = Thread { [weak self] in self?.run() }
        thread.name = "switchboard.process-io"
        self.thread = thread
        thread.start()
    }

    /// Starts a child under `name`; returns its pid.
    public func launch(_ name: String, _ spec: LaunchSpec) throws(LaunchError) -> Int32 {
        let process = try ChildProcess.launch(spec)
        lock.lock()
        children[name] = Child(process: process)
        lock.unlock()
        nudge()
        return process.pid
    }

    /// Queues a line (a newline is added) for the child's stdin.
    public func send(_ name: String, line: String) {
        lock.lock()
        children[name]?.pending.append(contentsOf: Array(line.utf8))
        children[name]?.pending.append(10)
        lock.unlock()
        nudge()
    }

    /// Signals the child's process group now.
    public func signal(_ name: String, _ signal: Int32) {
        lock.lock()
        if let pid = children[name]?.process.pid { kill(-pid, signal) }
        lock.unlock()
    }

    /// Ends the child gracefully: its process group gets SIGTERM after `termAfter` seconds and
    /// SIGKILL `killAfter` seconds later, unless the child has left by then (the caller sends
    /// the shutdown line first, so a well-behaved agent leaves on its own). A stop already under
    /// way keeps its earlier times: asking again never delays the end.
    public func stop(_ name: String, termAfter: TimeInterval = 3, killAfter: TimeInterval = 3) {
        lock.lock()
        if var child = children[name] {
            let now = Date()
            let term = now.addingTimeInterval(max(0, termAfter))
            let kill = term.addingTimeInterval(max(0, killAfter))
            if child.termAt.map({ $0 > term }) ?? !child.isStopping { child.termAt = term }
            if child.killAt.map({ $0 > kill }) ?? true { child.killAt = kill }
            children[name] = child
        }
        lock.unlock()
        nudge()
    }

    /// Whether a child runs under `name` and is being stopped.
    public func isStopping(_ name: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return children[name]?.isStopping ?? false
    }

    public var runningNames: [String] {
        lock.lock()
        defer { lock.unlock() }
        return Array(children.keys)
    }

    public func pid(of name: String) -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        return children[name]?.process.pid
    }

    /// Kills every child and ends the I/O thread.
    public func shutdown() {
        lock.lock()
        for child in children.values { kill(-child.process.pid, SIGKILL) }
        stopping = true
        lock.unlock()
        nudge()
    }

    private func nudge() {
        var byte: UInt8 = 1
        _ = Glibc.write(wake[1], &byte, 1)
    }

    private func run() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            lock.lock()
            if stopping, children.isEmpty {
                lock.unlock()
                break
            }
            var descriptors = [pollfd(fd: wake[0], events: Int16(POLLIN), revents: 0)]
            var owners: [(String, Int)] = []  // 0 stdout, 1 stderr, 2 stdin
            for (name, child) in children {
                if child.stdoutOpen {
                    descriptors.append(pollfd(fd: child.process.stdout, events: Int16(POLLIN), revents: 0))
                    owners.append((name, 0))
                }
                if child.stderrOpen {
                    descriptors.append(pollfd(fd: child.process.stderr, events: Int16(POLLIN), revents: 0))
                    owners.append((name, 1))
                }
                if child.stdinOpen, !child.pending.isEmpty {
                    descriptors.append(pollfd(fd: child.process.stdin, events: Int16(POLLOUT), revents: 0))
                    owners.append((name, 2))
                }
            }
            lock.unlock()
            _ = poll(&descriptors, nfds_t(descriptors.count), 50)
            if descriptors[0].revents != 0 {
                while Glibc.read(wake[0], &buffer, buffer.count) > 0 {}
            }
            var events: [() -> Void] = []
            lock.lock()
            for (index, owner) in owners.enumerated() {
                let revents = descriptors[index + 1].revents
                guard revents != 0, var child = children[owner.0] else { continue }
                switch owner.1 {
                case 0:
                    let count = Glibc.read(child.process.stdout, &buffer, buffer.count)
                    if count > 0 {
                        let name = owner.0
                        for item in child.stdout.append(buffer[0..<count]) {
                            switch item {
                            case .line(let line): events.append { self.callbacks.line(name, line) }
                            case .tooLong(let length): events.append { self.callbacks.lineTooLong(name, length) }
                            }
                        }
                    } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                        child.stdoutOpen = false
                        close(child.process.stdout)
                    }
                case 1:
                    let count = Glibc.read(child.process.stderr, &buffer, buffer.count)
                    if count > 0 {
                        let name = owner.0
                        for case .line(let line) in child.stderr.append(buffer[0..<count]) {
                            let text = String(decoding: line, as: UTF8.self)
                            events.append { self.callbacks.stderr(name, text) }
                        }
                    } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                        child.stderrOpen = false
                        close(child.process.stderr)
                    }
                default:
                    let written = child.pending.withUnsafeBytes { Glibc.write(child.process.stdin, $0.baseAddress, $0.count) }
                    if written > 0 {
                        child.pending.removeFirst(written)
                    } else if written < 0, errno != EAGAIN, errno != EINTR {
                        child.stdinOpen = false
                        child.pending.removeAll()
                        close(child.process.stdin)
                    }
                }
                children[owner.0] = child
            }
            // Exits, and children that outstayed a graceful stop.
            let now = Date()
            for (name, child) in children {
                if let termAt = child.termAt, termAt <= now {
                    kill(-child.process.pid, SIGTERM)
                    children[name]?.termAt = nil
                }
                if let killAt = child.killAt, killAt <= now {
                    kill(-child.process.pid, SIGKILL)
                    children[name]?.killAt = nil
                }
                var status: Int32 = 0
                guard waitpid(child.process.pid, &status, WNOHANG) == child.process.pid else { continue }
                // Drain what is left in the pipes before reporting the exit.
                var remaining = child
                while remaining.stdoutOpen {
                    let count = Glibc.read(remaining.process.stdout, &buffer, buffer.count)
                    guard count > 0 else { break }
                    for case .line(let line) in remaining.stdout.append(buffer[0..<count]) { events.append { self.callbacks.line(name, line) } }
                }
                if let last = remaining.stdout.flush() { events.append { self.callbacks.line(name, last) } }
                while remaining.stderrOpen {
                    let count = Glibc.read(remaining.process.stderr, &buffer, buffer.count)
                    guard count > 0 else { break }
                    for case .line(let line) in remaining.stderr.append(buffer[0..<count]) {
                        let text = String(decoding: line, as: UTF8.self)
                        events.append { self.callbacks.stderr(name, text) }
                    }
                }
                if let last = remaining.stderr.flush() {
                    let text = String(decoding: last, as: UTF8.self)
                    events.append { self.callbacks.stderr(name, text) }
                }
                // Close only what is still open: a descriptor closed at its end of file may
                // already belong to someone else (the store's database file), and closing it
                // again would pull it from under them.
                if remaining.stdoutOpen { close(remaining.process.stdout) }
                if remaining.stderrOpen { close(remaining.process.stderr) }
                if remaining.stdinOpen { close(remaining.process.stdin) }
                children.removeValue(forKey: name)
                // What the child started lives on in its process group: it goes with the child
                // (an agent's helpers must not outlive it). The group id cannot have been
                // reused while members remain, and this runs right after the reaping.
                kill(-child.process.pid, SIGKILL)
                let signal = status & 0x7F
                let exitStatus: Int32? = signal == 0 ? (status >> 8) & 0xFF : nil
                let exitSignal: Int32? = signal == 0 ? nil : signal
                events.append { self.callbacks.exit(name, exitStatus, exitSignal) }
            }
            lock.unlock()
            for event in events { event() }
        }
    }

    deinit {
        close(wake[0])
        close(wake[1])
    }
}

/// Splits a byte stream into lines, refusing lines over a limit (reporting their length and
/// skipping to the next newline).
struct LineBuffer {
    enum Item { case line([UInt8]), tooLong(Int) }

    let limit: Int
    private var partial: [UInt8] = []
    private var discarding = false
    private var discarded = 0

    init(limit: Int) { self.limit = limit }

    mutating func append(_ bytes: ArraySlice<UInt8>) -> [Item] {
        var items: [Item] = []
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: 10) {
            let piece = bytes[start..<newline]
            if discarding {
                items.append(.tooLong(discarded + piece.count))
                discarding = false
                discarded = 0
            } else if partial.count + piece.count > limit {
                items.append(.tooLong(partial.count + piece.count))
                partial.removeAll()
            } else {
                partial.append(contentsOf: piece)
                if partial.last == 13 { partial.removeLast() }
                items.append(.line(partial))
                partial.removeAll(keepingCapacity: true)
            }
            start = bytes.index(after: newline)
        }
        let rest = bytes[start...]
        if discarding {
            discarded += rest.count
        } else if partial.count + rest.count > limit {
            discarding = true
            discarded = partial.count + rest.count
            partial.removeAll()
        } else {
            partial.append(contentsOf: rest)
        }
        return items
    }

    /// What is left without a newline, at the end of the stream.
    mutating func flush() -> [UInt8]? {
        defer { partial.removeAll() }
        return partial.isEmpty || discarding ? nil : partial
    }
}
