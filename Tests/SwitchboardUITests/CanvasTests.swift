import Testing

@testable import SwitchboardUI

@Suite("Canvas and widgets")
struct CanvasTests {
    @Test("character widths: ASCII 1, CJK and emoji 2, combining marks 0")
    func widths() {
        #expect(CharacterWidth.columns(of: "abc") == 3)
        #expect(CharacterWidth.columns(of: "翻訳") == 4)
        #expect(CharacterWidth.columns(of: "🚀") == 2)
        #expect(CharacterWidth.columns(of: "e\u{301}") == 1)
        #expect(CharacterWidth.columns(of: "👩‍💻") == 2)
        #expect(CharacterWidth.columns(of: "🇫🇷") == 2)
        #expect(CharacterWidth.columns(of: "─│█") == 3)
        #expect(CharacterWidth.truncate("翻訳ファイル", to: 5) == "翻訳…")
        #expect(CharacterWidth.pad("翻", to: 4) == "翻  ")
    }

    @Test("wide characters take two cells and keep the columns after them aligned")
    func wideCharacters() {
        var canvas = Canvas(width: 10, height: 2)
        #expect(canvas.write("a翻b", x: 0, y: 0, style: .plain) == 4)
        #expect(canvas[1, 0].width == 2)
        #expect(canvas[2, 0].isContinuation)
        #expect(canvas.lines[0] == "a翻b      ")
        // One that would be split by the right edge is left out.
        #expect(canvas.write("abcdefghi翻", x: 0, y: 1, style: .plain) == 9)
        #expect(canvas.lines[1] == "abcdefghi ")
        // Writing over half of a wide character leaves no half behind.
        canvas.write("x", x: 2, y: 0, style: .plain)
        #expect(canvas.lines[0] == "a xb      ")
    }

    @Test("an emoji sequence is one character of two columns")
    func clusters() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.write("👩‍💻ok", x: 0, y: 0, style: .plain)
        #expect(canvas.lines[0] == "👩‍💻ok  ")
        #expect(canvas.character(at: 0, 0) == "👩‍💻")
    }

    @Test("control characters show as ?")
    func controls() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.write("a\u{1B}[2Jb", x: 0, y: 0, style: .plain)
        #expect(canvas.lines[0] == "a?[2Jb")
    }

    @Test("the diff of two frames is only the cells that changed")
    func diff() {
        var before = Canvas(width: 20, height: 3)
        before.write("hello world", x: 0, y: 1, style: .plain)
        #expect(CanvasDiff(from: before, to: before).isEmpty)
        var after = before
        after.write("W", x: 6, y: 1, style: .plain)
        let changed = CanvasDiff(from: before, to: after)
        #expect(changed.runs == [CanvasDiff.Run(y: 1, x: 6, count: 1)])
        var styled = before
        styled.restyle(Rect(x: 0, y: 1, width: 5, height: 1)) { $0.foreground = .alert }
        #expect(CanvasDiff(from: before, to: styled).changedCells == 5)
        // A wide character is redrawn whole, from its left half.
        var wide = Canvas(width: 20, height: 3)
        wide.write("翻", x: 4, y: 0, style: .plain)
        var other = wide
        other.write("訳", x: 4, y: 0, style: .plain)
        #expect(CanvasDiff(from: wide, to: other).runs == [CanvasDiff.Run(y: 0, x: 4, count: 2)])
        // No previous frame: everything.
        #expect(CanvasDiff(from: nil, to: before).changedCells == 60)
    }

    @Test("without UTF-8, borders and bars fall back to ASCII")
    func ascii() {
        var canvas = Canvas(width: 12, height: 3)
        Border.draw(&canvas, canvas.bounds, title: "Q", focused: true)
        canvas.write("█░翻…", x: 1, y: 1, style: .plain)
        let lines = canvas.asciiOnly().lines
        #expect(lines[0] == "+ Q -------+")
        #expect(lines[1] == "|#:??~     |")
        #expect(lines[2] == "+----------+")
        let allASCII = lines.joined().unicodeScalars.allSatisfy { $0.isASCII }
        #expect(allASCII)
    }

    @Test("a stacked bar gives every non-zero part a cell and uses exactly its width")
    func apportion() {
        #expect(Bars.apportion([10, 0, 1], into: 10) == [9, 0, 1])
        #expect(Bars.apportion([1, 1, 1, 1], into: 2).reduce(0, +) == 2)
        #expect(Bars.apportion([0, 0], into: 5) == [0, 0])
        #expect(Bars.apportion([3, 3, 3], into: 10).reduce(0, +) == 10)
    }

    @Test("a table drops columns by their drop order when narrow and gives spare room to the flexible one")
    func tableWidths() {
        let table = Table(columns: [
            TableColumn(title: "A", width: 5), TableColumn(title: "B", width: 10, flexible: true),
            TableColumn(title: "C", width: 5, dropOrder: 2), TableColumn(title: "D", width: 5, dropOrder: 1),
        ])
        #expect(table.widths(fitting: 40) == [5, 22, 5, 5])
        #expect(table.widths(fitting: 22) == [5, 10, nil, 5], "the higher drop order goes first")
        #expect(table.widths(fitting: 16) == [5, 10, nil, nil])
    }
}
