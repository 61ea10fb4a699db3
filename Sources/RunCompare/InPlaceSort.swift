/// A type that ``InPlaceSort`` orders: `precedes` is a strict total order
/// (no two distinct items are equal in it), so that the sort's lack of
/// stability cannot change the result.
protocol InPlaceSortable {
    static func precedes(_ a: Self, _ b: Self) -> Bool
}

/// An introsort (quicksort, median of three, heapsort past the depth
/// limit) that needs no memory beside the array.
///
/// Why not `Array.sort`: it is a merge sort with a buffer of half the
/// array: 16 MB for pass 1's entries of 1M rows, which a run with a
/// 1M-pledge run in Output/ holds on top of both runs' entries, at its peak
/// (issue 11: 150 MB); 24 MB for the report order's keys of two 1M-pledge
/// runs that share no pledge, at the diff's peak (200 MB).
enum InPlaceSort {
    /// `depth`: quicksort levels before heapsort takes over (tests set it low).
    static func sort<T: InPlaceSortable>(_ items: inout [T], depth: Int? = nil) {
        items.withUnsafeMutableBufferPointer { sort($0, depth: depth) }
    }

    static func sort<T: InPlaceSortable>(_ b: UnsafeMutableBufferPointer<T>, depth: Int? = nil) {
        guard b.count > 1, let p = b.baseAddress else { return }
        introsort(p, 0, b.count - 1, depth: depth ?? 2 * (Int.bitWidth - b.count.leadingZeroBitCount))
    }

    @inline(__always)
    private static func less<T: InPlaceSortable>(_ a: T, _ b: T) -> Bool { T.precedes(a, b) }

    private static func introsort<T: InPlaceSortable>(_ p: UnsafeMutablePointer<T>, _ low: Int, _ high: Int, depth: Int) {
        var lo = low, hi = high, depth = depth
        while hi - lo > 16 {
            if depth == 0 {
                heapsort(p + lo, hi - lo + 1)
                return
            }
            depth -= 1
            let mid = lo + (hi - lo) / 2
            if less(p[mid], p[lo]) { swap(&p[mid], &p[lo]) }
            if less(p[hi], p[lo]) { swap(&p[hi], &p[lo]) }
            if less(p[hi], p[mid]) { swap(&p[hi], &p[mid]) }
            let pivot = p[mid]
            var i = lo, j = hi
            while i <= j {
                while less(p[i], pivot) { i += 1 }
                while less(pivot, p[j]) { j -= 1 }
                if i <= j {
                    if i != j { swap(&p[i], &p[j]) }
                    i += 1
                    j -= 1
                }
            }
            // The smaller part by recursion, the larger by the loop: log n deep at most.
            if j - lo < hi - i {
                if lo < j { introsort(p, lo, j, depth: depth) }
                lo = i
            } else {
                if i < hi { introsort(p, i, hi, depth: depth) }
                hi = j
            }
        }
        guard lo < hi else { return }
        for k in (lo + 1)...hi {
            let x = p[k]
            var m = k
            while m > lo && less(x, p[m - 1]) {
                p[m] = p[m - 1]
                m -= 1
            }
            p[m] = x
        }
    }

    private static func heapsort<T: InPlaceSortable>(_ p: UnsafeMutablePointer<T>, _ n: Int) {
        func sift(_ start: Int, _ end: Int) {
            var root = start
            while 2 * root + 1 < end {
                var child = 2 * root + 1
                if child + 1 < end && less(p[child], p[child + 1]) { child += 1 }
                guard less(p[root], p[child]) else { return }
                swap(&p[root], &p[child])
                root = child
            }
        }
        for s in stride(from: n / 2 - 1, through: 0, by: -1) { sift(s, n) }
        for end in stride(from: n - 1, to: 0, by: -1) {
            swap(&p[0], &p[end])
            sift(0, end)
        }
    }
}

extension DiffSide {
    /// Sorts entries by (key, rank, place) in place. Every entry's (key,
    /// rank, place) differs — a place is one row of one file, and rank
    /// tells the two files apart — so the order is total.
    static func sort(_ entries: inout [Entry], depth: Int? = nil) { InPlaceSort.sort(&entries, depth: depth) }
}

extension DiffSide.Entry: InPlaceSortable {
    @inline(__always)
    static func precedes(_ a: Self, _ b: Self) -> Bool {
        if a.key != b.key { return a.key < b.key }
        if a.rank != b.rank { return a.rank < b.rank }
        return a.place < b.place
    }
}

extension UInt64: InPlaceSortable {
    @inline(__always)
    static func precedes(_ a: UInt64, _ b: UInt64) -> Bool { a < b }
}
