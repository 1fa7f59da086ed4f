/// One column of one row of the screen: a character (or the right half of a wide one) and its
/// style. Eight bytes, so that a 200×60 canvas is compared and copied cheaply.
public struct Cell: Equatable, Sendable {
    /// A Unicode scalar value, or `Cell.clusterBase + i` for the canvas's i-th multi-scalar
    /// character (an emoji sequence).
    public var content: UInt32
    public var style: Style
    /// 1 for a narrow character, 2 for the left half of a wide one, 0 for its right half.
    public var width: UInt8

    public static let clusterBase: UInt32 = 0x11_0000
    public static let space = UInt32(0x20)

    public init(content: UInt32 = Cell.space, style: Style = .plain, width: UInt8 = 1) {
        self.content = content
        self.style = style
        self.width = width
    }

    public var isContinuation: Bool { width == 0 }
}
