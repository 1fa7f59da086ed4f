import Foundation
import GRDB
import SwitchboardAgents
import SwitchboardCore
import SwitchboardSimulation
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// The real binary, headless, with real Python agents, while the test SIGKILLs the engine and
/// the agents at random and keeps submitting work from the CLI. Afterwards the store must keep
/// the simulator's promises. CI runs 20 seconds; `SWITCHBOARD_SOAK=1` runs the long version
/// (`SWITCHBOARD_SOAK_SECONDS`, default 600).
@Suite("Soak: real engine, real agents, random SIGKILLs", .serialized)
struct SoakTests {
    static let environment = ProcessInfo.processInfo.environment
    static let long = environment["SWITCHBOARD_SOAK"] == "1"
    static let seconds = long ? Double(environment["SWITCHBOARD_SOAK_SECONDS"] ?? "") ?? 600 : 20

    @Test("after SIGKILLs of the engine and its agents, nothing acknowledged is lost and every task finishes")
    func soak() throws {
        let folder = TemporaryFolder("switchboard-soak")
        let db = folder.file("soak.sqlite")
        let swarm = folder.file("swarm.toml")
        try """
            [[pool]]
            name = "echo"
            driver = "process"
            command = ["python3", "\(RepositoryPath.file("examples/agents/echo_agent.py"))"]
            capabilities = ["echo"]
            min_replicas = 3
            max_replicas = 3
            heartbeat_interval = "500ms"
            """.write(toFile: swarm, atomically: true, encoding: .utf8)
        var random = SeededRandom(seed: UInt64(Date().timeIntervalSince1970))
        var engine = EngineProcess(db: db, swarm: swarm, folder: folder)
        try engine.start()
        defer { engine.stop(signal: SIGKILL) }

        var acknowledged: [TaskID] = []
        var kills = (engine: 0, agents: 0)
        let stopAt = Date().addingTimeInterval(Self.seconds)
        var submitted = 0
        while Date() < stopAt {
            submitted += 1
            var arguments = [
                "submit", "--db", db, "--title", "soak \(submitted)", "--needs", "echo", "--max-attempts", "20", "--json",
                "--payload", "{\"sleep\": \(Double(random.nextInt(8)) / 10)}",
            ]
            if !acknowledged.isEmpty, random.chance(0.5) { arguments += ["--after", acknowledged[random.nextInt(acknowledged.count)].rawValue] }
            let result = try ProcessRunner.switchboard(arguments, timeout: 30)
            if result.status == 0, let ids = try? JSONParser.parse(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["tasks"]?.arrayValue {
                acknowledged += ids.compactMap(\.stringValue).map(TaskID.init)
            }
            let roll = random.nextUnit()
            if roll < 0.06 {
                engine.stop(signal: SIGKILL)
                kills.engine += 1
                try engine.start()
            } else if roll < 0.2, let agent = engine.agentProcesses().randomElement() {
                kill(agent, SIGKILL)
                kills.agents += 1
            }
            usleep(UInt32(50_000 + random.nextInt(250_000)))
        }
        #expect(kills.engine >= 1)
        #expect(acknowledged.count > 10, "too little work to test anything")

        // Faults stop: every task must finish within a bound.
        let queue = try DatabaseQueue(path: db, configuration: { var c = Configuration(); c.readonly = true; return c }())
        let quietUntil = Date().addingTimeInterval(120)
        var unfinished = Int.max
        while Date() < quietUntil {
            unfinished = try queue.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM tasks WHERE status IN ('pending','blocked','queued','running','paused')") ?? 0
            }
            if unfinished == 0 { break }
            usleep(250_000)
        }
        #expect(unfinished == 0, "tasks still unfinished 120 s after the faults stopped")
        engine.stop(signal: SIGTERM)

        var audit = StoreAudit()
        let finding = try queue.read { db in try audit.check(db, acknowledged: Set(acknowledged)) }
        #expect(finding == nil, "\(finding?.description ?? "")")
        let (recount, summary, completed) = try queue.read { db in
            (try TaskQueries.counts(db), try EngineRows.summary(db), try Int.fetchOne(db, sql: "SELECT count(*) FROM tasks WHERE status = 'completed'") ?? 0)
        }
        #expect(completed > 0)
        let counted = (summary?.tasks ?? [:]).filter { $0.value > 0 }
        #expect(counted == Dictionary(uniqueKeysWithValues: recount.filter { $0.value > 0 }.map { ($0.key.rawValue, $0.value) }))
        print("soak: \(Int(Self.seconds)) s, \(acknowledged.count) tasks acknowledged, \(kills.engine) engine and \(kills.agents) agent SIGKILLs")
    }
}

/// `switchboard run --headless` as a child process.
struct EngineProcess {
    let db: String
    let swarm: String
    let folder: TemporaryFolder
    private(set) var pid: pid_t = 0
    private var starts = 0

    init(db: String, swarm: String, folder: TemporaryFolder) {
        self.db = db
        self.swarm = swarm
        self.folder = folder
    }

    mutating func start() throws {
        starts += 1
        pid = try ProcessRunner.spawn(
            TestBinary.switchboard, ["run", "--config", swarm, "--headless", "--db", db, "--log-level", "warning"],
            stdoutPath: folder.file("engine-\(starts).out"), stderrPath: folder.file("engine-\(starts).err"))
    }

    mutating func stop(signal: Int32) {
        guard pid > 0 else { return }
        kill(pid, signal)
        _ = ProcessRunner.wait(for: pid, timeout: 20)
        pid = 0
    }

    /// The agents: the engine's child processes.
    func agentProcesses() -> [pid_t] {
        pid > 0 ? ProcSampler.children(of: pid) : []
    }
}
