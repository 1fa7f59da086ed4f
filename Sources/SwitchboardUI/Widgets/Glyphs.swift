/// The characters widgets draw with. Unicode throughout; a terminal without UTF-8 gets the
/// ASCII look-alikes from `Canvas.asciiOnly()`.
enum Glyphs {
    static let horizontal: Unicode.Scalar = "─"
    static let vertical: Unicode.Scalar = "│"
    static let topLeft: Unicode.Scalar = "┌"
    static let topRight: Unicode.Scalar = "┐"
    static let bottomLeft: Unicode.Scalar = "└"
    static let bottomRight: Unicode.Scalar = "┘"
    static let full: Unicode.Scalar = "█"
    static let shade: Unicode.Scalar = "░"
    /// Left-aligned blocks of 1/8 to 7/8 of a cell, for smooth bars.
    static let partialBlocks: [Unicode.Scalar] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    /// Bottom-aligned blocks of 1/8 to 8/8, for sparklines and charts.
    static let levels: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let mark = "●"
    static let sortAscending = "▲"
    static let sortDescending = "▼"
    static let paused = "⏸"
}
