import Foundation
import SwitchboardUI
import Testing

/// Compares a canvas with a golden file beside the tests. Set SWITCHBOARD_RECORD_GOLDEN=1 to
/// write the files instead (only on purpose, after checking the new screens by eye).
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var recording: Bool { ProcessInfo.processInfo.environment["SWITCHBOARD_RECORD_GOLDEN"] == "1" }

    static func check(_ canvas: Canvas, _ name: String, monochrome: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = folder.appendingPathComponent(name + ".txt")
        let actual = canvas.golden(monochrome: monochrome)
        if recording {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no golden screen \(name).txt; record it with SWITCHBOARD_RECORD_GOLDEN=1 swift test --filter SwitchboardUITests", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            Issue.record(
                "screen \(name) differs from its golden file at line \(line + 1):\n  got:      \(line < a.count ? String(a[line]) : "<none>")\n  expected: \(line < e.count ? String(e[line]) : "<none>")",
                sourceLocation: sourceLocation)
        }
    }
}
