/// The ranges and sizes Switchboard accepts from operators, files and stored commands.
///
/// They are checked where input is parsed (CLI options, TOML files, the dashboard's command
/// line) and again where the engine applies a command, so that no value from outside reaches
/// arithmetic that could overflow, and no store can hold a command its engine cannot apply.
/// The README's "Limits" section lists them.
public enum InputLimits {
    /// The longest duration accepted anywhere (timeouts, report windows, TTLs, `+2h`): 3650 days.
    public static let longestDuration: Duration = .seconds(3650 * 86_400)

    /// The earliest time accepted (deadlines, start-after times): 1970-01-01T00:00:00Z.
    public static let earliestTime = Instant.epoch

    /// The latest time accepted: 2261-12-31T23:59:59.999999999Z. Times are nanoseconds since 1970
    /// in 64 bits, which end in April 2262; a whole year is a rule an operator can remember.
    public static let latestTime = Instant(
        nanosecondsSinceEpoch: RFC3339.daysFromCivil(year: 2262, month: 1, day: 1) * 86_400 * 1_000_000_000 - 1)

    /// A task's title: one line of at most 1024 bytes of UTF-8, no control characters.
    public static let titleBytes = 1024

    /// A name (queue, tag, capability, agent, pool, local task name): at most 256 bytes, no
    /// control characters.
    public static let nameBytes = 256

    /// A task's payload, as JSON text: at most 1 MiB.
    public static let payloadBytes = 1 << 20

    /// A task's command: at most 64 KiB of arguments in all, none containing NUL.
    public static let commandBytes = 64 << 10

    /// A free-text reason (cancel --reason) or message text: at most 4 KiB, no NUL.
    public static let reasonBytes = 4 << 10

    /// Tasks in one submission (a graph file): at most 10 000.
    public static let tasksPerSubmission = 10_000

    /// Attempts a task may be given: 1 to 1000.
    public static let maxAttempts = 1...1000

    /// The output of a task the store keeps: its last 2 KiB (`task ID` shows it).
    public static let outputTailBytes = 2048

    /// Whether `instant` is within the accepted times.
    public static func accepts(_ instant: Instant) -> Bool { instant >= earliestTime && instant <= latestTime }

    /// Whether `duration` is within the accepted durations (0 up to the longest).
    public static func accepts(_ duration: Duration) -> Bool { duration >= .zero && duration <= longestDuration }
}
