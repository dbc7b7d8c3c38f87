import Foundation

/// Results gathered from worker threads.
final class ChaosCollected: @unchecked Sendable {
    private let lock = NSLock()
    private var storedResults: [ChaosSeedResult] = []
    private var storedFailures: [String] = []

    func add(_ result: ChaosSeedResult) { lock.withLock { storedResults.append(result) } }
    func fail(_ message: String) { lock.withLock { storedFailures.append(message) } }
    var results: [ChaosSeedResult] { lock.withLock { storedResults } }
    var failures: [String] { lock.withLock { storedFailures } }
}
