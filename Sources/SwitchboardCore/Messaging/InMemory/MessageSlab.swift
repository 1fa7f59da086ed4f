/// The queue's message storage: one contiguous block of `Message` slots that grows by doubling.
///
/// Its subscript is an addressor, so `slab[slot].status = .pending` changes one field in place.
/// Through an `Array`, the same statement may copy the whole message (five reference counts)
/// to change one byte, which was most of the cost of a claim. Slots are never deinitialized
/// until the slab is: a freed slot holds a vacant message and is reused by the queue.
final class MessageSlab {
    @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<Message>
    @exclusivity(unchecked) private(set) var capacity: Int
    /// Slots in use or freed; all of them are initialized.
    @exclusivity(unchecked) private(set) var count = 0

    init(capacity: Int = 1024) {
        self.capacity = max(16, capacity)
        base = UnsafeMutablePointer<Message>.allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    subscript(slot: Int) -> Message {
        @inline(__always) unsafeAddress {
            precondition(slot >= 0 && slot < count, "slot out of range")
            return UnsafePointer(base + slot)
        }
        @inline(__always) unsafeMutableAddress {
            precondition(slot >= 0 && slot < count, "slot out of range")
            return base + slot
        }
    }

    var indices: Range<Int> { 0..<count }

    /// Puts a message into a slot, releasing what was there.
    @inline(__always)
    func replace(_ slot: Int, with message: consuming Message) {
        precondition(slot >= 0 && slot < count, "slot out of range")
        (base + slot).deinitialize(count: 1)
        (base + slot).initialize(to: message)
    }

    /// Moves the message out of a slot, leaving `replacement` in its place.
    @inline(__always)
    func take(_ slot: Int, leaving replacement: Message) -> Message {
        precondition(slot >= 0 && slot < count, "slot out of range")
        let message = (base + slot).move()
        (base + slot).initialize(to: replacement)
        return message
    }

    /// Adds a slot holding `message`; returns its index.
    @inline(__always)
    func append(_ message: consuming Message) -> Int {
        if count == capacity { grow() }
        (base + count).initialize(to: message)
        count += 1
        return count - 1
    }

    private func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Message>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
