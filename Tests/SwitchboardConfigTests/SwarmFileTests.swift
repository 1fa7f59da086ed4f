import SwitchboardAgents
import SwitchboardConfig
import SwitchboardCore
import SwitchboardTestSupport
import Testing

@Suite("Swarm files")
struct SwarmFileTests {
    @Test func parsesPoolsQueuesAndEngine() throws {
        let spec = try SwarmFile.parse(text: """
            [engine]
            tick = "50ms"
            assignment = "scored"

            [[pool]]
            name = "echo"
            driver = "process"
            command = ["python3", "agents/echo_agent.py"]
            environment = { MODE = "fast" }
            capabilities = ["echo"]
            role = "worker"
            min_replicas = 2
            max_replicas = 4
            tasks_per_agent = 3
            heartbeat_interval = "2s"
            memory_limit = "256MB"
            agent_names = ["e1", "e2"]

            [[pool]]
            name = "sim"
            driver = "simulated"
            capabilities = ["x"]

            [pool.simulation]
            task_seconds = 0.5
            failure_rate = 0.1
            memory_growth = "1MB"

            [[queue]]
            name = "ci"
            max_running = 2
            paused = true
            """, file: "s.toml", baseDirectory: "/srv/swarm")
        #expect(spec.assignment == .scored)
        #expect(spec.tickInterval == .milliseconds(50))
        #expect(spec.pools.count == 2)
        let echo = spec.pools[0]
        #expect(echo.driver == .process)
        #expect(echo.launch?.arguments == ["python3", "agents/echo_agent.py"])
        #expect(echo.launch?.directory == "/srv/swarm/.")
        #expect(echo.launch?.environment == ["MODE": "fast"])
        #expect(echo.record.minReplicas == 2)
        #expect(echo.record.maxReplicas == 4)
        #expect(echo.record.tasksPerAgent == 3)
        #expect(echo.record.heartbeatInterval == 2)
        #expect(echo.record.memoryLimitBytes == 256_000_000)
        #expect(echo.record.agentNames == ["e1", "e2"])
        #expect(spec.pools[1].simulation.taskSeconds == 0.5)
        #expect(spec.pools[1].simulation.failureRate == 0.1)
        #expect(spec.pools[1].simulation.memoryGrowthPerSecond == 1_000_000)
        #expect(spec.queues == [QueueSettings(name: "ci", paused: true, maxRunning: 2)])
    }

    @Test(arguments: [
        ("[[pool]]\nname = \"a\"\ncommand = [\"x\"]\nreplicas = 3\n", "s.toml:4: key \"replicas\": unknown key"),
        ("[[pool]]\nname = \"a\"\ncommand = [\"x\"]\nmin_replicas = \"two\"\n", "s.toml:4: key \"min_replicas\": expected an integer, found a string"),
        ("[[pool]]\nname = \"a\"\ndriver = \"magic\"\n", "s.toml:3: key \"driver\": \"magic\" is not one of process, command, simulated"),
        ("[[pool]]\nname = \"a\"\ndriver = \"process\"\n", "s.toml:1: key \"command\": a process pool needs a command"),
        ("[[pool]]\nname = \"a\"\ncommand = [\"x\"]\nmin_replicas = 3\nmax_replicas = 2\n", "s.toml:5: key \"max_replicas\": must be at least min_replicas (3)"),
        ("[[pool]]\nname = \"a\"\ndriver = \"simulated\"\n\n[[pool]]\nname = \"b\"\ndriver = \"simulated\"\n\n[pool.simulation]\nfailure_rate = 2\n", "s.toml:10: key \"failure_rate\": must be between 0 and 1"),
        ("[[pool]]\nname = \"a\"\ndriver = \"simulated\"\n[pool.simulation]\nspeed = 3\n", "s.toml:5: key \"speed\": unknown key"),
        ("[engine]\nassignment = \"best\"\n", "s.toml:2: key \"assignment\": \"best\" is not one of"),
        ("[[pool]]\nname = \"a\"\ndriver = \"simulated\"\nmemory_limit = \"lots\"\n", "s.toml:4: key \"memory_limit\": expected a size"),
        ("", "s.toml: no [[pool]] tables"),
    ])
    func errorsNameTheLineAndKey(text: String, expected: String) {
        do {
            _ = try SwarmFile.parse(text: text, file: "s.toml", baseDirectory: "/")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }

    @Test func theExampleSwarmParses() throws {
        let spec = try SwarmFile.load(path: RepositoryPath.root + "/examples/swarm.toml")
        #expect(spec.pools.first?.record.capabilities == ["echo"])
        #expect(spec.pools.first?.record.minReplicas == 2)
    }
}
