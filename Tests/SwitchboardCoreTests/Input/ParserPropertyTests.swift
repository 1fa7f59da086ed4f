import PropertyBased
import SwitchboardCore
import SwitchboardTestSupport
import Testing

/// Every parser of outside input either parses or refuses with an error, never traps, and
/// what it accepts is within `InputLimits`. A trap would end the test process: that is the
/// failure these tests exist to catch.
@Suite("Parsers never trap")
struct ParserPropertyTests {
    /// Random joins of hostile fragments (see `HostileInput`).
    static let hostileText = Gen<UInt64>.value().array(of: 0...10).map { HostileInput.text($0) }
    /// Every bit pattern: NaN, infinities, subnormals, huge and tiny numbers.
    static let anyDouble = Gen<UInt64>.value().map { Double(bitPattern: $0) }

    @Test("durations: parsed within 0 … 3650 days, or refused with a reason")
    func durations() async throws {
        await propertyCheck(count: 2000, input: Self.hostileText) { text in
            do {
                let duration = try Duration.parse(text)
                #expect(InputLimits.accepts(duration), "\(text) → \(duration)")
                #expect(Duration(parsing: text) == duration)
            } catch let error as InputError {
                #expect(!error.message.isEmpty)
                #expect(Duration(parsing: text) == nil)
            }
        }
        #expect(throws: InputError.self) { try Duration.parse(HostileInput.huge) }
        #expect(throws: InputError.self) { try Duration.parse("2562047h") }
        #expect(throws: InputError.self) { try Duration.parse("3651d") }
        #expect(try Duration.parse("3650d") == InputLimits.longestDuration)
        #expect(try Duration.parse("1h30m") == .seconds(5400))
    }

    @Test("RFC 3339 times: parsed to what they say and formatted back, or refused")
    func rfc3339() async {
        await propertyCheck(count: 2000, input: Self.hostileText) { text in
            guard let instant = try? RFC3339.parseChecked(text) else {
                #expect(RFC3339.parse(text) == nil)
                return
            }
            #expect(RFC3339.parse(text) == instant)
            let formatted = RFC3339.format(instant)
            let again = RFC3339.parse(formatted)
            #expect(again != nil, "\(text) → \(formatted) does not read back")
            if let again, instant != .distantFuture {
                #expect(instant.nanoseconds(since: again) >= 0 && instant.nanoseconds(since: again) < 1_000_000, "\(text)")
            }
        }
        #expect(RFC3339.parse("2300-01-01T00:00:00Z") == nil)
        #expect(RFC3339.parse("2026-02-29T00:00:00Z") == nil, "2026 is not a leap year")
        #expect(RFC3339.parse(RFC3339.distantFutureText) == .distantFuture)
    }

    @Test("operator times: within 1970 … 2261 at any clock reading, or refused")
    func operatorTimes() async throws {
        let now = Gen<Int64>.value(in: 0...InputLimits.latestTime.nanosecondsSinceEpoch).map { Instant(nanosecondsSinceEpoch: $0) }
        await propertyCheck(count: 2000, input: Self.hostileText, now) { text, now in
            if let instant = try? Instant.parse(operatorTime: text, now: now) {
                #expect(InputLimits.accepts(instant), "\(text) at \(now) → \(instant.nanosecondsSinceEpoch)")
            }
        }
        let now2026 = Instant(nanosecondsSinceEpoch: 1_796_000_000_000_000_000)
        #expect(throws: InputError.self) { try Instant.parse(operatorTime: "+2562047h", now: now2026) }
        #expect(throws: InputError.self) { try Instant.parse(operatorTime: "2300-01-01T00:00:00Z", now: now2026) }
        #expect(throws: InputError.self) { try Instant.parse(operatorTime: RFC3339.distantFutureText, now: now2026) }
        #expect(try Instant.parse(operatorTime: "+2h", now: now2026) == now2026 + .seconds(7200))
    }

    @Test("priorities and filters: parsed or refused")
    func prioritiesAndFilters() async {
        let task = Task(id: TaskID("t-0001"), sequence: 1, spec: TaskSpec(title: "probe"), dependencies: [], maxAttempts: 1, createdAt: .epoch)
        await propertyCheck(count: 2000, input: Self.hostileText) { text in
            if let priority = Priority(parsing: text) { #expect((0...4).contains(priority.rank)) }
            if let filter = try? TaskFilter(parsing: text) {
                _ = filter.matches(task)
                #expect((try? TaskFilter(parsing: filter.text)) != nil, "the filter's own text parses: \(filter.text)")
            }
        }
    }

    @Test("time arithmetic saturates at every value instead of trapping")
    func arithmetic() async {
        await propertyCheck(count: 2000, input: Gen<Int64>.value(), Gen<Int64>.value(), Self.anyDouble) { a, b, seconds in
            let instant = Instant(nanosecondsSinceEpoch: a)
            let other = Instant(nanosecondsSinceEpoch: b)
            let sum = instant + .nanoseconds(b)
            if b >= 0 { #expect(sum >= instant) } else { #expect(sum <= instant) }
            let difference = instant - other
            #expect((difference >= .zero) == (a >= b))
            _ = instant - .nanoseconds(b)
            _ = instant.nanoseconds(since: other)
            _ = Duration.seconds(fractional: seconds).nanoseconds
            _ = Instant(secondsSinceEpoch: seconds)
            _ = formatSeconds(seconds)
            _ = RFC3339.format(instant)
        }
        #expect(Duration.seconds(fractional: 1e300) == .nanoseconds(Int64.max))
        #expect(Duration.seconds(fractional: -.infinity) == .nanoseconds(Int64.min))
        #expect(Duration.seconds(fractional: .nan) == .zero)
        #expect(Instant(nanosecondsSinceEpoch: .max) - Instant(nanosecondsSinceEpoch: .min) == .nanoseconds(Int64.max))
    }

    @Test("stored commands: decoded and validated, or refused; the engine applies or refuses each and carries on")
    func storedCommands() async {
        let harness = EngineHarness()
        harness.addAgent("Agent-1")
        let existing = harness.submit("existing")
        var refusedInvalid = 0
        await propertyCheck(count: 3000, input: Gen<UInt64>.value().array(of: 0...24)) { recipe in
            let json = HostileInput.command(recipe)
            // Through the text form too, as the store holds it.
            guard let reparsed = try? JSONParser.parse(json.jsonText) else { return }
            guard let command = try? OperatorCommand(json: reparsed) else { return }
            let valid = (try? command.validate()) != nil
            let outcome = harness.engine.execute(command, actor: .cli)
            if !valid {
                #expect(!outcome.accepted, "an invalid command was applied: \(json.jsonText)")
                refusedInvalid += 1
            }
            harness.tick()
        }
        #expect(refusedInvalid > 20, "the generator reaches the engine with invalid commands (\(refusedInvalid))")
        // The engine still works after all of that.
        #expect(harness.engine.execute(.reprioritize(.id(existing), .critical), actor: .cli).accepted || harness.status(existing)?.isFinal == true)
        #expect(harness.engine.execute(.submit([TaskSpec(title: "after the storm")]), actor: .cli).accepted)
    }

    static let outOfRange: [String: TaskSpec] = [
        "a timeout over 3650 days": TaskSpec(title: "x", timeout: .seconds(3651 * 86_400)),
        "a deadline in 2262": TaskSpec(title: "x", deadline: Instant(nanosecondsSinceEpoch: .max - 1)),
        "a deadline of never": TaskSpec(title: "x", deadline: .distantFuture),
        "a start before 1970": TaskSpec(title: "x", startAfter: Instant(nanosecondsSinceEpoch: -1)),
        "1001 attempts": TaskSpec(title: "x", maxAttempts: 1001),
        "a NUL in the title": TaskSpec(title: "a\u{0}b"),
        "an escape sequence in the title": TaskSpec(title: "a\u{1B}[2Jb"),
        "a title of 1200 bytes": TaskSpec(title: String(repeating: "é", count: 600)),
        "a newline in the queue": TaskSpec(title: "x", queue: "q\n"),
        "a NUL in a tag": TaskSpec(title: "x", tags: ["t\u{0}"]),
        "a payload over 1 MiB": TaskSpec(title: "x", payload: .string(String(repeating: "x", count: InputLimits.payloadBytes))),
        "a NUL in a command argument": TaskSpec(title: "x", command: ["echo", "a\u{0}b"]),
    ]

    @Test("task specs out of range are refused by validate() and by the engine", arguments: outOfRange.keys.sorted())
    func specsOutOfRange(case name: String) throws {
        let spec = try #require(Self.outOfRange[name])
        #expect(throws: InputError.self) { try spec.validate() }
        let harness = EngineHarness()
        let outcome = harness.engine.execute(.submit([spec]), actor: .cli)
        #expect(!outcome.accepted)
        #expect(harness.engine.allTasks.isEmpty)
    }
}
