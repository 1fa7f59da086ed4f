/// Maps a message id to its slot in the slab in O(1) without hashing.
///
/// Ids are handed out in increasing order and live messages cluster in a window of recent
/// ids, so the map is an array of 4096-entry pages covering that window; a page is dropped
/// when its last message leaves. A dictionary would cost a hash and about 30 bytes a message;
/// this costs two array loads and about 4 bytes.
struct PagedSlotIndex {
    static let pageShift: UInt64 = 12
    static let pageSize = 1 << 12
    static let absent = UInt32.max

    /// A page is a class so that the index can be copied cheaply; it is only ever used by the
    /// queue that owns it, on one thread, so its fields need no dynamic exclusivity checks.
    final class Page {
        @exclusivity(unchecked) var slots: [UInt32] = Array(repeating: PagedSlotIndex.absent, count: PagedSlotIndex.pageSize)
        @exclusivity(unchecked) var live = 0
    }

    private var pages: ContiguousArray<Page?> = []
    private var firstPage: UInt64 = 0

    @inline(__always)
    func slot(for id: UInt64) -> UInt32? {
        let pageNumber = id >> Self.pageShift
        guard pageNumber >= firstPage else { return nil }
        let offset = Int(pageNumber - firstPage)
        guard offset < pages.count, let page = pages[offset] else { return nil }
        let slot = page.slots[Int(id & UInt64(Self.pageSize - 1))]
        return slot == Self.absent ? nil : slot
    }

    @inline(__always)
    mutating func set(_ slot: UInt32, for id: UInt64) {
        let pageNumber = id >> Self.pageShift
        if pages.isEmpty {
            firstPage = pageNumber
        } else if pageNumber < firstPage {
            let missing = Int(firstPage - pageNumber)
            pages.insert(contentsOf: repeatElement(nil, count: missing), at: 0)
            firstPage = pageNumber
        }
        let offset = Int(pageNumber - firstPage)
        if offset >= pages.count { pages.append(contentsOf: repeatElement(nil, count: offset - pages.count + 1)) }
        let page: Page
        if let existing = pages[offset] {
            page = existing
        } else {
            page = Page()
            pages[offset] = page
        }
        let index = Int(id & UInt64(Self.pageSize - 1))
        if page.slots[index] == Self.absent { page.live += 1 }
        page.slots[index] = slot
    }

    @inline(__always)
    mutating func remove(_ id: UInt64) {
        let pageNumber = id >> Self.pageShift
        guard pageNumber >= firstPage else { return }
        let offset = Int(pageNumber - firstPage)
        guard offset < pages.count, let page = pages[offset] else { return }
        let index = Int(id & UInt64(Self.pageSize - 1))
        guard page.slots[index] != Self.absent else { return }
        page.slots[index] = Self.absent
        page.live -= 1
        if page.live == 0 {
            pages[offset] = nil
            trimEmptyPages()
        }
    }

    private mutating func trimEmptyPages() {
        while let last = pages.last, last == nil { pages.removeLast() }
        var leading = 0
        while leading < pages.count, pages[leading] == nil { leading += 1 }
        if leading > 0 {
            pages.removeFirst(leading)
            firstPage += UInt64(leading)
        }
    }

    /// The smallest id above `id` that has a slot, skipping empty pages.
    func nextOccupiedID(after id: UInt64) -> UInt64? {
        var candidate = max(id + 1, firstPage << Self.pageShift)
        while true {
            let pageNumber = candidate >> Self.pageShift
            let offset = Int(pageNumber - firstPage)
            guard offset < pages.count else { return nil }
            if let page = pages[offset] {
                var index = Int(candidate & UInt64(Self.pageSize - 1))
                while index < Self.pageSize {
                    if page.slots[index] != Self.absent { return (pageNumber << Self.pageShift) | UInt64(index) }
                    index += 1
                }
            }
            candidate = (pageNumber + 1) << Self.pageShift
        }
    }

    mutating func removeAll() {
        pages.removeAll()
        firstPage = 0
    }
}
