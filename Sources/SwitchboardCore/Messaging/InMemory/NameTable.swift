/// An open-addressing hash table from names (agent names, roles) to small integers, with an
/// FNV-1a hash. The queue looks up a recipient's heap on every enqueue and claim; the standard
/// Dictionary's SipHash over a `Recipient` cost more than the rest of a claim. The names come
/// from the operator's own swarm, so a hash without flooding resistance is acceptable; the
/// seed is per table so that a pathological set of names is not pathological everywhere.
struct NameTable {
    private var keys: ContiguousArray<String?>
    private var values: ContiguousArray<Int32>
    private var mask: Int
    private(set) var count = 0
    private let seed: UInt64

    init(seed: UInt64 = 0xCBF2_9CE4_8422_2325) {
        keys = ContiguousArray(repeating: nil, count: 16)
        values = ContiguousArray(repeating: -1, count: 16)
        mask = 15
        self.seed = seed
    }

    @inline(__always)
    private func hash(_ name: String) -> Int {
        let h = name.utf8.withContiguousStorageIfAvailable { bytes in Self.fnv1a(bytes, seed: seed) }
            ?? Self.fnv1a(Array(name.utf8), seed: seed)
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    @inline(__always)
    private static func fnv1a<Bytes: Collection<UInt8>>(_ bytes: Bytes, seed: UInt64) -> UInt64 {
        var h = seed
        for byte in bytes {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    @inline(__always)
    func value(for name: String) -> Int? {
        var index = hash(name) & mask
        while let key = keys[index] {
            if key == name { return Int(values[index]) }
            index = (index + 1) & mask
        }
        return nil
    }

    mutating func set(_ value: Int, for name: String) {
        if (count + 1) * 4 > keys.count * 3 { grow() }
        var index = hash(name) & mask
        while let key = keys[index] {
            if key == name {
                values[index] = Int32(value)
                return
            }
            index = (index + 1) & mask
        }
        keys[index] = name
        values[index] = Int32(value)
        count += 1
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = ContiguousArray(repeating: nil, count: oldKeys.count * 2)
        values = ContiguousArray(repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (key, value) in zip(oldKeys, oldValues) {
            if let key { set(Int(value), for: key) }
        }
    }
}
