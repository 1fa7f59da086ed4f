/// One window of a sorted, filtered task list, read with LIMIT/OFFSET so that the dashboard's
/// work per refresh follows what is visible, not how many tasks the store holds.
public struct TaskPage: Sendable, Hashable {
    /// Index of the first row within the whole sorted list.
    public var offset: Int
    public var rows: [Task]
    /// How many tasks match the filter.
    public var total: Int

    public init(offset: Int = 0, rows: [Task] = [], total: Int = 0) {
        self.offset = offset
        self.rows = rows
        self.total = total
    }
}
