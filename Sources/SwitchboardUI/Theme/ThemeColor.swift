/// A colour as a theme names it: the terminal's own (`default`), one of the 256 indexed
/// colours (the first 16 by name), or a 24-bit `#RRGGBB`.
public enum ThemeColor: Hashable, Sendable, CustomStringConvertible {
    case terminalDefault
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    public static let names: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright_black", "bright_red", "bright_green", "bright_yellow", "bright_blue", "bright_magenta", "bright_cyan", "bright_white",
    ]

    /// Parses `default`, a colour name (`gray`/`grey` is `bright_black`), `#RRGGBB` or `0`–`255`.
    public init?(parsing text: String) {
        let value = String(text.trimmingSpaces.lowercased().map { $0 == "-" ? "_" : $0 })
        if value == "default" || value == "none" {
            self = .terminalDefault
        } else if let index = Self.names.firstIndex(of: value) {
            self = .indexed(UInt8(index))
        } else if value == "gray" || value == "grey" {
            self = .indexed(8)
        } else if value.hasPrefix("#"), value.count == 7, let number = UInt32(value.dropFirst(), radix: 16) {
            self = .rgb(UInt8(number >> 16 & 0xFF), UInt8(number >> 8 & 0xFF), UInt8(number & 0xFF))
        } else if let index = Int(value), (0...255).contains(index) {
            self = .indexed(UInt8(index))
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .terminalDefault: "default"
        case .indexed(let index): index < 16 ? Self.names[Int(index)] : String(index)
        case .rgb(let r, let g, let b): "#" + [r, g, b].map { byte in
                let hex = String(byte, radix: 16)
                return hex.count == 1 ? "0" + hex : hex
            }.joined()
        }
    }

    /// The colour on a terminal of `depth`: nil means "use the terminal's default".
    public func index(for depth: ColorDepth) -> Int? {
        switch (self, depth) {
        case (_, .none), (.terminalDefault, _): return nil
        case (.indexed(let index), .colors256): return Int(index)
        case (.indexed(let index), .colors8): return index < 8 ? Int(index) : index < 16 ? Int(index) - 8 : Palette.nearestBasic(Palette.rgb(ofIndex: Int(index)))
        case (.rgb(let r, let g, let b), .colors256): return Palette.nearest256((r, g, b))
        case (.rgb(let r, let g, let b), .colors8): return Palette.nearestBasic((r, g, b))
        }
    }
}

/// How many colours the terminal can show.
public enum ColorDepth: Int, Sendable, Comparable, CaseIterable {
    case none = 0
    case colors8 = 8
    case colors256 = 256

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The depth for a terminal reporting `colors` colours, with `NO_COLOR` honoured.
    public static func detect(colors: Int, noColor: Bool) -> ColorDepth {
        if noColor || colors < 8 { return .none }
        return colors >= 256 ? .colors256 : .colors8
    }
}

/// The xterm palette, for turning 24-bit colours into indexed ones.
enum Palette {
    typealias RGB = (UInt8, UInt8, UInt8)

    static let basic: [RGB] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeSteps: [Int] = [0, 95, 135, 175, 215, 255]

    static func rgb(ofIndex index: Int) -> RGB {
        if index < 16 { return basic[index] }
        if index < 232 {
            let value = index - 16
            return (UInt8(cubeSteps[value / 36]), UInt8(cubeSteps[value / 6 % 6]), UInt8(cubeSteps[value % 6]))
        }
        let level = UInt8(8 + 10 * (index - 232))
        return (level, level, level)
    }

    static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a.0) - Int(b.0)
        let dg = Int(a.1) - Int(b.1)
        let db = Int(a.2) - Int(b.2)
        // Weighted for the eye's sensitivity to green.
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db
    }

    /// The nearest of the 240 cube and grey colours (16–255), which look alike on every terminal.
    static func nearest256(_ color: RGB) -> Int {
        (16...255).min { distance(rgb(ofIndex: $0), color) < distance(rgb(ofIndex: $1), color) } ?? 7
    }

    /// The nearest of the eight basic colours.
    static func nearestBasic(_ color: RGB) -> Int {
        (0..<8).min { distance(basic[$0], color) < distance(basic[$1], color) } ?? 7
    }
}

extension String {
    var trimmingSpaces: String {
        var view = Substring(self)
        while view.first == " " || view.first == "\t" { view = view.dropFirst() }
        while view.last == " " || view.last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
