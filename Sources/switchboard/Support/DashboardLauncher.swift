import ArgumentParser
import Foundation
import SwitchboardConfig
import SwitchboardCore
import SwitchboardRuntime
import SwitchboardStore
import SwitchboardTerminal
import SwitchboardUI

/// The dashboard's options, shared by `dash`, `demo` and `run`.
struct DashboardFlags: ParsableArguments {
    @Option(help: ArgumentHelp("A theme by name (see `switchboard themes list`) or a theme file.", valueName: "name|path"))
    var theme: String?

    @Option(help: ArgumentHelp("Screen refreshes per second.", valueName: "n"))
    var refresh: Double = 4

    @Flag(help: "No colour (as NO_COLOR does).")
    var noColor = false

    func validate() throws {
        guard refresh > 0, refresh <= 60 else { throw ValidationError("--refresh must be between 0 and 60 per second") }
    }
}

/// Opens the dashboard on a store: themes from the bundled and user folders, keys from
/// `keys.toml`, colour as the terminal and NO_COLOR allow.
enum DashboardLauncher {
    static func run(store: Store, flags: DashboardFlags, runFor: Duration? = nil, clock: any Clock = CLI.clock) throws {
        var options = try options(flags)
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw CLIError(TerminalError.notATerminal.description) }
        options.refreshPerSecond = flags.refresh
        options.runFor = runFor
        let source = StoreDashboardSource(store: store, clock: clock)
        let configuration = CLI.engineConfiguration()
        try DashboardApp.run(source: source, clock: clock, options: options) { command in
            try source.execute(command, configuration: configuration)
        }
    }

    /// Themes, keys and colour for a dashboard. A theme asked for that does not load is an
    /// error; a broken keys.toml or user theme is a warning shown on the dashboard.
    static func options(_ flags: DashboardFlags) throws -> DashboardOptions {
        var options = DashboardOptions()
        var catalog = themeCatalog()
        options.warnings = catalog.problems.map(\.description)
        if let wanted = flags.theme {
            do {
                options.theme = try catalog.resolve(wanted).name
            } catch {
                throw CLIError(error.description, code: 64)
            }
        }
        options.themes = catalog.themes
        let keysFile = StoreLocation.configDirectory() + "/keys.toml"
        if FileManager.default.fileExists(atPath: keysFile) {
            do {
                options.bindings = try KeyBindingsFile.load(path: keysFile)
            } catch {
                options.warnings.append("\(error) — using the default keys")
            }
        }
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        options.noColor = flags.noColor || noColor
        return options
    }

    static func themeCatalog() -> ThemeCatalog {
        ThemeCatalog.load(
            bundledDirectory: ThemeCatalog.bundledDirectory(executable: executablePath()),
            userDirectory: StoreLocation.configDirectory() + "/themes")
    }

    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
