import SwitchboardCore
import Testing

extension QueueConformance {
    static let retryChecks: [QueueCheck] = [
        QueueCheck("a rejected message waits out a jittered backoff, then comes back") { f in
            let id = try f.send()
            _ = try f.claim()
            let start = f.clock.now()
            guard case .retryScheduled(let due) = try f.queue.reject(id, error: "boom") else {
                Issue.record("expected a retry")
                return
            }
            #expect(due >= start + .milliseconds(500))
            #expect(due <= start + .seconds(1))
            #expect(f.status(id) == .blocked)
            #expect(f.queue.message(id)?.availableAt == due)
            #expect(f.queue.message(id)?.lastError == "boom")
            #expect(try f.claim() == nil)
            f.clock.set(due)
            #expect(try f.claim()?.message.attempt == 2)
        },
        QueueCheck("backoff doubles up to the cap") { f in
            let id = try f.send(retry: RetryPolicy(baseDelay: .seconds(1), factor: 2, maxDelay: .seconds(3), maxRetries: 5))
            var delays: [Double] = []
            for _ in 0..<4 {
                _ = try #require(try f.claim())
                let before = f.clock.now()
                guard case .retryScheduled(let due) = try f.queue.reject(id, error: "x") else {
                    Issue.record("expected a retry")
                    return
                }
                delays.append((due - before).seconds)
                f.clock.set(due)
            }
            let nominal = [1.0, 2.0, 3.0, 3.0]
            for (delay, expected) in zip(delays, nominal) {
                #expect(delay >= expected / 2 - 0.001)
                #expect(delay <= expected + 0.001)
            }
        },
        QueueCheck("after its retries a message is dead-lettered, never dropped") { f in
            let id = try f.send()
            for attempt in 1...4 {
                let delivery = try #require(try f.claim())
                #expect(delivery.message.attempt == attempt)
                let outcome = try f.queue.reject(id, error: "failure \(attempt)")
                if attempt < 4 {
                    guard case .retryScheduled(let due) = outcome else {
                        Issue.record("expected a retry")
                        return
                    }
                    f.clock.set(due)
                } else {
                    #expect(outcome == .deadLettered)
                }
            }
            let dead = try #require(f.queue.message(id))
            #expect(dead.status == .failed)
            #expect(dead.lastError == "failure 4")
            #expect(f.queue.counts()[.failed] == 1)
            #expect(f.queue.metrics().deadLettered == 1)
            #expect(f.queue.metrics().retried == 3)
        },
        QueueCheck("a non-retryable failure dead-letters at once") { f in
            let id = try f.send()
            _ = try f.claim()
            #expect(try f.queue.reject(id, error: "bad input", retryable: false) == .deadLettered)
            #expect(f.status(id) == .failed)
        },
        QueueCheck("a message's own retry policy overrides the queue's") { f in
            let id = try f.send(retry: RetryPolicy(maxRetries: 0))
            _ = try f.claim()
            #expect(try f.queue.reject(id, error: "once") == .deadLettered)
        },
        QueueCheck(
            "the queue's retry policy applies to messages without their own",
            configuration: QueueConfiguration(retryPolicy: RetryPolicy(baseDelay: .seconds(10), maxRetries: 1))
        ) { f in
            let id = try f.send()
            #expect(f.queue.message(id)?.maxAttempts == 2)
            _ = try f.claim()
            let start = f.clock.now()
            guard case .retryScheduled(let due) = try f.queue.reject(id, error: "x") else {
                Issue.record("expected a retry")
                return
            }
            #expect(due >= start + .seconds(5))
            f.clock.set(due)
            _ = try f.claim()
            #expect(try f.queue.reject(id, error: "x") == .deadLettered)
        },
    ]
}
