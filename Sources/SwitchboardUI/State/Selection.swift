/// What the cursor of a list is on, by identity (a task id, an agent or queue name) rather than
/// by row: lists re-sort and refresh under the cursor, and an action must hit the item the
/// operator chose, never whatever slid into its row.
///
/// The row index (`ViewState.taskCursor`, …) follows the selection after each snapshot; the
/// selection changes only when the operator moves.
public enum Selection<ID: Hashable & Sendable>: Sendable, Equatable {
    /// Nothing chosen yet: a fresh screen, or a new list that does not hold the chosen item.
    /// The cursor is a row (the top one, usually) and stays there while the list changes —
    /// following whatever task happened to be first would scroll a fresh screen away from the
    /// top — and acts on the item the frame on screen shows in that row. The first move
    /// chooses an item.
    case none
    /// This item, wherever it moves in the list.
    case item(ID)
    /// This item, carried into a new filter or sort: followed when the new list holds it,
    /// otherwise nothing is chosen (`none`, on the new list's first row).
    case carried(ID)
    /// The item left the list (finished under a status filter, removed, filtered away). The
    /// cursor keeps its row, but actions wait until the operator moves: the row now holds
    /// another item, which they did not choose.
    case lost(ID)

    /// The item the operator chose, while it is listed (nil for `none`: the row decides).
    public var id: ID? {
        switch self {
        case .item(let id), .carried(let id): id
        case .none, .lost: nil
        }
    }

    /// The item this selection is about, listed or not (for messages).
    public var lastID: ID? {
        switch self {
        case .item(let id), .carried(let id), .lost(let id): id
        case .none: nil
        }
    }

    /// Whether the selection is waiting for a move (its item left the list).
    public var isLost: Bool {
        if case .lost = self { return true }
        return false
    }

    /// The selection after the list changed: `index` finds an item's row (nil when the list
    /// does not hold it), `known` says whether that answer can be trusted (the snapshot looked
    /// for it). Returns the new selection and the row the cursor moves to (nil: stay).
    func relocated(index: (ID) -> Int?, known: (ID) -> Bool) -> (Selection, Int?) {
        switch self {
        case .none:
            return (.none, nil)
        case .item(let id):
            if let row = index(id) { return (.item(id), row) }
            return known(id) ? (.lost(id), nil) : (self, nil)
        case .carried(let id):
            if let row = index(id) { return (.item(id), row) }
            return known(id) ? (.none, 0) : (self, nil)
        case .lost(let id):
            // Back in the list (a filter cleared, say): it is still the chosen item.
            if let row = index(id) { return (.item(id), row) }
            return (self, nil)
        }
    }
}
