import Foundation

/// The two batch scripts of `metronome slurm`: an array job whose task k runs shard k+1 of n into
/// the shared folder, and a merge job that runs once every task succeeded (afterok).
struct SlurmScripts {
    /// `chaos` or `sweep`, and the scenario's name: the jobs' names.
    var command: String
    var name: String
    /// The shard command without `--shard` (binary first); the merge command (binary first).
    var shardCommand: [String]
    var mergeCommand: [String]
    var shards: Int
    var out: String
    var partition: String?
    var time: String?

    var folder: String { out + "/slurm" }
    var shardsPath: String { folder + "/shards.sbatch" }
    var mergePath: String { folder + "/merge.sbatch" }
    /// The merge's exit status, written when it ends: what a watcher polls for.
    var mergeStatusPath: String { folder + "/merge.status" }

    private func header(job: String, output: String, array: Bool) -> [String] {
        var lines = ["#!/bin/bash", "#SBATCH --job-name=\(job)"]
        if array { lines.append("#SBATCH --array=0-\(shards - 1)") }
        lines += ["#SBATCH --output=\(output)", "#SBATCH --ntasks=1", "#SBATCH --cpus-per-task=1"]
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        if let time { lines.append("#SBATCH --time=\(time)") }
        return lines
    }

    var shardsScript: String {
        (header(job: "metronome-\(command)-\(name)", output: folder + "/shard-%a.out", array: true) + [
            "# Written by metronome slurm \(command); one array task per shard, all into one shared folder.",
            "# Slurm numbers the tasks from 0, --shard from 1. A shard already complete in the folder is skipped.",
            "set -euo pipefail",
            "exec \(Self.shellWords(shardCommand)) --shard \"$((SLURM_ARRAY_TASK_ID + 1))/\(shards)\"",
        ]).joined(separator: "\n") + "\n"
    }

    var mergeScript: String {
        (header(job: "metronome-merge-\(name)", output: folder + "/merge.out", array: false) + [
            "# Written by metronome slurm \(command); submitted with --dependency=afterok on the shards' array job.",
            "set -uo pipefail",
            "\(Self.shellWords(mergeCommand))",
            "status=$?",
            "echo \"$status\" > \(Self.shellWord(mergeStatusPath))",
            "exit \"$status\"",
        ]).joined(separator: "\n") + "\n"
    }

    static func shellWords(_ words: [String]) -> String { words.map(shellWord).joined(separator: " ") }

    static func shellWord(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_./=:,@%+".unicodeScalars.contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
