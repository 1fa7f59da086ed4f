import SwitchboardCore

/// The supervisor's promises, checked at every step from the engine's effects and events:
///
/// - after the supervisor gives up on an agent, nothing starts that agent again but an
///   operator's restart (a new engine honours the give-ups its store recorded);
/// - no agent is started more than `intensity + 1` times within any restart-policy period
///   (its first start and `intensity` restarts; an operator's restart opens a new count; the
///   engine never hands a name restarted within the period to a new replica);
/// - a step logs a bounded number of events: a crash loop, a flapping pool or a storm of
///   anything else shows up as a burst.
///
/// It knows nothing of how the engine keeps these promises, only what it did.
public struct SupervisionChecker: Sendable {
    public let policy: RestartPolicy
    public let eventsPerStep: Int
    /// Agents given up on and not restarted by an operator since.
    public private(set) var givenUp: Set<String> = []
    /// Each agent's recent starts (not counting those before an operator's restart).
    private var starts: [String: [Instant]] = [:]
    /// Operator restarts answered since the last check, by agent.
    private var operatorRestarts: Set<String> = []
    /// The engine's event count when last looked at, and the step's events so far.
    private var eventsSeen = 0
    private var stepEvents: [EngineEvent] = []
    private var stepEventCount = 0
    /// The most events one step logged, and the most starts of one agent within a period.
    public private(set) var mostEventsInAStep = 0
    public private(set) var mostStartsInAPeriod = 0
    /// Give-ups seen, and pools marked failing.
    public private(set) var giveUps = 0
    public private(set) var poolsFailing = 0

    public init(policy: RestartPolicy, eventsPerStep: Int) {
        self.policy = policy
        self.eventsPerStep = eventsPerStep
    }

    /// An operator's restart of `agent` was accepted: its next start is the operator's.
    public mutating func operatorRestarted(_ agent: String) {
        operatorRestarts.insert(agent)
    }

    /// A new engine took over the store: it remembers no restarts, only the give-ups the
    /// store recorded (its agents in the `failed` state).
    public mutating func engineRestarted(_ engine: Engine) {
        starts.removeAll()
        eventsSeen = engine.eventsLogged
        stepEvents.removeAll()
        stepEventCount = 0
        givenUp = Set(engine.allAgents.filter { $0.state == .failed }.map(\.name))
    }

    /// Takes in the events logged since the last look (give-ups among them). The simulator
    /// calls it before each tick, so that a give-up reported by an agent before the tick is
    /// known when the tick's starts are checked.
    public mutating func absorbEvents(_ engine: Engine) {
        let fresh = engine.events(after: eventsSeen)
        stepEvents += fresh
        stepEventCount += engine.eventsLogged - eventsSeen
        eventsSeen = engine.eventsLogged
        for event in fresh where event.kind == .supervisorGaveUp {
            givenUp.insert(event.subject)
            giveUps += 1
        }
        poolsFailing += fresh.filter { $0.kind == .poolFailing }.count
    }

    /// Checks one step once its tick's effects are carried out and committed: the starts among
    /// the effects, and the events the step logged. Returns the first broken promise.
    public mutating func check(_ effects: [EngineEffect], engine: Engine, now: Instant) -> (invariant: String, detail: String)? {
        for agent in operatorRestarts {
            givenUp.remove(agent)
            starts[agent] = nil
        }
        operatorRestarts.removeAll()
        for case .startAgent(_, let agent) in effects {
            if givenUp.contains(agent) {
                return (Self.staysGivenUp, "\(agent) was started again after its supervisor gave up on it, with no operator's restart")
            }
            var times = (starts[agent] ?? []).filter { now - $0 < policy.period }
            times.append(now)
            starts[agent] = times
            mostStartsInAPeriod = max(mostStartsInAPeriod, times.count)
            if times.count > policy.intensity + 1 {
                return (Self.boundedStarts, "\(agent) was started \(times.count) times within \(formatSeconds(policy.period.seconds)) (at most \(policy.intensity + 1))")
            }
        }
        absorbEvents(engine)
        let logged = stepEventCount
        let kinds = Dictionary(grouping: stepEvents, by: \.kind).map { "\($0.value.count) \($0.key.rawValue)" }.sorted().joined(separator: ", ")
        stepEvents.removeAll()
        stepEventCount = 0
        mostEventsInAStep = max(mostEventsInAStep, logged)
        if logged > eventsPerStep {
            return (Self.boundedEvents, "one step logged \(logged) events (at most \(eventsPerStep)): \(kinds)")
        }
        return nil
    }

    /// The bound the simulator uses: the most a step of a healthy swarm of ten agents logs is
    /// about a dozen (an engine restart starting every agent), a crash loop or a storm far more.
    public static let defaultEventsPerStep = 40

    public static let staysGivenUp = "after a give-up, only an operator starts the agent again"
    public static let boundedStarts = "starts per agent within a restart period are at most intensity + 1"
    public static let boundedEvents = "events per step are bounded"
}
