import Foundation
import SwitchboardCore
import SwitchboardUI
import TOMLKit

/// `keys.toml`: rebinds actions. Each key is an action's name; its value is one key or a list.
/// Actions not named keep their default keys.
///
/// ```toml
/// quit = "x"
/// raise_priority = ["]", "+"]
/// move_down = ["j", "down", "ctrl-n"]
/// ```
public enum KeyBindingsFile {
    public static func load(path: String, base: KeyBindings = .standard) throws(ConfigError) -> KeyBindings {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError(file: path, message: "cannot read the key bindings file")
        }
        return try parse(text: text, file: path, base: base)
    }

    public static func parse(text: String, file: String, base: KeyBindings = .standard) throws(ConfigError) -> KeyBindings {
        let document = try TOMLDocument(text: text, file: file)
        let root = TableReader(document: document, table: document.root, name: nil)
        try root.onlyKeys(Action.allCases.map(\.rawValue))
        var bindings = base
        var claimed: [Key: Action] = [:]
        for name in document.root.keys.sorted(by: { (document.line(ofKey: $0) ?? 0) < (document.line(ofKey: $1) ?? 0) }) {
            guard let action = Action(rawValue: name) else { continue }
            let specs: [String]
            if let one = document.root[name]?.string {
                specs = [one]
            } else if let many = try root.strings(name) {
                specs = many
            } else {
                specs = []
            }
            var keys: [Key] = []
            for spec in specs {
                if let scalar = spec.unicodeScalars.first(where: InputLimits.isControl) {
                    throw root.error(name, "the control character \(InputLimits.describe(scalar)) is not a key (write tab, enter, esc or ctrl-a…ctrl-z)")
                }
                guard let key = Key(spec: spec) else {
                    throw root.error(name, "\"\(spec)\" is not a key: use a character, or space, enter, esc, tab, shift-tab, backspace, delete, up, down, left, right, pgup, pgdn, home, end, f1–f12, ctrl-a…ctrl-z")
                }
                if let other = claimed[key], other != action {
                    throw root.error(name, "\"\(spec)\" is already bound to \(other.rawValue) in this file")
                }
                claimed[key] = action
                keys.append(key)
            }
            bindings.bind(action, to: keys)
        }
        return bindings
    }
}
