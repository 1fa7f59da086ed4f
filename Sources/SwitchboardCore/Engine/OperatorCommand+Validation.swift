extension OperatorCommand {
    /// Replicas a pool may be given (`pool scale --min/--max`): 0 to 10 000.
    public static let replicaRange = 0...10_000

    /// Checks what can be checked without the engine's state: every text, number, time and
    /// size within `InputLimits`. The CLI calls it before writing the command into the store
    /// (so a bad value is exit 64 and nothing is stored); the engine calls it before applying
    /// any command, and refuses one that fails instead of acting on it.
    public func validate() throws(InputError) {
        switch self {
        case .submit(let specs):
            if specs.isEmpty { throw InputError("nothing to submit") }
            if specs.count > InputLimits.tasksPerSubmission {
                throw InputError("\(specs.count) tasks in one submission; at most \(InputLimits.tasksPerSubmission) are accepted")
            }
            for (position, spec) in specs.enumerated() {
                do {
                    try spec.validate()
                } catch {
                    throw specs.count == 1 ? error : InputError("task \(position + 1): \(error.message)")
                }
            }
        case .reprioritize(let selector, _), .shiftPriority(let selector, _), .retry(let selector), .pauseTasks(let selector),
             .resumeTasks(let selector):
            try selector.validate()
        case .cancel(let selector, let reason):
            try selector.validate()
            if let reason { try InputLimits.checkText(reason, "the reason", maxBytes: InputLimits.reasonBytes) }
        case .pauseQueue(let name), .resumeQueue(let name):
            try InputLimits.checkLine(name, "the queue name", maxBytes: InputLimits.nameBytes)
        case .send(let draft):
            try draft.validate()
        case .agent(_, let name):
            try InputLimits.checkLine(name, "the agent's name", maxBytes: InputLimits.nameBytes)
        case .scalePool(let name, let minimum, let maximum):
            try InputLimits.checkLine(name, "the pool's name", maxBytes: InputLimits.nameBytes)
            for (label, value) in [("min", minimum), ("max", maximum)] {
                if let value, !Self.replicaRange.contains(value) {
                    throw InputError("--\(label) must be between \(Self.replicaRange.lowerBound) and \(Self.replicaRange.upperBound), not \(value)")
                }
            }
        case .adjustReplicas(let name, let delta):
            try InputLimits.checkLine(name, "the pool's name", maxBytes: InputLimits.nameBytes)
            if delta < -Self.replicaRange.upperBound || delta > Self.replicaRange.upperBound { throw InputError("a change of \(delta) replicas is out of range") }
        }
    }
}

extension TaskSelector {
    /// Refuses selections of more ids than a submission may hold (a stored row could list any
    /// number).
    public func validate() throws(InputError) {
        if case .ids(let ids) = self, ids.count > InputLimits.tasksPerSubmission {
            throw InputError("\(ids.count) task ids in one command; at most \(InputLimits.tasksPerSubmission) are accepted")
        }
    }
}

extension MessageDraft {
    /// The body within `InputLimits.payloadBytes`, the ttl within the longest duration, names
    /// and tags one line each.
    public func validate() throws(InputError) {
        if body.bytes.count > InputLimits.payloadBytes {
            throw InputError("the message is \(body.bytes.count) bytes; at most \(InputLimits.payloadBytes) are accepted")
        }
        if let ttl {
            if ttl <= .zero { throw InputError("the ttl must be positive") }
            if ttl > InputLimits.longestDuration {
                throw InputError("the ttl is longer than \(Int(InputLimits.longestDuration.seconds / 86_400)) days (the longest duration accepted)")
            }
        }
        try InputLimits.checkLine(sender, "the sender", maxBytes: InputLimits.nameBytes)
        switch recipient {
        case .agent(let name), .role(let name): try InputLimits.checkLine(name, "the recipient", maxBytes: InputLimits.nameBytes)
        case .broadcast: break
        }
        for tag in tags { try InputLimits.checkLine(tag, "a tag", maxBytes: InputLimits.nameBytes) }
    }
}
