import Foundation
import SwitchboardCore
import SwitchboardSimulation
import SwitchboardTestSupport
import Testing

/// The demo's workload on the demo's swarm, for longer than anyone watches it, in virtual time.
/// The demo once crash-looped three minutes in (Agent-7 past its memory limit, given up on, and
/// restarted by its pool at every tick: 57 000 give-ups in four minutes); no test ran it that
/// long.
@Suite("The demo in virtual time")
struct DemoSupervisionTests {
    @Test("eleven virtual minutes of the demo: supervision invariants hold; restarts, give-ups, scaling, events and the store stay bounded")
    func elevenMinutes() throws {
        let folder = TemporaryFolder()
        defer { withExtendedLifetime(folder) {} }
        let report = DemoSimulation.run(seconds: 660, seed: 42, folder: folder.path)
        #expect(report.violation == nil, "\(report.violation?.description ?? "")")
        #expect(report.virtualSeconds >= 660)
        #expect(report.tasksCompleted > 1000, "too little work to test anything: \(report.tasksCompleted) tasks completed")
        let figures = "restarts \(report.restarts), give-ups \(report.giveUps), events \(report.events.map { "\($0.key.rawValue) \($0.value)" }.sorted())"
        // Agent-7 leaks and is restarted every few minutes, and the crashing task takes down up to
        // three agents: a handful of restarts, no crash loop.
        #expect(report.restarts >= 1 && report.restarts <= 15, "\(figures)")
        #expect(report.giveUps.values.allSatisfy { $0 <= 1 }, "\(figures)")
        #expect((report.events[.agentStarted] ?? 0) < 60, "\(figures)")
        #expect((report.events[.supervisorGaveUp] ?? 0) <= 1, "\(figures)")
        // Six backlog spikes (every two minutes): a few scaling decisions each, no flapping.
        #expect(report.scalingEvents >= 2 && report.scalingEvents < 40, "\(figures)")
        #expect(report.eventCount < 1500, "\(figures)")
        #expect(report.supervision.mostEventsInAStep <= SupervisionChecker.defaultEventsPerStep)
        // The store grows with the work done, not with churn: well under 20 MB, and not by more in
        // its last five minutes than in its first five.
        #expect(report.databaseBytes < 20 << 20, "database \(report.databaseBytes) bytes")
        let minutes = report.databaseBytesByMinute
        #expect(minutes.count >= 10)
        if minutes.count >= 10 {
            #expect(minutes[9] - minutes[4] <= max(minutes[4], 1 << 20), "database by minute: \(minutes)")
        }
        #expect(report.agents.allSatisfy { $0.state != .failed }, "\(report.agents.filter { $0.state == .failed }.map(\.name))")
        #expect(report.pools.allSatisfy { !$0.isFailing })
    }
}
