import Foundation
import Kernel
import Messages
import Synchronization

/// The checking pass of a large plain tick file on two cores: the file is cut at the first line
/// break past its middle, the second part is checked on a thread of its own while the calling
/// thread checks the first, and each part keeps its checked records in a spill of its own
/// (``CheckedPart``), read one after the other by the run. What the run reads does not
/// depend on the cut: the records are the file's, in file order.
///
/// A part after the first knows nothing of the lines before it, so the cut is given up — and the
/// file checked in one pass, as before — whenever that could matter: an unsided trade in the
/// second part (the Lee–Ready rule reads the quotes before it), or any error there (its message
/// must name the line in the whole file, and an earlier error in the first part goes first).
/// The result is the same records, or the same error, as one pass; only the time differs.
enum SplitCheck {
    /// Smaller files are checked in one pass: a thread costs more than it saves.
    static let minimumBytes = 8 << 20

    /// The second part's work and what it hands back; `stop` tells both parts the cut is given up.
    private final class Job: @unchecked Sendable {
        let path: String
        let range: Range<Int>
        let settings: TickCSVReader.Settings
        let stop = Atomic<Bool>(false)
        var part: CheckedPart?

        init(path: String, range: Range<Int>, settings: TickCSVReader.Settings) {
            self.path = path
            self.range = range
            self.settings = settings
        }

        func run() {
            guard let lines = try? DataFileLines(path: path, byteRange: range) else { return stop.store(true, ordering: .relaxed) }
            var reader = TickCSVReader(lines: lines, file: path, settings: settings, continuing: true)
            // The first inferred side gives the cut up: it needed the quotes before the cut.
            part = try? CheckedPart.check(&reader, origin: path, spilling: true) { reader, count in
                reader.sidesInferred > 0 || SplitCheck.isGivenUp(stop, count: count)
            }
            if part?.spill == nil { stop.store(true, ordering: .relaxed) }
        }
    }

    /// The checked parts of the tick file at `path`, or nil when it is not cut (compressed, small,
    /// one core, no line break past the middle, no thread to be had) or the cut is given up.
    /// - Throws: the first part's error (the file's first bad row is there, with its line).
    static func tickCSV(path: String, settings: TickCSVReader.Settings, minimumBytes: Int = SplitCheck.minimumBytes) throws -> [CheckedPart]? {
        guard DataFileText.Compression(path: path) == .none, ProcessInfo.processInfo.activeProcessorCount >= 2,
              let size = fileSize(path), size >= minimumBytes, let cut = lineStart(after: size / 2, in: path, size: size) else { return nil }
        let job = Job(path: path, range: cut..<size, settings: settings)
        let retained = Unmanaged.passRetained(job).toOpaque()
        var thread = pthread_t()
        // The thread only checks bytes [cut, size) into a spill of its own; what the run reads is fixed by the file.
        let created = pthread_create(&thread, nil, { raw in  // det-ok: checks a part of a data file before the run; no kernel state
            Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, retained)
        guard created == 0 else {
            Unmanaged<Job>.fromOpaque(retained).release()
            return nil
        }
        let first: CheckedPart?
        do {
            var reader = TickCSVReader(lines: try DataFileLines(path: path, byteRange: 0..<cut), file: path, settings: settings)
            first = try CheckedPart.check(&reader, origin: path, spilling: true) { _, count in SplitCheck.isGivenUp(job.stop, count: count) }
        } catch {
            job.stop.store(true, ordering: .relaxed)
            pthread_join(thread, nil)
            throw error
        }
        pthread_join(thread, nil)
        guard let first, first.spill != nil, let second = job.part, !job.stop.load(ordering: .relaxed) else { return nil }
        return [first, second]
    }

    /// Whether the cut has been given up, looked at every 4,096 records (an atomic load per record
    /// would cost more than the answer is worth sooner).
    @inline(__always)
    private static func isGivenUp(_ stop: borrowing Atomic<Bool>, count: Int) -> Bool {
        count & 4_095 == 0 && stop.load(ordering: .relaxed)
    }

    private static func fileSize(_ path: String) -> Int? {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : nil
    }

    /// The offset just past the first `\n` at or after `offset`: the start of a line; nil when
    /// there is none before the end.
    private static func lineStart(after offset: Int, in path: String, size: Int) -> Int? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var position = offset
        while position < size {
            let read = block.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, off_t(position)) }
            guard read > 0 else { return nil }
            if let index = block[..<read].firstIndex(of: 0x0A) { return position + index + 1 < size ? position + index + 1 : nil }
            position += read
        }
        return nil
    }
}
