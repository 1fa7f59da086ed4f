#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// CPU and resident memory of process trees, from /proc: an agent's figures include every
/// process it started. CPU is the percent of one core used since the previous sample.
public final class ProcSampler {
    public struct Sample: Sendable, Hashable {
        public var cpuPercent: Double
        public var memoryBytes: Int
    }

    private struct Entry {
        var parent: Int32
        var ticks: UInt64
        var residentPages: Int
    }

    private var previousTicks: [Int32: UInt64] = [:]
    private var previousTime: TimeInterval?
    private let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
    private let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    public init() {}

    /// Samples the trees rooted at each named pid.
    public func sample(_ roots: [String: Int32]) -> [String: Sample] {
        let now = Date().timeIntervalSince1970
        let table = Self.readProcesses()
        var children: [Int32: [Int32]] = [:]
        for (pid, entry) in table { children[entry.parent, default: []].append(pid) }
        let elapsed = previousTime.map { now - $0 } ?? 0
        var results: [String: Sample] = [:]
        var seen: [Int32: UInt64] = [:]
        for (name, root) in roots {
            var stack = [root]
            var ticks: UInt64 = 0
            var pages = 0
            while let pid = stack.popLast() {
                guard let entry = table[pid] else { continue }
                if let before = previousTicks[pid], entry.ticks >= before { ticks += entry.ticks - before }
                seen[pid] = entry.ticks
                pages += entry.residentPages
                stack.append(contentsOf: children[pid] ?? [])
            }
            let cpu = elapsed > 0 ? Double(ticks) / ticksPerSecond / elapsed * 100 : 0
            results[name] = Sample(cpuPercent: (cpu * 10).rounded() / 10, memoryBytes: pages * pageSize)
        }
        previousTicks = seen
        previousTime = now
        return results
    }

    /// The processes whose parent is `pid`.
    public static func children(of pid: Int32) -> [Int32] {
        readProcesses().filter { $0.value.parent == pid }.map(\.key).sorted()
    }

    private static func readProcesses() -> [Int32: Entry] {
        var table: [Int32: Entry] = [:]
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return table }
        for name in names {
            guard let pid = Int32(name), let text = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = text.lastIndex(of: ")") else { continue }
            // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt
            // cmajflt utime stime cutime cstime priority nice threads itrealvalue starttime vsize rss
            let fields = text[text.index(after: close)...].split(separator: " ")
            guard fields.count > 21, let parent = Int32(fields[1]), let user = UInt64(fields[11]), let system = UInt64(fields[12]),
                  let resident = Int(fields[21]) else { continue }
            table[pid] = Entry(parent: parent, ticks: user + system, residentPages: resident)
        }
        return table
    }
}
