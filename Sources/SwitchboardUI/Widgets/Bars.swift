/// Horizontal bars: a progress gauge with its percentage, and a bar split into coloured parts.
enum Bars {
    /// `fraction` (0–1) of `width` cells filled, smoothly (eighths of a cell), the rest shaded.
    static func gauge(_ canvas: inout Canvas, x: Int, y: Int, width: Int, fraction: Double, fill: Role = .gaugeFill, background: Role = .background) {
        guard width > 0 else { return }
        let clamped = min(1, max(0, fraction.isFinite ? fraction : 0))
        let eighths = Int((clamped * Double(width * 8)).rounded())
        let whole = eighths / 8
        let part = eighths % 8
        let filled = Style(fill, background: background)
        let empty = Style(.gaugeEmpty, background: background)
        for column in 0..<width {
            if column < whole {
                canvas.put(Glyphs.full, x: x + column, y: y, style: filled)
            } else if column == whole, part > 0 {
                canvas.put(Glyphs.partialBlocks[part - 1], x: x + column, y: y, style: filled)
            } else {
                canvas.put(Glyphs.shade, x: x + column, y: y, style: empty)
            }
        }
    }

    /// A gauge followed by the percentage, right-aligned in 4 columns: `██████░░  64%`.
    static func progress(_ canvas: inout Canvas, x: Int, y: Int, width: Int, percent: Int, fill: Role, background: Role = .background) {
        let label = "\(max(0, min(100, percent)))%"
        guard width >= 6 else {
            canvas.write(CharacterWidth.pad(label, to: width, alignRight: true), x: x, y: y, style: Style(.foreground, background: background))
            return
        }
        gauge(&canvas, x: x, y: y, width: width - 5, fraction: Double(percent) / 100, fill: fill, background: background)
        canvas.write(CharacterWidth.pad(label, to: 5, alignRight: true), x: x + width - 5, y: y, style: Style(.foreground, background: background))
    }

    /// Parts of a bar in their roles: each part gets cells in proportion to its count (at least
    /// one when it is not zero), over a bar of `width` cells standing for `scale` units.
    static func stacked(_ canvas: inout Canvas, x: Int, y: Int, width: Int, parts: [(count: Int, role: Role)], scale: Int, background: Role = .background) {
        guard width > 0 else { return }
        let total = parts.reduce(0) { $0 + max(0, $1.count) }
        let barCells = scale <= 0 || total == 0 ? 0 : min(width, max(1, Int((Double(total) / Double(scale) * Double(width)).rounded(.up))))
        let cells = apportion(parts.map { max(0, $0.count) }, into: barCells)
        var column = x
        for (index, part) in parts.enumerated() {
            for _ in 0..<cells[index] {
                canvas.put(Glyphs.full, x: column, y: y, style: Style(part.role, background: background))
                column += 1
            }
        }
        while column < x + width {
            canvas.put(" ", x: column, y: y, style: Style(.foreground, background: background))
            column += 1
        }
    }

    /// Splits `cells` among counts in proportion (largest remainders), giving every non-zero
    /// count at least one cell while there are enough cells.
    static func apportion(_ counts: [Int], into cells: Int) -> [Int] {
        let total = counts.reduce(0, +)
        guard total > 0, cells > 0 else { return counts.map { _ in 0 } }
        let exact = counts.map { Double($0) * Double(cells) / Double(total) }
        var shares = zip(counts, exact).map { count, share in count > 0 ? max(1, Int(share)) : 0 }
        var used = shares.reduce(0, +)
        while used > cells {
            let index = shares.indices.filter { shares[$0] > 1 }.max { shares[$0] < shares[$1] }
                ?? shares.indices.filter { shares[$0] > 0 }.min { counts[$0] < counts[$1] }!
            shares[index] -= 1
            used -= 1
        }
        while used < cells {
            let index = counts.indices.filter { counts[$0] > 0 }.max { exact[$0] - Double(shares[$0]) < exact[$1] - Double(shares[$1]) }!
            shares[index] += 1
            used += 1
        }
        return shares
    }
}
