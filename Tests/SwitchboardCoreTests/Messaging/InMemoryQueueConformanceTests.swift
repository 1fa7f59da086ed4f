import SwitchboardCore
import SwitchboardTestSupport
import Testing

@Suite("InMemoryMessageQueue conformance")
struct InMemoryQueueConformanceTests {
    @Test(arguments: QueueConformance.checks)
    func conforms(_ check: QueueCheck) throws {
        try check.run { configuration, clock in InMemoryMessageQueue(configuration: configuration, clock: clock) }
    }
}
