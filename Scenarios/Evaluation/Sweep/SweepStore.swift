import Foundation
import Kernel
import Messages
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sweep's output directory: its manifest (`sweep.json`: the grid, the scenario and its text's
/// digest) and one result file per finished run (`runs/run-N.json`, written whole or not at all).
/// A sweep started again on the same directory skips the runs already there; a directory that
/// holds another sweep is refused rather than mixed.
public struct SweepStore: Sendable {
    public struct Manifest: Codable, Equatable, Sendable {
        public var scenario: String
        /// FNV-1a of the scenario file's text: an edited file is another sweep.
        public var scenario_digest: String
        public var until: String?
        public var grid: SweepGrid
        /// `--bootstrap N` (nil: none): it changes every run's result, so it is part of the sweep.
        public var bootstrap: Int?
    }

    public let directory: String
    public let manifest: Manifest

    public init(directory: String, manifest: Manifest) {
        self.directory = directory
        self.manifest = manifest
    }

    public static func manifest(scenarioPath: String, text: String, until: String?, grid: SweepGrid, bootstrap: Int? = nil) -> Manifest {
        Manifest(scenario: scenarioPath, scenario_digest: String(RandomStream.fnv1a64(text), radix: 16), until: until, grid: grid,
                 bootstrap: bootstrap)
    }

    var runsDirectory: String { directory + "/runs" }
    var manifestPath: String { directory + "/sweep.json" }

    func resultPath(_ run: Int) -> String { "\(runsDirectory)/run-\(run).json" }

    /// Creates the directory and writes the manifest, or checks that the one there is this sweep's.
    public func prepare() throws(EvaluationError) {
        let files = FileManager.default
        if let data = files.contents(atPath: manifestPath) {
            guard let existing = try? JSONDecoder().decode(Manifest.self, from: data) else {
                throw EvaluationError("\(manifestPath) is not a sweep manifest: choose another --out directory")
            }
            guard existing == manifest else {
                throw EvaluationError("\(directory) holds another sweep (\(existing.scenario), \(existing.grid.axes.map(\.key).joined(separator: ", ")), "
                                 + "\(existing.grid.seeds.count) seeds): choose another --out directory or delete it to start over")
            }
            return
        }
        do {
            try files.createDirectory(atPath: runsDirectory, withIntermediateDirectories: true)
            try Self.writeAtomically(Self.encoder.encode(manifest), to: manifestPath)
        } catch {
            throw EvaluationError("cannot write the sweep's directory \(directory): \(error.localizedDescription)")
        }
    }

    /// The result of a finished run, or nil when it has not finished (or its file is damaged: it
    /// is run again).
    public func result(_ run: Int) -> SweepRunResult? {
        guard let data = FileManager.default.contents(atPath: resultPath(run)),
              let result = try? JSONDecoder().decode(SweepRunResult.self, from: data), result.run == run else { return nil }
        return result
    }

    public func save(_ result: SweepRunResult) throws {
        try Self.writeAtomically(Self.encoder.encode(result), to: resultPath(result.run))
    }

    /// Every finished run's result, in run order; the runs still missing.
    public func collect() -> (results: [SweepRunResult], missing: [Int]) {
        var results: [SweepRunResult] = []
        var missing: [Int] = []
        for run in 0..<manifest.grid.runCount {
            if let result = result(run) { results.append(result) } else { missing.append(run) }
        }
        return (results, missing)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }()

    /// Written to a temporary file and renamed: an interrupted sweep leaves no half-written result.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let temporary = path + ".partial"
        try data.write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else {
            throw EvaluationError("cannot rename \(temporary) to \(path): \(String(cString: strerror(errno)))")
        }
    }
}
