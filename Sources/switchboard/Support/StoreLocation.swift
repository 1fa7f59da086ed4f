import ArgumentParser
import Foundation

/// `--db PATH`, shared by every command that works on a store.
///
/// The store is found, in order: `--db`, `$SWITCHBOARD_DB`, then the per-user data file
/// `$XDG_DATA_HOME/switchboard/switchboard.sqlite` (`~/.local/share/…` when XDG_DATA_HOME is unset).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store (SQLite file).", valueName: "path"))
    var db: String?

    var path: String { StoreLocation.resolve(db) }
}

enum StoreLocation {
    static func resolve(_ explicit: String?) -> String {
        let environment = ProcessInfo.processInfo.environment
        if let explicit, !explicit.isEmpty { return absolute(explicit) }
        if let fromEnvironment = environment["SWITCHBOARD_DB"], !fromEnvironment.isEmpty { return absolute(fromEnvironment) }
        return dataDirectory() + "/switchboard.sqlite"
    }

    /// `$XDG_DATA_HOME/switchboard`, or `~/.local/share/switchboard`.
    static func dataDirectory() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/switchboard" }
        return home() + "/.local/share/switchboard"
    }

    /// `$XDG_CONFIG_HOME/switchboard`, or `~/.config/switchboard`.
    static func configDirectory() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") { return config + "/switchboard" }
        return home() + "/.config/switchboard"
    }

    private static func home() -> String {
        ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
    }

    private static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }
}
