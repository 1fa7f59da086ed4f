import ArgumentParser

/// A failure the CLI reports on one line, with an exit code scripts can rely on:
/// 1 refused or failed, 3 no answer from the running engine, 4 not found.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var code: Int32

    init(_ message: String, code: Int32 = 1) {
        self.message = message
        self.code = code
    }

    var description: String { message }

    static func notFound(_ message: String) -> CLIError { CLIError(message, code: 4) }
}

/// Exit codes, documented in the README and `switchboard --help`.
enum ExitCodes {
    static let summary = """
        Exit codes: 0 done; 1 refused or failed (the message says why); 3 the running engine did \
        not answer in time (the command stays queued); 4 not found; 64 wrong usage.
        """
}
