import ArgumentParser
import Foundation
import Scenarios

/// The options of `metronome slurm chaos|sweep` that shape the jobs rather than the runs.
struct SlurmOptions: ParsableArguments {
    @Option(help: "Shards: array tasks, each running every n-th seed (or run).")
    var shards: Int

    @Option(help: "The Slurm partition (default: the cluster's).")
    var partition: String?

    @Option(help: "Each task's time limit, as sbatch takes it (e.g. 30:00).")
    var time: String?

    @Option(help: "The metronome binary on the nodes (default: this one).")
    var binary: String?

    @Flag(help: "Submit the scripts with sbatch and print the job ids.")
    var submit = false

    @Flag(name: .customLong("dry-run"), help: "Print the scripts; write and submit nothing.")
    var dryRun = false

    func validate() throws {
        guard (1...100_000).contains(shards) else { throw ValidationError("--shards expects 1 to 100000, found \(shards)") }
        guard !(submit && dryRun) else { throw ValidationError("--submit and --dry-run exclude each other") }
    }

    var binaryPath: String {
        binary ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    }

    /// A path as the nodes see it: absolute (they start in another folder).
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path).standardized.path
    }

    /// A scenario argument for the nodes: a file made absolute, a library name kept.
    static func scenarioForNodes(_ argument: String) -> String {
        FileManager.default.fileExists(atPath: argument) ? absolute(argument) : argument
    }

    /// Writes (or prints, or submits) the scripts.
    func emit(_ scripts: SlurmScripts) throws {
        if dryRun {
            print("# \(scripts.shardsPath)\n\(scripts.shardsScript)\n# \(scripts.mergePath)\n\(scripts.mergeScript)", terminator: "")
            return
        }
        try FileManager.default.createDirectory(atPath: scripts.folder, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: scripts.mergeStatusPath)
        try ReportFile.write(Data(scripts.shardsScript.utf8), to: scripts.shardsPath)
        try ReportFile.write(Data(scripts.mergeScript.utf8), to: scripts.mergePath)
        guard submit else {
            print("""
                wrote \(scripts.shardsPath) and \(scripts.mergePath); submit them with
                  shards=$(sbatch --parsable \(scripts.shardsPath)) && sbatch --dependency=afterok:${shards%%;*} \(scripts.mergePath)
                """)
            return
        }
        let arrayJob = try Self.sbatch([scripts.shardsPath])
        let mergeJob = try Self.sbatch(["--dependency=afterok:\(arrayJob)", scripts.mergePath])
        print("""
            submitted shards: job \(arrayJob) (array 0-\(scripts.shards - 1)), merge: job \(mergeJob) (after every shard succeeds)
              watch:  squeue -j \(arrayJob),\(mergeJob)
              logs:   \(scripts.folder)/shard-*.out, \(scripts.folder)/merge.out
              report: \(scripts.out)/report.json and report.html; exit status in \(scripts.mergeStatusPath)
            """)
    }

    /// `sbatch --parsable ARGS`: the job id (without a cluster name).
    static func sbatch(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sbatch", "--parsable"] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { throw CommandFailure.badInput("metronome: error: cannot start sbatch: \(error)") }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let id = text.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        guard process.terminationStatus == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw CommandFailure.checkFailed("metronome: error: sbatch \(arguments.joined(separator: " ")) failed (exit \(process.terminationStatus)): "
                                             + message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return id
    }
}
