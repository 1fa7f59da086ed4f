import SwitchboardCore
import Testing

extension QueueConformance {
    static let recipientChecks: [QueueCheck] = [
        QueueCheck("a message for an agent is claimed only by that agent") { f in
            let id = try f.send(to: .agent("alice"))
            #expect(try f.claim("bob") == nil)
            #expect(try f.claim("alice")?.message.id == id)
        },
        QueueCheck("a message for a role is claimed by any agent with that role") { f in
            let id = try f.send(to: .role("builder"))
            #expect(try f.claim("bob") == nil)
            #expect(try f.claim("carol", roles: ["tester"]) == nil)
            let delivery = try #require(try f.claim("dave", roles: ["tester", "builder"]))
            #expect(delivery.message.id == id)
            #expect(delivery.message.leaseOwner == "dave")
        },
        QueueCheck("an agent takes the best of its own and its roles' messages") { f in
            let own = try f.send(.normal, to: .agent("dave"))
            let role = try f.send(.critical, to: .role("builder"))
            #expect(try f.claim("dave", roles: ["builder"])?.message.id == role)
            #expect(try f.claim("dave", roles: ["builder"])?.message.id == own)
        },
        QueueCheck("a broadcast gives every registered consumer its own copy") { f in
            for name in ["a", "b", "c"] { f.queue.register(Consumer(name: name)) }
            let ids = try f.queue.enqueue(MessageDraft(kind: .broadcast, sender: "ops", recipient: .broadcast))
            #expect(ids.count == 3)
            let copies = try ["a", "b", "c"].map { name in try #require(try f.claim(name)) }
            #expect(Set(copies.map(\.message.id)) == Set(ids))
            #expect(copies.map(\.message.recipient) == [.agent("a"), .agent("b"), .agent("c")])
            try f.queue.acknowledge(copies[0].message.id)
            #expect(f.status(copies[0].message.id) == .acknowledged)
            #expect(f.status(copies[1].message.id) == .processing)
            #expect(f.queue.counts()[.acknowledged] == 1)
        },
        QueueCheck("a broadcast with nobody registered is refused") { f in
            #expect(throws: QueueError.noRecipients) {
                try f.queue.enqueue(MessageDraft(sender: "ops", recipient: .broadcast))
            }
            #expect(f.queue.counts()[.pending] == 0)
        },
        QueueCheck("an unregistered consumer gets no further broadcasts") { f in
            f.queue.register(Consumer(name: "a"))
            f.queue.register(Consumer(name: "b"))
            f.queue.unregister(consumerNamed: "a")
            #expect(f.queue.consumers.map(\.name) == ["b"])
            let ids = try f.queue.enqueue(MessageDraft(sender: "ops", recipient: .broadcast))
            #expect(ids.count == 1)
        },
    ]
}
