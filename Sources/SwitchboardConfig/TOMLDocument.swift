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
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, message: "not valid TOML: \(error.description)")
        } catch {
            throw ConfigError(file: file, message: "not valid TOML: \(error)")
        }
        scan(text)
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

    public func double(_ key: String) throws(ConfigError) -> Double? {
        guard let value = table[key] else { return nil }
        if let number = value.double { return number }
        if let number = value.int { return Double(number) }
        throw error(key, "expected a number, found \(typeName(value))")
    }

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

    /// A duration: a number of seconds or text such as `30s`, `5m`, `1h30m`.
    public func duration(_ key: String) throws(ConfigError) -> Duration? {
        guard let value = table[key] else { return nil }
        if let seconds = value.double ?? value.int.map(Double.init) {
            guard seconds > 0 else { throw error(key, "must be positive") }
            return .seconds(fractional: seconds)
        }
        if let text = value.string, let duration = Duration(parsing: text), duration > .zero { return duration }
        throw error(key, "expected a duration such as 30, \"30s\", \"5m\" or \"1h30m\"")
    }

    /// A size: a number of bytes or text such as `512MB`, `2GiB`.
    public func bytes(_ key: String) throws(ConfigError) -> Int? {
        guard let value = table[key] else { return nil }
        if let number = value.int { return number }
        if let text = value.string, let bytes = parseBytes(text) { return bytes }
        throw error(key, "expected a size such as 536870912, \"512MB\" or \"2GiB\"")
    }

    /// The value as JSON (for payloads).
    public func json(_ key: String) -> JSONValue? { table[key].map(TOMLJSON.convert) }
}

/// Parses `512MB`, `2GiB`, `100k`, `4096`.
public func parseBytes(_ text: String) -> Int? {
    let trimmed = text.trimmingWhitespace().lowercased()
    let digits = trimmed.prefix { $0.isNumber || $0 == "." }
    guard let number = Double(digits) else { return nil }
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
    return Int(number * scale)
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
