import SwitchboardConfig
import SwitchboardCore
import Testing

@Suite("Graph files")
struct GraphFileTests {
    @Test func parsesEveryKey() throws {
        let specs = try GraphFile.parse(text: """
            [[task]]
            name = "build"
            title = "Build"
            priority = "urgent"
            needs = ["swift", "linux"]
            command = ["make", "-j4"]
            queue = "ci"
            tags = ["nightly"]
            timeout = "10m"
            max_attempts = 2
            payload = { branch = "main", retries = 3 }

            [[task]]
            name = "notify"
            command = "echo done | mail ops"
            after = ["build", "t-4f2a"]
            """, file: "g.toml")
        #expect(specs.count == 2)
        let build = specs[0]
        #expect(build.title == "Build")
        #expect(build.priority == .urgent)
        #expect(build.capabilities == ["swift", "linux"])
        #expect(build.command == ["make", "-j4"])
        #expect(build.queue == "ci")
        #expect(build.timeout == .seconds(600))
        #expect(build.maxAttempts == 2)
        #expect(build.payload == ["branch": "main", "retries": 3])
        #expect(specs[1].title == "notify")
        #expect(specs[1].command == ["/bin/sh", "-c", "echo done | mail ops"])
        #expect(specs[1].dependencies.map(\.reference) == [.local("build"), .id(TaskID("t-4f2a"))])
    }

    @Test(arguments: [
        ("[[task]]\nname = \"a\"\ntitel = \"x\"\n", "g.toml:3: key \"titel\": unknown key"),
        ("[[task]]\nname = \"a\"\npriority = 3\n", "g.toml:3: key \"priority\": expected a string, found an integer"),
        ("[[task]]\nname = \"a\"\npriority = \"asap\"\n", "g.toml:3: key \"priority\": \"asap\" is not a priority"),
        ("[[task]]\ntitle = \"no name\"\n", "g.toml:1: key \"name\": missing (it is required)"),
        ("[[task]]\nname = \"a\"\n\n[[task]]\nname = \"b\"\nafter = [\"c\"]\n", "g.toml:6: key \"after\": \"c\" is not the name of a task in this file"),
        ("[[task]]\nname = \"a\"\n[[task]]\nname = \"a\"\n", "g.toml:4: key \"name\": \"a\" is already the name of the task at line 1"),
        ("[[task]]\nname = \"a\"\ntimeout = \"soon\"\n", "g.toml:3: key \"timeout\": expected a duration"),
        ("[[task]\nname = \"a\"\n", "g.toml:1: not valid TOML"),
        ("title = \"x\"\n", "g.toml:1: key \"title\": unknown key"),
    ])
    func errorsNameTheLineAndKey(text: String, expected: String) {
        do {
            _ = try GraphFile.parse(text: text, file: "g.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }

    @Test func cyclesAreFoundBeforeSubmitting() throws {
        let specs = try GraphFile.parse(text: "[[task]]\nname = \"a\"\nafter = [\"b\"]\n[[task]]\nname = \"b\"\nafter = [\"a\"]\n", file: "g.toml")
        #expect(TaskSpec.cycle(in: specs) == [0, 1, 0])
    }

    @Test func durationsAndSizesParse() {
        #expect(Duration(parsing: "1h30m") == .seconds(5400))
        #expect(Duration(parsing: "250ms") == .milliseconds(250))
        #expect(Duration(parsing: "2.5") == .milliseconds(2500))
        #expect(Duration(parsing: "soon") == nil)
        #expect(parseBytes("512MB") == 512_000_000)
        #expect(parseBytes("2GiB") == 2 * 1024 * 1024 * 1024)
        #expect(parseBytes("lots") == nil)
    }
}
