import GRDB
import SwitchboardCore
import SwitchboardStore

/// The promises a store must keep whatever happened to the processes that wrote it, checked
/// from the store alone: the simulator runs it after every step, the soak test on the file a
/// SIGKILLed engine left behind.
///
/// - every acknowledged task is in the store, and every task and message is in exactly one
///   known status (a row has one status; it must be a known one);
/// - no completion is recorded twice;
/// - no task started running before its required prerequisites finished as they had to.
///
/// History is read incrementally: each call looks only at entries written since the last.
public struct StoreAudit {
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public var invariant: String
        public var detail: String
        public var description: String { "\(invariant): \(detail)" }
    }

    private var lastHistoryID: Int64 = 0
    private var completed: Set<String> = []
    private var finished: Set<String> = []
    /// Each task's status and the number of messages in each status, as of the last check: the
    /// recount that the engine's counters must equal.
    public private(set) var taskStatuses: [String: TaskStatus] = [:]
    public private(set) var messageCounts: [MessageStatus: Int] = [:]
    public private(set) var messageIDs: Set<UInt64> = []

    public init() {}

    /// The first broken promise, or nil.
    public mutating func check(_ db: Database, acknowledged: Set<TaskID>) throws -> Finding? {
        taskStatuses = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, status FROM tasks") {
            let id: String = row["id"]
            guard let status = TaskStatus(rawValue: row["status"]) else {
                return Finding(invariant: Self.accountedFor, detail: "\(id) has no known status (\(row["status"] as String))")
            }
            taskStatuses[id] = status
        }
        if let lost = acknowledged.sorted().first(where: { taskStatuses[$0.rawValue] == nil }) {
            return Finding(invariant: Self.accountedFor, detail: "\(lost) was acknowledged but the store has no row for it")
        }
        messageCounts = [:]
        messageIDs = []
        for row in try Row.fetchAll(db, sql: "SELECT id, status FROM messages") {
            let id = UInt64(bitPattern: row["id"] as Int64)
            guard let status = MessageStatus(rawValue: row["status"]) else {
                return Finding(invariant: "every acknowledged message is accounted for", detail: "message \(id) has no known status (\(row["status"] as String))")
            }
            messageIDs.insert(id)
            messageCounts[status, default: 0] += 1
        }
        return try checkHistory(db)
    }

    /// Replays the history written since the last call, in the order it was written: no task
    /// completes twice, none starts before its prerequisites.
    private mutating func checkHistory(_ db: Database) throws -> Finding? {
        let entries = try Row.fetchAll(
            db, sql: "SELECT id, task_id, to_status FROM task_history WHERE id > ? AND to_status IS NOT NULL ORDER BY id",
            arguments: [lastHistoryID])
        for row in entries {
            lastHistoryID = row["id"]
            let task: String = row["task_id"]
            switch row["to_status"] as String {
            case TaskStatus.completed.rawValue:
                if !completed.insert(task).inserted {
                    return Finding(invariant: "no completion is recorded twice", detail: "\(task) is recorded completed more than once")
                }
                finished.insert(task)
            case TaskStatus.failed.rawValue, TaskStatus.cancelled.rawValue, TaskStatus.timeout.rawValue:
                finished.insert(task)
            case TaskStatus.running.rawValue:
                guard let started = try TaskQueries.task(TaskID(task), db) else { continue }
                for edge in started.dependencies where !edge.optional {
                    let prerequisite = edge.prerequisite.rawValue
                    let met = edge.condition == .success ? completed.contains(prerequisite) : finished.contains(prerequisite)
                    if !met {
                        return Finding(
                            invariant: "no task runs before its prerequisites",
                            detail: "\(task) started running while its prerequisite \(prerequisite) had not \(edge.condition == .success ? "completed" : "finished")")
                    }
                }
            default:
                break
            }
        }
        return nil
    }

    static let accountedFor = "every acknowledged task is accounted for"
}
