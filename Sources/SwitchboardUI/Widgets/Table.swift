/// A column of a table: its heading, how wide it wants to be, and how readily it is dropped
/// when the pane is narrow.
struct TableColumn: Sendable {
    var title: String
    /// Columns it needs (the flexible column takes whatever is left, at least this).
    var width: Int
    var flexible = false
    /// Spare columns are given first to columns below their preferred width.
    var preferred = 0
    var alignRight = false
    /// Columns with a higher number are dropped first when they do not all fit; 0 never is.
    var dropOrder = 0
}

/// What one cell of a table shows.
enum TableCell: Sendable {
    case text(String, Role = .foreground)
    /// Several runs of text in their own roles, one after the other.
    case runs([(String, Role)])
    case progress(percent: Int, fill: Role)
    case sparkline([Double])
    case stackedBar(parts: [(count: Int, role: Role)], scale: Int)
    case empty
}

/// A table: a heading row (with the sort column marked) and rows, with a selected row drawn on
/// the selection colour and marked rows flagged in the first column. The caller passes only the
/// rows that are visible, so drawing costs the same for ten rows or a million.
struct Table {
    var columns: [TableColumn]
    var sortColumn: Int?
    var sortDescending = false

    /// The width of each column at `width` columns in all (nil: dropped), one space apart.
    func widths(fitting width: Int) -> [Int?] {
        var shown = Array(columns.indices)
        func needed() -> Int { shown.reduce(0) { $0 + columns[$1].width } + max(0, shown.count - 1) }
        while needed() > width, let drop = shown.filter({ columns[$0].dropOrder > 0 }).max(by: { columns[$0].dropOrder < columns[$1].dropOrder }) {
            shown.removeAll { $0 == drop }
        }
        var result = [Int?](repeating: nil, count: columns.count)
        for index in shown { result[index] = columns[index].width }
        var spare = width - needed()
        for index in shown where spare > 0 && columns[index].preferred > columns[index].width {
            let extra = min(spare, columns[index].preferred - columns[index].width)
            result[index] = columns[index].width + extra
            spare -= extra
        }
        if spare > 0, let flexible = shown.first(where: { columns[$0].flexible }) {
            result[flexible] = (result[flexible] ?? 0) + spare
        }
        return result
    }

    /// A heading cell: the title, and the sort arrow on the sort column. The arrow always
    /// shows: on a narrow column the title is cut (with `…`) to make room for it.
    func heading(_ index: Int, width: Int) -> String {
        let column = columns[index]
        guard sortColumn == index else { return CharacterWidth.pad(column.title, to: width, alignRight: column.alignRight) }
        let arrow = sortDescending ? Glyphs.sortDescending : Glyphs.sortAscending
        let title = CharacterWidth.truncate(column.title, to: width - CharacterWidth.columns(of: arrow)) + arrow
        return CharacterWidth.pad(title, to: width, alignRight: column.alignRight)
    }

    /// Draws the heading in `rect`'s first row and `rows` below it; `selected`, `lostCursor`
    /// and `marked` index into `rows`. `lostCursor` is a cursor whose item left the list: its
    /// row is underlined, not highlighted, because it is not selected. Returns the rectangle
    /// the rows took.
    @discardableResult
    func draw(_ canvas: inout Canvas, _ rect: Rect, rows: [[TableCell]], selected: Int?, lostCursor: Int? = nil, marked: [Bool] = [], focused: Bool) -> Rect {
        guard rect.height > 0, rect.width > 0 else { return rect }
        let markColumn = 1
        let widths = widths(fitting: rect.width - markColumn)
        // Heading.
        var x = rect.x + markColumn
        for index in columns.indices {
            guard let width = widths[index] else { continue }
            let style = Style(sortColumn == index ? .title : .dim, attributes: sortColumn == index ? [.bold] : [])
            canvas.write(heading(index, width: width), x: x, y: rect.y, style: style)
            x += width + 1
        }
        // Rows.
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        for (rowIndex, row) in rows.prefix(body.height).enumerated() {
            let y = body.y + rowIndex
            let background: Role = rowIndex == selected ? .selection : .background
            if background != .background {
                canvas.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: Style(.foreground, background: background))
            }
            if rowIndex < marked.count, marked[rowIndex] {
                canvas.write(Glyphs.mark, x: rect.x, y: y, style: Style(.title, background: background, attributes: [.bold]))
            }
            var x = rect.x + markColumn
            for (index, column) in columns.enumerated() {
                guard let width = widths[index] else { continue }
                if index < row.count { drawCell(&canvas, row[index], x: x, y: y, width: width, alignRight: column.alignRight, background: background) }
                x += width + 1
            }
            if rowIndex == lostCursor {
                canvas.restyle(Rect(x: rect.x, y: y, width: rect.width, height: 1)) { $0.attributes.insert(.underline) }
            }
        }
        return body
    }

    private func drawCell(_ canvas: inout Canvas, _ cell: TableCell, x: Int, y: Int, width: Int, alignRight: Bool, background: Role) {
        switch cell {
        case .text(let text, let role):
            canvas.write(CharacterWidth.pad(text, to: width, alignRight: alignRight), x: x, y: y, style: Style(role, background: background))
        case .runs(let runs):
            var column = x
            for (text, role) in runs {
                let room = x + width - column
                guard room > 0 else { break }
                column += canvas.write(CharacterWidth.truncate(text, to: room), x: column, y: y, style: Style(role, background: background), maxWidth: room)
            }
        case .progress(let percent, let fill):
            Bars.progress(&canvas, x: x, y: y, width: width, percent: percent, fill: fill, background: background)
        case .sparkline(let values):
            Sparkline.draw(&canvas, x: x, y: y, width: width, values: values, background: background)
        case .stackedBar(let parts, let scale):
            Bars.stacked(&canvas, x: x, y: y, width: width, parts: parts, scale: scale, background: background)
        case .empty:
            break
        }
    }
}
