import SwitchboardCore
import SwitchboardTestSupport
import Testing

@Suite("Operator stop")
struct OperatorStopTests {
    private func started(_ effects: [EngineEffect]) -> [String] {
        effects.compactMap { if case .startAgent(_, let agent) = $0 { agent } else { nil } }
    }

    @Test("an agent an operator stopped stays stopped: its pool neither replaces it nor reuses its name, until a restart")
    func stoppedAgentKeepsItsPlace() {
        let h = EngineHarness()
        h.addAgent("w-1", pool: "workers")
        h.addAgent("w-2", pool: "workers")
        h.tick()
        #expect(h.engine.execute(.agent(.stop, name: "w-1"), actor: .cli).accepted)
        h.engine.handle(.exited(agent: "w-1", status: 0, signal: nil))
        let before = h.effects.count
        for _ in 0..<20 {
            h.advance(.milliseconds(500))
            h.tick()
        }
        #expect(h.engine.agent("w-1")?.state == .stopped)
        #expect(started(Array(h.effects[before...])) == [], "the pool started \(started(Array(h.effects[before...])))")
        #expect(!h.engine.events.contains { $0.kind == .poolScaled })
        #expect(h.engine.execute(.agent(.restart, name: "w-1"), actor: .cli).accepted)
        #expect(started(h.tick()) == ["w-1"])
    }

    @Test("raising the pool's bounds still adds agents beside the stopped one")
    func scalingUpAroundAHeldAgent() {
        let h = EngineHarness()
        h.addAgent("w-1", pool: "workers")
        h.addAgent("w-2", pool: "workers")
        h.tick()
        _ = h.engine.execute(.agent(.stop, name: "w-1"), actor: .cli)
        h.engine.handle(.exited(agent: "w-1", status: 0, signal: nil))
        h.tick()
        #expect(h.engine.execute(.scalePool("workers", minimum: 3, maximum: 3), actor: .cli).accepted)
        let added = started(h.tick())
        #expect(added.count == 1)
        #expect(!added.contains("w-1"))
    }
}
