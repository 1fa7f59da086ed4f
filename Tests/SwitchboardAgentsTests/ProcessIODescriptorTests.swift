import Foundation
import SwitchboardAgents
import SwitchboardTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Process I/O descriptors", .serialized)
struct ProcessIODescriptorTests {
    @Test("a child that closes its output early: its descriptors are closed once, never a number the process reuses meanwhile")
    func descriptorsClosedOnce() throws {
        let exits = Atomic(0)
        let io = ProcessIO(callbacks: ProcessIO.Callbacks(
            line: { _, _ in }, lineTooLong: { _, _ in }, stderr: { _, _ in }, exit: { _, _, _ in exits.add(1, ordering: .relaxed) }))
        defer { io.shutdown() }
        for round in 0..<5 {
            // Closes stdout and stderr at once (the I/O thread sees end of file and closes its
            // ends), and exits a moment later (the I/O thread reaps it).
            _ = try io.launch("early-\(round)", LaunchSpec(arguments: ["/bin/sh", "-c", "exec 1>&- 2>&-; sleep 0.4"]))
            Thread.sleep(forTimeInterval: 0.2)
            // The numbers the I/O thread gave back are the lowest free ones: take them, as a
            // database opened now would.
            let mine = (0..<8).map { _ in open("/dev/null", O_RDONLY | O_CLOEXEC) }
            defer { for descriptor in mine where descriptor >= 0 { close(descriptor) } }
            let deadline = Date().addingTimeInterval(5)
            while exits.load(ordering: .relaxed) <= round, Date() < deadline { usleep(10_000) }
            Thread.sleep(forTimeInterval: 0.1)
            let closedUnderUs = mine.filter { $0 >= 0 && fcntl($0, F_GETFD) == -1 }
            #expect(closedUnderUs.isEmpty, "round \(round): descriptors \(closedUnderUs) were closed by the I/O thread")
        }
    }
}
