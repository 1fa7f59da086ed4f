import PropertyBased
import SwitchboardCore
import SwitchboardTestSupport
import Testing

@testable import SwitchboardUI

/// The dashboard's `:` command line and its new-task line parse or refuse with a message,
/// never trap; a duration they accept is within `InputLimits`.
@Suite("Command line never traps")
struct CommandLinePropertyTests {
    static let words = ["reprioritize", "raise", "lower", "cancel", "retry", "submit", "pause", "resume", "drain", "restart", "stop",
                        "scale", "filter", "sort", "theme", "events", "t-0001", "timeout:", "priority:", "after:", "queue:", "-1",
                        "9223372036854775808", "99999999999h"]
    static let line = Gen<UInt64>.value().array(of: 0...8).map { picks in
        picks.enumerated().map { index, pick in
            index % 2 == 0 ? words[Int(pick % UInt64(words.count))] : HostileInput.text([pick, pick / 7])
        }.joined(separator: " ")
    }

    @Test("command lines and new-task lines: parsed or refused")
    func lines() async {
        await propertyCheck(count: 2000, input: Self.line) { line in
            if case .engine(let command)? = try? CommandLineParser.parse(line), case .submit(let specs) = command {
                for spec in specs { if let timeout = spec.timeout { #expect(InputLimits.accepts(timeout)) } }
            }
            if let spec = try? CommandLineParser.newTask(line), let timeout = spec.timeout {
                #expect(InputLimits.accepts(timeout), "\(line)")
            }
        }
        #expect(throws: CommandLineError.self) { try CommandLineParser.newTask("x timeout:2562048h") }
    }
}
