import ArgumentParser
import Kernel
import Messages
import Scenarios

/// `--record PATH [--record-signals] [--codec zstd|lz4|none] [--level N] [--block-size BYTES] [--fsync-interval DURATION]`.
struct RecordingOptions: ParsableArguments {
    @Option(help: "Record every input (and every decision) to this log file.")
    var record: String?

    @Flag(name: .customLong("record-signals"),
          help: "Also record every signal, the indicator values behind it, every forecast and slate (a format-5 log, about 3× the bytes; docs/log-format.md).")
    var recordSignals = false

    @Option(help: "Block compression: zstd (default), lz4 or none.")
    var codec: String = "zstd"

    @Option(help: "Compression level (zstd 1–19, default 1; lz4 0–12, default 0).")
    var level: Int32?

    @Option(name: .customLong("block-size"), help: "Uncompressed bytes per block (default 1048576).")
    var blockSize: Int = JournalFormat.defaultBlockBytes

    @Option(name: .customLong("fsync-interval"), help: "Group commit: wall time between fsyncs, e.g. 100ms (0 = every block). Default 1s.")
    var fsyncInterval: String = "1s"

    func validate() throws {
        guard BlockCodec(name: codec) != nil else { throw ValidationError("--codec must be zstd, lz4 or none, not '\(codec)'") }
        guard blockSize >= 4096, blockSize <= JournalFormat.maximumBlockBytes else {
            throw ValidationError("--block-size must be between 4096 and \(JournalFormat.maximumBlockBytes)")
        }
        if let level, codec == "zstd", !(1...19).contains(level) { throw ValidationError("--level for zstd must be 1–19") }
        if let level, codec == "lz4", !(0...12).contains(level) { throw ValidationError("--level for lz4 must be 0–12") }
        if level != nil, codec == "none" { throw ValidationError("--level has no meaning with --codec none") }
        if record == nil, codec != "zstd" || level != nil { throw ValidationError("--codec and --level need --record PATH") }
        if record == nil, recordSignals { throw ValidationError("--record-signals needs --record PATH") }
        guard DurationText.parse(fsyncInterval) != nil else { throw ValidationError("--fsync-interval must be a duration such as 100ms") }
    }

    func recording() throws -> ScenarioRun.Recording? {
        guard let record else { return nil }
        let options = JournalWriter.Options(codec: BlockCodec(name: codec)!, level: level, blockBytes: blockSize,
                                            fsyncIntervalNanoseconds: DurationText.parse(fsyncInterval))
        return ScenarioRun.Recording(path: record, writer: options, signals: recordSignals)
    }
}
