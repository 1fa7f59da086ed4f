import SwitchboardCore
import SwitchboardTestSupport
import Testing

@Suite("Messaging vocabulary")
struct VocabularyTests {
    @Test func prioritiesAreOrderedAndParsed() {
        #expect(Priority.allCases.sorted() == [.low, .normal, .high, .urgent, .critical])
        #expect(Priority(parsing: "URGENT") == .urgent)
        #expect(Priority(parsing: "4") == .critical)
        #expect(Priority(parsing: "soon") == nil)
        #expect(Priority.critical.raised == .critical)
        #expect(Priority.low.lowered == .low)
        #expect(Priority.high.raised == .urgent)
    }

    @Test func theVocabularyHasTheAgreedSizes() {
        #expect(MessageKind.allCases.count == 10)
        #expect(MessageStatus.allCases.count == 8)
        #expect(Priority.allCases.count == 5)
    }

    @Test func enumsEncodeAsLowercaseStrings() throws {
        #expect(try JSONCoding.encodeToString([Priority.critical]) == #"["critical"]"#)
        #expect(try JSONCoding.encodeToString([MessageKind.coordination]) == #"["coordination"]"#)
        #expect(try JSONCoding.encodeToString([MessageStatus.acknowledged]) == #"["acknowledged"]"#)
    }

    @Test func recipientsParseAndPrint() throws {
        #expect(Recipient(parsing: "agent:Agent-1") == .agent("Agent-1"))
        #expect(Recipient(parsing: "Agent-1") == .agent("Agent-1"))
        #expect(Recipient(parsing: "role:captain") == .role("captain"))
        #expect(Recipient(parsing: "*") == .broadcast)
        #expect(Recipient(parsing: "role:") == nil)
        #expect(try JSONCoding.encodeToString([Recipient.role("captain")]) == #"["role:captain"]"#)
    }

    @Test func messageIDsParse() {
        #expect(MessageID(parsing: "m-42") == MessageID(42))
        #expect(MessageID(parsing: "42") == MessageID(42))
        #expect(MessageID(parsing: "m-x") == nil)
        #expect(MessageID(42).description == "m-42")
        #expect(Array(MessageIDs(first: MessageID(5), count: 3)) == [MessageID(5), MessageID(6), MessageID(7)])
    }

    @Test func bodiesKeepBytesOrJSON() throws {
        let bytes = MessageBody(bytes: [0, 1, 255])
        #expect(try JSONCoding.encodeToString(bytes) == #"{"bytes":"AAH/"}"#)
        let json = try MessageBody(jsonText: #"{"k": [1, 2]}"#)
        #expect(json.json == ["k": [1, 2]])
        #expect(try JSONCoding.encodeToString(json) == #"{"json":{"k":[1,2]}}"#)
        #expect(throws: JSONParseError.self) { try MessageBody(jsonText: "{") }
    }
}
