/// The bytes ``DataFileLines`` holds: one allocation that only grows, owned by a class so that a
/// reader can look at the current line through a plain buffer pointer, valid until the next
/// `advance()`, without a closure around the access.
final class LineBuffer {
    private(set) var storage: UnsafeMutableBufferPointer<UInt8>

    init(capacity: Int) {
        storage = .allocate(capacity: capacity)
        storage.initialize(repeating: 0)
    }

    deinit { storage.deallocate() }

    var count: Int { storage.count }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(storage) }

    /// Grows to at least `capacity`, keeping the first `keeping` bytes.
    func grow(to capacity: Int, keeping: Int) {
        guard capacity > storage.count else { return }
        let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        larger.initialize(repeating: 0)
        _ = larger.update(fromContentsOf: storage[0..<keeping])
        storage.deallocate()
        storage = larger
    }

    /// Moves `range` to the front (front to back, so the overlap is safe).
    func moveToFront(_ range: Range<Int>) {
        guard range.lowerBound > 0 else { return }
        for (target, source) in range.enumerated() { storage[target] = storage[source] }
    }
}
