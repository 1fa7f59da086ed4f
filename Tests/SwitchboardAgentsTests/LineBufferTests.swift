@testable import SwitchboardAgents
import Testing

@Suite("Line framing")
struct LineBufferTests {
    @Test func splitsLinesAcrossReads() {
        var buffer = LineBuffer(limit: 100)
        #expect(lines(buffer.append(ArraySlice(Array("hel".utf8)))) == [])
        #expect(lines(buffer.append(ArraySlice(Array("lo\r\nwor".utf8)))) == ["hello"])
        #expect(lines(buffer.append(ArraySlice(Array("ld\n\n".utf8)))) == ["world", ""])
        #expect(buffer.flush() == nil)
    }

    @Test func refusesLongLinesAndRecovers() {
        var buffer = LineBuffer(limit: 10)
        var items = buffer.append(ArraySlice([UInt8](repeating: 65, count: 25)))
        items += buffer.append(ArraySlice([UInt8](repeating: 65, count: 5) + [10] + Array("ok\n".utf8)))
        guard case .tooLong(let length) = items.first else {
            Issue.record("expected a too-long line")
            return
        }
        #expect(length == 30)
        #expect(lines(items) == ["ok"])
    }

    private func lines(_ items: [LineBuffer.Item]) -> [String] {
        items.compactMap { if case .line(let bytes) = $0 { String(decoding: bytes, as: UTF8.self) } else { nil } }
    }
}
