import CMalloc

/// What the C heap holds (`mallinfo2(3)`, over all of glibc's arenas), for `/metrics`.
struct HeapFigures {
    /// Bytes in live allocations, SQLite's included (`uordblks` plus `hblkhd`, the mmap'd blocks).
    let inUse: Int
    /// Bytes freed and kept by the allocator for reuse (`fordblks`).
    let free: Int

    /// The figures now. Walks every arena under its lock: meant for a scrape, not a request.
    static func now() -> HeapFigures {
        let info = mallinfo2()
        return HeapFigures(inUse: Int(info.uordblks + info.hblkhd), free: Int(info.fordblks))
    }
}
