#if canImport(Glibc)
import Glibc
#endif
import SwitchboardCore
import SwitchboardStore

/// An engine bound to its store: it loads the state the store holds, picks up commands other
/// processes wrote, and writes each step's changes (the engine's and the message queue's) in one
/// transaction. Only the holder of the store's writer lock may be its host.
///
/// A write that fails (a full disk) leaves the store as it was and is reported; the engine
/// carries on in memory — its agents are alive and hold their work — and the host keeps what
/// it could not write and writes it with the next commit that succeeds. Nothing is
/// acknowledged before it is written: command outcomes are rows of the same transaction. If
/// the process dies meanwhile, the next engine starts from the store, where the commands of
/// the unwritten steps are still pending.
public final class EngineHost {
    public let store: Store
    public let clock: any Clock
    public let configuration: EngineConfiguration
    public private(set) var engine: Engine
    public private(set) var messages: PersistentMessageQueue
    public let retention: RetentionPolicy
    private let lock: WriterLock
    private var lastCommandID: Int64 = 0
    private var lastRetentionRun: Instant = .epoch
    private var lastSummaryAt: Instant = .epoch
    private var commitLatency = WindowedHistogram()
    /// A command-line client standing in for an absent engine (see `standIn`).
    private var isStandIn = false
    /// Changes that a failed commit could not write, for the next one.
    private var unwritten = (engine: EngineChanges(), messages: MessageWrites())
    /// Whether memory is ahead of the store: the last commit failed.
    public var hasUnwrittenChanges: Bool { !unwritten.engine.isEmpty || !unwritten.messages.isEmpty }
    /// How often the summary for dashboards is rewritten (at most).
    public var summaryInterval: Duration = .milliseconds(250)
    /// The machine's name, for the summary.
    public let node = HostName.current

    private init(store: Store, lock: WriterLock, clock: any Clock, configuration: EngineConfiguration, retention: RetentionPolicy) throws {
        self.store = store
        self.lock = lock
        self.clock = clock
        self.configuration = configuration
        self.retention = retention
        (engine, messages) = try Self.load(store: store, clock: clock, configuration: configuration)
    }

    /// Opens the store and becomes its engine. Fails with `EngineHostError.alreadyRunning` when
    /// another process is the engine for this store and has not let go within `waitingUpTo`:
    /// a command-line client holds the lock for a moment when it applies a command with no
    /// engine running, and an engine that starts meanwhile should wait for it, not fail.
    public static func open(
        store: Store, clock: any Clock, configuration: EngineConfiguration = EngineConfiguration(),
        retention: RetentionPolicy = .standard, waitingUpTo patience: Duration = .zero
    ) throws -> EngineHost {
        guard let lock = try WriterLock.acquire(for: store.path, waitingUpTo: patience) else { throw EngineHostError.alreadyRunning(path: store.path) }
        let host = try EngineHost(store: store, lock: lock, clock: clock, configuration: configuration, retention: retention)
        do {
            try host.commit()
        } catch StoreError.full {
            // A full disk does not keep the engine from starting: the recovery's changes wait
            // in memory for the first commit that has room, like any others.
        }
        return host
    }

    /// Opens the store as a stand-in for an absent engine: a command-line client that applies
    /// the pending commands and leaves. It writes what the commands change and nothing else —
    /// not the recovery a starting engine does, not agents, not the engine's uptime or rates.
    static func standIn(store: Store, clock: any Clock, configuration: EngineConfiguration) throws -> EngineHost {
        guard let lock = try WriterLock.acquire(for: store.path) else { throw EngineHostError.alreadyRunning(path: store.path) }
        let host = try EngineHost(store: store, lock: lock, clock: clock, configuration: configuration, retention: .standard)
        host.isStandIn = true
        host.engine.isStandIn = true
        // The recovery (tasks that were running go back to wait) is for the next real engine.
        _ = host.engine.takeChanges()
        return host
    }

    private static func load(store: Store, clock: any Clock, configuration: EngineConfiguration) throws -> (Engine, PersistentMessageQueue) {
        let messages = try PersistentMessageQueue(store: store, configuration: QueueConfiguration(name: "messages", seed: configuration.seed), clock: clock)
        let engine = Engine(configuration: configuration, clock: clock, messages: messages)
        engine.restore(try store.read { db in try EngineRows.loadState(db) })
        return (engine, messages)
    }

    /// Hands commands written to the store since the last look to the engine, for its next tick.
    public func pickUpCommands() throws {
        let (commands, unreadable) = try store.read { db in try CommandRows.pending(after: lastCommandID, db) }
        for command in commands {
            engine.enqueue(command.command, actor: command.issuedBy, id: command.id)
            lastCommandID = max(lastCommandID, command.id)
        }
        if !unreadable.isEmpty {
            let now = clock.now()
            try store.write { db in
                for (id, reason) in unreadable { try CommandRows.writeOutcome(id: id, .refused(reason), at: now, db) }
            }
            lastCommandID = max(lastCommandID, unreadable.map(\.0).max() ?? 0)
        }
    }

    /// One step: pick up commands, tick, write the changes. Returns the effects for the agents.
    @discardableResult
    public func step() throws -> [EngineEffect] {
        let effects = try tick()
        try commit()
        return effects
    }

    /// Picks up commands and ticks, without committing. The engine loop hands the effects to
    /// agents before the commit: a crash in between leaves the assignment uncommitted, and the
    /// task is simply dispatched again (at-least-once), while dispatch never waits for the disk.
    public func tick() throws -> [EngineEffect] {
        try pickUpCommands()
        return messages.withoutCommitting { engine.takeEffects() + engine.tick() }
    }

    /// Passes an agent's report to the engine; its message writes join the next commit.
    public func handle(_ report: AgentReport) {
        messages.withoutCommitting { engine.handle(report) }
    }

    /// Writes the engine's and the message queue's changes in one transaction (group commit),
    /// with one round of retention when it is due. `finalSummary` rewrites the summary whether
    /// or not it is due (the last commit before the engine stops).
    public func commit(finalSummary: Bool = false) throws {
        let now = clock.now()
        if !isStandIn, now - lastRetentionRun >= .seconds(10) {
            lastRetentionRun = now
            engine.forget(engine.finishedTasks(olderThan: retention.finished, limit: retention.batchSize))
            _ = try messages.withoutCommitting { try messages.purgeDeadLetters(before: now - retention.deadLetters) }
        }
        unwritten.engine.absorb(engine.takeChanges())
        unwritten.messages.absorb(messages.takeWrites())
        let (changes, messageWrites) = unwritten
        let summaryDue = finalSummary || now - lastSummaryAt >= (changes.isEmpty ? max(.seconds(1), summaryInterval) : summaryInterval)
        guard !changes.isEmpty || !messageWrites.isEmpty || summaryDue else { return }
        var summary = summaryDue ? engine.summary(node: node, commitLatency: commitLatency.summary(at: now)) : nil
        if isStandIn, let fresh = summary {
            // The counts are the store's; the times and rates stay the last engine's.
            summary = fresh.offline(keepingTimesOf: try store.read { db in try EngineRows.summary(db) })
        }
        let pruneNow = !changes.removedTasks.isEmpty
        let started = ContinuousClock.now
        defer { commitLatency.record((ContinuousClock.now - started).nanoseconds, at: now) }
        try store.write { db in
            if let summary { try EngineRows.writeSummary(summary, db) }
            try EngineRows.write(changes, at: now, db)
            try messageWrites.write(db)
            if pruneNow {
                try Retention.pruneFinishedMessages(db, now: now, policy: retention)
                try EngineRows.pruneBookkeeping(before: now - retention.finished, batch: retention.batchSize, db)
            }
        }
        unwritten = (EngineChanges(), MessageWrites())
        if summaryDue { lastSummaryAt = now }
    }

    /// Gives up the store: the next process may be its engine.
    public func close() {
        lock.release()
    }

    /// Writes a command into the store as `actor` and waits for its outcome: the engine running
    /// on the store applies it on its next tick; when none runs, a short-lived engine started
    /// here applies it (with every other pending command) and leaves. This is how the CLI works
    /// whether or not an engine is running.
    public static func send(
        _ command: OperatorCommand, to store: Store, actor: Actor = .cli, clock: any Clock, configuration: EngineConfiguration = EngineConfiguration(),
        timeout: Duration = .seconds(10)
    ) throws -> CommandOutcome {
        let id = try store.write { db in try CommandRows.insert(command, by: actor, at: clock.now(), db) }
        let deadline = ContinuousClock.now + timeout
        while true {
            if let outcome = try store.read({ db in try CommandRows.outcome(id: id, db) }) { return outcome }
            do {
                let host = try EngineHost.standIn(store: store, clock: clock, configuration: configuration)
                defer { host.close() }
                try host.pickUpCommands()
                host.messages.withoutCommitting { host.engine.applyCommandsOnly() }
                try host.commit(finalSummary: true)
                if let outcome = try store.read({ db in try CommandRows.outcome(id: id, db) }) { return outcome }
            } catch EngineHostError.alreadyRunning {
                // The running engine will apply it; wait.
            }
            guard ContinuousClock.now < deadline else {
                throw EngineHostError.noAnswer(path: store.path, seconds: Int(timeout.seconds))
            }
            usleep(10_000)
        }
    }
}

public enum EngineHostError: Error, CustomStringConvertible, Equatable {
    case alreadyRunning(path: String)
    case noAnswer(path: String, seconds: Int)

    public var description: String {
        switch self {
        case .alreadyRunning(let path): "an engine is already running on \(path)"
        case .noAnswer(let path, let seconds):
            "the engine running on \(path) did not answer within \(seconds) s; the command stays queued and will be applied when it can"
        }
    }
}
