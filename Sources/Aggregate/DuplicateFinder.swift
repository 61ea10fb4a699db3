import PledgeTallyCore
import Normalise

/// Finds pledges stated twice: same investor, amount phrase, domain text and
/// date (investor compared case- and accent-insensitively). Both are kept —
/// two tranches can look alike — but the run names both lines in a warning.
///
/// Memory is bounded whatever the input's size: an open-addressing table of
/// 16-byte slots (a 64-bit FNV-1a digest of the pledge's key, and where it was
/// first seen), growing to at most `maxSlots` (16 MiB). Past three quarters of
/// that (786,432 pledges) new pledges are still checked against those
/// recorded, but no longer recorded; `isSaturated` says so.
public struct DuplicateFinder: Sendable {
    public static let maxSlots = 1 << 20
    private var hashes: [UInt64] = Array(repeating: 0, count: 1 << 10)
    /// Source index (high 16 bits) and line (low 48 bits) of each slot.
    private var places: [UInt64] = Array(repeating: 0, count: 1 << 10)
    private var used = 0
    private var sources: [String] = []
    private var sourceIndex: [String: Int] = [:]
    /// Folded forms of investor names that are not ASCII: folding (canonical
    /// decomposition, case and marks) cost 2.9 s of the reading thread at 1M
    /// pledges (perf), and names repeat.
    private var foldedNames = TextMemo<String>(maxEntries: DuplicateFinder.foldedNamesLimit)
    static let foldedNamesLimit = 4096
    /// How many pledges repeated an earlier one.
    public private(set) var count = 0
    /// True once the table is full and later pledges are only checked.
    public private(set) var isSaturated = false

    public init() {}

    /// The place of the earlier pledge `pledge` repeats ("a.csv:3"), or nil.
    public mutating func check(_ pledge: Pledge) -> String? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        func mix(_ text: String, lowercased: Bool = false) {
            for byte in text.utf8 { mix(lowercased && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
            mix(0x1F)   // field separator
        }
        if pledge.investor.utf8.allSatisfy({ $0 < 0x80 }) {
            mix(pledge.investor, lowercased: true)
        } else {
            mix(folded(pledge.investor))
        }
        mix(pledge.amountText)
        mix(pledge.domainText)
        withUnsafeBytes(of: pledge.date.ordinal.littleEndian) { for byte in $0 { mix(byte) } }
        if hash == 0 { hash = 1 }   // 0 marks an empty slot

        var slot = Int(truncatingIfNeeded: hash) & (hashes.count - 1)
        while hashes[slot] != 0 {
            if hashes[slot] == hash {
                count += 1
                let packed = places[slot]
                return "\(sources[Int(packed >> 48)]):\(packed & 0xFFFF_FFFF_FFFF)"
            }
            slot = (slot + 1) & (hashes.count - 1)
        }
        if (used + 1) * 4 > hashes.count * 3 {
            guard hashes.count < Self.maxSlots else {
                isSaturated = true
                return nil
            }
            grow()
            slot = Int(truncatingIfNeeded: hash) & (hashes.count - 1)
            while hashes[slot] != 0 { slot = (slot + 1) & (hashes.count - 1) }
        }
        hashes[slot] = hash
        places[slot] = UInt64(sourceNumber(pledge.source)) << 48 | UInt64(max(0, pledge.line)) & 0xFFFF_FFFF_FFFF
        used += 1
        return nil
    }

    private mutating func folded(_ name: String) -> String {
        if let f = foldedNames[name] { return f }
        let f = TextFolding.fold(name)
        foldedNames.remember(f, for: name)
        return f
    }

    private mutating func sourceNumber(_ source: String) -> Int {
        if let s = sourceIndex[source] { return s }
        sources.append(source)
        sourceIndex[source] = sources.count - 1
        return sources.count - 1
    }

    private mutating func grow() {
        let oldHashes = hashes, oldPlaces = places
        hashes = Array(repeating: 0, count: oldHashes.count * 2)
        places = Array(repeating: 0, count: oldHashes.count * 2)
        for (h, p) in zip(oldHashes, oldPlaces) where h != 0 {
            var slot = Int(truncatingIfNeeded: h) & (hashes.count - 1)
            while hashes[slot] != 0 { slot = (slot + 1) & (hashes.count - 1) }
            hashes[slot] = h
            places[slot] = p
        }
    }
}
