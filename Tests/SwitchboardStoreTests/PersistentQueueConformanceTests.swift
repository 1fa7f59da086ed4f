import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

@Suite("PersistentMessageQueue conformance")
struct PersistentQueueConformanceTests {
    @Test(arguments: QueueConformance.checks)
    func conforms(_ check: QueueCheck) throws {
        let folder = TemporaryFolder()
        try check.run { configuration, clock in
            try PersistentMessageQueue(store: try Store.open(path: folder.file("queue.sqlite")), configuration: configuration, clock: clock)
        }
    }
}
