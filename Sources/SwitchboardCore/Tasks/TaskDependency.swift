/// An edge of the dependency graph: this task needs `prerequisite`.
///
/// - `success` (the default): the prerequisite must complete; if it fails for good, the
///   dependent is cancelled with that reason.
/// - `anyOutcome`: the prerequisite must finish, whatever the outcome.
/// - `optional`: never blocks; the edge is kept for the record (the dependency tree shows it).
public struct TaskDependency: Hashable, Sendable, Codable {
    public enum Condition: String, Sendable, Codable, CaseIterable {
        case success
        case anyOutcome = "any"
    }

    public var prerequisite: TaskID
    public var condition: Condition
    public var optional: Bool

    public init(_ prerequisite: TaskID, condition: Condition = .success, optional: Bool = false) {
        self.prerequisite = prerequisite
        self.condition = condition
        self.optional = optional
    }

    /// Whether this edge holds the dependent back, given the prerequisite's status.
    public func blocks(given status: TaskStatus) -> Bool {
        if optional { return false }
        switch condition {
        case .success: return status != .completed
        case .anyOutcome: return !status.isFinal
        }
    }

    /// Whether the prerequisite's final status dooms the dependent.
    public func dooms(given status: TaskStatus) -> Bool {
        !optional && condition == .success && status.isUnsuccessful
    }
}
