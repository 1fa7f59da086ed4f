import ArgumentParser

struct CompletionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions",
        abstract: "Print a shell completion script (bash, zsh or fish), generated from the argument parser.",
        discussion: """
            Examples:
              switchboard completions bash > ~/.local/share/bash-completion/completions/switchboard
              switchboard completions zsh > "${fpath[1]}/_switchboard"
              switchboard completions fish > ~/.config/fish/completions/switchboard.fish
            """)

    @Argument(help: "bash, zsh or fish")
    var shell: String

    func run() throws {
        guard let parsed = CompletionShell(rawValue: shell) else { throw ValidationError("the shell is bash, zsh or fish, not \"\(shell)\"") }
        print(Switchboard.completionScript(for: parsed))
    }
}

struct ManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual",
        abstract: "Print the man page (roff), generated from every subcommand's help.",
        discussion: """
            Examples:
              switchboard manual > ~/.local/share/man/man1/switchboard.1 && man switchboard
              switchboard manual | man -l -
            """)

    func run() throws {
        print(ManualPage.roff())
    }
}

/// The man page: the root's help, then each subcommand's, as the argument parser prints them.
enum ManualPage {
    static func roff() -> String {
        var page = [
            ".TH SWITCHBOARD 1 \"\" \"switchboard \(Switchboard.version)\" \"User Commands\"",
            ".SH NAME",
            "switchboard \\- " + escape(Switchboard.configuration.abstract),
            ".SH SYNOPSIS",
            ".B switchboard",
            "[\\fISUBCOMMAND\\fR] [\\fIOPTIONS\\fR]",
            ".SH DESCRIPTION",
            escape(Switchboard.configuration.discussion),
            ".PP",
            "With no subcommand, switchboard runs the demo swarm and opens the dashboard on it.",
            ".SH COMMANDS",
        ]
        for command in allCommands(Switchboard.self, path: []) {
            page.append(".SS \"switchboard \(command.path.joined(separator: " "))\"")
            page.append(".nf")
            page.append(escape(Switchboard.helpMessage(for: command.type, columns: 100)))
            page.append(".fi")
        }
        page += [
            ".SH EXIT STATUS",
            escape(ExitCodes.summary),
            ".SH ENVIRONMENT",
            ".TP", ".B SWITCHBOARD_DB", "The store, when --db is not given.",
            ".TP", ".B XDG_DATA_HOME", "The default store is $XDG_DATA_HOME/switchboard/switchboard.sqlite (~/.local/share/…).",
            ".TP", ".B XDG_CONFIG_HOME", "keys.toml and themes/ under $XDG_CONFIG_HOME/switchboard (~/.config/…).",
            ".TP", ".B NO_COLOR", "Turns the dashboard's colour off.",
            ".SH FILES",
            ".TP", ".I ~/.config/switchboard/keys.toml", "Key bindings.",
            ".TP", ".I ~/.config/switchboard/themes/NAME.toml", "Your themes.",
        ]
        return page.joined(separator: "\n")
    }

    static func allCommands(_ type: any ParsableCommand.Type, path: [String]) -> [(path: [String], type: any ParsableCommand.Type)] {
        var found: [(path: [String], type: any ParsableCommand.Type)] = []
        for sub in type.configuration.subcommands where sub.configuration.shouldDisplay {
            let name = sub.configuration.commandName ?? "\(sub)".lowercased()
            found.append((path + [name], sub))
            found += allCommands(sub, path: path + [name])
        }
        return found
    }

    /// Text safe in roff: backslashes doubled, lines that begin with . or ' protected.
    static func escape(_ text: String) -> String {
        text.replacing("\\", with: "\\e").split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix(".") || line.hasPrefix("'") ? "\\&" + line : String(line)
        }.joined(separator: "\n")
    }
}
