/// Why a value from outside — an option, a file, a stored command — was refused. One line that
/// says what was wrong and what is accepted, for example
/// `"2562047h" is longer than 3650 days (the longest duration accepted)`.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
