import SwitchboardCore
import TOMLKit

/// A parsed TOML file that remembers where things are: the line of each table (plain or in an
/// array of tables) and of each key in it, so that validation errors can name the line.
/// TOMLKit reports lines for syntax errors only; this scans the text for the rest.
public struct TOMLDocument {
    public let file: String
    public let root: TOMLTable
    /// For each table name and index: the line of its header and of each key under it. The
    /// n-th `[[name]]` has index n; a sub-table `[name.sub]` written after it shares its index.
    private var lines: [String: [Int: (header: Int, keys: [String: Int])]] = [:]
    private var rootKeyLines: [String: Int] = [:]

    public init(text: String, file: String) throws(ConfigError) {
        self.file = file
        // The TOML parser reads a C string: a NUL would silently end the file there. TOML
        // allows no control characters but tab and line ends anywhere, so refuse them all.
        if let (line, scalar) = Self.firstControlCharacter(in: text) {
            throw ConfigError(
                file: file, line: line,
                message: "the control character \(InputLimits.describe(scalar)) is not allowed in a TOML file (only tab and line ends are)")
        }
        if let (line, message) = Self.precheck(text) { throw ConfigError(file: file, line: line, message: message) }
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, message: "not valid TOML: \(error.description)")
        } catch {
            throw ConfigError(file: file, message: "not valid TOML: \(error)")
        }
        scan(text)
    }

    /// The line and character of the first control character other than tab, line feed and a
    /// carriage return that ends a line; nil when there is none.
    static func firstControlCharacter(in text: String) -> (line: Int, scalar: Unicode.Scalar)? {
        var line = 1
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            if previousWasCarriageReturn, scalar != "\n" { return (line, "\r") }
            previousWasCarriageReturn = false
            switch scalar {
            case "\n": line += 1
            case "\t": break
            case "\r": previousWasCarriageReturn = true
            default: if scalar.value < 0x20 || scalar.value == 0x7F { return (line, scalar) }
            }
        }
        return previousWasCarriageReturn ? (line, "\r") : nil
    }

    /// What the TOML parser (toml++) does not survive, found before it runs: an escape that
    /// stands for NUL in a basic string (`\u0000`, `\U00000000`, `\x00` — the string would be
    /// cut there), and a table header whose name starts with neither a key character nor a
    /// quote (`[`, `[.a]`, `[=`), on which the parser asserts and aborts the process, and any
    /// non-ASCII character outside strings and comments (a Unicode space such as U+2028 where
    /// an array wants a value aborts it too). Literal strings and comments are skipped;
    /// brackets inside values are not headers.
    static func precheck(_ text: String) -> (line: Int, message: String)? {
        let bytes = Array(text.utf8)
        var index = 0
        var line = 1
        var depth = 0
        // For each open bracket of a value: whether it is an array (else an inline table).
        var arrays: [Bool] = []
        var atLineStart = true
        func starts(_ literal: String, at position: Int) -> Bool {
            let pattern = Array(literal.utf8)
            return position + pattern.count <= bytes.count && Array(bytes[position..<position + pattern.count]) == pattern
        }
        func isKeyStart(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"):
                true
            default: false
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if atLineStart, depth == 0 {
                atLineStart = false
                var position = index
                while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
                if position < bytes.count, bytes[position] == UInt8(ascii: "[") {
                    position += 1
                    if position < bytes.count, bytes[position] == UInt8(ascii: "[") { position += 1 }
                    while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
                    if position < bytes.count, !isKeyStart(bytes[position]) {
                        return (line, "a table header needs a name: a key or a quoted string after [")
                    }
                    // The rest of the header line holds no value brackets.
                    while position < bytes.count, bytes[position] != 0x0A { position += 1 }
                    index = position
                    continue
                }
            }
            switch byte {
            case 0x0A:
                line += 1
                atLineStart = true
                index += 1
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","):
                // Where an array wants an element, a '}' makes the parser assert too.
                let opensArray = byte == UInt8(ascii: "[") || (byte == UInt8(ascii: ",") && arrays.last == true)
                if byte != UInt8(ascii: ",") {
                    depth += 1
                    arrays.append(byte == UInt8(ascii: "["))
                }
                index += 1
                if opensArray {
                    var position = index
                    var lines = 0
                    while position < bytes.count {
                        switch bytes[position] {
                        case 0x20, 0x09, 0x0D: position += 1
                        case 0x0A:
                            lines += 1
                            position += 1
                        case UInt8(ascii: "#"): while position < bytes.count, bytes[position] != 0x0A { position += 1 }
                        default:
                            if bytes[position] == UInt8(ascii: "}") { return (line + lines, "a '}' where an array expects a value or ']'") }
                            position = bytes.count
                        }
                    }
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
                if !arrays.isEmpty { arrays.removeLast() }
                index += 1
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                // A literal ('…') or basic ("…") string, single-line or multi-line; only basic
                // strings have escapes.
                let quote = byte == UInt8(ascii: "'") ? "'" : "\""
                let isBasic = quote == "\""
                let closing = starts(quote + quote + quote, at: index) ? quote + quote + quote : quote
                index += closing.utf8.count
                while index < bytes.count, !starts(closing, at: index) {
                    if bytes[index] == 0x0A {
                        if closing == quote { break }
                        line += 1
                    }
                    if isBasic, bytes[index] == UInt8(ascii: "\\") {
                        if starts("\\u0000", at: index) || starts("\\U00000000", at: index) || starts("\\x00", at: index) {
                            return (line, "a string holds an escaped NUL (\\u0000), which is not allowed")
                        }
                        index += 1
                        if index < bytes.count, bytes[index] == 0x0A { line += 1 }
                    }
                    index += 1
                }
                if index < bytes.count, bytes[index] != 0x0A { index += closing.utf8.count }
            case 0x80...:
                // Outside strings and comments TOML is ASCII. Unicode spaces (U+0085, U+2028)
                // where a value starts make the parser assert, so refuse every non-ASCII byte.
                return (line, "a character outside a string or comment that is not ASCII (quote it)")
            default:
                index += 1
            }
        }
        return nil
    }

    private mutating func scan(_ text: String) {
        var current: (name: String, index: Int)?
        var arrayCounts: [String: Int] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingWhitespaceSubstring()
            let number = offset + 1
            if line.hasPrefix("[[") {
                let name = String(line.dropFirst(2).prefix { $0 != "]" }).trimmingWhitespace()
                let index = arrayCounts[name, default: 0]
                arrayCounts[name] = index + 1
                lines[name, default: [:]][index] = (number, [:])
                current = (name, index)
            } else if line.hasPrefix("[") {
                let name = String(line.dropFirst(1).prefix { $0 != "]" }).trimmingWhitespace()
                let parent = name.split(separator: ".").dropLast().joined(separator: ".")
                let index = arrayCounts[parent].map { $0 - 1 } ?? 0
                lines[name, default: [:]][index] = (number, [:])
                current = (name, index)
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = String(line[..<equals]).trimmingWhitespace().trimmingCharacters(in: "\"'")
                guard !key.isEmpty, !key.contains(" ") else { continue }
                if let current {
                    if lines[current.name]?[current.index]?.keys[key] == nil { lines[current.name]?[current.index]?.keys[key] = number }
                } else if rootKeyLines[key] == nil {
                    rootKeyLines[key] = number
                }
            }
        }
    }

    /// The line of the `index`-th `[[name]]` (or of `[name]`).
    public func line(ofTable name: String, index: Int = 0) -> Int? { lines[name]?[index]?.header }

    /// The line of `key` in the `index`-th `[[table]]` (or `[table]`), or at the top level.
    public func line(ofKey key: String, inTable table: String? = nil, index: Int = 0) -> Int? {
        guard let table else { return rootKeyLines[key] }
        return lines[table]?[index]?.keys[key] ?? line(ofTable: table, index: index)
    }

    /// The tables of an array of tables (`[[name]]`), in order.
    public func tables(named name: String) throws(ConfigError) -> [TOMLTable] {
        guard let value = root[name] else { return [] }
        guard let array = value.array else {
            throw ConfigError(file: file, line: line(ofTable: name) ?? rootKeyLines[name], key: name, message: "expected [[\(name)]] tables")
        }
        var tables: [TOMLTable] = []
        for (index, element) in array.enumerated() {
            guard let table = element.table else {
                throw ConfigError(file: file, line: line(ofKey: name), key: name, message: "element \(index + 1) is not a table")
            }
            tables.append(table)
        }
        return tables
    }
}

extension Substring {
    func trimmingWhitespaceSubstring() -> Substring {
        var result = self
        while let first = result.first, first.isWhitespace { result.removeFirst() }
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return String(result)
    }
}

/// Reads typed values out of one table, with errors that name the line and key.
public struct TableReader {
    public let document: TOMLDocument
    public let table: TOMLTable
    /// The table's name and position, for line lookups (nil: the root).
    public let name: String?
    public let index: Int

    public init(document: TOMLDocument, table: TOMLTable, name: String?, index: Int = 0) {
        self.document = document
        self.table = table
        self.name = name
        self.index = index
    }

    public var tableLine: Int? { name.flatMap { document.line(ofTable: $0, index: index) } }

    public func error(_ key: String?, _ message: String) -> ConfigError {
        ConfigError(
            file: document.file, line: key.flatMap { document.line(ofKey: $0, inTable: name, index: index) } ?? tableLine, key: key,
            message: message)
    }

    /// Refuses keys not in `allowed`, naming the first unknown one.
    public func onlyKeys(_ allowed: [String]) throws(ConfigError) {
        for key in table.keys.sorted(by: { (document.line(ofKey: $0, inTable: name, index: index) ?? 0) < (document.line(ofKey: $1, inTable: name, index: index) ?? 0) })
        where !allowed.contains(key) {
            throw error(key, "unknown key (expected one of: \(allowed.joined(separator: ", ")))")
        }
    }

    private func typeName(_ value: any TOMLValueConvertible) -> String {
        switch value.type {
        case .string: "a string"
        case .int: "an integer"
        case .double: "a number"
        case .bool: "a boolean"
        case .array: "an array"
        case .table: "a table"
        default: "a date or time"
        }
    }

    public func string(_ key: String) throws(ConfigError) -> String? {
        guard let value = table[key] else { return nil }
        guard let string = value.string else { throw error(key, "expected a string, found \(typeName(value))") }
        return string
    }

    public func requiredString(_ key: String) throws(ConfigError) -> String {
        guard let value = try string(key) else { throw error(key, "missing (it is required)") }
        return value
    }

    public func int(_ key: String) throws(ConfigError) -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int else { throw error(key, "expected an integer, found \(typeName(value))") }
        return number
    }

    /// An integer that must lie in `range`.
    public func int(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let number = try int(key) else { return nil }
        guard range.contains(number) else { throw error(key, "must be between \(range.lowerBound) and \(range.upperBound), not \(number)") }
        return number
    }

    /// A finite number (NaN and infinity are refused).
    public func double(_ key: String) throws(ConfigError) -> Double? {
        guard let value = table[key] else { return nil }
        if let number = value.double {
            guard number.isFinite else { throw error(key, "expected a finite number, found \(number)") }
            return number
        }
        if let number = value.int { return Double(number) }
        throw error(key, "expected a number, found \(typeName(value))")
    }

    /// A number that must lie in `range`.
    public func double(_ key: String, in range: ClosedRange<Double>) throws(ConfigError) -> Double? {
        guard let number = try double(key) else { return nil }
        guard range.contains(number) else {
            throw error(key, "must be between \(JSONWriter.format(range.lowerBound)) and \(JSONWriter.format(range.upperBound)), not \(JSONWriter.format(number))")
        }
        return number
    }

    /// A string of one line (no control characters) of at most `InputLimits.nameBytes` bytes.
    public func name(_ key: String) throws(ConfigError) -> String? {
        guard let text = try string(key) else { return nil }
        try checkName(text, key)
        return text
    }

    /// A list of names, as `name(_:)` checks each.
    public func names(_ key: String) throws(ConfigError) -> [String]? {
        guard let texts = try strings(key) else { return nil }
        for text in texts { try checkName(text, key) }
        return texts
    }

    /// Refuses a text that is not one line of at most `maxBytes`, naming the key's line.
    public func checkLine(_ text: String, _ key: String, maxBytes: Int = InputLimits.nameBytes) throws(ConfigError) {
        do {
            try InputLimits.checkLine(text, "the value", maxBytes: maxBytes)
        } catch let problem {
            throw error(key, problem.message)
        }
    }

    private func checkName(_ text: String, _ key: String) throws(ConfigError) { try checkLine(text, key) }

    public func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else { throw error(key, "expected true or false, found \(typeName(value))") }
        return flag
    }

    public func strings(_ key: String) throws(ConfigError) -> [String]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw error(key, "expected an array of strings, found \(typeName(value))") }
        var strings: [String] = []
        for element in array {
            guard let string = element.string else { throw error(key, "expected an array of strings, found \(typeName(element)) in it") }
            strings.append(string)
        }
        return strings
    }

    /// A positive duration of at most `InputLimits.longestDuration`: a number of seconds or
    /// text such as `30s`, `5m`, `1h30m`.
    public func duration(_ key: String) throws(ConfigError) -> Duration? {
        guard let value = table[key] else { return nil }
        let longest = InputLimits.longestDuration
        if let seconds = value.double ?? value.int.map(Double.init) {
            guard seconds.isFinite, seconds > 0 else { throw error(key, "must be a positive number of seconds") }
            guard seconds <= longest.seconds else {
                throw error(key, "\(JSONWriter.format(seconds)) seconds is longer than \(Int(longest.seconds / 86_400)) days (the longest duration accepted)")
            }
            return .seconds(fractional: seconds)
        }
        parsing: if let text = value.string {
            let duration: Duration
            do {
                duration = try Duration.parse(text)
            } catch let problem {
                // Too long says so; anything else gets the usual hint.
                guard problem.message.contains("longer than") else { break parsing }
                throw error(key, problem.message)
            }
            guard duration > .zero else { throw error(key, "must be positive") }
            return duration
        }
        throw error(key, "expected a duration such as 30, \"30s\", \"5m\" or \"1h30m\"")
    }

    /// A duration that must lie in `range`.
    public func duration(_ key: String, in range: ClosedRange<Duration>) throws(ConfigError) -> Duration? {
        guard let duration = try duration(key) else { return nil }
        guard range.contains(duration) else {
            func text(_ duration: Duration) -> String {
                duration < .seconds(1) ? "\(duration.nanoseconds / 1_000_000)ms" : formatSeconds(duration.seconds)
            }
            throw error(key, "must be between \(text(range.lowerBound)) and \(text(range.upperBound))")
        }
        return duration
    }

    /// Refuses a text holding NUL (arguments and environment of a process), naming the key's line.
    public func checkNoNUL(_ text: String, _ key: String) throws(ConfigError) {
        do {
            try InputLimits.checkNoNUL(text, "the value", maxBytes: InputLimits.commandBytes)
        } catch let problem {
            throw error(key, problem.message)
        }
    }

    /// A size of at most `largestSize` (1 TiB): a number of bytes or text such as `512MB`, `2GiB`.
    public func bytes(_ key: String) throws(ConfigError) -> Int? {
        guard let value = table[key] else { return nil }
        let bytes: Int
        if let number = value.int {
            bytes = number
        } else if let text = value.string, let parsed = parseBytes(text) {
            bytes = parsed
        } else {
            throw error(key, "expected a size of at most 1 TiB such as 536870912, \"512MB\" or \"2GiB\"")
        }
        guard (0...largestSize).contains(bytes) else { throw error(key, "must be between 0 and 1 TiB (\(largestSize) bytes)") }
        return bytes
    }

    /// The value as JSON (for payloads).
    public func json(_ key: String) -> JSONValue? { table[key].map(TOMLJSON.convert) }
}

/// The largest size a file may give (memory limits and the like): 1 TiB.
public let largestSize = 1 << 40

/// Parses `512MB`, `2GiB`, `100k`, `4096`; nil for anything else and for sizes above
/// `largestSize`.
public func parseBytes(_ text: String) -> Int? {
    let trimmed = text.trimmingWhitespace().lowercased()
    let digits = trimmed.prefix { ($0.isASCII && $0.isNumber) || $0 == "." }
    guard let number = Double(digits), number.isFinite, number >= 0 else { return nil }
    let unit = String(trimmed.dropFirst(digits.count)).trimmingWhitespace()
    let scale: Double
    switch unit {
    case "", "b": scale = 1
    case "k", "kb": scale = 1e3
    case "kib": scale = 1024
    case "m", "mb": scale = 1e6
    case "mib": scale = 1024 * 1024
    case "g", "gb": scale = 1e9
    case "gib": scale = 1024 * 1024 * 1024
    default: return nil
    }
    let bytes = number * scale
    guard bytes <= Double(largestSize) else { return nil }
    return Int(bytes)
}

enum TOMLJSON {
    static func convert(_ value: any TOMLValueConvertible) -> JSONValue {
        if let string = value.string { return .string(string) }
        if let int = value.int { return .integer(Int64(int)) }
        if let double = value.double { return .number(double) }
        if let bool = value.bool { return .bool(bool) }
        if let array = value.array { return .array(array.map(convert)) }
        if let table = value.table {
            var members: [String: JSONValue] = [:]
            for key in table.keys { if let element = table[key] { members[key] = convert(element) } }
            return .object(members)
        }
        return .string("\(value)")
    }
}
