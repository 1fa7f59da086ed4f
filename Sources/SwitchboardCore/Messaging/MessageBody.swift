/// A message's payload: opaque bytes, or a JSON document.
///
/// Both are held as bytes (JSON as its UTF-8 text, checked when the body is made), so a body
/// costs one allocation. The queue never looks inside a body and never compares bodies.
/// JSON form: `{"json": <the document>}` or `{"bytes": "<base64>"}`.
public struct MessageBody: Hashable, Sendable {
    public enum Encoding: UInt8, Sendable { case bytes = 0, json = 1 }

    public let encoding: Encoding
    /// The raw bytes: the payload itself, or the UTF-8 text of the JSON document.
    public let bytes: [UInt8]

    public static let empty = MessageBody(bytes: [])

    public init(bytes: [UInt8]) {
        encoding = .bytes
        self.bytes = bytes
    }

    /// A JSON body from a value.
    public init(json: JSONValue) {
        encoding = .json
        bytes = Array(json.jsonText.utf8)
    }

    /// A JSON body from text, refused when the text is not JSON.
    public init(jsonText: String) throws(JSONParseError) {
        let value = try JSONParser.parse(jsonText)
        self.init(json: value)
    }

    /// Reassembles a body that was stored; the JSON text is trusted.
    public init(storedEncoding: Encoding, bytes: [UInt8]) {
        encoding = storedEncoding
        self.bytes = bytes
    }

    /// The JSON document, when this is a JSON body.
    public var json: JSONValue? {
        guard encoding == .json else { return nil }
        return try? JSONParser.parse(bytes)
    }

    /// A short human-readable rendering for tables and logs.
    public var preview: String {
        switch encoding {
        case .json: String(decoding: bytes.prefix(120), as: UTF8.self)
        case .bytes:
            if let text = String(validating: bytes.prefix(120), as: UTF8.self) { text } else { "<\(bytes.count) bytes>" }
        }
    }
}

extension MessageBody: Codable {
    private enum Keys: String, CodingKey { case json, bytes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        if let value = try container.decodeIfPresent(JSONValue.self, forKey: .json) {
            self.init(json: value)
        } else {
            let text = try container.decode(String.self, forKey: .bytes)
            guard let bytes = Base64.decode(text) else {
                throw DecodingError.dataCorruptedError(forKey: .bytes, in: container, debugDescription: "not base64")
            }
            self.init(bytes: bytes)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch encoding {
        case .json: try container.encode(json ?? .null, forKey: .json)
        case .bytes: try container.encode(Base64.encode(bytes), forKey: .bytes)
        }
    }
}
