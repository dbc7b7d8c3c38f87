#if canImport(Glibc)
import Glibc
#endif
import FuzzSupport
import Kernel
import Messages
import Scenarios

/// libFuzzer target: the bytes are a log file. Runs what `metronome log inspect`, `log cat`,
/// `log verify --no-replay` and `log recover` run on it — open, read the trailer and index, seek,
/// read and print every record, verify, recover, and verify the recovered log — first on the
/// bytes as given, then once more with every checksum in them made valid (``ChecksumRepair``),
/// so that mutations reach the decoders behind the checksums instead of stopping at the first
/// one. Any error is fine; a trap, a crash or a hang is a finding.
///
/// A saved input is the bytes before the repair; to get the log the CLI would be given, rerun it
/// with `METRONOME_FUZZ_REPAIRED_LOG=path` set: the repaired bytes are written there first.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJournalReader(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    let repaired = ChecksumRepair.repaired(bytes)
    if let path = getenv("METRONOME_FUZZ_REPAIRED_LOG") {
        _ = repaired.withUnsafeBytes { ScratchFile(path: String(cString: path)).replaceContent(with: $0) }
    }
    JournalReaderFuzzer.exercise(bytes)
    if repaired != bytes { JournalReaderFuzzer.exercise(repaired) }
    return 0
}

enum JournalReaderFuzzer {
    static let input = ScratchFile(name: "input.mlog")
    static let recovered = ScratchFile(name: "recovered.mlog")

    static func exercise(_ bytes: [UInt8]) {
        guard bytes.withUnsafeBytes({ input.replaceContent(with: $0) }) else { return }
        readEverything(path: input.path)
        guard (try? JournalRecovery.recover(input: input.path, output: recovered.path)) != nil else { return }
        readEverything(path: recovered.path)
    }

    /// Everything the `log` commands read, in their order.
    static func readEverything(path: String) {
        guard let reader = try? JournalReader(path: path) else { return }
        let header = reader.header
        _ = reader.readTrailer()
        for offset: UInt64 in [0, 1, 60_000_000_000, 3_600_000_000_000] {
            _ = try? reader.seek(to: header.startTime &+ offset)
        }
        printRecords(reader)
        let report = JournalVerification.verify(reader)
        _ = report.problems.count
        _ = report.damage?.description
    }

    /// `log cat`: every record as its NDJSON line, until the first error.
    static func printRecords(_ reader: JournalReader) {
        var cursor = reader.blocks()
        var characters = 0
        while let block = try? cursor.next() {
            var records = block.records
            while let record = records.next() {
                characters &+= JournalRecordText.line(for: record, header: reader.header).utf8.count
            }
            if let error = records.error { characters &+= error.description.utf8.count }
        }
        if let damage = cursor.damage { characters &+= damage.description.utf8.count }
        blackHole(characters)
    }

    @inline(never)
    static func blackHole(_ value: Int) { if value == -1 { print(value) } }
}
