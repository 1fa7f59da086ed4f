import Foundation
import SwitchboardUI
import TOMLKit

/// A theme file: colours for roles, in sections. Every key is optional; a role a file leaves
/// out keeps the default theme's colour (a partial theme, as k9s skins are).
///
/// ```toml
/// name = "light"          # optional: the file's name without .toml
/// monochrome = false      # true: no colour, roles shown with reverse, bold and dim
///
/// [colors]
/// background = "#fdf6e3"  # a name (red, bright_blue…), #RRGGBB, 0–255, or "default"
/// foreground = "black"
/// selection = 254
///
/// [priority]
/// critical = "#d70000"
/// ```
public enum ThemeFile {
    public static func load(path: String) throws(ConfigError) -> Theme {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError(file: path, message: "cannot read the theme file")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(text: text, file: path, defaultName: name)
    }

    public static func parse(text: String, file: String, defaultName: String) throws(ConfigError) -> Theme {
        let document = try TOMLDocument(text: text, file: file)
        let root = TableReader(document: document, table: document.root, name: nil)
        let sections = Dictionary(grouping: Role.allCases) { String($0.themeKey.split(separator: ".")[0]) }
        try root.onlyKeys(["name", "monochrome"] + sections.keys.sorted())
        var overrides: [Role: ThemeColor] = [:]
        for (section, roles) in sections.sorted(by: { $0.key < $1.key }) {
            guard let value = document.root[section] else { continue }
            guard let table = value.table else { throw root.error(section, "expected a [\(section)] table") }
            let reader = TableReader(document: document, table: table, name: section)
            let names = roles.map { String($0.themeKey.split(separator: ".")[1]) }
            try reader.onlyKeys(names)
            for (role, key) in zip(roles, names) {
                guard let text = try colorText(reader, key) else { continue }
                guard let color = ThemeColor(parsing: text) else {
                    throw reader.error(key, "colour \"\(text)\" not understood: use a name (red, bright_blue, …), #RRGGBB, 0–255 or default")
                }
                overrides[role] = color
            }
        }
        return Theme(name: try root.name("name") ?? defaultName, monochrome: try root.bool("monochrome") ?? false, overrides: overrides)
    }

    /// A colour is written as text, or as a bare 0–255 index.
    private static func colorText(_ reader: TableReader, _ key: String) throws(ConfigError) -> String? {
        guard let value = reader.table[key] else { return nil }
        if let index = value.int { return String(index) }
        return try reader.string(key)
    }

    /// The file's text for a theme: every role, in sections (how `themes/default.toml` is made).
    public static func text(of theme: Theme) -> String {
        var lines = ["name = \"\(theme.name)\""]
        if theme.monochrome { lines.append("monochrome = true") }
        var section = ""
        for role in Role.allCases.sorted(by: { $0.themeKey < $1.themeKey }) {
            let parts = role.themeKey.split(separator: ".")
            if parts[0] != section {
                section = String(parts[0])
                lines.append("")
                lines.append("[\(section)]")
            }
            lines.append("\(parts[1]) = \"\(theme.color(role))\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The themes there are: the bundled ones (the repository's `themes/`), then the user's
/// (`$XDG_CONFIG_HOME/switchboard/themes/`), a user theme replacing a bundled one of the same
/// name. A broken file is left out and reported; the rest stay usable.
public struct ThemeCatalog: Sendable {
    public private(set) var themes: [Theme]
    public private(set) var problems: [ConfigError]

    /// The order bundled themes are listed and cycled in.
    static let bundledOrder = ["default", "light", "solarized-dark", "high-contrast", "monochrome", "colorblind"]

    public init(themes: [Theme], problems: [ConfigError] = []) {
        self.themes = themes
        self.problems = problems
    }

    public static func load(bundledDirectory: String?, userDirectory: String?) -> ThemeCatalog {
        var catalog = ThemeCatalog(themes: [.standard])
        for directory in [bundledDirectory, userDirectory].compactMap({ $0 }) {
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".toml") }
            let ordered = files.sorted { a, b in
                let ia = bundledOrder.firstIndex(of: String(a.dropLast(5))) ?? bundledOrder.count
                let ib = bundledOrder.firstIndex(of: String(b.dropLast(5))) ?? bundledOrder.count
                return (ia, a) < (ib, b)
            }
            for file in ordered {
                do {
                    catalog.add(try ThemeFile.load(path: directory + "/" + file))
                } catch {
                    catalog.problems.append(error)
                }
            }
        }
        return catalog
    }

    mutating func add(_ theme: Theme) {
        if let index = themes.firstIndex(where: { $0.name == theme.name }) {
            themes[index] = theme
        } else {
            themes.append(theme)
        }
    }

    public var names: [String] { themes.map(\.name) }

    /// A theme by name, or a theme file by path (anything with a `/` or ending in `.toml`),
    /// which joins the catalog.
    public mutating func resolve(_ nameOrPath: String) throws(ConfigError) -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") {
            let theme = try ThemeFile.load(path: nameOrPath)
            add(theme)
            return theme
        }
        guard let theme = themes.first(where: { $0.name == nameOrPath }) else {
            throw ConfigError(file: "--theme", message: "no theme named \"\(nameOrPath)\" (themes: \(names.joined(separator: ", ")))")
        }
        return theme
    }

    /// Where the bundled themes are: `SWITCHBOARD_THEMES`, else a `themes/` folder beside the
    /// executable or above it (a checkout's `.build/release/switchboard`), else the system's
    /// share folders. Nil when none is found (the built-in default still works).
    public static func bundledDirectory(executable: String) -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["SWITCHBOARD_THEMES"], !configured.isEmpty { return configured }
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("themes")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.toml").path) { return candidate.path }
            folder.deleteLastPathComponent()
        }
        for shared in ["/usr/local/share/switchboard/themes", "/usr/share/switchboard/themes"]
        where FileManager.default.fileExists(atPath: shared + "/default.toml") {
            return shared
        }
        return nil
    }
}
