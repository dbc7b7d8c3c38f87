import Actors
import Foundation
import Kernel
import Messages
import Synchronization

/// Daily bars read once per process: a run reads its daily files when it is built, and the runs of
/// one process — a Gymnasium environment's episodes, a chaos suite's or a sweep's seeds — would
/// read the same file again each time (most of a daily scenario's set-up). The bars are keyed by
/// the file's path, size and modification time and by what was asked of it, so a file changed
/// between two runs is read again.
enum DailyBarsCache {
    struct Key: Hashable {
        let path: String
        let size: UInt64
        let modified: Double
        let symbol: SymbolID
        let pricePrecision: Int
        let from: Timestamp
        let to: Timestamp
    }

    /// At most this many files' bars are kept; more, and the cache starts again.
    static let capacity = 64
    private static let entries = Mutex<[Key: [Bar]]>([:])

    static func bars(path: String, symbol: SymbolID, pricePrecision: Int, topic: TopicID, from: Timestamp, to: Timestamp) throws -> [Bar] {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = (attributes?[.size] as? NSNumber)?.uint64Value,
              let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 else {
            // Not a plain file (or gone): read it, and let the reader report what is wrong.
            return try DailyBarCSV(path: path, symbol: symbol, pricePrecision: pricePrecision, topic: topic, from: from, to: to).loadedBars
        }
        let key = Key(path: path, size: size, modified: modified, symbol: symbol, pricePrecision: pricePrecision, from: from, to: to)
        if let cached = entries.withLock({ $0[key] }) { return cached }
        let bars = try DailyBarCSV(path: path, symbol: symbol, pricePrecision: pricePrecision, topic: topic, from: from, to: to).loadedBars
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll() }
            entries[key] = bars
        }
        return bars
    }
}
