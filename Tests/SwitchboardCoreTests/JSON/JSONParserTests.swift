import SwitchboardCore
import Testing

@Suite("JSON parsing and writing")
struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(#"{"a":[1,-2.5,true,false,null,"x\n\u00e9\ud83d\ude00"],"b":{}}"#)
        #expect(value["a"] == .array([.integer(1), .number(-2.5), .bool(true), .bool(false), .null, .string("x\né😀")]))
        #expect(value["b"] == .object([:]))
    }

    @Test func writesSortedCompactText() {
        let value: JSONValue = ["z": 1, "a": ["q": "\"quoted\"", "n": nil]]
        #expect(value.jsonText == #"{"a":{"n":null,"q":"\"quoted\""},"z":1}"#)
    }

    @Test func roundTripsThroughText() throws {
        let value: JSONValue = ["list": [1, 2.25, "three", false], "nested": ["deep": ["deeper": "ok"]], "unicode": "日本語"]
        #expect(try JSONParser.parse(value.jsonText) == value)
    }

    @Test(arguments: [
        ("", "unexpected end of input"), ("{", "expected a key"), (#"{"a" 1}"#, "expected ':'"), ("[1,]", "unexpected character"),
        ("01", "unexpected text after the value"), (#""\x""#, "invalid escape"), ("tru", "unexpected end of input"),
        ("[1] 2", "unexpected text after the value"), (#""\ud800""#, "unpaired surrogate"), ("1.", "invalid number"),
    ])
    func refusesMalformedInput(text: String, reason: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        do {
            _ = try JSONParser.parse(text)
        } catch {
            #expect(error.reason == reason)
        }
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0xFE, 0x22]) }
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }

    @Test func keepsLargeIntegersExact() throws {
        #expect(try JSONParser.parse("9007199254740993") == .integer(9_007_199_254_740_993))
        #expect(try JSONParser.parse("1e3").doubleValue == 1000)
    }

    @Test func base64RoundTrips() {
        for length in 0..<20 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
        #expect(Base64.encode(Array("hello".utf8)) == "aGVsbG8=")
        #expect(Base64.decode("not base64!") == nil)
    }
}
