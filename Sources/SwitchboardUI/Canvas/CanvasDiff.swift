/// The cells that differ between two frames, as runs along rows: what the terminal has to
/// redraw. A wide character whose half changed is redrawn whole.
public struct CanvasDiff: Sendable, Equatable {
    public struct Run: Sendable, Equatable {
        public var y: Int
        public var x: Int
        public var count: Int
    }

    public var runs: [Run]

    public var isEmpty: Bool { runs.isEmpty }
    public var changedCells: Int { runs.reduce(0) { $0 + $1.count } }

    /// Every cell of `new` when there is no previous frame (or its size differs).
    public init(from old: Canvas?, to new: Canvas) {
        runs = []
        guard let old, old.width == new.width, old.height == new.height else {
            for y in 0..<new.height where new.width > 0 { runs.append(Run(y: y, x: 0, count: new.width)) }
            return
        }
        let width = new.width
        let sameClusters = old.clusters == new.clusters
        old.cells.withUnsafeBufferPointer { before in
            new.cells.withUnsafeBufferPointer { after in
                for y in 0..<new.height {
                    let row = y * width
                    var x = 0
                    while x < width {
                        if before[row + x] == after[row + x], sameClusters || after[row + x].content < Cell.clusterBase {
                            x += 1
                            continue
                        }
                        var start = x
                        if start > 0, after[row + start].width == 0 { start -= 1 }
                        var end = x + 1
                        while end < width, before[row + end] != after[row + end] || after[row + end].width == 0 { end += 1 }
                        runs.append(Run(y: y, x: start, count: end - start))
                        x = end
                    }
                }
            }
        }
    }
}
