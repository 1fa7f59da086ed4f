import ArgumentParser
import Foundation
import Logging
import SwitchboardCore
import SwitchboardRuntime

/// `--log-file` and `--log-level`, for commands that run an engine.
struct LoggingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write the log here (default: stderr when headless; under the dashboard, a file beside the store: demo.sqlite logs to demo.log).", valueName: "path"))
    var logFile: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        if Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level: \"\(logLevel)\" is not one of trace, debug, info, notice, warning, error, critical")
        }
    }

    /// Sets up logging once for the process. Under the dashboard the log never goes to the
    /// terminal: it goes to a file beside the store (`LoggingOptions.defaultFile`), so that
    /// each store's engine keeps its own log instead of sharing one.
    func bootstrap(headless: Bool, storePath: String) -> Logger {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let sink: LogSink
        if let logFile {
            sink = LogSink(path: logFile) ?? .standardError
        } else if headless {
            sink = .standardError
        } else {
            let file = Self.defaultFile(forStore: storePath)
            try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            sink = LogSink(path: file) ?? .discard
        }
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, sink: sink, logLevel: level) }
        return Logger(label: "switchboard")
    }
}

extension LoggingOptions {
    /// The log beside a store: `/tmp/rt/demo.sqlite` logs to `/tmp/rt/demo.log`, the default
    /// store to `switchboard.log` in the data folder.
    static func defaultFile(forStore storePath: String) -> String {
        let base = storePath.hasSuffix(".sqlite") ? String(storePath.dropLast(".sqlite".count)) : storePath
        return base + ".log"
    }
}

/// Where log lines go: a file (appended), stderr, or nowhere.
final class LogSink: @unchecked Sendable {
    private let handle: FileHandle?
    private let lock = NSLock()

    static let standardError = LogSink(handle: FileHandle.standardError)
    static let discard = LogSink(handle: nil)

    private init(handle: FileHandle?) { self.handle = handle }

    convenience init?(path: String) {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else { return nil }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
        handle.seekToEndOfFile()
        self.init(handle: handle)
    }

    func write(_ line: String) {
        guard let handle else { return }
        lock.lock()
        handle.write(Data((line + "\n").utf8))
        lock.unlock()
    }
}

/// One line per event: `2026-11-25T21:34:55.123Z info switchboard: Agent-3 restarted [agent=Agent-3]`.
struct LineLogHandler: LogHandler {
    let label: String
    let sink: LogSink
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    private static let clock = SystemClock()

    init(label: String, sink: LogSink, logLevel: Logger.Level) {
        self.label = label
        self.sink = sink
        self.logLevel = logLevel
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let suffix = merged.isEmpty ? "" : " [" + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + "]"
        sink.write("\(RFC3339.format(Self.clock.now())) \(event.level) \(label): \(event.message)\(suffix)")
    }
}
