/// The screen as a grid of styled cells: what every widget draws into and what the terminal
/// copies to the real screen (only the cells that changed). Immediate mode: each frame is drawn
/// from scratch into a fresh canvas, then compared with the last one.
public struct Canvas: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public internal(set) var cells: [Cell]
    /// Characters made of several scalars (emoji sequences), referenced by cells.
    public internal(set) var clusters: [String] = []
    /// Where the terminal should put its cursor (an input line), or nil to hide it.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(style: style), count: self.width * self.height)
    }

    public static func == (lhs: Canvas, rhs: Canvas) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells && lhs.clusters == rhs.clusters
            && lhs.cursor?.x == rhs.cursor?.x && lhs.cursor?.y == rhs.cursor?.y
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// The text of a cell (a space for the right half of a wide character).
    public func character(at x: Int, _ y: Int) -> String {
        let cell = self[x, y]
        if cell.isContinuation { return "" }
        return text(of: cell)
    }

    public func text(of cell: Cell) -> String {
        if cell.content >= Cell.clusterBase {
            let index = Int(cell.content - Cell.clusterBase)
            return index < clusters.count ? clusters[index] : "?"
        }
        return String(Character(Unicode.Scalar(cell.content) ?? "?"))
    }

    // MARK: Drawing

    /// Fills a rectangle with a character and style.
    public mutating func fill(_ rect: Rect, _ character: Unicode.Scalar = " ", style: Style) {
        let clipped = clip(rect)
        guard !clipped.isEmpty else { return }
        let cell = Cell(content: character.value, style: style, width: 1)
        for y in clipped.y..<clipped.maxY {
            let row = y * width
            for x in clipped.x..<clipped.maxX { cells[row + x] = cell }
            repairEdges(y: y, from: clipped.x, to: clipped.maxX)
        }
    }

    /// Changes the style of every cell in a rectangle, keeping the characters.
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let clipped = clip(rect)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { change(&cells[y * width + x].style) }
        }
    }

    /// Puts one narrow scalar at a position (clipped to the canvas).
    public mutating func put(_ scalar: Unicode.Scalar, x: Int, y: Int, style: Style) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        cells[y * width + x] = Cell(content: scalar.value, style: style, width: 1)
        repairEdges(y: y, from: x, to: x + 1)
    }

    /// Writes text from (x, y), at most `maxWidth` columns and never past the right edge.
    /// Returns the columns written. Wide characters take two columns and are not split: one
    /// that would not fit is left out. Control characters show as `?`.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, x: Int, y: Int, style: Style, maxWidth: Int = .max) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, maxWidth == .max ? width : x + max(0, maxWidth))
        var column = x
        var isASCII = true
        for byte in text.utf8 where byte >= 0x80 || byte < 0x20 {
            isASCII = false
            break
        }
        let row = y * width
        if isASCII {
            for byte in text.utf8 {
                guard column < limit else { break }
                if column >= 0 { cells[row + column] = Cell(content: UInt32(byte), style: style, width: 1) }
                column += 1
            }
        } else {
            for character in text {
                let columns = CharacterWidth.columns(of: character)
                if columns == 0 {
                    if character.unicodeScalars.first.map({ $0.value < 0x20 || $0.value == 0x7F }) ?? false {
                        guard column < limit else { break }
                        if column >= 0 { cells[row + column] = Cell(content: 0x3F, style: style, width: 1) }
                        column += 1
                    }
                    continue
                }
                guard column + columns <= limit else { break }
                if column >= 0 {
                    let content = contentValue(of: character)
                    cells[row + column] = Cell(content: content, style: style, width: UInt8(columns))
                    if columns == 2 { cells[row + column + 1] = Cell(content: Cell.space, style: style, width: 0) }
                }
                column += columns
            }
        }
        let start = max(0, x)
        if column > start { repairEdges(y: y, from: start, to: column) }
        return max(0, column - x)
    }

    private mutating func contentValue(of character: Character) -> UInt32 {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first { return scalar.value }
        let text = String(character)
        if let index = clusters.firstIndex(of: text) { return Cell.clusterBase + UInt32(index) }
        clusters.append(text)
        return Cell.clusterBase + UInt32(clusters.count - 1)
    }

    /// After overwriting columns `from ..< to` of a row, a wide character cut in half at either
    /// edge becomes a space, so that no half character is left on the screen.
    private mutating func repairEdges(y: Int, from: Int, to: Int) {
        let row = y * width
        if from > 0, from < width, cells[row + from].width != 0, cells[row + from - 1].width == 2 {
            cells[row + from - 1].content = Cell.space
            cells[row + from - 1].width = 1
        }
        if to < width, cells[row + to].width == 0 {
            cells[row + to].content = Cell.space
            cells[row + to].width = 1
        }
        if from > 0, from < width, cells[row + from].width == 0 {
            cells[row + from].content = Cell.space
            cells[row + from].width = 1
        }
    }

    private func clip(_ rect: Rect) -> Rect {
        let x0 = max(0, rect.x)
        let y0 = max(0, rect.y)
        return Rect(x: x0, y: y0, width: min(width, rect.maxX) - x0, height: min(height, rect.maxY) - y0)
    }
}
