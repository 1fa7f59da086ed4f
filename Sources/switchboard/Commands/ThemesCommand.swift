import ArgumentParser
import SwitchboardConfig
import SwitchboardUI

struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the dashboard's themes, or check a theme file.",
        discussion: """
            Bundled themes live in the repository's themes/ folder; your own go in \
            $XDG_CONFIG_HOME/switchboard/themes/ (~/.config/switchboard/themes/) and replace a \
            bundled one of the same name. A theme names colours only for the roles it changes.

            Examples:
              switchboard themes list
              switchboard themes check ~/.config/switchboard/themes/mine.toml
            """,
        subcommands: [List.self, Check.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the themes, bundled and yours.")

        @Flag(help: "Print a JSON array of names.")
        var json = false

        func run() throws {
            let catalog = DashboardLauncher.themeCatalog()
            if json {
                try CLI.printJSON(catalog.names)
            } else {
                for theme in catalog.themes {
                    let changed = theme.differences(from: .standard).count
                    print("\(theme.name.padding(16))\(theme.monochrome ? "no colour" : theme.name == "default" ? "the default" : "\(changed) role(s) differ from default")")
                }
            }
            for problem in catalog.problems { printError("warning: \(problem)") }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a theme file: exit 0 when it loads, else print the problem with its line.")

        @Argument(help: "The theme file.")
        var file: String

        func run() throws {
            do {
                let theme = try ThemeFile.load(path: file)
                let changed = theme.differences(from: .standard)
                print("\(file): ok — theme \"\(theme.name)\", \(changed.count) role(s) set, the rest from default")
            } catch {
                throw CLIError(error.description, code: 64)
            }
        }
    }
}
