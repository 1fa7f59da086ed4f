extension Engine {
    /// Applies the queued operator commands and nothing else: no timers, no supervision, no
    /// scaling, no dispatch. This is what a command-line client does when it stands in for an
    /// absent engine (see `EngineHost.send`): it applies its own command and leaves the rest of
    /// the store — agents, pools, the engine's uptime — as the last engine left it.
    ///
    /// Commands that need a running engine to carry them out (starting an agent) are refused
    /// while `isStandIn` is set.
    public func applyCommandsOnly() {
        let now = clock.now()
        let commands = inbox
        inbox.removeAll()
        for (id, command, actor) in commands {
            let outcome = apply(command, actor: actor, now: now)
            if let id { changes.commandOutcomes.append((id, outcome)) }
        }
        // Effects are for agents, and none runs under a stand-in.
        effects.removeAll()
    }
}
