/// A binary min-heap over a contiguous array. The queue uses it with lazy deletion: entries
/// that no longer match their message are skipped when they surface, and the heap is rebuilt
/// from its valid entries when stale ones outnumber them, which keeps every operation
/// amortised O(log n).
struct MinHeap<Element: Comparable> {
    private(set) var storage: ContiguousArray<Element> = []

    var count: Int { storage.count }
    var isEmpty: Bool { storage.isEmpty }
    var min: Element? { storage.first }

    mutating func reserveCapacity(_ capacity: Int) { storage.reserveCapacity(capacity) }

    @inline(__always)
    mutating func push(_ element: Element) {
        storage.append(element)
        storage.withUnsafeMutableBufferPointer { buffer in
            var child = buffer.count - 1
            let moving = buffer[child]
            while child > 0 {
                let parent = (child - 1) >> 1
                let parentElement = buffer[parent]
                if !(moving < parentElement) { break }
                buffer[child] = parentElement
                child = parent
            }
            buffer[child] = moving
        }
    }

    @inline(__always)
    @discardableResult
    mutating func popMin() -> Element? {
        guard let last = storage.popLast() else { return nil }
        guard !storage.isEmpty else { return last }
        let top = storage[0]
        storage.withUnsafeMutableBufferPointer { buffer in
            let count = buffer.count
            var parent = 0
            while true {
                let left = 2 * parent + 1
                if left >= count { break }
                let right = left + 1
                var smallest = left
                if right < count, buffer[right] < buffer[left] { smallest = right }
                if !(buffer[smallest] < last) { break }
                buffer[parent] = buffer[smallest]
                parent = smallest
            }
            buffer[parent] = last
        }
        return top
    }

    /// Keeps only the entries for which `isValid` holds and restores the heap order in O(n).
    mutating func rebuild(keeping isValid: (Element) -> Bool) {
        storage.removeAll(where: { !isValid($0) })
        guard storage.count > 1 else { return }
        storage.withUnsafeMutableBufferPointer { buffer in
            var start = buffer.count / 2 - 1
            while start >= 0 {
                var parent = start
                let moving = buffer[parent]
                while true {
                    let left = 2 * parent + 1
                    if left >= buffer.count { break }
                    let right = left + 1
                    var smallest = left
                    if right < buffer.count, buffer[right] < buffer[left] { smallest = right }
                    if !(buffer[smallest] < moving) { break }
                    buffer[parent] = buffer[smallest]
                    parent = smallest
                }
                buffer[parent] = moving
                start -= 1
            }
        }
    }

    mutating func removeAll() { storage.removeAll(keepingCapacity: false) }
}

/// A timer: a message id due at an instant. Ordered by time, then id.
struct TimerEntry: Comparable {
    var at: Int64
    var id: UInt64

    @inline(__always)
    static func < (lhs: TimerEntry, rhs: TimerEntry) -> Bool {
        lhs.at < rhs.at || (lhs.at == rhs.at && lhs.id < rhs.id)
    }
}

/// A pending message in a ready heap: its order key and its slot (see
/// `QueueCore.isReadyEntryValid` for when an entry is current).
struct ReadyEntry: Comparable {
    var key: UInt64
    var slot: UInt32

    @inline(__always)
    static func < (lhs: ReadyEntry, rhs: ReadyEntry) -> Bool { lhs.key < rhs.key }

    @inline(__always)
    static func == (lhs: ReadyEntry, rhs: ReadyEntry) -> Bool { lhs.key == rhs.key && lhs.slot == rhs.slot }
}

/// The order of pending messages in a ready heap, packed into one word: the inverted priority
/// rank in the top 4 bits and the id below, so the smallest key is the highest priority, then
/// the oldest message.
enum ReadyKey {
    static let idMask: UInt64 = (1 << 60) - 1

    @inline(__always)
    static func make(rank: Int, id: UInt64) -> UInt64 { UInt64(4 - rank) << 60 | (id & idMask) }

    @inline(__always)
    static func id(of key: UInt64) -> UInt64 { key & idMask }

    @inline(__always)
    static func rank(of key: UInt64) -> Int { 4 - Int(key >> 60) }
}
