/// Canvases as text: the form golden screens are kept in, and what tests compare.
extension Canvas {
    /// The characters, one string per row (trailing spaces kept, so widths are visible).
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line += text(of: self[x, y]) }
            return line
        }
    }

    /// The text of the whole canvas, rows joined by newlines.
    public var text: String { lines.joined(separator: "\n") }

    /// One character per cell naming the role that colours it: the background role (upper
    /// layer) where it is not the plain background, else the foreground role. See `Role.code`.
    public var roleLines: [String] {
        (0..<height).map { y in
            String((0..<width).map { x -> Character in
                let style = self[x, y].style
                return style.background != .background ? style.background.code : style.foreground.code
            })
        }
    }

    /// One character per cell for the attributes a colourless terminal shows: `r` reverse,
    /// `b` bold, `u` underline, `d` dim, `.` none (the strongest wins).
    public var monochromeLines: [String] {
        (0..<height).map { y in
            String((0..<width).map { x -> Character in
                let attributes = self[x, y].style.monochromeAttributes
                if attributes.contains(.reverse) { return "r" }
                if attributes.contains(.bold) { return "b" }
                if attributes.contains(.underline) { return "u" }
                if attributes.contains(.dim) { return "d" }
                return "."
            })
        }
    }

    /// The golden-file form: the text, then the colour roles or the monochrome attributes.
    public func golden(monochrome: Bool) -> String {
        var parts = lines
        parts.append(monochrome ? "── monochrome attributes ──" : "── colour roles ──")
        parts += monochrome ? monochromeLines : roleLines
        return parts.joined(separator: "\n") + "\n"
    }

    /// A copy for a terminal without UTF-8: line drawing, blocks and other non-ASCII
    /// characters become their nearest ASCII look-alike, wide ones `??`.
    public func asciiOnly() -> Canvas {
        var copy = self
        for index in copy.cells.indices {
            let cell = copy.cells[index]
            if cell.isContinuation {
                copy.cells[index].content = 0x3F
                copy.cells[index].width = 1
                continue
            }
            guard cell.content >= 0x80 else { continue }
            let scalar = cell.content < Cell.clusterBase ? Unicode.Scalar(cell.content) : nil
            copy.cells[index].content = UInt32(ASCIIFallback.character(for: scalar).value)
            copy.cells[index].width = 1
        }
        copy.clusters = []
        return copy
    }
}

/// ASCII stand-ins for the characters the dashboard draws.
enum ASCIIFallback {
    static func character(for scalar: Unicode.Scalar?) -> Unicode.Scalar {
        guard let scalar else { return "?" }
        switch scalar.value {
        case 0x2500, 0x2501, 0x2504, 0x2508, 0x254C: return "-"
        case 0x2502, 0x2503, 0x2506, 0x250A, 0x254E: return "|"
        case 0x250C...0x254B, 0x256D...0x2570: return "+"
        case 0x2550: return "="
        case 0x2551: return "|"
        case 0x2552...0x256C: return "+"
        case 0x2581...0x2584: return "_"
        case 0x2585...0x2588: return "#"
        case 0x2589...0x258F: return "#"
        case 0x2591, 0x2592: return ":"
        case 0x2593: return "#"
        case 0x2022, 0x25CF, 0x25C9, 0x2605: return "*"
        case 0x25CB, 0x25CC: return "o"
        case 0x25B2, 0x2191: return "^"
        case 0x25BC, 0x2193: return "v"
        case 0x25B6, 0x2192, 0x203A: return ">"
        case 0x25C0, 0x2190, 0x2039: return "<"
        case 0x2026: return "~"
        case 0x00B7, 0x2219: return "."
        case 0x00D7: return "x"
        case 0x2713, 0x2714: return "+"
        case 0x2717, 0x2718, 0x2715: return "x"
        case 0x25D0: return "%"
        case 0x23F8: return "="
        case 0x00B5: return "u"
        case 0x26A0: return "!"
        case 0x2014, 0x2013: return "-"
        default: return "?"
        }
    }
}
