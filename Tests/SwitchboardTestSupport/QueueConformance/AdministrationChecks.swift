import SwitchboardCore
import Testing

extension QueueConformance {
    static let administrationChecks: [QueueCheck] = [
        QueueCheck("listing filters by status, priority, kind, tag, sender and recipient") { f in
            let a = try f.send(.high, to: .agent("x"), tags: ["red"], kind: .alert, sender: "s1")
            let b = try f.send(.low, to: .role("r"), tags: ["blue"], kind: .task, sender: "s2")
            let c = try f.send(.high, to: .agent("y"), tags: ["red", "blue"], kind: .task, sender: "s1")
            _ = try f.claim("x")
            #expect(f.queue.list(MessageFilter(statuses: [.processing])).map(\.id) == [a])
            #expect(f.queue.list(MessageFilter(priorities: [.high])).map(\.id) == [a, c])
            #expect(f.queue.list(MessageFilter(kinds: [.task])).map(\.id) == [b, c])
            #expect(f.queue.list(MessageFilter(tag: "blue")).map(\.id) == [b, c])
            #expect(f.queue.list(MessageFilter(sender: "s1")).map(\.id) == [a, c])
            #expect(f.queue.list(MessageFilter(recipient: .role("r"))).map(\.id) == [b])
            #expect(f.queue.list(MessageFilter(statuses: [.pending], priorities: [.high])).map(\.id) == [c])
        },
        QueueCheck("listing pages in id order") { f in
            let ids = try (0..<10).map { n in try f.send(Priority(rank: n % 5)!) }
            #expect(f.queue.list(.all, page: PageRequest(offset: 0, limit: 3)).map(\.id) == Array(ids[0..<3]))
            #expect(f.queue.list(.all, page: PageRequest(offset: 8, limit: 5)).map(\.id) == Array(ids[8..<10]))
            #expect(f.queue.list(.all, page: PageRequest(offset: 20, limit: 5)).isEmpty)
        },
        QueueCheck("finished messages can still be looked up and listed") { f in
            let id = try f.send()
            _ = try f.claim()
            try f.queue.acknowledge(id)
            #expect(f.queue.message(id)?.status == .acknowledged)
            #expect(f.queue.list(MessageFilter(statuses: [.acknowledged])).map(\.id) == [id])
        },
        QueueCheck("counts cover every status") { f in
            f.queue.register(Consumer(name: "a"))
            let acked = try f.send()
            _ = try f.send()
            let blocked = try f.send(dependsOn: [acked])
            let cancelled = try f.send(.low)
            try f.queue.cancel(cancelled, reason: "no longer needed")
            _ = try f.claim()
            try f.queue.acknowledge(acked)
            let dead = try f.send(.critical, retry: RetryPolicy(maxRetries: 0))
            _ = try f.claim()
            try f.queue.reject(dead, error: "x")
            _ = try f.send(ttl: .seconds(1))
            f.clock.advance(by: .seconds(2))
            try f.queue.sweep()
            let counts = f.queue.counts()
            #expect(f.status(blocked) == .pending)
            #expect(counts[.pending] == 2)
            #expect(counts[.blocked] == 0)
            #expect(counts[.processing] == 0)
            #expect(counts[.acknowledged] == 1)
            #expect(counts[.failed] == 1)
            #expect(counts[.expired] == 1)
            #expect(counts[.cancelled] == 1)
        },
        QueueCheck("cancelling works on waiting and in-flight messages, not on dead letters") { f in
            let waiting = try f.send(.low)
            let inFlight = try f.send(.high)
            _ = try f.claim()
            try f.queue.cancel(waiting, reason: "operator")
            try f.queue.cancel(inFlight, reason: "operator")
            #expect(f.status(waiting) == .cancelled)
            #expect(f.status(inFlight) == .cancelled)
            #expect(f.queue.message(waiting)?.lastError == "operator")
            #expect(throws: QueueError.invalidTransition(inFlight, from: .cancelled, action: "acknowledge")) {
                try f.queue.acknowledge(inFlight)
            }
            let dead = try f.send(retry: RetryPolicy(maxRetries: 0))
            _ = try f.claim()
            try f.queue.reject(dead, error: "x")
            #expect(throws: QueueError.self) { try f.queue.cancel(dead, reason: "x") }
        },
        QueueCheck("dead letters can be requeued with fresh attempts, or purged") { f in
            let policy = RetryPolicy(maxRetries: 0)
            let first = try f.send(retry: policy)
            let second = try f.send(retry: policy)
            for id in [first, second] {
                _ = try f.claim()
                try f.queue.reject(id, error: "x")
            }
            #expect(try f.queue.requeueDeadLetters([first]) == 1)
            #expect(f.status(first) == .pending)
            #expect(f.queue.message(first)?.attempt == 0)
            #expect(try f.claim()?.message.id == first)
            #expect(try f.queue.purgeDeadLetters(before: nil) == 1)
            #expect(f.queue.counts()[.failed] == 0)
            #expect(f.queue.list(MessageFilter(statuses: [.failed])).isEmpty)
        },
        QueueCheck("metrics count every outcome and measure wait and service time") { f in
            let id = try f.send(.urgent)
            f.clock.advance(by: .milliseconds(250))
            _ = try f.claim()
            f.clock.advance(by: .milliseconds(100))
            try f.queue.acknowledge(id)
            let other = try f.send(.low)
            f.clock.advance(by: .seconds(3))
            let metrics = f.queue.metrics()
            #expect(metrics.enqueued == 2)
            #expect(metrics.claimed == 1)
            #expect(metrics.acknowledged == 1)
            #expect(metrics.depthByPriority[.low] == 1)
            #expect(metrics.pending == 1)
            #expect(metrics.inFlight == 0)
            #expect(abs(Double(metrics.wait.p50) / 1e6 - 250) < 10)
            #expect(abs(Double(metrics.service.p99) / 1e6 - 100) < 5)
            #expect(abs((metrics.oldestPendingAge ?? 0) - 3) < 0.01)
            _ = other
        },
        QueueCheck("the JSON form uses lowercase names and round-trips") { f in
            let id = try f.queue.enqueue(
                MessageDraft(
                    kind: .validation, priority: .urgent, sender: "cli", recipient: .role("captain"),
                    body: MessageBody(json: ["n": 1]), tags: ["t"], metadata: ["k": "v"], ttl: .seconds(30))
            ).first
            let message = try #require(f.queue.message(id))
            let text = try JSONCoding.encodeToString(message)
            #expect(text.contains(#""priority":"urgent""#))
            #expect(text.contains(#""kind":"validation""#))
            #expect(text.contains(#""status":"pending""#))
            #expect(text.contains(#""recipient":"role:captain""#))
            #expect(text.contains(#""body":{"json":{"n":1}}"#))
            let decoded = try JSONCoding.decode(Message.self, from: text)
            #expect(decoded == message)
        },
    ]
}
