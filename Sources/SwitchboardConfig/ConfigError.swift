/// A problem in a configuration file, as one line naming the file, the line and the key:
/// `swarm.toml:12: key "replicas": expected an integer, found a string`.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "key \"\(key)\": " }
        return text + message
    }
}
