import Foundation
import SwitchboardConfig
import SwitchboardTestSupport
import SwitchboardUI
import Testing

@Suite("Themes and key bindings")
struct ThemeAndKeysTests {
    static let bundled = RepositoryPath.file("themes")

    @Test("every bundled theme loads, and the catalog lists them in order")
    func bundledThemes() throws {
        let catalog = ThemeCatalog.load(bundledDirectory: Self.bundled, userDirectory: nil)
        #expect(catalog.problems.isEmpty, "\(catalog.problems)")
        #expect(catalog.names == ["default", "light", "solarized-dark", "high-contrast", "monochrome", "colorblind"])
        #expect(catalog.themes.first { $0.name == "monochrome" }?.monochrome == true)
        #expect(catalog.themes.first { $0.name == "light" }?.color(.background) == .indexed(231))
        #expect(catalog.themes.first { $0.name == "solarized-dark" }?.color(.background) == .rgb(0x00, 0x2b, 0x36))
    }

    @Test("themes/default.toml spells out exactly the built-in default theme")
    func defaultFileMatchesBuiltIn() throws {
        let file = try ThemeFile.load(path: Self.bundled + "/default.toml")
        #expect(file.differences(from: .standard).isEmpty)
        #expect(file.name == "default")
    }

    @Test("the colour-blind theme never puts red against green for good and bad")
    func colorBlindSafe() throws {
        let theme = try ThemeFile.load(path: Self.bundled + "/colorblind.toml")
        for role in [Role.statusCompleted, .healthHealthy, .statusRunning, .statusFailed, .healthDead, .alert] {
            guard case .rgb(let r, let g, let b) = theme.color(role) else { continue }
            let greenish = g > r && g > b && Int(g) - Int(b) > 40
            #expect(!greenish, "\(role) is green")
        }
        #expect(theme.color(.statusCompleted) != theme.color(.statusFailed))
    }

    @Test("a partial theme keeps the default colours for the roles it leaves out")
    func partialTheme() throws {
        let theme = try ThemeFile.parse(text: "[priority]\ncritical = \"#ff0000\"\n", file: "mine.toml", defaultName: "mine")
        #expect(theme.name == "mine")
        #expect(theme.color(.priorityCritical) == .rgb(255, 0, 0))
        #expect(theme.differences(from: .standard) == [.priorityCritical])
    }

    @Test("a broken theme file names the line and what is wrong", arguments: [
        ("[colors]\nbackground = \"chartreuse-ish\"\n", 2, "not understood"),
        ("[colors]\nbackgrund = \"red\"\n", 2, "unknown key"),
        ("[colors\nbackground = \"red\"\n", 1, "not valid TOML"),
        ("[status]\nrunning = 300\n", 2, "not understood"),
        ("shade = 3\n", 1, "unknown key"),
    ])
    func brokenTheme(text: String, line: Int, message: String) {
        #expect(throws: ConfigError.self) { try ThemeFile.parse(text: text, file: "bad.toml", defaultName: "bad") }
        do {
            _ = try ThemeFile.parse(text: text, file: "bad.toml", defaultName: "bad")
        } catch {
            #expect(error.line == line)
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.hasPrefix("bad.toml:\(line): "))
        }
    }

    @Test("a user theme replaces a bundled one of the same name; a broken one is reported and left out")
    func userThemes() throws {
        let folder = TemporaryFolder()
        try "name = \"light\"\n[colors]\nbackground = \"white\"\n".write(toFile: folder.path + "/light.toml", atomically: true, encoding: .utf8)
        try "[colors]\nbackground = \"nope\"\n".write(toFile: folder.path + "/broken.toml", atomically: true, encoding: .utf8)
        try "[colors]\ntitle = \"red\"\n".write(toFile: folder.path + "/mine.toml", atomically: true, encoding: .utf8)
        var catalog = ThemeCatalog.load(bundledDirectory: Self.bundled, userDirectory: folder.path)
        #expect(catalog.themes.first { $0.name == "light" }?.color(.background) == .indexed(7))
        #expect(catalog.names.contains("mine"))
        #expect(!catalog.names.contains("broken"))
        #expect(catalog.problems.count == 1)
        #expect(catalog.problems.first?.description.contains("broken.toml:2") == true)
        #expect(try catalog.resolve("mine").color(.title) == .indexed(1))
        #expect(try catalog.resolve(folder.path + "/mine.toml").name == "mine")
        #expect(throws: ConfigError.self) { try catalog.resolve("nonexistent") }
    }

    @Test("colours degrade: 24-bit to 256 to 8 to none")
    func degrade() {
        let orange = ThemeColor.rgb(0xff, 0x87, 0x00)
        #expect(orange.index(for: .colors256) == 208)
        #expect(orange.index(for: .colors8) == 3 || orange.index(for: .colors8) == 1)
        #expect(orange.index(for: .none) == nil)
        #expect(ThemeColor.indexed(9).index(for: .colors8) == 1)
        #expect(ThemeColor.terminalDefault.index(for: .colors256) == nil)
        #expect(ColorDepth.detect(colors: 256, noColor: true) == .none)
        #expect(ColorDepth.detect(colors: 8, noColor: false) == .colors8)
        #expect(ColorDepth.detect(colors: 16_777_216, noColor: false) == .colors256)
    }

    @Test("keys.toml rebinds actions; mistakes name the line")
    func keyBindings() throws {
        let bindings = try KeyBindingsFile.parse(text: "quit = \"x\"\nraise_priority = [\"]\", \"+\"]\nmove_down = [\"j\", \"ctrl-n\"]\n", file: "keys.toml")
        #expect(bindings.action(for: .character("x")) == .quit)
        #expect(bindings.action(for: .character("q")) == nil)
        #expect(bindings.action(for: .character("+")) == .raisePriority)
        #expect(bindings.keys(for: .addReplica).isEmpty, "+ moved to raise_priority")
        #expect(bindings.action(for: .control("n")) == .moveDown)
        for (text, line, message) in [
            ("quit = \"x\"\nfly = \"f\"\n", 2, "unknown key"),
            ("quit = \"hyper-q\"\n", 1, "is not a key"),
            ("quit = \"x\"\nfreeze = \"x\"\n", 2, "already bound to quit"),
        ] {
            do {
                _ = try KeyBindingsFile.parse(text: text, file: "keys.toml")
                Issue.record("\(text) should not parse")
            } catch {
                #expect(error.line == line)
                #expect(error.description.contains(message), "\(error)")
            }
        }
    }
}
