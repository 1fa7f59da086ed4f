/// A key press, a mouse event or a resize, as the terminal reports it.
public enum Key: Hashable, Sendable {
    /// A printable character (Space included).
    case character(Character)
    /// Ctrl and a letter (`control("c")`).
    case control(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    case mouse(MouseEvent)
    case resize

    /// Parses a key as written in `keys.toml`: a single character (`q`, `]`, `?`), or a name —
    /// `space`, `enter`, `esc`, `tab`, `shift-tab`, `backspace`, `delete`, `up`, `down`, `left`,
    /// `right`, `pgup`, `pgdn`, `home`, `end`, `f1`…`f12`, `ctrl-a`…`ctrl-z`.
    public init?(spec: String) {
        if spec.count == 1, let character = spec.first, character != " " {
            self = .character(character)
            return
        }
        let name = spec.lowercased()
        switch name {
        case "space": self = .character(" ")
        case "enter", "return": self = .enter
        case "esc", "escape": self = .escape
        case "tab": self = .tab
        case "shift-tab", "backtab", "s-tab": self = .backTab
        case "backspace", "bs": self = .backspace
        case "delete", "del": self = .delete
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "pgup", "pageup", "page-up": self = .pageUp
        case "pgdn", "pagedown", "page-down": self = .pageDown
        case "home": self = .home
        case "end": self = .end
        default:
            if name.hasPrefix("f"), let number = Int(name.dropFirst()), (1...12).contains(number) {
                self = .function(number)
            } else if name.hasPrefix("ctrl-"), name.count == 6, let letter = name.last, letter.isLetter, letter.isASCII {
                self = .control(letter)
            } else {
                return nil
            }
        }
    }

    /// How the key is written in the help and the footer (and in `keys.toml`).
    public var spec: String {
        switch self {
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .control(let letter): "Ctrl-" + letter.uppercased()
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .function(let number): "F\(number)"
        case .mouse: "mouse"
        case .resize: "resize"
        }
    }
}

/// A mouse event at a cell.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, doubleClick, scrollUp, scrollDown }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
