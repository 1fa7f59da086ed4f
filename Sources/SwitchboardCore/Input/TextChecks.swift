extension InputLimits {
    /// Refuses a one-line text with a control character (C0 including NUL and tab, DEL, C1) or
    /// more than `maxBytes` bytes of UTF-8. Control characters are refused, never dropped or
    /// cut at: SQLite's C strings and terminals would otherwise truncate or garble them.
    public static func checkLine(_ text: String, _ what: String, maxBytes: Int) throws(InputError) {
        try checkSize(text, what, maxBytes: maxBytes)
        if let scalar = text.unicodeScalars.first(where: isControl) {
            throw InputError("\(what) contains the control character \(describe(scalar)); only printable text is accepted")
        }
    }

    /// Refuses a free text (a reason, a message) holding NUL or other control characters
    /// except tab and newline, or more than `maxBytes` bytes of UTF-8.
    public static func checkText(_ text: String, _ what: String, maxBytes: Int) throws(InputError) {
        try checkSize(text, what, maxBytes: maxBytes)
        if let scalar = text.unicodeScalars.first(where: { isControl($0) && $0 != "\t" && $0 != "\n" }) {
            throw InputError("\(what) contains the control character \(describe(scalar))")
        }
    }

    /// Refuses a text holding NUL (command arguments: the kernel's `execve` ends them there)
    /// or more than `maxBytes` bytes of UTF-8.
    public static func checkNoNUL(_ text: String, _ what: String, maxBytes: Int) throws(InputError) {
        try checkSize(text, what, maxBytes: maxBytes)
        if text.utf8.contains(0) { throw InputError("\(what) contains a NUL byte") }
    }

    private static func checkSize(_ text: String, _ what: String, maxBytes: Int) throws(InputError) {
        let bytes = text.utf8.count
        if bytes > maxBytes { throw InputError("\(what) is \(bytes) bytes; at most \(maxBytes) are accepted") }
    }

    /// C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `U+0000`: how an error names a character that cannot be shown.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
