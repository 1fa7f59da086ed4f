import SwitchboardCore
import Testing

extension QueueConformance {
    static let dependencyChecks: [QueueCheck] = [
        QueueCheck("a message is blocked until its dependencies are acknowledged") { f in
            let first = try f.send()
            let second = try f.send()
            let dependent = try f.send(.critical, dependsOn: [first, second])
            #expect(f.status(dependent) == .blocked)
            #expect(try f.claim()?.message.id == first)
            try f.queue.acknowledge(first)
            #expect(f.status(dependent) == .blocked)
            #expect(try f.claim()?.message.id == second)
            try f.queue.acknowledge(second)
            #expect(f.status(dependent) == .pending)
            #expect(try f.claim()?.message.id == dependent)
        },
        QueueCheck("when a dependency is cancelled its dependents are cancelled, recursively") { f in
            let root = try f.send()
            let middle = try f.send(dependsOn: [root])
            let leaf = try f.send(dependsOn: [middle])
            try f.queue.cancel(root, reason: "operator")
            #expect(f.status(middle) == .cancelled)
            #expect(f.status(leaf) == .cancelled)
            #expect(f.queue.message(middle)?.lastError == "dependency \(root) cancelled")
            #expect(f.queue.message(leaf)?.lastError == "dependency \(middle) cancelled")
        },
        QueueCheck("when a dependency is dead-lettered its dependents are cancelled") { f in
            let root = try f.send()
            let dependent = try f.send(dependsOn: [root])
            _ = try f.claim()
            try f.queue.reject(root, error: "fatal", retryable: false)
            #expect(f.status(dependent) == .cancelled)
            #expect(f.queue.message(dependent)?.lastError == "dependency \(root) failed")
        },
        QueueCheck("when a dependency expires its dependents are cancelled") { f in
            let root = try f.send(ttl: .seconds(1))
            let dependent = try f.send(dependsOn: [root])
            f.clock.advance(by: .seconds(2))
            try f.queue.sweep()
            #expect(f.status(root) == .expired)
            #expect(f.status(dependent) == .cancelled)
        },
        QueueCheck("an unknown dependency is refused and nothing is added") { f in
            #expect(throws: QueueError.unknownDependency(MessageID(77))) {
                try f.send(dependsOn: [MessageID(77)])
            }
            #expect(f.queue.list().isEmpty)
        },
        QueueCheck("a dependency on an acknowledged message is already met") { f in
            let done = try f.send()
            _ = try f.claim()
            try f.queue.acknowledge(done)
            let next = try f.send(dependsOn: [done])
            #expect(f.status(next) == .pending)
        },
        QueueCheck("a dependency on a dead letter cancels the new message at once") { f in
            let dead = try f.send(retry: RetryPolicy(maxRetries: 0))
            _ = try f.claim()
            try f.queue.reject(dead, error: "x")
            let next = try f.send(dependsOn: [dead])
            #expect(f.status(next) == .cancelled)
        },
        QueueCheck("a batch may carry a dependency graph between its drafts") { f in
            let drafts = [
                MessageDraft(sender: "t", recipient: .agent("a"), dependsOn: [.draft(1)]),
                MessageDraft(sender: "t", recipient: .agent("a")),
            ]
            let ids = try f.queue.enqueue(batch: drafts)
            #expect(ids[0].first < ids[1].first)
            #expect(f.status(ids[0].first) == .blocked)
            #expect(f.status(ids[1].first) == .pending)
            #expect(f.queue.message(ids[0].first)?.dependsOn == [ids[1].first])
        },
        QueueCheck("a batch whose dependencies form a cycle is refused whole") { f in
            let drafts = [
                MessageDraft(sender: "t", recipient: .agent("a")),
                MessageDraft(sender: "t", recipient: .agent("a"), dependsOn: [.draft(2)]),
                MessageDraft(sender: "t", recipient: .agent("a"), dependsOn: [.draft(1)]),
            ]
            #expect(throws: QueueError.dependencyCycle([1, 2, 1])) { try f.queue.enqueue(batch: drafts) }
            #expect(f.queue.list().isEmpty)
            #expect(throws: QueueError.dependencyCycle([0, 0])) {
                try f.queue.enqueue(batch: [MessageDraft(sender: "t", recipient: .agent("a"), dependsOn: [.draft(0)])])
            }
        },
    ]
}
