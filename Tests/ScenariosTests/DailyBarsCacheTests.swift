import Foundation
import Kernel
import Messages
@testable import ScenarioRunning
import Testing

/// Daily files are read once per process, and again when they change.
@Suite struct DailyBarsCacheTests {
    static let header = "Date,Open,High,Low,Close,Adj Close,Volume\n"

    @Test func aChangedFileIsReadAgain() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bars-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try (Self.header + "2024-03-01,10.00,11.00,9.50,10.50,10.50,1000\n").write(toFile: path, atomically: true, encoding: .utf8)
        let first = try DailyBarsCache.bars(path: path, symbol: 0, pricePrecision: 2, topic: TopicID(rawValue: 0), from: 0, to: .max)
        let again = try DailyBarsCache.bars(path: path, symbol: 0, pricePrecision: 2, topic: TopicID(rawValue: 0), from: 0, to: .max)
        #expect(first.count == 1 && first == again && first[0].close == 1_050)
        try (Self.header + "2024-03-01,10.00,11.00,9.50,10.75,10.75,1000\n2024-03-04,10.75,12.00,10.00,11.25,11.25,900\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let changed = try DailyBarsCache.bars(path: path, symbol: 0, pricePrecision: 2, topic: TopicID(rawValue: 0), from: 0, to: .max)
        #expect(changed.count == 2 && changed[0].close == 1_075, "the new content, not the cached one")
        // Another span of the same file is its own entry.
        let later = try DailyBarsCache.bars(path: path, symbol: 0, pricePrecision: 2, topic: TopicID(rawValue: 0), from: changed[1].periodStart, to: .max)
        #expect(later.count == 1 && later[0].close == 1_125)
    }
}
