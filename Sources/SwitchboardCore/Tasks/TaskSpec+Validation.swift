extension TaskSpec {
    /// Checks everything about one task that does not depend on the engine's state: text
    /// sizes and characters, the payload's size, times and durations within `InputLimits`.
    /// The CLI calls it before it writes anything (a refusal is exit 64); the engine calls it
    /// again for every stored command, so that a row written by anything else is refused too.
    public func validate() throws(InputError) {
        try InputLimits.checkLine(title, "the title", maxBytes: InputLimits.titleBytes)
        if title.trimmingWhitespace().isEmpty { throw InputError("the title is empty") }
        try InputLimits.checkLine(queue, "the queue name", maxBytes: InputLimits.nameBytes)
        if queue.isEmpty { throw InputError("the queue name is empty") }
        for capability in capabilities { try InputLimits.checkLine(capability, "a capability", maxBytes: InputLimits.nameBytes) }
        for tag in tags { try InputLimits.checkLine(tag, "a tag", maxBytes: InputLimits.nameBytes) }
        if let localName { try InputLimits.checkLine(localName, "the task's name", maxBytes: InputLimits.nameBytes) }
        for dependency in dependencies {
            if case .local(let name) = dependency.reference {
                try InputLimits.checkLine(name, "a dependency's name", maxBytes: InputLimits.nameBytes)
            }
        }
        if let command {
            var total = 0
            for argument in command {
                try InputLimits.checkNoNUL(argument, "a command argument", maxBytes: InputLimits.commandBytes)
                total += argument.utf8.count
            }
            if total > InputLimits.commandBytes {
                throw InputError("the command is \(total) bytes; at most \(InputLimits.commandBytes) are accepted")
            }
        }
        if let payload {
            let size = payload.encodedSize(upTo: InputLimits.payloadBytes)
            if size > InputLimits.payloadBytes {
                throw InputError("the payload is more than \(InputLimits.payloadBytes) bytes of JSON; at most that is accepted")
            }
        }
        if let timeout {
            if timeout <= .zero { throw InputError("the timeout must be positive") }
            if timeout > InputLimits.longestDuration {
                throw InputError("the timeout is longer than \(Int(InputLimits.longestDuration.seconds / 86_400)) days (the longest duration accepted)")
            }
        }
        if let deadline { try Instant.checkAccepted(deadline) }
        if let startAfter { try Instant.checkAccepted(startAfter) }
        if let maxAttempts, !InputLimits.maxAttempts.contains(maxAttempts) {
            throw InputError("max attempts must be between \(InputLimits.maxAttempts.lowerBound) and \(InputLimits.maxAttempts.upperBound), not \(maxAttempts)")
        }
    }
}

extension JSONValue {
    /// The size of this value's compact JSON text in bytes, counted without writing it and
    /// given up as soon as it passes `limit` (the result is then some number above `limit`).
    public func encodedSize(upTo limit: Int) -> Int {
        var total = 0
        func add(_ value: JSONValue) {
            guard total <= limit else { return }
            switch value {
            case .null: total += 4
            case .bool(let flag): total += flag ? 4 : 5
            case .integer(let number): total += String(number).utf8.count
            case .number(let number): total += JSONWriter.format(number).utf8.count
            case .string(let text): total += Self.quotedSize(text)
            case .array(let elements):
                total += 1 + max(elements.count - 1, 0) + 1
                for element in elements {
                    add(element)
                    if total > limit { return }
                }
            case .object(let members):
                total += 1 + max(members.count - 1, 0) + 1
                for (key, member) in members {
                    total += Self.quotedSize(key) + 1
                    add(member)
                    if total > limit { return }
                }
            }
        }
        add(self)
        return total
    }

    /// The size of `text` written as a JSON string, quotes and escapes included.
    static func quotedSize(_ text: String) -> Int {
        var size = 2
        for byte in text.utf8 {
            switch byte {
            case 0x22, 0x5C, 0x0A, 0x0D, 0x09: size += 2
            case 0..<0x20: size += 6
            default: size += 1
            }
        }
        return size
    }
}
