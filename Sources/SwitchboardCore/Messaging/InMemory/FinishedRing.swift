/// The most recently finished messages (acknowledged, expired, cancelled, purged), kept for
/// inspection. Bounded: the oldest is forgotten when a new one arrives and it is full.
struct FinishedRing {
    let capacity: Int
    private var storage: ContiguousArray<Message> = []
    private var head = 0

    init(capacity: Int) { self.capacity = capacity }

    mutating func append(_ message: consuming Message) {
        guard capacity > 0 else { return }
        if storage.count < capacity {
            storage.append(message)
        } else {
            storage[head] = message
            head = (head + 1) % capacity
        }
    }

    /// A linear scan: lookups of finished messages are rare and the ring is small.
    func message(_ id: MessageID) -> Message? {
        storage.last(where: { $0.id == id })
    }

    var all: ContiguousArray<Message> { storage }

    mutating func removeAll() {
        storage.removeAll()
        head = 0
    }
}

/// What became of every message that left memory, four bits per id, for recent ids: answers
/// "was m-42 acknowledged?" for dependencies and idempotent acknowledgements long after the
/// message itself was forgotten. Covers the newest `pagesKept` × 65 536 ids (16 M by default,
/// 8 MiB at most); a durable queue answers for older ids from its store.
struct OutcomeLedger {
    static let pageShift: UInt64 = 16
    static let pagesKept = 256

    /// Two outcomes per byte, in memory the page owns.
    final class Page {
        let nibbles: UnsafeMutablePointer<UInt8>

        init() {
            let count = (1 << Int(OutcomeLedger.pageShift)) / 2
            nibbles = .allocate(capacity: count)
            nibbles.initialize(repeating: 0, count: count)
        }

        deinit { nibbles.deallocate() }
    }

    private var pages: [UInt64: Page] = [:]
    private var cachedNumber: UInt64 = .max
    private var cachedPage: Page?

    init() {}

    private static func code(_ status: MessageStatus) -> UInt8 {
        switch status {
        case .acknowledged: 1
        case .expired: 2
        case .cancelled: 3
        case .failed: 4
        default: 0
        }
    }

    private static func status(_ code: UInt8) -> MessageStatus? {
        switch code {
        case 1: .acknowledged
        case 2: .expired
        case 3: .cancelled
        case 4: .failed
        default: nil
        }
    }

    @inline(__always)
    private mutating func page(for number: UInt64) -> Page {
        if number == cachedNumber, let cachedPage { return cachedPage }
        let page: Page
        if let existing = pages[number] {
            page = existing
        } else {
            page = Page()
            pages[number] = page
            if pages.count > Self.pagesKept, let oldest = pages.keys.min() { pages[oldest] = nil }
        }
        cachedNumber = number
        cachedPage = page
        return page
    }

    mutating func record(_ id: MessageID, _ status: MessageStatus) {
        let page = page(for: id.rawValue >> Self.pageShift)
        let within = Int(id.rawValue & ((1 << Self.pageShift) - 1))
        let shift = UInt8((within & 1) * 4)
        page.nibbles[within >> 1] = (page.nibbles[within >> 1] & ~(0x0F << shift)) | (Self.code(status) << shift)
    }

    func outcome(_ id: MessageID) -> MessageStatus? {
        guard let page = pages[id.rawValue >> Self.pageShift] else { return nil }
        let within = Int(id.rawValue & ((1 << Self.pageShift) - 1))
        return Self.status((page.nibbles[within >> 1] >> UInt8((within & 1) * 4)) & 0x0F)
    }

    mutating func removeAll() {
        pages.removeAll()
        cachedNumber = .max
        cachedPage = nil
    }
}

/// The changes a durable queue must write: which messages changed, and the final state of
/// those that left memory. Filled by `InMemoryMessageQueue` when journaling is on.
public struct MessageJournal: Sendable {
    public var touched: [MessageID] = []
    public var departed: [MessageID: Message] = [:]
    public var purged: Set<MessageID> = []

    public init() {}

    public var isEmpty: Bool { touched.isEmpty && purged.isEmpty }
}
