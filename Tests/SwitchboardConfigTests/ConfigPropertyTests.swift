import PropertyBased
import SwitchboardConfig
import SwitchboardCore
import SwitchboardTestSupport
import Testing

/// Every TOML file Switchboard reads (graph, swarm, theme, keys) parses or is refused with an
/// error naming the file, never traps and never silently drops a part; what it accepts is
/// within `InputLimits`.
@Suite("Configuration files never trap")
struct ConfigPropertyTests {
    static let hostileText = Gen<UInt64>.value().array(of: 0...14).map { HostileInput.text($0) }

    /// A TOML value for `key`: numbers of every size and kind, strings with escapes, dates.
    static let hostileValue = Gen<UInt64>.value().array(of: 1...4).map { picks -> String in
        let pick = picks[0]
        switch pick % 6 {
        case 0: return String(Int64(bitPattern: picks.last ?? 0))
        case 1:
            let number = Double(bitPattern: picks.last ?? 0)
            return number.isNaN ? "nan" : number.isInfinite ? (number > 0 ? "inf" : "-inf") : "\(number)"
        case 2: return ["1e300", "-1e300", "0", "-0.0", "1e-300", "9223372036854775807", "-9223372036854775808", "nan", "inf"][Int(pick % 9)]
        case 3: return "\"" + HostileInput.text(Array(picks.dropFirst())).replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
        case 4: return ["\"\\u0000\"", "\"a\\u0000b\"", "\"\\U00000000\"", "\"\\u001b[2J\"", "\"2562047h\"", "\"99999d\"", "\"1e400s\"", "\"9999999999999GiB\"", "1979-05-27T07:32:00Z"][Int(pick % 9)]
        default: return HostileInput.text(Array(picks.dropFirst()))
        }
    }

    func graph(_ text: String) {
        do {
            let specs = try GraphFile.parse(text: text, file: "g.toml")
            for spec in specs {
                #expect(throws: Never.self, "an accepted task is valid: \(text)") { try spec.validate() }
            }
        } catch {
            #expect(error.file == "g.toml")
        }
    }

    func swarm(_ text: String) {
        do {
            let swarm = try SwarmFile.parse(text: text, file: "s.toml", baseDirectory: "/tmp")
            #expect(swarm.tickInterval > .zero && swarm.tickInterval <= .seconds(10))
            for pool in swarm.pools {
                #expect(pool.record.minReplicas >= 0 && pool.record.maxReplicas <= OperatorCommand.replicaRange.upperBound)
                #expect(pool.record.heartbeatInterval >= 0.01 && pool.record.heartbeatInterval <= 3600)
                #expect(pool.simulation.taskSeconds > 0 && pool.simulation.heartbeatJitter < 1)
            }
        } catch {
            #expect(error.file == "s.toml")
        }
    }

    func theme(_ text: String) {
        do {
            let theme = try ThemeFile.parse(text: text, file: "t.toml", defaultName: "t")
            #expect(!theme.name.unicodeScalars.contains(where: InputLimits.isControl))
        } catch {
            #expect(error.file == "t.toml")
        }
    }

    func keys(_ text: String) {
        do {
            _ = try KeyBindingsFile.parse(text: text, file: "k.toml")
        } catch {
            #expect(error.file == "k.toml")
        }
    }

    @Test("random text: parsed or refused, in all four kinds of file")
    func randomText() async {
        await propertyCheck(count: 1500, input: Self.hostileText) { text in
            graph(text)
            swarm(text)
            theme(text)
            keys(text)
        }
    }

    @Test("a hostile value under every key of a graph file")
    func graphValues() async {
        let keys = GraphFile.keys
        await propertyCheck(count: 1500, input: Gen<Int>.value(in: 0...(keys.count - 1)), Self.hostileValue) { index, value in
            graph("[[task]]\nname = \"a\"\n\(keys[index]) = \(value)\n\n[[task]]\nname = \"b\"\n")
        }
    }

    @Test("a hostile value under every key of a swarm file")
    func swarmValues() async {
        let poolKeys = ["min_replicas", "max_replicas", "tasks_per_agent", "heartbeat_interval", "memory_limit", "name", "role", "capabilities", "agent_names", "command"]
        let simulationKeys = ["task_seconds", "jitter", "failure_rate", "hang_rate", "crash_rate", "memory", "memory_growth", "heartbeat_interval", "heartbeat_jitter", "cpu_percent", "message_rate"]
        await propertyCheck(count: 1500, input: Gen<Int>.value(in: 0...(poolKeys.count + simulationKeys.count + 1)), Self.hostileValue) { index, value in
            let text: String
            if index < poolKeys.count {
                text = "[[pool]]\nname = \"p\"\ndriver = \"simulated\"\n\(poolKeys[index]) = \(value)\n"
            } else if index < poolKeys.count + simulationKeys.count {
                text = "[[pool]]\nname = \"p\"\ndriver = \"simulated\"\n[pool.simulation]\n\(simulationKeys[index - poolKeys.count]) = \(value)\n"
            } else if index == poolKeys.count + simulationKeys.count {
                text = "[engine]\ntick = \(value)\n[[pool]]\nname = \"p\"\ndriver = \"simulated\"\n"
            } else {
                text = "[[pool]]\nname = \"p\"\ndriver = \"simulated\"\n[[queue]]\nname = \"q\"\nmax_running = \(value)\n"
            }
            swarm(text)
        }
    }

    @Test("a hostile value in a theme and a keys file")
    func themeAndKeyValues() async {
        await propertyCheck(count: 1000, input: Self.hostileValue) { value in
            theme("name = \(value)\n[colors]\nbackground = \(value)\n")
            keys("quit = \(value)\nmove_down = [\(value)]\n")
        }
    }

    @Test("a Unicode space where a value starts is refused with its line, not an abort of the parser")
    func unicodeSpaceBeforeAValue() {
        for space in ["\u{85}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{3000}", "\u{FEFF}"] {
            for text in ["move_down = [\(space)1]\n", "x = [1,\(space)2]\n", "x = \(space)1\n", "x = {a = \(space)1}\n"] {
                #expect(throws: ConfigError.self, "\(text.debugDescription)") { try TOMLDocument(text: text, file: "u.toml") }
            }
        }
        #expect(throws: Never.self) { try TOMLDocument(text: "# é\nx = \"é\"\n", file: "u.toml") }
    }

    /// Every text of up to three fragments, in four contexts: the TOML parser (toml++) asserts
    /// and aborts the process on some malformed texts (`[` then a newline; `}` where an array
    /// wants a value), so `TOMLDocument` must refuse them before it runs.
    @Test("every short TOML text parses or is refused; none aborts the parser")
    func exhaustiveShortTexts() {
        let alphabet = ["[", "]", ".", "=", " ", "\n", "a", "\"", "'", ",", "{", "}", "1", "\t", "#", "-", "é", "\r\n", "x = ", "\"\"\"", "'''", "\\", "\u{2028}", "\u{85}"]
        var texts = 0
        func each(_ prefix: String, _ depth: Int) {
            guard depth > 0 else {
                for text in [prefix, "k = 1\n" + prefix, "x = [\n" + prefix, "[t]\n" + prefix + "\n[u]\n"] {
                    texts += 1
                    _ = try? TOMLDocument(text: text, file: "x.toml")
                }
                return
            }
            for fragment in alphabet { each(prefix + fragment, depth - 1) }
        }
        each("", 3)
        #expect(texts == 4 * 24 * 24 * 24)
    }

    @Test("texts that made the TOML parser abort are refused with their line")
    func parserAborts() {
        for (text, line) in [("[\n", 1), ("k = 1\n [ .a]\n", 2), ("[[=x]]\n", 1), ("x = [\n[[[}\n", 2), ("x = [1,\n # c\n }]\n", 3)] {
            do {
                _ = try TOMLDocument(text: text, file: "x.toml")
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.line == line, "\(text): \(error)")
            }
        }
        // Brackets inside values and strings are not headers.
        #expect((try? TOMLDocument(text: "x = [\n  [1, 2],\n  [{a = 1}],\n]\ny = \"[=\"\n", file: "x.toml")) != nil)
    }

    // The inputs of issue 12, one by one, with the error each must give.

    @Test("a raw NUL is refused at its line, not read as the end of the file")
    func rawNUL() {
        let text = "[[task]]\nname = \"a\"\n\u{0}\n[[task]]\nname = \"b\"\n"
        #expect(throws: ConfigError(file: "g.toml", line: 3, message: "the control character U+0000 is not allowed in a TOML file (only tab and line ends are)")) {
            try GraphFile.parse(text: text, file: "g.toml")
        }
        let theme = "[colors]\nbackground = \"white\"\n\u{0}\nforeground = \"nope\"\n"
        #expect(throws: ConfigError.self) { try ThemeFile.parse(text: theme, file: "t.toml", defaultName: "t") }
        #expect(throws: ConfigError.self) { try GraphFile.parse(text: "[[task]]\nname = \"a\u{1B}\"\n", file: "g.toml") }
        // A carriage return that ends a line is fine; one alone is not.
        #expect((try? GraphFile.parse(text: "[[task]]\r\nname = \"a\"\r\n", file: "g.toml"))?.count == 1)
        #expect(throws: ConfigError.self) { try GraphFile.parse(text: "[[task]]\rname = \"a\"\n", file: "g.toml") }
    }

    @Test("an escaped NUL in a string is refused (it would cut the string), in a literal string it is text")
    func escapedNUL() throws {
        #expect(throws: ConfigError(file: "g.toml", line: 3, message: "a string holds an escaped NUL (\\u0000), which is not allowed")) {
            try GraphFile.parse(text: "[[task]]\nname = \"a\"\ntitle = \"cut\\u0000here\"\n", file: "g.toml")
        }
        #expect(throws: ConfigError.self) { try GraphFile.parse(text: "[[task]]\nname = \"a\"\ntitle = \"\"\"\nx\\U00000000\"\"\"\n", file: "g.toml") }
        let literal = try GraphFile.parse(text: "[[task]]\nname = \"a\"\ntitle = 'c:\\u0000'\n# \"\\u0000\" in a comment\n", file: "g.toml")
        #expect(literal.first?.title == "c:\\u0000")
    }

    @Test("numbers out of range name their line and key")
    func numbersOutOfRange() {
        let cases: [(String, String)] = [
            ("timeout = 1e300", "timeout"), ("timeout = \"2562048h\"", "timeout"), ("timeout = nan", "timeout"),
            ("deadline = \"2300-01-01T00:00:00Z\"", "deadline"), ("max_attempts = 0", "max_attempts"),
            ("max_attempts = 9223372036854775807", "max_attempts"), ("title = \"\(String(repeating: "t", count: 1025))\"", "title"),
        ]
        for (line, key) in cases {
            do {
                _ = try GraphFile.parse(text: "[[task]]\nname = \"a\"\n\(line)\n", file: "g.toml")
                Issue.record("\(line) was accepted")
            } catch {
                #expect(error.line == 3 && error.key == key, "\(line): \(error)")
            }
        }
        let swarmCases = [
            "[[pool]]\nname = \"p\"\ndriver = \"simulated\"\nmax_replicas = 9223372036854775807\n",
            "[[pool]]\nname = \"p\"\ndriver = \"simulated\"\nmemory_limit = \"99999999999999999999GiB\"\n",
            "[[pool]]\nname = \"p\"\ndriver = \"simulated\"\nheartbeat_interval = \"1ms\"\n",
            "[[pool]]\nname = \"p\"\ndriver = \"simulated\"\n[pool.simulation]\ntask_seconds = 0\n",
            "[[pool]]\nname = \"p\"\ndriver = \"simulated\"\n[pool.simulation]\nheartbeat_jitter = 1\n",
            "[[pool]]\nname = \"p\"\ndriver = \"simulated\"\n[pool.simulation]\ncpu_percent = inf\n",
            "[engine]\ntick = 0.0000001\n[[pool]]\nname = \"p\"\ndriver = \"simulated\"\n",
        ]
        for text in swarmCases {
            #expect(throws: ConfigError.self, "\(text)") { try SwarmFile.parse(text: text, file: "s.toml", baseDirectory: "/tmp") }
        }
    }
}
